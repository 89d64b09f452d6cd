// Unruled tables: sideways column labels above an X-matrix, and row labels
// wrapped onto two lines (merged in the document, kept apart by `tables`).
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../src/extract/pdf.js';
import { PdfWriter } from './support/pdf-writer.js';
import { matrixMarks, countValues } from '../src/transform/tables/classify.js';
import { findTables } from '../src/transform/tables/pdf/index.js';
import { mergeWrappedLabels } from '../src/transform/tables/wrapped.js';
import { texts } from './tables-helpers.js';

function pdf(): Uint8Array {
  const w = new PdfWriter();
  const p = w.page({ width: 595, height: 842 });
  p.text(300, 70, 'Anzahl der Fälle', { bold: true });
  p.text(72, 85, 'Behörde', { bold: true });
  p.text(300, 85, '2022', { bold: true });
  p.text(400, 85, '2023', { bold: true });
  const data: [string, string?, string?][] = [['Bezirksregierung Düsseldorf', '1.204', '1.330'], ['Landesamt für Natur, Umwelt und'], ['Verbraucherschutz', '88', '97'], ['Polizeipräsidium Köln', '5', '6']];
  data.forEach(([label, a, b], i) => {
    p.text(72, 102 + i * 14, label);
    if (a) p.text(300, 102 + i * 14, a);
    if (b) p.text(400, 102 + i * 14, b);
  });
  ['Webex', 'Zoom', 'Teams', 'Jitsi'].forEach((t, i) => p.text(310 + i * 40, 330, t, { angle: 90, bold: true }));
  p.text(72, 330, 'Ressort', { bold: true });
  const bodies: [string, number[]][] = [['Ministerium der Finanzen', [1, 0, 1, 0]], ['Ministerium des Innern', [0, 1, 0, 0]], ['Staatskanzlei', [1, 1, 1, 1]]];
  bodies.forEach(([b, m], j) => {
    p.text(72, 348 + j * 16, b);
    m.forEach((v, i) => v && p.text(306 + i * 40, 348 + j * 16, 'X'));
  });
  return w.toBytes();
}

describe('unruled tables', async () => {
  const tables = findTables(await extractPdf(pdf()));

  it('reads sideways column labels above an unruled X-matrix as its header', () => {
    expect(texts(tables[1])).toEqual([
      ['Ressort', 'Webex', 'Zoom', 'Teams', 'Jitsi'],
      ['Ministerium der Finanzen', 'X', '', 'X', ''],
      ['Ministerium des Innern', '', 'X', '', ''],
      ['Staatskanzlei', 'X', 'X', 'X', 'X'],
    ]);
    expect([tables[1].kind, tables[1].headerRows]).toEqual(['matrix', 1]);
    expect(matrixMarks(tables[1]).map((m) => [m.rowLabel, m.colLabel])).toEqual([
      ['Ministerium der Finanzen', 'Webex'], ['Ministerium der Finanzen', 'Teams'], ['Ministerium des Innern', 'Zoom'],
      ['Staatskanzlei', 'Webex'], ['Staatskanzlei', 'Zoom'], ['Staatskanzlei', 'Teams'], ['Staatskanzlei', 'Jitsi'],
    ]);
  });

  it('keeps a wrapped row label as printed, and the document merges it into one row', () => {
    const t = tables[0];
    expect(texts(t).slice(2, 5)).toEqual([['Bezirksregierung Düsseldorf', '1.204', '1.330'], ['Landesamt für Natur, Umwelt und', '', ''], ['Verbraucherschutz', '88', '97']]);
    mergeWrappedLabels(t);
    expect(countValues(t).map((v) => [v.rowLabel, v.colLabel, v.value])).toEqual([
      ['Bezirksregierung Düsseldorf', '2022', 1204], ['Bezirksregierung Düsseldorf', '2023', 1330],
      ['Landesamt für Natur, Umwelt und Verbraucherschutz', '2022', 88], ['Landesamt für Natur, Umwelt und Verbraucherschutz', '2023', 97],
      ['Polizeipräsidium Köln', '2022', 5], ['Polizeipräsidium Köln', '2023', 6],
    ]);
  });
});

describe('ruled tables with an unruled last row', () => {
  function ruled(foot: string[] | null, note: string | null): Uint8Array {
    const w = new PdfWriter();
    const p = w.page({ width: 595, height: 842 });
    const xs = [72, 220, 300, 380];
    const rows = [['Kreis', '2022', '2023'], ['Kleve', '12', '14'], ['Wesel', '7', '9'], ['Viersen', '5', '6']];
    const ys = rows.map((_, i) => 100 + i * 18).concat(100 + rows.length * 18);
    for (const y of ys) p.line(xs[0], y, xs[3], y, 0.5);
    for (const x of xs) p.line(x, ys[0], x, ys[ys.length - 1], 0.5);
    rows.forEach((r, i) => r.forEach((c, j) => p.text(xs[j] + 3, ys[i] + 13, c, { bold: i === 0 })));
    const below = ys[ys.length - 1] + 16;
    if (foot) foot.forEach((c, j) => p.text(xs[j] + 3, below, c, { bold: true }));
    if (note) p.text(72, below, note, { size: 9 });
    return w.toBytes();
  }

  it('takes in a total row set under the bottom rule', async () => {
    const [t] = findTables(await extractPdf(ruled(['Summe', '24', '29'], null)));
    expect(texts(t)).toEqual([['Kreis', '2022', '2023'], ['Kleve', '12', '14'], ['Wesel', '7', '9'], ['Viersen', '5', '6'], ['Summe', '24', '29']]);
    expect(t.warnings).toEqual([]);
  });

  it('leaves a note under the table out of it', async () => {
    const [t] = findTables(await extractPdf(ruled(null, '1) Die Zahlen sind vorläufig und werden im Jahr 2025 berichtigt.')));
    expect(texts(t)).toHaveLength(4);
  });
});

describe('matrix marks', () => {
  it('reads a grid of "ja" / "nein" and of "X" / "-" as a matrix, and "-" among numbers as a count table', async () => {
    const { tableFromTabLines } = await import('../src/transform/tables/text.js');
    const lines = (...ls: string[]) => ls.map((text) => ({ text, page: 1, words: [], cells: text.split('\t') }));
    const jaNein = tableFromTabLines(lines('Behörde\tZoom\tWebex', 'A\tja\tnein', 'B\tnein\tja'));
    const xDash = tableFromTabLines(lines('Behörde\tZoom\tWebex', 'A\tX\t-', 'B\t-\tX'));
    const counts = tableFromTabLines(lines('Kreis\t2022\t2023', 'A\t12\t-', 'B\t-\t7'));
    expect([jaNein.kind, xDash.kind, counts.kind]).toEqual(['matrix', 'matrix', 'count']);
    expect(matrixMarks(xDash).map((m) => [m.rowLabel, m.colLabel])).toEqual([['A', 'Zoom'], ['B', 'Webex']]);
    expect(matrixMarks(jaNein).map((m) => [m.rowLabel, m.colLabel, m.mark])).toEqual([['A', 'Zoom', 'ja'], ['B', 'Webex', 'ja']]);
  });
});
