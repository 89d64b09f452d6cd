// Tables that run on over a page break.
import { describe, expect, it } from 'vitest';
import { countValues } from '../src/transform/tables/classify.js';
import { defaultEngines } from '../src/pipeline.js';
import { transform } from '../src/transform/index.js';
import { createPdfTableFinder, findPageTables, findTables, newPdfTableFinder, type PdfFoundTable } from '../src/transform/tables/pdf/index.js';
import { fixtureBytes, layoutOf, splitTablePdf, texts } from './tables-helpers.js';

const HEADER = ['Bezirk', '2019', '2020'];
const PART1 = [['Düsseldorf', '1.234', '1.301'], ['Köln', '2.345', '2.410'], ['Münster', '345', '380'], ['Detmold', '78', '91']];
const PART2 = [['Arnsberg', '512', '498'], ['Bochum', '1.020', '1.111'], ['Essen', '87', '102']];

describe('stitching over a page break', () => {
  it('joins the parts into one table and drops the repeated header', async () => {
    const tables = findTables(await layoutOf(splitTablePdf(true)));
    expect(tables).toHaveLength(1);
    const [t] = tables;
    expect(texts(t)).toEqual([HEADER, ...PART1, ...PART2]);
    expect([t.pageStart, t.pageEnd, t.headerRows, t.kind]).toEqual([1, 2, 1, 'count']);
    expect(t.rows.slice(1).every((r) => r.every((c) => !c!.isHeader))).toBe(true);
    // Cells keep the page they stand on; the appended rows are typed like the first ones.
    expect(t.rows.map((r) => r[0]!.page)).toEqual([1, 1, 1, 1, 1, 2, 2, 2]);
    expect(countValues(t).filter((v) => v.rowLabel === 'Bochum').map((v) => [v.colLabel, v.value])).toEqual([['2019', 1020], ['2020', 1111]]);
  });

  it('joins a continuation without a header when only page furniture stands between the parts', async () => {
    const tables = findTables(await layoutOf(splitTablePdf(false)));
    expect(tables.map(texts)).toEqual([[HEADER, ...PART1, ...PART2]]);
  });

  it('--no-stitch keeps the parts apart, each on its page', async () => {
    const tables = findTables(await layoutOf(splitTablePdf(true)), { stitch: false });
    expect(tables.map((t) => [t.pageStart, t.pageEnd])).toEqual([[1, 1], [2, 2]]);
    expect(tables.map(texts)).toEqual([[HEADER, ...PART1], [HEADER, ...PART2]]);
  });

  it('the flow finder reports the second part as a continuation of the first table', async () => {
    const layout = await layoutOf(splitTablePdf(true));
    const finder = createPdfTableFinder();
    const pages = layout.pages.slice(0, 2);
    const parts = pages.map((p) => findPageTables(p, p.lines));
    const [[first], second]: PdfFoundTable[][] = finder(pages, pages.map((p) => p.lines)) as [PdfFoundTable[], PdfFoundTable[]];
    expect(second).toHaveLength(1);
    expect(second[0].continues).toBe(first.table);
    expect(first.table.rows).toHaveLength(8);
    // One pure pass: the parts found on each page are not changed by joining them.
    expect(finder(pages, pages.map((p) => p.lines))[0]?.[0]?.table?.rows).toHaveLength(8);
    expect(parts.map((p) => p[0]?.table.rows.length)).toEqual([5, 4]);
    // Its lines leave the body text of page 2.
    expect([...second[0].lines].map((l) => l.text)).toContain('Bochum 1.020 1.111');
  });

  it('does not join tables of pages that are not consecutive in one document', async () => {
    const layout = await layoutOf(splitTablePdf(true));
    const finder = createPdfTableFinder();
    // Page 1 twice: not consecutive pages, so no continuation.
    const [, again] = finder([layout.pages[0], layout.pages[0]], [layout.pages[0].lines, layout.pages[0].lines]);
    expect(again?.[0]?.continues).toBeUndefined();
    expect(again).toHaveLength(1);
  });

  it('the pipeline gives every document its own finder: no table is stitched across two documents', async () => {
    const engines = await defaultEngines('pdf');
    const bytes = splitTablePdf(true);
    const a = transform(await layoutOf(bytes, [1]), { pdfTableFinder: engines.pdfTableFinder });
    const b = transform(await layoutOf(bytes, [2]), { pdfTableFinder: engines.pdfTableFinder });
    expect(a.doc.tables.map(texts)).toEqual([[HEADER, ...PART1]]);
    expect(b.doc.tables.map(texts)).toEqual([[HEADER, ...PART2]]);
  });

  it('in the document flow the stitched table is one table, and no cell text stays in the answers', async () => {
    const { doc } = transform(await layoutOf(fixtureBytes('nrw-17-10116-libreoffice.pdf')), { pdfTableFinder: newPdfTableFinder });
    expect(doc.tables.map((t) => [t.kind, t.pageStart, t.pageEnd, t.rows.length])).toEqual([['count', 1, 2, 17], ['matrix', 3, 3, 15]]);
    const text = doc.answers.map((a) => a.text).join(' ');
    for (const cell of ['Cisco-ViKo', 'Avaya Cloud Conference', 'Nextcloud Talk']) expect(text).not.toContain(cell);
  });
});
