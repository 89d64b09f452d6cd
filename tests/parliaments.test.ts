// House styles as data: papers of the Bundestag and of the Niedersächsischer Landtag read
// through their profiles (real texts in tests/fixtures/text), and the text-input helpers
// that real renditions need (pages without form feeds, letter-spaced headings).
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { splitPages, textToLayout, unspaceLetters } from '../src/extract/text.js';
import { transform } from '../src/transform/index.js';
import { nominative, PARLIAMENTS, profileOf } from '../src/transform/profile.js';
import { extractWideFootnotes } from '../src/transform/wide-footnotes.js';

const TEXT = fileURLToPath(new URL('./fixtures/parliaments/', import.meta.url));
const read = (name: string) => transform(textToLayout(readFileSync(TEXT + name, 'utf8')));

describe('text renditions', () => {
  it('reads letter-spaced headings as words and leaves other lines alone', () => {
    expect(unspaceLetters('V o r b e m e r k u n g  d e r  B u n d e s r e g i e r u n g')).toBe('Vorbemerkung der Bundesregierung');
    expect(unspaceLetters('V o r b e m e r k u n g  d e r  B u n d e s r e g i e r u n g :')).toBe('Vorbemerkung der Bundesregierung:');
    expect(unspaceLetters('1 2 3 4 5 6')).toBe('1 2 3 4 5 6');
    expect(unspaceLetters('a) des Alters,')).toBe('a) des Alters,');
  });

  it('splits a text without form feeds at its repeated running head', () => {
    const head = 'Niedersächsischer Landtag – 19. Wahlperiode Drucksache 19/1 ';
    const pages = splitPages(`${head}\n \n1 \nText one.\n\n${head}\n \n2 \nText two.`);
    expect(pages.length).toBe(2);
    expect(pages[1].startsWith(head)).toBe(true);
    // A short first line (no running head) does not split.
    expect(splitPages('Antwort\nx\nAntwort\ny').length).toBe(1);
  });
});

describe('house-style data', () => {
  it('knows every parliament by its code', () => {
    expect(PARLIAMENTS.map((p) => p.code).sort()).toEqual(
      ['BB', 'BE', 'BR', 'BT', 'BW', 'BY', 'HB', 'HE', 'HH', 'MV', 'NI', 'NW', 'RP', 'SH', 'SL', 'SN', 'ST', 'TH'],
    );
    expect(profileOf('BT')?.government).toBe('Bundesregierung');
    expect(profileOf('XX')).toBeNull();
  });

  it('names the answering body in the nominative', () => {
    expect(nominative('des Niedersächsischen Ministeriums für Soziales, Arbeit, Gesundheit und Gleichstellung'))
      .toBe('Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung');
    expect(nominative('des Niedersächsischen Justizministeriums')).toBe('Niedersächsisches Justizministerium');
    expect(nominative('der Niedersächsischen Staatskanzlei')).toBe('Niedersächsische Staatskanzlei');
    expect(nominative('des Bundesministeriums des Innern')).toBe('Bundesministerium des Innern');
    expect(nominative('des Auswärtigen Amts')).toBe('Auswärtiges Amt');
    expect(nominative('des Presse- und Informationsamtes der Bundesregierung')).toBe('Presse- und Informationsamt der Bundesregierung');
  });
});

describe('a Bundestag answer (the Bundestag\'s own text rendition)', () => {
  const { doc } = read('bt-21-308.txt');

  it('reads the header, the askers with their Fraktion and the answering body from the page-1 footer', () => {
    const m = doc.meta;
    expect([m.parliament, m.drucksache, m.wahlperiode, m.docType, m.date, m.kaDrucksache]).toEqual(['BT', '21/308', 21, 'antwort_kleine_anfrage', '2025-05-27', '21/147']);
    expect(m.title).toBe('Antidiskriminierungsstelle des Bundes – Stand: 31. Dezember 2024');
    expect(m.askers.map((a) => [a.name, a.faction])).toEqual([['Stephan Brandner', 'AfD']]);
    expect([m.answeredBy, m.letterDate]).toEqual(['Bundesministerium für Bildung, Familie, Senioren, Frauen und Jugend', '2025-05-27']);
  });

  it('finds questions without markers, with their sub-questions, and the grouped answer "3a bis 3f"', () => {
    expect(doc.questions.map((q) => q.number)).toEqual([1, 2, 3, 4]);
    expect(doc.questions[2].text).toContain('f) der sexuellen Identität');
    expect(doc.questions[2].text.endsWith('angeben)?')).toBe(true);
    expect(doc.answers.map((a) => a.questions)).toEqual([[1], [2], [3], [4]]);
    expect(doc.answers[2].text.startsWith('Die Fragen 3a bis 3f werden gemeinsam beantwortet.')).toBe(true);
  });

  it('leaves the page-1 footer and the imprint out of the answers', () => {
    const all = doc.answers.map((a) => a.text).join('\n');
    expect(all).not.toMatch(/Die Antwort wurde namens|Schrifttype|Gesamtherstellung|Vertrieb:|ISSN/);
    expect(doc.answers[3].text.endsWith('beiratsmitglieder_node.html.')).toBe(true);
  });

  it('answers questions printed out of order together ("Die Fragen 28 und 33")', () => {
    const long = read('bt-21-965.txt').doc;
    expect(long.questions.map((q) => q.number)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
    expect(long.answers.map((a) => a.questions.join(','))).toContain('28,33');
    expect(long.answers[1].questions.length).toBe(25);
  });
});

describe('a Niedersachsen answer (a PDF text tool\'s rendition: running heads, no form feeds)', () => {
  const { doc } = read('ni-19-11193.txt');

  it('reads the header phrases of the profile', () => {
    const m = doc.meta;
    expect([m.parliament, m.drucksache, m.docType, m.kaDate, m.kaDrucksache, m.letterDate, m.dateIssued])
      .toEqual(['NI', '19/11193', 'antwort_kleine_anfrage', '2026-06-29', '19/11054', '2026-07-15', '2026-07-17']);
    expect(m.title).toBe('Kinderschutzgesetz in Niedersachsen: Weshalb konnte der angekündigte Zeitplan nicht eingehalten werden?');
    expect(m.askers.map((a) => [a.name, a.faction])).toEqual([['Sophie Ramdor', 'CDU'], ['Eike Holsten', 'CDU']]);
    expect(m.answeredBy).toBe('Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung');
  });

  it('takes the footnotes from the page foot and the running head out of the text', () => {
    expect(doc.footnotes.map((f) => f.marker)).toEqual(['1', '2']);
    expect(doc.questions.map((q) => q.number)).toEqual([1, 2, 3]);
    expect(doc.answers.map((a) => a.text).join('\n')).not.toContain('Niedersächsischer Landtag – 19. Wahlperiode');
  });
});

describe('a Landtag whose house style is not yet checked on real papers', () => {
  const paper = (asker: string) => `Thüringer Landtag Drucksache 7/1234
7. Wahlperiode 01.02.2023

Antwort des Thüringer Ministeriums für Inneres und Kommunales vom 30.01.2023 auf die Kleine Anfrage 7/999${asker}

Ein Titel

1. Wie viele Fragen gibt es?

Eine.
`;

  it('is read with the general phrases of its profile', () => {
    const { doc } = transform(textToLayout(paper(' des Abgeordneten Max Muster (AfD)')));
    const m = doc.meta;
    expect([m.parliament, m.drucksache, m.docType, m.answeredBy, m.letterDate])
      .toEqual(['TH', '7/1234', 'antwort_kleine_anfrage', 'Thüringer Ministerium für Inneres und Kommunales', '2023-01-30']);
    expect(m.askers.map((a) => [a.name, a.faction])).toEqual([['Max Muster', 'AfD']]);
    expect([doc.questions.length, doc.answers.length]).toEqual([1, 1]);
  });

  it('breaks the paragraphs of a text without blank lines', () => {
    const qa = Array.from({ length: 12 }, (_, i) => `${i + 1}. Wie lautet die Frage Nummer ${i + 1}?\nDie Antwort lautet ${i + 1}.`).join('\n');
    const { doc } = transform(textToLayout(paper(' des Abgeordneten Max Muster (AfD)').replace(/\n\n/g, '\n').replace(/1\. Wie viele[^]*$/, qa)));
    expect(doc.questions.map((q) => q.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(doc.answers.map((a) => a.text)).toEqual(Array.from({ length: 12 }, (_, i) => `Die Antwort lautet ${i + 1}.`));
  });

  it('loads a paper as partial, saying what its general phrases did not find', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drucksachen-th-'));
    try {
      writeFileSync(join(dir, 'th.txt'), paper(''));
      const db = join(dir, 'x.sqlite');
      expect(await main(['ingest', join(dir, 'th.txt'), '--db', db, '--quiet', '--jobs', '1'], { out: () => {}, err: () => {} })).toBe(0);
      const d = new Database(db, { readonly: true });
      const row = d.prepare('SELECT parliament, status, error FROM v_documents').get() as { parliament: string; status: string; error: string };
      d.close();
      expect([row.parliament, row.status]).toEqual(['TH', 'partial']);
      expect(row.error).toContain('not yet checked on real papers; not found: askers');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('contract: v_parliaments and v_documents.parliament', () => {
  it('lists every parliament with code and name, and documents carry the code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drucksachen-parl-'));
    try {
      const db = join(dir, 'x.sqlite');
      const io = { out: () => {}, err: () => {} };
      const code = await main(['ingest', TEXT + 'bt-21-308.txt', TEXT + 'ni-19-11193.txt', '--db', db, '--quiet', '--jobs', '1'], io);
      expect(code).toBe(0);
      const d = new Database(db, { readonly: true });
      const parl = d.prepare('SELECT code, name FROM v_parliaments ORDER BY code').all() as { code: string; name: string }[];
      expect(parl.length).toBe(18);
      expect(parl.find((p) => p.code === 'NI')?.name).toBe('Niedersächsischer Landtag');
      const docs = d.prepare('SELECT parliament, status FROM v_documents ORDER BY parliament').all();
      expect(docs).toEqual([{ parliament: 'BT', status: 'ok' }, { parliament: 'NI', status: 'ok' }]);
      d.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('questions and answers in a rendition without blank lines', () => {
  const bt = (body: string) => transform(textToLayout(`Deutscher Bundestag Drucksache 21/9
21. Wahlperiode 01.07.2025
Antwort 
der Bundesregierung 
auf die Kleine Anfrage der Abgeordneten Anna Beispiel, Bert Muster, weiterer Abgeordneter und der 
Fraktion der AfD
– Drucksache 21/8 –
Ein Titel
V o r b e m e r k u n g  d e r  F r a g e s t e l l e r
Ein Satz der Fragesteller.
${body}
Die Antwort wurde namens der Bundesregierung mit Schreiben des Auswärtigen Amts vom 30. Juni 2025 übermittelt.
Gesamtherstellung: Druckerei
ISSN 0722-8333`)).doc;

  it('ends a question at "? Bitte … aufschlüsseln." and at "(wenn ja, bitte …)."', () => {
    const doc = bt(`1. Wie viele Fälle gab es? Bitte nach
Jahren aufschlüsseln.
Es gab zwei Fälle.
2. Gibt es Pläne (wenn ja, bitte
erläutern).
Nein.`);
    expect(doc.questions.map((q) => q.text)).toEqual(['Wie viele Fälle gab es? Bitte nach Jahren aufschlüsseln.', 'Gibt es Pläne (wenn ja, bitte erläutern).']);
    expect(doc.answers.map((a) => [a.questions, a.text])).toEqual([[[1], 'Es gab zwei Fälle.'], [[2], 'Nein.']]);
    expect([doc.meta.answeredBy, doc.meta.letterDate]).toEqual(['Auswärtiges Amt', '2025-06-30']);
    expect(doc.meta.askers.map((a) => [a.name, a.faction])).toEqual([['Anna Beispiel', 'AfD'], ['Bert Muster', 'AfD']]);
  });

  it('an "Anlage N zu Frage M" heading is its own paragraph, and a numbered row in that Anlage is no question', () => {
    const doc = bt(`1. Wie viele Fälle gab es?
Es gab zwei Fälle.
2. Welche Berichte gab es?
Die Berichte sind in Anlage 1 aufgeführt.
Anlage 1 zu Frage 2 der Kleinen Anfrage der Fraktion der AfD BT-Drs. 21/8
Titel Datum
3. Bericht über die Lage 12/2024
Zweiter Bericht 01/2025`);
    expect(doc.questions.map((q) => [q.number, q.text])).toEqual([[1, 'Wie viele Fälle gab es?'], [2, 'Welche Berichte gab es?']]);
    expect(doc.answers.map((a) => a.questions)).toEqual([[1], [2]]);
    expect(doc.answers[1].text).toMatch(/^Die Berichte sind in Anlage 1 aufgeführt\.\n\nAnlage 1 zu Frage 2 /);
  });

  it('an Anlage printed between two answers does not end the questions', () => {
    const doc = bt(`1. Welche Berichte gab es?
Sie stehen in Anlage 1.
Anlage 1 zu Frage 1
Titel Datum
Bericht über die Lage 12/2024
2. Und sonst?
Nichts.`);
    expect(doc.questions.map((q) => [q.number, q.text])).toEqual([[1, 'Welche Berichte gab es?'], [2, 'Und sonst?']]);
    expect(doc.answers.map((a) => [a.questions, a.text])).toEqual([[[1], expect.stringMatching(/^Sie stehen in Anlage 1\.\n\nAnlage 1 zu Frage 1/)], [[2], 'Nichts.']]);
  });

  it('"vgl. / Anlage 2 zu Frage 3 auf Drucksache 20/7958):" inside a question is no heading', () => {
    const doc = bt(`1. Wofür wurden die Mittel verwendet (bitte Maßnahmen angeben, vgl.
Anlage 2 zu Frage 3 auf Bundestagsdrucksache 20/7958), und wird das Projekt weiter gefördert?
Ja.
2. Und sonst?
Nichts.`);
    expect(doc.questions.map((q) => q.number)).toEqual([1, 2]);
    expect(doc.questions[0].text).toBe('Wofür wurden die Mittel verwendet (bitte Maßnahmen angeben, vgl. Anlage 2 zu Frage 3 auf Bundestagsdrucksache 20/7958), und wird das Projekt weiter gefördert?');
  });

  it('groups "Die Fragen 1 bis 1b" under question 1 and gives a later sub-question its own answer', () => {
    const doc = bt(`1. Wie viele Fälle gab es?
a) Wo?
b) Wann?
Die Fragen 1 bis 1b werden gemeinsam beantwortet.
Es gab zwei Fälle.
c) Warum?
Das ist nicht bekannt.
2. Und sonst?
Nichts.`);
    expect(doc.questions.map((q) => q.number)).toEqual([1, 2]);
    expect(doc.questions[0].text).toBe('Wie viele Fälle gab es? a) Wo? b) Wann? c) Warum?');
    expect(doc.answers.map((a) => [a.questions, a.text.replace(/\s+/g, ' ')])).toEqual([
      [[1], 'Die Fragen 1 bis 1b werden gemeinsam beantwortet. Es gab zwei Fälle.'],
      [[1], 'Das ist nicht bekannt.'],
      [[2], 'Nichts.'],
    ]);
  });

  it('takes questions printed out of order into their joint answer', () => {
    const doc = bt(`1. Erste Frage?
3. Dritte Frage?
Die Fragen 1 und 3 werden gemeinsam beantwortet.
2. Zweite Frage?
Antwort zwei.`);
    expect(doc.questions.map((q) => q.number)).toEqual([1, 2, 3]);
    expect(doc.answers.map((a) => a.questions)).toEqual([[1, 3], [2]]);
  });

  it('takes a question printed one number early after an answer ("2." before "1." is answered on its own)', () => {
    const doc = bt(`1. Erste Frage?
Antwort eins.
3. Dritte Frage?
Antwort drei.
2. Zweite Frage?
Antwort zwei.
4. Vierte Frage?
Antwort vier.`);
    expect(doc.questions.map((q) => q.number)).toEqual([1, 2, 3, 4]);
    expect(doc.answers.map((a) => [a.questions, a.text])).toEqual([[[1], 'Antwort eins.'], [[3], 'Antwort drei.'], [[2], 'Antwort zwei.'], [[4], 'Antwort vier.']]);
  });

  it('goes on after a question that the text lacks', () => {
    const doc = bt(`1. Erste Frage?
Antwort eins.
3. Dritte Frage?
Antwort drei.
4. Vierte Frage?
Antwort vier.
5. Fünfte Frage?
Antwort fünf.`);
    expect(doc.questions.map((q) => q.number)).toEqual([1, 3, 4, 5]);
    expect(doc.answers.map((a) => a.questions)).toEqual([[1], [3], [4], [5]]);
  });

  it('reads the answering body from a footer without "namens" and from one glued into a line', () => {
    const footer = 'Die Antwort wurde mit Schreiben des Bundeskanzleramtes vom 30. Juni 2025 übermittelt. Die Drucksache enthält\nzusätzlich – in kleinerer Schrifttype – den Fragetext.';
    const text = (f: string) => `Deutscher Bundestag Drucksache 21/9\n21. Wahlperiode 01.07.2025\nAntwort\nder Bundesregierung\nauf die Kleine Anfrage der Abgeordneten Anna Beispiel und der Fraktion der AfD\n– Drucksache 21/8 –\nEin Titel\n1. Frage?\nAntwort eins.\n${f}\nNoch ein Satz.`;
    const a = transform(textToLayout(text(footer))).doc;
    expect([a.meta.answeredBy, a.meta.letterDate]).toEqual(['Bundeskanzleramt', '2025-06-30']);
    expect(a.answers[0].text).toBe('Antwort eins. Noch ein Satz.');
    const b = transform(textToLayout(text('ZuständigDie Antwort wurde namens der Bundesregierung mit Schreiben des Bundesministeriums des Innern\nvom 8. August 2025 übermittelt.'))).doc;
    expect([b.meta.answeredBy, b.meta.letterDate]).toEqual(['Bundesministerium des Innern', '2025-08-08']);
  });

  it('reads a single unnumbered question as question 1', () => {
    const doc = bt(`Welche Noten wurden für die Jahre
2021 bis 2024 festgestellt (bitte angeben)?
Die Noten stehen in der Übersicht.`);
    expect(doc.questions.map((q) => [q.number, q.text])).toEqual([[1, 'Welche Noten wurden für die Jahre 2021 bis 2024 festgestellt (bitte angeben)?']]);
    expect(doc.answers.map((a) => [a.questions, a.text])).toEqual([[[1], 'Die Noten stehen in der Übersicht.']]);
  });
});

describe('footnotes of a rendition without pages (wide lines where the page ended)', () => {
  const line = (text: string) => ({ text, page: 1, words: [] });
  const body = 'Ein ganz gewöhnlicher Satz des Textes mit etwa siebzig Zeichen Länge.';

  it('takes a wide numbered line that the text refers to, with its wide continuation', () => {
    const note = `1 vgl. Muster, Anna (2021): Ein langer Titel einer Studie, in: Zeitschrift für Statistik, 73. Jg., Nr. 3, S. 106–124., www.example.org/studie.pdf,`;
    const pages = [[line(body), line(body), line(`Das ist so auszugehen1. Befragte Unternehmen gaben an, dass es so ist und der Um-`),
      line(note), line('abgerufen am 1. Mai 2025.'), line('satz steigt.'), line(body)]];
    const { pages: kept, footnotes } = extractWideFootnotes(pages);
    expect(footnotes.map((f) => [f.marker, f.text])).toEqual([['1', `${note.slice(2)} abgerufen am 1. Mai 2025.`]]);
    expect(kept[0].map((l) => l.text)).toEqual([body, body, pages[0][2].text, 'satz steigt.', body]);
  });

  it('leaves table rows alone: a number after the marker, or a row that ends in a number', () => {
    const row = '1 Berlin Mitte und Umgebung mit sehr vielen Zellen und noch mehr Text in dieser Zeile 1 2 3 4 5 6 7 8 9 10 11 12';
    const pages = [[line(body), line('Landwirtschaft1 14. bis 28. Juni 2024'), line(row), line(body)]];
    expect(extractWideFootnotes(pages).footnotes).toEqual([]);
  });
});

describe('an answer that is a table only', () => {
  it('keeps the question answered, with the table linked to it', () => {
    // Question 1 followed directly by its table (the prose before the table removed), then question 2.
    const text = readFileSync(TEXT + 'bt-21-1348.txt', 'utf8').replace(/(Bundesländern aufschlüsseln\)\?\s*\n)[^]*?(?=Bundesländer zugewiesen)/, '$1');
    const { doc } = transform(textToLayout(text));
    const one = doc.answers.find((a) => a.questions.includes(1));
    expect(one).toMatchObject({ questions: [1], text: '' });
    expect(doc.tables.filter((t) => t.questions?.includes(1))).toHaveLength(1);
    expect(doc.answers.map((a) => a.questions.join(','))).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('a question without an answer', () => {
  it('is said as a coded message with its page', () => {
    // The paper cut after question 5: nothing answers it.
    const text = readFileSync(TEXT + 'bt-21-1348.txt', 'utf8').replace(/(der geförderten Sirenenprojekte vor\?)[^]*$/, '$1\n');
    const { doc, messages } = transform(textToLayout(text));
    expect(doc.questions.map((q) => q.number)).toEqual([1, 2, 3, 4, 5]);
    const unanswered = messages.filter((m) => m.code === 'qa.unanswered');
    expect(unanswered).toEqual([{ severity: 'warning', stage: 'qa', code: 'qa.unanswered', text: 'question 5 has no answer that names it', page: 1 }]);
  });
});
