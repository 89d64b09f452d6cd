// Ruled (lattice) tables: spans, rotated labels, the corpus tables and camelot's ruled cases.
import { describe, expect, it } from 'vitest';
import type { Table } from '../src/model.js';
import { columnLabel, countValues, matrixMarks, rowLabel } from '../src/transform/tables/classify.js';
import { splitMarker } from '../src/transform/markers.js';
import { findTables } from '../src/transform/tables/pdf/index.js';
import { fixtureBytes, fixtureJson, layoutOf, matrixPdf, norm, texts } from './tables-helpers.js';

const MATRIX_ROWS = [
  ['Bereich', 'Werkzeug', '', ''],
  ['', 'Alpha Eins', 'Beta Zwei', 'Gamma Drei'],
  ['Ministerium des Innern', 'X', '', 'X'],
  ['Landesamt für Statistik', '', 'X', ''],
  ['Landgestüt', 'X', 'X', 'X'],
];

const spans = (t: Table) => t.rows.map((r) => r.map((c) => (c ? [c.rowSpan, c.colSpan] : null)));

describe('lattice: a ruled matrix built with the PDF writer', () => {
  for (const rotated of [false, true]) {
    it(`keeps the corner cell and the group header as spans (${rotated ? 'labels bottom-to-top' : 'horizontal labels'})`, async () => {
      const tables = findTables(await layoutOf(matrixPdf(rotated)));
      expect(tables).toHaveLength(1);
      const [t] = tables;
      expect(t.strategy).toBe('lattice');
      expect(texts(t)).toEqual(MATRIX_ROWS);
      expect(spans(t)).toEqual([
        [[2, 1], [1, 3], null, null],
        [null, [1, 1], [1, 1], [1, 1]],
        [[1, 1], [1, 1], [1, 1], [1, 1]],
        [[1, 1], [1, 1], [1, 1], [1, 1]],
        [[1, 1], [1, 1], [1, 1], [1, 1]],
      ]);
      expect(t.headerRows).toBe(2);
      expect(t.labelCols).toBe(1);
      expect(t.kind).toBe('matrix');
      expect([1, 2, 3].map((c) => columnLabel(t, c))).toEqual(['Alpha Eins', 'Beta Zwei', 'Gamma Drei']);
      expect(matrixMarks(t).map((m) => `${m.rowLabel}|${m.colLabel}`)).toEqual([
        'Ministerium des Innern|Alpha Eins', 'Ministerium des Innern|Gamma Drei', 'Landesamt für Statistik|Beta Zwei',
        'Landgestüt|Alpha Eins', 'Landgestüt|Beta Zwei', 'Landgestüt|Gamma Drei',
      ]);
      for (const row of t.rows) for (const c of row) if (c) {
        expect(c.page).toBe(1);
        expect(c.box!.x1).toBeGreaterThan(c.box!.x0);
      }
      expect([t.pageStart, t.pageEnd]).toEqual([1, 1]);
    });
  }
});

describe('lattice: the corpus Drucksache 17/10116', () => {
  for (const name of ['libreoffice', 'chromium']) {
    describe(name, () => {
      const gold = fixtureJson(`nrw-17-10116-${name}.gold.json`);
      const load = async () => findTables(await layoutOf(fixtureBytes(`nrw-17-10116-${name}.pdf`)));

      it('finds the count table (one table, its repeated header dropped) and the matrix', async () => {
        const tables = await load();
        expect(tables.map((t) => [t.strategy, t.kind, t.pageStart, t.pageEnd, t.rows.length, t.rows[0].length, t.headerRows])).toEqual([
          ['lattice', 'count', name === 'libreoffice' ? 1 : 2, 2, 17, 2, 1],
          ['lattice', 'matrix', 3, 3, 15, 17, 2],
        ]);
      });

      it('types the count values (52.413 → 52413) under their labels; the footnote marker stays in the cell', async () => {
        const [count] = await load();
        expect(texts(count)[0]).toEqual(['Videokonferenz-Tools', 'Arbeitsplätze']);
        expect(texts(count).slice(1)).toEqual(gold.tables[0].rows);
        expect(texts(count)[16]).toEqual(['Zoom ¹⁾', '']);
        const values = countValues(count).filter((v) => v.value !== null).map((v) => ({ row: v.rowLabel, col: v.colLabel, value: v.value }));
        expect(values).toEqual(gold.tables[0].values);
      });

      it('reads the matrix: corner cell and group header are no column labels, 16 labels bottom-to-top, the marks', async () => {
        const [, m] = await load();
        const g = gold.tables[1];
        expect(m.rows[0][0]).toMatchObject({ text: g.row_header, rowSpan: 2, colSpan: 1 });
        expect(m.rows[0][1]).toMatchObject({ text: 'Videokonferenz-Tool', rowSpan: 1, colSpan: 16 });
        expect(m.rows[1][0]).toBeNull();
        expect(Array.from({ length: 16 }, (_, i) => columnLabel(m, i + 1))).toEqual(g.columns);
        expect(Array.from({ length: 13 }, (_, i) => rowLabel(m, i + 2))).toEqual(g.rows);
        const marks = matrixMarks(m).map((k) => [splitMarker(k.rowLabel).text, k.colLabel]);
        expect(marks.sort()).toEqual(g.marks.map(([r, c]: [string, string]) => [splitMarker(r).text, c]).sort());
      });
    });
  }
});

describe("lattice: camelot's ruled cases", () => {
  it('us-030 page 2: the table row by row as camelot reads it (spanning header cells)', async () => {
    const tables = findTables(await layoutOf(fixtureBytes('camelot-us-030.pdf'), [2]));
    expect(norm(texts(tables[0]))).toEqual(norm(fixtureJson('camelot-lattice__us-030.expected.json').tables[0]));
    expect(tables[0].headerRows).toBe(2);
  });

  it('twotables_2: two tables on one page, top to bottom', async () => {
    const tables = findTables(await layoutOf(fixtureBytes('camelot-twotables_2.pdf')));
    expect(tables.map((t) => norm(texts(t)))).toEqual(fixtureJson('camelot-lattice__twotables_2.expected.json').tables.map(norm));
  });

  it('anticlockwise_table_1: a table set bottom-to-top is read in its own frame', async () => {
    const tables = findTables(await layoutOf(fixtureBytes('camelot-anticlockwise_table_1.pdf')));
    expect(tables).toHaveLength(1);
    expect(norm(texts(tables[0]))).toEqual(norm(fixtureJson('camelot-lattice__anticlockwise_table_1.expected.json').tables[0]));
    // The page is read turned upright (its text runs bottom-to-top): the table lies in the landscape page.
    const b = tables[0].box!;
    expect(b.x0).toBeGreaterThan(0);
    expect(b.x1).toBeLessThan(792);
    expect(b.x1 - b.x0).toBeGreaterThan(b.y1 - b.y0);
  });
});
