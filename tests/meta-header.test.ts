// Header metadata rules (issue: metadata, people and ministries, document types),
// on documents the tests build in the NRW house style.
import { describe, expect, it } from 'vitest';
import { textToLayout } from '../src/extract/text.js';
import { transform } from '../src/transform/index.js';
import { ministryOf, parseAskers } from '../src/transform/meta.js';
import { findReferences } from '../src/transform/references.js';
import { answerHead } from './support/answer-text.js';

const run = (text: string) => transform(textToLayout(text)).doc;

const ANSWER = `LANDTAG NORDRHEIN-WESTFALEN Drucksache 18/1234
18. Wahlperiode 03.02.2024

2. Neudruck

Antwort

der Landesregierung

auf die Kleine Anfrage 456 vom 5. Januar 2024
der Abgeordneten Dr. Anna Beispiel, Bernd Muster und
Carla Probe SPD und Dieter Test GRÜNE
Drucksache 18/1111

Ein Titel über zwei
Zeilen

Der Chef der Staatskanzlei hat die Kleine Anfrage 456 mit Schreiben vom 2. Februar 2024 namens der Landesregierung im Einvernehmen mit dem Minister der Finanzen und dem Ministerium des Innern beantwortet.

1. Wie viele?

Siehe vgl. Drs. 18/999 und Vorlage 18/77 sowie APr 18/5; KA 4321.
`;

describe('header of an answer', () => {
  const doc = run(ANSWER);

  it('reads number, Wahlperiode, date, Neudruck, type and the Anfrage', () => {
    const m = doc.meta;
    expect([m.parliament, m.drucksache, m.wahlperiode, m.date, m.neudruck, m.docType, m.kaNumber, m.kaDate, m.kaDrucksache, m.title])
      .toEqual(['NW', '18/1234', 18, '2024-02-03', 2, 'antwort_kleine_anfrage', 456, '2024-01-05', '18/1111', 'Ein Titel über zwei Zeilen']);
  });

  it('reads several askers over two lines, with titles and several Fraktionen normalised', () => {
    expect(doc.meta.askers.map((p) => [p.name, p.faction, p.factionAsWritten])).toEqual([
      ['Dr. Anna Beispiel', 'SPD', 'SPD'],
      ['Bernd Muster', 'SPD', 'SPD'],
      ['Carla Probe', 'SPD', 'SPD'],
      ['Dieter Test', 'BÜNDNIS 90/DIE GRÜNEN', 'GRÜNE'],
    ]);
  });

  it('reads the answering role, its ministry, the concurring parties and the letter date', () => {
    const m = doc.meta;
    expect([m.answeredBy, m.ministry, m.concurring, m.letterDate])
      .toEqual(['Chef der Staatskanzlei', 'Staatskanzlei', ['Minister der Finanzen', 'Ministerium des Innern'], '2024-02-02']);
  });

  it('keeps references to other papers', () => {
    expect(doc.references.map((r) => `${r.kind}:${r.target}`).sort()).toEqual(
      ['ausschussprotokoll:18/5', 'drucksache:18/1111', 'drucksache:18/999', 'kleine_anfrage:4321', 'kleine_anfrage:456', 'vorlage:18/77'],
    );
  });
});

describe('answering roles', () => {
  it.each([
    ['Minister für Wirtschaft, Innovation, Digitalisierung und Energie', 'Ministerium für Wirtschaft, Innovation, Digitalisierung und Energie'],
    ['Ministerin für Schule und Bildung', 'Ministerium für Schule und Bildung'],
    ['Minister der Justiz', 'Ministerium der Justiz'],
    ['Ministerpräsident', 'Staatskanzlei'],
    ['Finanzminister', 'Ministerium der Finanzen'],
    ['Landrat', null],
  ])('%s → %s', (role, ministry) => expect(ministryOf(role)).toBe(ministry));

  it('reads a Ministerin without concurring parties', () => {
    const doc = run(ANSWER.replace(/Der Chef der Staatskanzlei hat[^\n]*/, 'Die Ministerin für Schule und Bildung hat die Kleine Anfrage 456 mit Schreiben vom 02.02.2024 namens der Landesregierung beantwortet.'));
    expect([doc.meta.answeredBy, doc.meta.concurring, doc.meta.letterDate]).toEqual(['Ministerin für Schule und Bildung', [], '2024-02-02']);
  });
});

describe('askers', () => {
  it.each([
    ['Lisa-Kristin Kapteinat SPD', [['Lisa-Kristin Kapteinat', 'SPD']]],
    ['Matthi Bolte-Richter BÜNDNIS 90/DIE GRÜNEN', [['Matthi Bolte-Richter', 'BÜNDNIS 90/DIE GRÜNEN']]],
    ['A. Eins, B. Zwei und C. Drei FDP', [['A. Eins', 'FDP'], ['B. Zwei', 'FDP'], ['C. Drei', 'FDP']]],
    ['Eva Eins AfD und Max Zwei fraktionslos', [['Eva Eins', 'AfD'], ['Max Zwei', 'fraktionslos']]],
    ['Prof. Dr. Rita Drei CDU', [['Prof. Dr. Rita Drei', 'CDU']]],
    ['Otto Ohne', [['Otto Ohne', null]]],
    ['Anna Beispiel (SPD) und Max Muster (Grüne)', [['Anna Beispiel', 'SPD'], ['Max Muster', 'BÜNDNIS 90/DIE GRÜNEN']]],
    ['Karl Klammer (Köln) CDU', [['Karl Klammer (Köln)', 'CDU']]],
  ])('%s', (s, want) => expect(parseAskers(s).map((p) => [p.name, p.faction])).toEqual(want));
});

describe('document types', () => {
  it('reads a question paper with its Neudruck date in brackets', () => {
    const doc = run(`LANDTAG NORDRHEIN-WESTFALEN Drucksache 18/2000
18. Wahlperiode

 01.03.2024

Neudruck (05.03.2024)

Kleine Anfrage 777

der Abgeordneten Eva Eins AfD

Ein Titel

Vorwort mit Zitat:

„1. Eine alte Frage?

2. Noch eine alte Frage?“

Ich frage die Landesregierung:

1. Eine neue Frage?

2. Eine zweite neue Frage?
`);
    const m = doc.meta;
    expect([m.docType, m.neudruck, m.neudruckDate, m.kaNumber, m.kaDate, m.kaDrucksache, m.title, m.askers.map((a) => a.name)])
      .toEqual(['kleine_anfrage', 1, '2024-03-05', 777, '2024-03-01', null, 'Ein Titel', ['Eva Eins']]);
    expect(doc.questions.map((q) => [q.number, q.text])).toEqual([[1, 'Eine neue Frage?'], [2, 'Eine zweite neue Frage?']]);
    expect(doc.answers).toEqual([]);
  });

  it('reads the answer to a Große Anfrage asked by a Fraktion', () => {
    const doc = run(`LANDTAG NORDRHEIN-WESTFALEN Drucksache 16/8338
16. Wahlperiode 10.04.2015

Antwort

der Landesregierung

auf die Große Anfrage 13
der Fraktion der CDU
Drucksache 16/7452

Europäisierung der Polizeiarbeit

Vorbemerkung der Landesregierung

Allgemeines.

1. Erste Frage?

Erste Antwort.
`);
    const m = doc.meta;
    expect([m.docType, m.kaNumber, m.kaDrucksache, m.title, m.askers]).toEqual(['antwort_grosse_anfrage', 13, '16/7452', 'Europäisierung der Polizeiarbeit', []]);
    expect(doc.preliminary).toBe('Allgemeines.');
    expect(doc.answers.map((a) => [a.questions, a.text])).toEqual([[[1], 'Erste Antwort.']]);
  });

  it('recognises a Plenarprotokoll and loads only its metadata', () => {
    const doc = run(`Landtag Nordrhein-Westfalen
17. Wahlperiode

Plenarprotokoll 17/95

95. Sitzung

1. Punkt der Tagesordnung
`);
    expect([doc.meta.docType, doc.meta.drucksache, doc.meta.wahlperiode, doc.questions.length]).toEqual(['plenarprotokoll', '17/95', 17, 0]);
  });

  it('reads a paper of a parliament without a house style with the general rules, under its code', () => {
    const doc = run(`Bayerischer Landtag Drucksache 20/4321
20. Wahlperiode 12.10.2022

Antwort

der Bundesregierung

1. Eine Frage?

Eine Antwort.
`);
    expect([doc.meta.parliament, doc.meta.drucksache, doc.meta.wahlperiode, doc.meta.date, doc.questions.length, doc.answers.length])
      .toEqual(['BY', '20/4321', 20, '2022-10-12', 0, 0]);
  });

  it('calls a Gesetzentwurf "other"', () => {
    const doc = run(`LANDTAG NORDRHEIN-WESTFALEN Drucksache 18/5000
18. Wahlperiode 01.06.2024

Gesetzentwurf

der Landesregierung

Gesetz zur Änderung eines Gesetzes
`);
    expect([doc.meta.docType, doc.meta.drucksache, doc.meta.title]).toEqual(['other', '18/5000', 'Gesetz zur Änderung eines Gesetzes']);
  });
});

describe('references', () => {
  it('finds each (kind, target) once and skips the document itself', () => {
    const refs = findReferences(['vgl. Drs. 18/1 und Drucksache 18/1; Drs. 18/2; Plenarprotokoll 18/3'], { drucksache: '18/2', kaNumber: null });
    expect(refs.map((r) => `${r.kind}:${r.target}`)).toEqual(['drucksache:18/1', 'plenarprotokoll:18/3']);
  });
});

describe('title', () => {
  it('follows the header lines in the same paragraph', () => {
    const doc = run(`LANDTAG NORDRHEIN-WESTFALEN Drucksache 18/1234
18. Wahlperiode 03.02.2024

Antwort
der Landesregierung
auf die Kleine Anfrage 456 vom 5. Januar 2024 des Abgeordneten Max Muster CDU
Drucksache 18/1111
Der Titel in
zwei Zeilen

Vorbemerkung der Kleinen Anfrage

Text.
`);
    expect([doc.meta.title, doc.meta.askers.map((a) => `${a.name} (${a.faction})`), doc.meta.kaDrucksache, doc.meta.kaDate])
      .toEqual(['Der Titel in zwei Zeilen', ['Max Muster (CDU)'], '18/1111', '2024-01-05']);
  });
});

describe('questions and answers', () => {
  it('keeps a numbered list inside an answer out of the questions', () => {
    const doc = run(`${answerHead(1, 'Der Minister für Verkehr')}
1. Welche Schritte sind geplant?

Geplant sind:

1. Planung

2. Bau

2. Wann ist der Bau fertig?

Im Jahr 2030.
`);
    expect(doc.questions.map((q) => [q.number, q.text])).toEqual([[1, 'Welche Schritte sind geplant?'], [2, 'Wann ist der Bau fertig?']]);
    expect(doc.answers.map((a) => [a.questions, a.text])).toEqual([[[1], 'Geplant sind:\n\n1. Planung\n\n2. Bau'], [[2], 'Im Jahr 2030.']]);
  });
});

describe('question layouts', () => {
  const HEAD = answerHead(2, 'Die Ministerin für Schule und Bildung');

  it('reads a number alone on its line and a request in brackets as parts of the question', () => {
    const doc = run(`${HEAD}
1.

Wie viele Schulen gibt es?

(Bitte nach Kreisen aufschlüsseln)

Es gibt 300 Schulen.

Frage 2:

Wie viele Lehrkräfte?

Es gibt 3.000 Lehrkräfte.
`);
    expect(doc.questions.map((q) => [q.number, q.text])).toEqual([
      [1, 'Wie viele Schulen gibt es? (Bitte nach Kreisen aufschlüsseln)'],
      [2, 'Wie viele Lehrkräfte?'],
    ]);
    expect(doc.answers.map((a) => [a.questions, a.text])).toEqual([[[1], 'Es gibt 300 Schulen.'], [[2], 'Es gibt 3.000 Lehrkräfte.']]);
  });
});

describe('answers that name their questions', () => {
  it('reads "Zu Frage 1:" and "Zu den Fragen 2 und 3:" as answers to those questions, restated or not', () => {
    const doc = run(`${answerHead(3)}
Zu Frage 1:

Es gibt 12 Stellen.

Zu den Fragen 2 und 3: Beide Fragen betreffen dieselbe Behörde.

Im Jahr 2023 waren es 5.
`);
    expect(doc.questions).toEqual([]);
    expect(doc.answers.map((a) => [a.questions, a.text])).toEqual([
      [[1], 'Es gibt 12 Stellen.'],
      [[2, 3], 'Beide Fragen betreffen dieselbe Behörde.\n\nIm Jahr 2023 waren es 5.'],
    ]);
  });
});

describe('the header reader takes its windows from the settings', () => {
  it('an override of header.scanParas / header.topLines / header.answererParas changes what is read', async () => {
    const { resolveSettings } = await import('../src/transform/settings.js');
    const withSettings = (header: Record<string, number>) => transform(textToLayout(ANSWER), { settings: resolveSettings({ header }) }).doc.meta;
    const dflt = run(ANSWER).meta;
    expect(dflt.askers.map((p) => p.name)).toEqual(['Dr. Anna Beispiel', 'Bernd Muster', 'Carla Probe', 'Dieter Test']);
    expect(dflt.answeredBy).toBe('Chef der Staatskanzlei');
    // Two paragraphs only: the askers (paragraph 6) are out of the window.
    expect(withSettings({ scanParas: 2 }).askers).toEqual([]);
    // The Drucksache is on the first line: a window of no top lines does not see it.
    expect(dflt.drucksache).toBe('18/1234');
    expect(withSettings({ topLines: 0, drucksacheLines: 0 }).drucksache).toBeNull();
    expect(withSettings({ answererParas: 1 }).answeredBy).toBeNull();
  });

  it('a house style (BT) reads its header within header.profileChars, also through processFile', async () => {
    const { resolveSettings } = await import('../src/transform/settings.js');
    const { processFile } = await import('../src/pipeline.js');
    const path = new URL('./fixtures/parliaments/bt-21-1348.txt', import.meta.url).pathname;
    const dflt = await processFile(path);
    expect([dflt.doc?.meta.docType, dflt.doc?.meta.kaDrucksache]).toEqual(['antwort_kleine_anfrage', '21/1229']);
    // 60 characters of header hold the parliament's name and the number, not the type line.
    const narrow = await processFile(path, { settings: resolveSettings({ header: { profileChars: 60 } }) });
    expect([narrow.doc?.meta.docType, narrow.doc?.meta.kaDrucksache, narrow.doc?.meta.title]).toEqual(['other', null, null]);
  });
});
