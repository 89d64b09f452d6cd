// Tables of words separated by single spaces (scraper renditions of tables of text): synthetic blocks in
// tests/fixtures/text-words for each rule, prose that must not become a table, and one real Niedersachsen
// paper end to end (tests/fixtures/parliaments, a byte-identical copy of the corpus input).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textToLayout } from '../src/extract/text.js';
import { extractText } from '../src/extract/text.js';
import type { Table } from '../src/model.js';
import { transform } from '../src/transform/index.js';
import { readHeader, units } from '../src/transform/tables/text-words.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/text-words/${name}`, import.meta.url), 'utf8');
const run = (text: string) => transform(textToLayout(text));
const wordTables = (text: string) => run(text).doc.tables.filter((t) => t.strategy === 'text-words');
const grid = (t: Table) => t.rows.map((r) => r.map((c) => (c ? c.text : null)));
const row = (t: Table, first: string) => grid(t).find((r) => r[0] === first);

describe('units and headers', () => {
  it('joins a bracket group to the word before it and words around a slash', () => {
    expect(units('Beratung Neustadt (Harz) offen'.split(' '))).toEqual(['Beratung', 'Neustadt (Harz)', 'offen']);
    expect(units('Träger Braunschweig / Goslar Ort'.split(' '))).toEqual(['Träger', 'Braunschweig / Goslar', 'Ort']);
    expect(units('Planung / im Bau'.split(' '))).toEqual(['Planung / im', 'Bau']);
  });

  it('reads a header: lines above the line with most cells are the first cell, lines below go on with the last', () => {
    expect(readHeader(['rechtliche', 'Basis', 'Vorhaben Status Fertig-', 'stellung'])).toEqual(['rechtliche Basis', 'Vorhaben', 'Status', 'Fertigstellung']);
    expect(readHeader(['Träger / Hauptsitz Ort Zusage', 'liegt vor?', '(Stand Ende 2025)'])).toEqual(['Träger / Hauptsitz', 'Ort', 'Zusage liegt vor? (Stand Ende 2025)']);
    expect(readHeader(['Name der Stelle Ort'])).toEqual(['Name der Stelle', 'Ort']);
    // One cell only: no header.
    expect(readHeader(['Übersicht'])).toBeNull();
  });
});

describe('keyed rows over a page break', () => {
  const tables = wordTables(fixture('keyed.txt'));
  const t = tables[0];

  it('finds one table over both pages, the repeated header is no row', () => {
    expect(tables).toHaveLength(1);
    expect(t.pageStart).toBe(1);
    expect(t.pageEnd).toBe(2);
    expect(t.kind).toBe('generic');
    expect(grid(t)[0]).toEqual(['rechtliche Basis', 'Vorhaben', 'Status', 'Fertigstellung']);
    expect(t.rows).toHaveLength(1 + 11);
    expect(grid(t).filter((r) => r[0] === 'rechtliche Basis')).toHaveLength(1);
  });

  it('splits single-line rows at the phrase that ends many rows ("in Betrieb", "im Bau")', () => {
    expect(row(t, 'Gesetz A (Nr. 1)')).toEqual(['Gesetz A (Nr. 1)', 'Nordhafen - Südhafen', 'in Betrieb', '2020']);
    expect(row(t, 'Gesetz B (Nr. 3)')).toEqual(['Gesetz B (Nr. 3)', 'Bergstadt - Talstadt (Ring)', 'im Bau', '2027']);
    // "offen" ends three rows: a value of the last column like the years.
    expect(row(t, 'Gesetz B (Nr. 8a)')).toEqual(['Gesetz B (Nr. 8a)', 'Hafenstadt - Flussheim', 'in Betrieb', 'offen']);
  });

  it('reads a row printed over several lines cell after cell (hyphen, slash and open words go on)', () => {
    expect(row(t, 'Gesetz B (Nr. 4)')).toEqual(['Gesetz B (Nr. 4)', 'Altdorf - Neudorf - Mitteldorf / Oberdorf', 'Planung / im Bau', '2028']);
    // "am" / "See" goes on; of the lines "abgeschlossene" and "Prüfung" the phrase two rows share wins.
    expect(row(t, 'Gesetz B (Nr. 6)')).toEqual(['Gesetz B (Nr. 6)', 'Feldheim - Wiesental am See', 'abgeschlossene Prüfung', 'offen']);
  });

  it('gives the right-hand column one word when no phrase repeats', () => {
    expect(row(t, 'Gesetz B (Nr. 9)')).toEqual(['Gesetz B (Nr. 9)', 'Lindendorf - Eichenau', 'fertig', '2024']);
  });

  it('leaves the prose after the table to the paragraphs', () => {
    const text = run(fixture('keyed.txt')).doc.tables.flatMap((x) => grid(x).flat()).join(' ');
    expect(text).not.toContain('Fortgang');
  });
});

describe('rows closed by a value of a closed set; Anlagen', () => {
  const { doc, messages } = run(fixture('anlagen.txt'));
  const tables = doc.tables.filter((t) => t.strategy === 'text-words');

  it('reads both Anlagen, ending at the "Quelle:" line, over a blank line inside the table', () => {
    expect(tables).toHaveLength(2);
    const [a, b] = tables;
    expect(grid(a)[0]).toEqual(['Träger / Hauptsitz', 'Ort', 'Zusage liegt vor?']);
    expect(a.rows).toHaveLength(1 + 9);
    expect(grid(a).flat()).not.toContain('Quelle: Angaben der Träger,');
    expect(row(a, 'Jugendhilfe Region West')).toEqual(['Jugendhilfe Region West', 'Feldkirchen', 'ja']);
    expect(grid(b)).toEqual([
      ['Träger / Hauptsitz', 'Ort'],
      ['Jugendhilfe am Markt', 'Burgstadt'],
      ['Beratungszentrum Nord', 'Hafenstadt'],
      ['Verein Offene Tür', 'Eichenau'],
    ]);
  });

  it('keeps a bracket with its word, joins a name printed on two lines, and a row printed twice stays two rows', () => {
    const a = tables[0];
    expect(row(a, 'Beratungsdienst Nord')).toEqual(['Beratungsdienst Nord', 'Neustadt (Harz)', 'offen']);
    expect(row(a, 'Stadtteilzentrum Ost e.V. Beratungsstelle')).toEqual(['Stadtteilzentrum Ost e.V. Beratungsstelle', 'Talhausen', 'ja']);
    expect(grid(a).filter((r) => r[0] === 'Verein für Beratung und Hilfe' && r[1] === 'Altstadt')).toHaveLength(2);
  });

  it('keeps the text of a row whose cells cannot be told apart in its first cell, with a coded warning', () => {
    expect(row(tables[0], 'Beratungsstelle')).toEqual(['Beratungsstelle', '', 'offen']);
    const w = messages.filter((m) => m.code === 'tables.undecided');
    expect(w).toHaveLength(1);
    expect(w[0].text).toContain('"Beratungsstelle"');
    expect(w[0].page).toBe(1);
  });

  it('leaves a block whose rows mostly cannot be split to the prose, with one warning for the block and none per row', () => {
    // Three of the rows of Anlage 1 lose their place name: more than the share that may stay undecided.
    const text = fixture('anlagen.txt').replace('Beratungsdienst Süd Waldheim offen', 'Beratungsdienst offen')
      .replace('Fachdienst Mitte Seedorf offen', 'Fachdienst offen').replace('Jugendhilfe Region West Feldkirchen ja', 'Jugendhilfe ja');
    const { doc, messages } = run(text);
    expect(doc.tables.filter((t) => t.strategy === 'text-words').map((t) => t.rows[0].map((c) => c?.text))).toEqual([['Träger / Hauptsitz', 'Ort']]);
    const w = messages.filter((m) => m.code === 'tables.undecided');
    expect(w.map((m) => m.text)).toEqual([expect.stringMatching(/^a block of 9 rows looks like a table of words, but the cells of 4 rows cannot be told apart: left as text$/)]);
  });

  it('reads no table line by line without the source line that closes it', () => {
    const open = fixture('anlagen.txt').replace(/\nQuelle: Angaben der Träger\n?$/, '\n');
    expect(wordTables(open)).toHaveLength(1);
  });
});

describe('no tables of words in prose', () => {
  it('leaves list items, numbered questions, a count block and an unclosed block alone', () => {
    const { doc } = run(fixture('negatives.txt'));
    expect(doc.tables.filter((t) => t.strategy === 'text-words')).toEqual([]);
  });

  it('needs a header: rows right after the lead-in are no table', () => {
    const text = 'Die Stellen sind die folgenden, wie sie der Landesregierung gemeldet worden sind im Land:\n' +
      'Beratung Nord Altstadt ja\nBeratung Süd Neustadt nein\nBeratung West Bergheim ja\nBeratung Ost Talhausen ja\n';
    expect(wordTables(text)).toEqual([]);
  });

  it('does not fail on a lead-in at the end of the text or lines of one word', () => {
    expect(wordTables('Folgendes ist zu sagen:')).toEqual([]);
    expect(wordTables('Folgendes:\na\nb\nc\nd\ne\n')).toEqual([]);
  });
});

describe('a real Niedersachsen paper end to end', () => {
  it('reads Anlage 1 (39 rows, three columns) and Anlage 2 (6 rows) of 19/11203', () => {
    const bytes = readFileSync(new URL('./fixtures/parliaments/ni-19-11203.txt', import.meta.url));
    const { doc } = transform(extractText(bytes).layout);
    const tables = doc.tables.filter((t) => t.strategy === 'text-words');
    expect(tables).toHaveLength(2);
    const [a, b] = tables;
    expect(a.rows).toHaveLength(40);
    expect(grid(a)[0]).toEqual(['Einrichtungsträger / Hauptstelle', 'Ort', 'Unterschrift Einrichtungsträger liegt vor? (Stand 30.06.2026)']);
    expect(grid(a)).toContainEqual(['Fachstelle für Sucht u. Suchtprävention', 'Buchholz (Nordheide)', 'ausstehend']);
    expect(grid(a)).toContainEqual(['Ambulanter Therapieverbund Weser-Ems Fachstelle Sucht', 'Oldenburg', 'ja']);
    expect(grid(a).filter((r) => r[2] === 'ja')).toHaveLength(9);
    expect(a.anlage).toBe(true);
    expect(b.rows).toHaveLength(7);
    expect(grid(b)[3]).toEqual(['Projekt Kaffeetwete', 'Lehre']);
  });

  it('reads the table of 19/11192 over its page break and keeps it out of the answer text', () => {
    const bytes = readFileSync(new URL('./fixtures/parliaments/ni-19-11192.txt', import.meta.url));
    const { doc } = transform(extractText(bytes).layout);
    const [t, ...rest] = doc.tables.filter((x) => x.strategy === 'text-words');
    expect(rest).toHaveLength(0);
    expect(t.rows).toHaveLength(35);
    expect(t.questions).toEqual([9]);
    expect(grid(t)).toContainEqual(['BBPlG (Nr. 7)', 'Stade - Sottrum - Grafschaft Hoya - Landesbergen', 'Teilinbetriebnahme / im Bau', '2026']);
    expect(grid(t)).toContainEqual(['BBPlG (Nr. 82b)', 'Grenzkorridor N-III - Kriftel', 'Vorbereitung / im Planfeststellungsverfahren', 'offen']);
    const answer = doc.answers.find((a) => a.questions.includes(9));
    expect(answer?.text.trim().endsWith('zum vierten Quartal 2025:')).toBe(true);
  });
});
