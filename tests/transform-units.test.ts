// Unit tests of the transform stage, one block per step, on small inputs built
// here in the NRW house style (text inputs: form feed = page, tab = column).
import { describe, expect, it } from 'vitest';
import { textToLayout } from '../src/extract/text.js';
import type { Line, Table } from '../src/model.js';
import { parseGermanDate } from '../src/common/dates.js';
import { buildFlow, findTabTables } from '../src/transform/flow.js';
import { extractFootnotes } from '../src/transform/footnotes.js';
import { removeFurniture } from '../src/transform/furniture.js';
import { transform } from '../src/transform/index.js';
import { labelKey, normalizeMarker, splitMarker, splitNoteStart } from '../src/transform/markers.js';
import { parseAskers } from '../src/transform/meta.js';
import { joinLines, joinTwo } from '../src/transform/paragraphs.js';
import { parseQuestionList } from '../src/transform/qa.js';
import { checkTotals, classifyCell, columnLabel, countValues, matrixMarks, rowLabel } from '../src/transform/tables/classify.js';
import { parseGermanNumber } from '../src/transform/tables/numbers.js';
import { tableFromTabLines } from '../src/transform/tables/text.js';

const pagesOf = (text: string) => textToLayout(text).pages.map((p) => p.lines);
const texts = (lines: Line[]) => lines.map((l) => l.text);
const run = (text: string) => transform(textToLayout(text));
const lines = (...rows: string[]) => textToLayout(rows.join('\n')).pages[0].lines;

// ---------------------------------------------------------------------------

describe('German dates', () => {
  it('numeric dates, with and without the leading zero and with a two-digit year', () => {
    expect(['28.05.2025', '7.7.2020', 'am 09.05.2023 erstmals', '1. 2. 2021', '31.12.99', '1.1.25'].map(parseGermanDate))
      .toEqual(['2025-05-28', '2020-07-07', '2023-05-09', '2021-02-01', '1999-12-31', '2025-01-01']);
  });

  it('month names, the first date of a text wins', () => {
    expect(['7. Juli 2020', '09. Mai 2023', '17. April 2025', '1. März 2021', '3. Maerz 2021', '2. Jänner 2020', '5. DEZEMBER 2019',
      'vom 28. Mai 2020 und vom 01.06.2020', 'vom 01.06.2020 und vom 28. Mai 2020'].map(parseGermanDate))
      .toEqual(['2020-07-07', '2023-05-09', '2025-04-17', '2021-03-01', '2021-03-03', '2020-01-02', '2019-12-05', '2020-05-28', '2020-06-01']);
  });

  it('invalid dates and texts without a date are null', () => {
    expect(['31.02.2020', '32.01.2020', '29.02.2023', '30. Februar 2020', '12. Foo 2020', '00.01.2020', '15.13.2020', 'Juli 2020', 'keins', '', null, undefined]
      .map(parseGermanDate)).toEqual(Array(12).fill(null));
    expect(parseGermanDate('29.02.2024')).toBe('2024-02-29');
  });
});

describe('German numbers in table cells', () => {
  it('thousands dots, decimal commas, percent and euro', () => {
    expect(['52.413', '1,5', '12,3 %', '12,3%', '1.234.567,89', '800', '−5', '+7', '1 234', '100 €', '0'].map(parseGermanNumber)).toEqual([
      { value: 52413, numeric: true },
      { value: 1.5, numeric: true },
      { value: 12.3, unit: '%', numeric: true },
      { value: 12.3, unit: '%', numeric: true },
      { value: 1234567.89, numeric: true },
      { value: 800, numeric: true },
      { value: -5, numeric: true },
      { value: 7, numeric: true },
      { value: 1234, numeric: true },
      { value: 100, unit: '€', numeric: true },
      { value: 0, numeric: true },
    ]);
  });

  it('"-", "k. A." and the like are numeric cells without a value; words and empty cells are not numeric', () => {
    expect(['-', '–', 'k. A.', 'k.A.', 'n. v.', '/'].map(parseGermanNumber)).toEqual(Array(6).fill({ value: null, numeric: true }));
    expect(['abc', '', '12 Stück', '1.2.3', 'X'].map(parseGermanNumber)).toEqual(Array(5).fill({ value: null, numeric: false }));
  });

  it('cells are classified as empty, mark, number or text (markers split off first)', () => {
    expect(['', 'X', 'x', 'ja', '52.413', '12 ¹⁾', 'k. A.', 'Zoom', '  '].map(classifyCell))
      .toEqual(['empty', 'mark', 'mark', 'mark', 'number', 'number', 'number', 'text', 'empty']);
  });
});

describe('footnote markers', () => {
  it('splits a trailing marker off a label', () => {
    expect(['Zoom ¹⁾', 'Landwirtschaftskammer *', 'Anzahl²', 'Zoom 1)', 'Schulen **', 'Cisco-ViKo (On-Premise)', 'Zoom1)', '¹', '  Zoom  ']
      .map(splitMarker)).toEqual([
      { text: 'Zoom', marker: '1' },
      { text: 'Landwirtschaftskammer', marker: '*' },
      { text: 'Anzahl', marker: '2' },
      { text: 'Zoom', marker: '1' },
      { text: 'Schulen', marker: '**' },
      { text: 'Cisco-ViKo (On-Premise)', marker: null },
      { text: 'Zoom1)', marker: null },
      { text: '¹', marker: null },
      { text: 'Zoom', marker: null },
    ]);
  });

  it('recognises the start of a note, but not a numbered item', () => {
    expect(['1) Der Einsatz von ZOOM im MKFFI erfolgt im Einzelfall.', '* Die Landwirtschaftskammer NRW ist …', '¹ https://www.lidi.nrw.de/x.pdf',
      '¹²⁾ Zwölf', '1. Welche Tools?', 'Der Einsatz', '1)'].map(splitNoteStart)).toEqual([
      { marker: '1', text: 'Der Einsatz von ZOOM im MKFFI erfolgt im Einzelfall.' },
      { marker: '*', text: 'Die Landwirtschaftskammer NRW ist …' },
      { marker: '1', text: 'https://www.lidi.nrw.de/x.pdf' },
      { marker: '12', text: 'Zwölf' },
      null,
      null,
      null,
    ]);
  });

  it('normalises markers and label keys', () => {
    expect(['¹⁾', '²³', '4)', '*'].map(normalizeMarker)).toEqual(['1', '23', '4', '*']);
    expect(labelKey('Zoom ¹⁾')).toBe(labelKey('zoom'));
    expect(labelKey('Landwirtschaftskammer  *')).toBe('landwirtschaftskammer');
    expect(labelKey('Skype for  business (On-Premise)')).toBe('skype for business (on-premise)');
  });
});

describe('line-end hyphenation', () => {
  it('joins a word cut at the line end', () => {
    expect(joinTwo('eine geeignete Maß-', 'nahme halten')).toBe('eine geeignete Maßnahme halten');
    expect(joinTwo('Maß\u00ad', 'nahme')).toBe('Maßnahme');
    expect(joinLines(['wenn sie di-', 'rekten Zugriff', 'darauf haben.'])).toBe('wenn sie direkten Zugriff darauf haben.');
  });

  it('keeps a real hyphen: before "und"/"oder", and before an upper-case word', () => {
    expect(joinTwo('auf An-', 'und Abwesenheitssysteme')).toBe('auf An- und Abwesenheitssysteme');
    expect(joinTwo('Kommunikations-', 'oder Einsatzfähigkeit')).toBe('Kommunikations- oder Einsatzfähigkeit');
    expect(joinTwo('dass die ZAB-', 'Essen bereits')).toBe('dass die ZAB-Essen bereits');
    expect(joinTwo('Kommunikations- und', 'Einsatzfähigkeit')).toBe('Kommunikations- und Einsatzfähigkeit');
  });

  it('joins plain lines with one space and drops empty ones', () => {
    expect(joinLines(['  Erste Zeile ', '', 'zweite Zeile'])).toBe('Erste Zeile zweite Zeile');
  });

  // BUG: a URL cut at one of its own hyphens loses the hyphen. Gold of nrw-18-13528-txt, footnote 3:
  // "…/bereitstellung-von-zugangsdaten-zu-anwesenheitssystemen-…" (the line ends after "zu-");
  // footnote 7: "…kid=432c0741-6f6b-4d89-9a6e-d69f1c4da379" (the line ends after "9a6e-").
  it('keeps the hyphen of a URL cut at the line end', () => {
    expect(joinTwo('3 https://www.mkjfgfi.nrw/system/files/bereitstellung-von-zugangsdaten-zu-', 'anwesenheitssystemen-des-landes.pdf.'))
      .toBe('3 https://www.mkjfgfi.nrw/system/files/bereitstellung-von-zugangsdaten-zu-anwesenheitssystemen-des-landes.pdf.');
  });
});

describe('page furniture', () => {
  // Three pages: a running header that is no house-style phrase (learned because it repeats),
  // page numbers, a repeated line in the middle of the page (kept: not in the header/footer zone),
  // footnote bodies of the same shape at the page bottoms (never learned), the archive notice.
  const word = (n: number) => ['eins', 'zwei', 'drei'][n - 1];
  const page = (n: number, extra: string[]) => [
    'Amt für Beispiele – Jahresbericht 2024', '',
    `Absatz ${word(n)} beginnt hier`, `mit ${word(n)} Worten.`, 'Siehe oben.', `Noch ${word(n)} Zeile.`, `Ende ${word(n)}.`, '',
    ...extra, `- ${n} -`,
  ].join('\n');
  const layout = textToLayout([
    page(1, ['1 vgl. Drs. 18/1.', 'Datum des Originals: 17.04.2025/Ausgegeben: 22.04.2025 (22.05.2025)']),
    page(2, ['2 vgl. Drs. 18/2.']),
    page(3, []),
  ].join('\f'));

  it('learns the running header over the pages and removes it with the page numbers; keeps the body', () => {
    const res = removeFurniture(layout);
    const body = (n: number, foot: string[]) =>
      ['', `Absatz ${word(n)} beginnt hier`, `mit ${word(n)} Worten.`, 'Siehe oben.', `Noch ${word(n)} Zeile.`, `Ende ${word(n)}.`, '', ...foot];
    expect(res.pages.map(texts)).toEqual([body(1, ['1 vgl. Drs. 18/1.']), body(2, ['2 vgl. Drs. 18/2.']), body(3, [])]);
    expect(texts(res.removed)).toEqual([
      'Amt für Beispiele – Jahresbericht 2024', 'Datum des Originals: 17.04.2025/Ausgegeben: 22.04.2025 (22.05.2025)', '- 1 -',
      'Amt für Beispiele – Jahresbericht 2024', '- 2 -',
      'Amt für Beispiele – Jahresbericht 2024', '- 3 -',
    ]);
  });

  it('keeps the dates of the archive notice', () => {
    const { dateOriginal, dateIssued, reissued } = removeFurniture(layout);
    expect({ dateOriginal, dateIssued, reissued }).toEqual({ dateOriginal: '2025-04-17', dateIssued: '2025-04-22', reissued: '2025-05-22' });
  });

  it('a header on one page only is no furniture; the NRW running header is, from page 2 on', () => {
    const res = removeFurniture(textToLayout([
      'Einmalige Überschrift\n\nText eins.\n1',
      'LANDTAG NORDRHEIN-WESTFALEN - 18. Wahlperiode Drucksache 18/14087\n\nText zwei.\n2',
    ].join('\f')));
    expect(res.pages.map(texts)).toEqual([['Einmalige Überschrift', '', 'Text eins.'], ['', 'Text zwei.']]);
    expect(texts(res.removed)).toEqual(['1', 'LANDTAG NORDRHEIN-WESTFALEN - 18. Wahlperiode Drucksache 18/14087', '2']);
  });
});

describe('footnotes', () => {
  it('a page-bottom block of plain-digit notes, numbered on across pages', () => {
    const pages = pagesOf([
      'Text mit Verweis.1 Und weiter.2', '', '1 APr 18/749, S. 15.', '2 vgl. Drs. 18/12723.',
    ].join('\n') + '\f' + [
      'Mehr Text.3', '', '3 https://www.mkjfgfi.nrw/system/files/media/document/file/bereitstellung -von-zugangsdaten-zu-anwe-', 'senheitssystemen.pdf.', '',
    ].join('\n'));
    const res = extractFootnotes(pages);
    expect(res.footnotes).toEqual([
      { marker: '1', text: 'APr 18/749, S. 15.', page: 1 },
      { marker: '2', text: 'vgl. Drs. 18/12723.', page: 1 },
      { marker: '3', text: 'https://www.mkjfgfi.nrw/system/files/media/document/file/bereitstellung -von-zugangsdaten-zu-anwesenheitssystemen.pdf.', page: 2 },
    ]);
    // The blank line after the last note stays: it is no part of the note.
    expect(res.pages.map(texts)).toEqual([['Text mit Verweis.1 Und weiter.2', ''], ['Mehr Text.3', '', '']]);
  });

  it('a superscript footnote paragraph in flattened text, in the middle of the page', () => {
    const pages = pagesOf([
      'zitierten „Leitplanken“¹ veröffentlicht.', '', '¹ https://www.ldi.nrw.de/leitplanken.pdf', '', 'Einsatzfähigkeit der Polizei.',
    ].join('\n'));
    const res = extractFootnotes(pages);
    expect(res.footnotes).toEqual([{ marker: '1', text: 'https://www.ldi.nrw.de/leitplanken.pdf', page: 1 }]);
    expect(res.pages.map(texts)).toEqual([['zitierten „Leitplanken“¹ veröffentlicht.', '', '', 'Einsatzfähigkeit der Polizei.']]);
  });

  it('a numbered line in the middle of the page ("3 der Kleinen Anfrage …") is body text, not footnote 3', () => {
    const page1 = ['Verweise.1 2', '', '1 vgl. Drs. 18/1.', '2 vgl. Drs. 18/2.'].join('\n');
    const page2 = [
      'dass die Landesregierung in ihrer Antwort auf die Fragen 1 bis',
      '3 der Kleinen Anfrage 5106 nicht vollständig geantwortet hat.', '',
      '3 der Kleinen Anfrage 5106 stehen nach einer Leerzeile.', '',
      'Weiterer Text.3', '',
      '3 vgl. Drs. 18/3.',
    ].join('\n');
    const res = extractFootnotes(pagesOf(`${page1}\f${page2}`));
    expect(res.footnotes.map((f) => [f.marker, f.text, f.page])).toEqual([
      ['1', 'vgl. Drs. 18/1.', 1], ['2', 'vgl. Drs. 18/2.', 1], ['3', 'vgl. Drs. 18/3.', 2],
    ]);
    expect(texts(res.pages[1])).toEqual([
      'dass die Landesregierung in ihrer Antwort auf die Fragen 1 bis',
      '3 der Kleinen Anfrage 5106 nicht vollständig geantwortet hat.', '',
      '3 der Kleinen Anfrage 5106 stehen nach einer Leerzeile.', '',
      'Weiterer Text.3', '',
    ]);
  });

  it('numbered questions and table rows are no footnotes', () => {
    const pages = pagesOf(['Text.', '', '1. Wie oft?', '', 'Tool\tPlätze', '1 Zoom\t5'].join('\n'));
    const res = extractFootnotes(pages);
    expect(res.footnotes).toEqual([]);
    expect(res.pages.map(texts)).toEqual(pages.map(texts));
  });
});

describe('askers and their Fraktion', () => {
  it('"A, B und C SPD": one Fraktion for the whole list', () => {
    expect(parseAskers('Anna Alt, Bernd Bau und Clara Christ SPD')).toEqual([
      { name: 'Anna Alt', faction: 'SPD', factionAsWritten: 'SPD' },
      { name: 'Bernd Bau', faction: 'SPD', factionAsWritten: 'SPD' },
      { name: 'Clara Christ', faction: 'SPD', factionAsWritten: 'SPD' },
    ]);
  });

  it('"A SPD und B CDU": a Fraktion per person', () => {
    expect(parseAskers('Anna Alt SPD und Bernd Bau CDU')).toEqual([
      { name: 'Anna Alt', faction: 'SPD', factionAsWritten: 'SPD' },
      { name: 'Bernd Bau', faction: 'CDU', factionAsWritten: 'CDU' },
    ]);
  });

  it('"Dr. A BÜNDNIS 90/DIE GRÜNEN", and the short spellings normalised to it', () => {
    const green = { name: 'Dr. Anna Alt', faction: 'BÜNDNIS 90/DIE GRÜNEN' };
    expect(parseAskers('Dr. Anna Alt BÜNDNIS 90/DIE GRÜNEN')).toEqual([{ ...green, factionAsWritten: 'BÜNDNIS 90/DIE GRÜNEN' }]);
    expect(parseAskers('Dr. Anna Alt GRÜNE')).toEqual([{ ...green, factionAsWritten: 'GRÜNE' }]);
    expect(parseAskers('Dr. Anna  Alt Bündnis 90/Die Grünen')).toEqual([{ ...green, factionAsWritten: 'Bündnis 90/Die Grünen' }]);
  });

  it('a name without a known Fraktion keeps faction null', () => {
    expect(parseAskers('Anna Alt')).toEqual([{ name: 'Anna Alt', faction: null, factionAsWritten: null }]);
  });

  // BUG: a surname that is also a spelling of a Fraktion ("Linke", "Grüne", "Piraten") is cut off as
  // the Fraktion, and the real Fraktion that follows becomes a person of its own or is lost.
  it('a surname that is a Fraktion spelling stays part of the name ("Hans Linke SPD")', () => {
    expect(parseAskers('Dr. Hans Linke SPD')).toEqual([{ name: 'Dr. Hans Linke', faction: 'SPD', factionAsWritten: 'SPD' }]);
  });
});

// A small answer in the house style; `body` follows the answerer's sentence.
const answerDoc = (body: string, answerer = 'Der Minister für Arbeit, Gesundheit und Soziales hat die Kleine Anfrage 100 mit Schreiben vom 2. Februar 2024 namens der Landesregierung beantwortet.') => `LANDTAG NORDRHEIN-WESTFALEN Drucksache 18/2000
18. Wahlperiode

 03.02.2024

Antwort

der Landesregierung

auf die Kleine Anfrage 100 vom 5. Januar 2024
der Abgeordneten Anna Alt SPD
Drucksache 18/1900

Ein Titel der Anfrage

${answerer}

${body}`;

describe('the answerer', () => {
  it('role, ministry, letter date and the parties "im Einvernehmen mit"', () => {
    const { meta } = run(answerDoc('1. Frage?\n\nAntwort.', 'Der Minister für Wirtschaft, Innovation, Digitalisierung und Energie hat die Kleine Anfrage 100 mit Schreiben vom 7. Juli 2020 namens der Landesregierung im Einvernehmen mit dem Ministerpräsidenten sowie allen übrigen Mitgliedern der Landesregierung beantwortet.')).doc;
    expect([meta.answeredBy, meta.ministry, meta.letterDate, meta.concurring, meta.kaNumber]).toEqual([
      'Minister für Wirtschaft, Innovation, Digitalisierung und Energie',
      'Ministerium für Wirtschaft, Innovation, Digitalisierung und Energie',
      '2020-07-07',
      ['Ministerpräsidenten', 'allen übrigen Mitgliedern der Landesregierung'],
      100,
    ]);
  });

  it('a Ministerin over two lines, several parties joined by "und"', () => {
    const { meta } = run(answerDoc('1. Frage?\n\nAntwort.', 'Die Ministerin für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration hat die\nKleine Anfrage 100 mit Schreiben vom 28.05.2025 namens der Landesregierung im Einvernehmen mit dem Minister der Finanzen und dem Minister des Innern beantwortet.')).doc;
    expect([meta.answeredBy, meta.ministry, meta.letterDate, meta.concurring]).toEqual([
      'Ministerin für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration',
      'Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration',
      '2025-05-28',
      ['Minister der Finanzen', 'Minister des Innern'],
    ]);
  });
});

describe('questions and answers', () => {
  it('"Die Fragen 3 und 4 werden … gemeinsam beantwortet": ONE answer for both', () => {
    const { doc } = run(answerDoc([
      '1. Erste Frage?', 'Antwort eins.',
      '2. Zweite Frage?', 'Antwort zwei.',
      '3. Dritte Frage?', '4. Vierte Frage?',
      'Die Fragen 3 und 4 werden wegen des Sachzusammenhangs gemeinsam beantwortet.', 'Die gemeinsame Antwort.',
    ].join('\n\n')));
    expect(doc.questions).toEqual([
      { number: 1, text: 'Erste Frage?', page: 1 }, { number: 2, text: 'Zweite Frage?', page: 1 },
      { number: 3, text: 'Dritte Frage?', page: 1 }, { number: 4, text: 'Vierte Frage?', page: 1 },
    ]);
    expect(doc.answers).toEqual([
      { questions: [1], text: 'Antwort eins.', page: 1, pageEnd: 1 },
      { questions: [2], text: 'Antwort zwei.', page: 1, pageEnd: 1 },
      { questions: [3, 4], text: 'Die Fragen 3 und 4 werden wegen des Sachzusammenhangs gemeinsam beantwortet.\n\nDie gemeinsame Antwort.', page: 1, pageEnd: 1 },
    ]);
  });

  it('"Die Fragen 1 bis 3 …", a paragraph running over a page break; a referring answer is the answer of its own question', () => {
    const { doc } = run(answerDoc([
      '1. Erste Frage?', '2. Zweite Frage?', '3. Dritte Frage, die über', 'zwei Zeilen geht?',
      'Die Fragen 1 bis 3 werden gemeinsam beantwortet.\fDer Text geht auf Seite 2 weiter.',
      '4. Vierte Frage?', 'Es wird auf die Beantwortung der Fragen 1 und 2 verwiesen.',
    ].join('\n\n')));
    expect(doc.questions.map((q) => [q.number, q.text, q.page])).toEqual([
      [1, 'Erste Frage?', 1], [2, 'Zweite Frage?', 1], [3, 'Dritte Frage, die über zwei Zeilen geht?', 1], [4, 'Vierte Frage?', 2],
    ]);
    expect(doc.answers).toEqual([
      { questions: [1, 2, 3], text: 'Die Fragen 1 bis 3 werden gemeinsam beantwortet. Der Text geht auf Seite 2 weiter.', page: 1, pageEnd: 2 },
      { questions: [4], text: 'Es wird auf die Beantwortung der Fragen 1 und 2 verwiesen.', page: 2, pageEnd: 2 },
    ]);
  });

  it('question lists: "1 und 2", "1 bis 3", "1, 2 und 5", "3–5"', () => {
    expect(['1 und 2', '1 bis 3', '1, 2 und 5', '3–5', '7'].map(parseQuestionList)).toEqual([[1, 2], [1, 2, 3], [1, 2, 5], [3, 4, 5], [7]]);
  });

  const questionPaper = (intro: string) => `LANDTAG NORDRHEIN-WESTFALEN Drucksache 18/3000
18. Wahlperiode

 17.04.2025

Kleine Anfrage 200

der Abgeordneten Anna Alt SPD

Ein Titel

Ich stellte folgende drei Fragen:

„1. Wie oft wurde gefragt?

2. Welche weiteren Stellen?

3. Zu welchen Zeitpunkten?“

Auf diese Fragen antwortete die Landesregierung:

„Die Fragen 1 bis 3 werden gemeinsam beantwortet.“
${intro}
1. Wie oft wirklich?

2. Aus welchen Gründen?

Anna Alt
`;

  it('a list quoted in „…" in a question paper is not its list of questions', () => {
    const expected = [{ number: 1, text: 'Wie oft wirklich?', page: 1 }, { number: 2, text: 'Aus welchen Gründen?', page: 1 }];
    const withIntro = run(questionPaper('\nVor diesem Hintergrund frage ich die Landesregierung:\n')).doc;
    expect([withIntro.meta.docType, withIntro.questions, withIntro.answers]).toEqual(['kleine_anfrage', expected, []]);
    // Without the intro sentence only the quotation marks tell the quoted list apart.
    const without = run(questionPaper('\nWeiterer Text.\n')).doc;
    expect([without.questions, without.answers]).toEqual([expected, []]);
  });
});

describe('tables of text inputs', () => {
  it('a count table: header row, typed values, a marker and an empty cell', () => {
    const t = tableFromTabLines(lines('Videokonferenz-Tools\tArbeitsplätze', 'Cisco-ViKo (On-Premise)\t52.413', 'Jitsi Meet\tk. A.', 'Umfrage\t12,3 %', 'Zoom ¹⁾\t'));
    const c = (text: string, isHeader = false) => ({ text, rowSpan: 1, colSpan: 1, isHeader, page: 1 });
    expect(t).toEqual({
      kind: 'count', strategy: 'text-tabs', headerRows: 1, labelCols: 1, pageStart: 1, pageEnd: 1, notes: [], warnings: [],
      questions: null, anlage: false,
      rows: [
        [c('Videokonferenz-Tools', true), c('Arbeitsplätze', true)],
        [c('Cisco-ViKo (On-Premise)'), c('52.413')],
        [c('Jitsi Meet'), c('k. A.')],
        [c('Umfrage'), c('12,3 %')],
        [c('Zoom ¹⁾'), c('')],
      ],
    } satisfies Table);
    expect(countValues(t)).toEqual([
      { row: 1, col: 1, rowLabel: 'Cisco-ViKo (On-Premise)', colLabel: 'Arbeitsplätze', value: 52413, valueText: '52.413' },
      { row: 2, col: 1, rowLabel: 'Jitsi Meet', colLabel: 'Arbeitsplätze', value: null, valueText: 'k. A.' },
      { row: 3, col: 1, rowLabel: 'Umfrage', colLabel: 'Arbeitsplätze', value: 12.3, valueText: '12,3 %', unit: '%' },
      { row: 4, col: 1, rowLabel: 'Zoom ¹⁾', colLabel: 'Arbeitsplätze', value: null, valueText: '' },
    ]);
  });

  it('an X-matrix: a group header spans its columns, the corner cell spans the two header rows', () => {
    const t = tableFromTabLines(lines(
      'Ressort\tVideokonferenz-Tool\t\t',
      '\tCisco\tSkype\tZoom',
      'Ministerium der Justiz\tX\t\tX',
      'Landwirtschaftskammer *\t\tX\t',
    ));
    const c = (text: string, isHeader: boolean, rowSpan = 1, colSpan = 1) => ({ text, rowSpan, colSpan, isHeader, page: 1 });
    expect([t.kind, t.headerRows, t.labelCols]).toEqual(['matrix', 2, 1]);
    expect(t.rows).toEqual([
      [c('Ressort', true, 2), c('Videokonferenz-Tool', true, 1, 3), null, null],
      [null, c('Cisco', true), c('Skype', true), c('Zoom', true)],
      [c('Ministerium der Justiz', false), c('X', false), c('', false), c('X', false)],
      [c('Landwirtschaftskammer *', false), c('', false), c('X', false), c('', false)],
    ]);
    expect([1, 2, 3].map((col) => columnLabel(t, col))).toEqual(['Cisco', 'Skype', 'Zoom']);
    expect(rowLabel(t, 3)).toBe('Landwirtschaftskammer *');
    expect(matrixMarks(t)).toEqual([
      { row: 2, col: 1, rowLabel: 'Ministerium der Justiz', colLabel: 'Cisco', mark: 'X' },
      { row: 2, col: 3, rowLabel: 'Ministerium der Justiz', colLabel: 'Zoom', mark: 'X' },
      { row: 3, col: 2, rowLabel: 'Landwirtschaftskammer *', colLabel: 'Skype', mark: 'X' },
    ]);
  });

  it('text in the value cells makes a generic table', () => {
    const t = tableFromTabLines(lines('Behörde\tBemerkung', 'Amt A\tnutzt Zoom', 'Amt B\tnutzt Jitsi'));
    expect([t.kind, t.headerRows]).toEqual(['generic', 1]);
  });

  // BUG: a header row of years is taken for a body row, because its cells are numbers: the table gets
  // no header, every column label is "" and the years become the values of a row "Jahr".
  it('a header row of years stays the header ("Jahr 2019 2020")', () => {
    const t = tableFromTabLines(lines('Jahr\t2019\t2020', 'Fälle\t12\t15'));
    expect([t.headerRows, countValues(t).map((v) => [v.rowLabel, v.colLabel, v.value])])
      .toEqual([1, [['Fälle', '2019', 12], ['Fälle', '2020', 15]]]);
  });

  it('the notes under a table are attached to it, other paragraphs stay in the flow', () => {
    const layout = textToLayout([
      'Die Angaben sind der Übersicht zu entnehmen:', '',
      'Tool\tPlätze', 'Zoom ¹⁾\t5', 'Skype *\t7', '',
      '1) Der Einsatz von ZOOM erfolgt', 'im Einzelfall.', '',
      '* Die Landwirtschaftskammer', 'NRW zählt mit.', '',
      '2) Dies ist keine Note der Tabelle.',
    ].join('\n'));
    const blocks = buildFlow(layout.pages, layout.pages.map((p) => p.lines), findTabTables);
    expect(blocks.map((b) => (b.type === 'para' ? b.para.text : b.table.kind))).toEqual([
      'Die Angaben sind der Übersicht zu entnehmen:', 'count', '2) Dies ist keine Note der Tabelle.',
    ]);
    const table = blocks[1].type === 'table' ? blocks[1].table : null;
    expect(table?.notes).toEqual([
      { marker: '1', text: 'Der Einsatz von ZOOM erfolgt im Einzelfall.' },
      { marker: '*', text: 'Die Landwirtschaftskammer NRW zählt mit.' },
    ]);
  });

  it('a totals row that is not the sum of the rows above raises a warning', () => {
    const t = tableFromTabLines(lines('Kreis\tFälle\tQuote', 'Kreis A\t10\t1,5 %', 'Kreis B\t20\t2,5 %', 'Summe\t31\t4,0 %'));
    expect(t.warnings).toEqual([{ code: 'tables.check', text: 'row "Summe", column "Fälle": the total 31 differs from the sum of the rows above (30)' }]);
    expect(checkTotals(tableFromTabLines(lines('Kreis\tFälle', 'Kreis A\t1.000', 'Kreis B\t2.500', 'Insgesamt\t3.500')))).toEqual([]);
    // Sections closed by their totals and a grand total of the totals add up; a wrong section total is still found.
    const sections = (b: string) => checkTotals(tableFromTabLines(lines('Kreis\tFälle', 'Kreis A\t1', 'Kreis B\t2', 'Summe\t3', 'Kreis C\t4', 'Kreis D\t5', `Summe\t${b}`, 'Insgesamt\t12')));
    expect(sections('9')).toEqual([]);
    // (the grand total 12 still adds up: it is the sum of the rows, if not of the totals)
    expect(sections('8')).toEqual(['row "Summe", column "Fälle": the total 8 differs from the sum of the rows above (9)']);
    // "Insgesamt, dar.": the total opens its parts, which follow; it is not checked against the rows above.
    expect(checkTotals(tableFromTabLines(lines('Kreis\tFälle', 'Kreis A\t10', 'Insgesamt, dar.\t50', 'Kreis B\t20')))).toEqual([]);
    // Nothing above to add up (the cells are empty or no numbers): no check, so no warning.
    expect(checkTotals(tableFromTabLines(lines('Kreis\tFälle', 'Kreis A\t–', 'Kreis B\tk. A.', 'Insgesamt\t3.500')))).toEqual([]);
  });

  it('the warning reaches the document messages with its page', () => {
    const { messages } = run(answerDoc(['1. Frage?', 'Die Zahlen:', 'Kreis\tFälle\nKreis A\t10\nKreis B\t20\nGesamt\t31'].join('\n\n')));
    expect(messages).toEqual([
      { severity: 'warning', stage: 'tables', code: 'tables.check', text: 'table 1: row "Gesamt", column "Fälle": the total 31 differs from the sum of the rows above (30)', page: 1 },
    ]);
  });
});
