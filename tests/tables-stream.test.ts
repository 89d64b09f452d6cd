// Unruled (stream) tables: columns from text alignment, wrapped cells, prose and lists that are no tables.
import { describe, expect, it } from 'vitest';
import { countValues } from '../src/transform/tables/classify.js';
import { findTables } from '../src/transform/tables/pdf/index.js';
import { fixtureBytes, fixtureJson, layoutOf, norm, prosePdf, streamPdf, texts } from './tables-helpers.js';

describe('stream: tables built with the PDF writer', () => {
  it('reads an unruled table between prose and a numbered list; a wrapped label stays one row', async () => {
    const tables = findTables(await layoutOf(streamPdf()));
    expect(tables).toHaveLength(1);
    const [t] = tables;
    expect(t.strategy).toBe('stream');
    expect(texts(t)).toEqual([
      ['Behörde', 'Anzahl', 'Anteil'],
      ['Bezirksregierung Köln', '1.234', '12,5 %'],
      ['Landesamt für Natur, Umwelt und Verbraucherschutz des Landes Nordrhein-Westfalen', '345', '3,5 %'],
      ['Landgestüt', '12', '0,1 %'],
      ['Landesbetrieb Wald und Holz', '8.320', '83,9 %'],
    ]);
    expect(t.headerRows).toBe(1);
    expect(t.kind).toBe('count');
    expect(countValues(t).slice(0, 2).map((v) => [v.rowLabel, v.colLabel, v.value, v.unit ?? null])).toEqual([
      ['Bezirksregierung Köln', 'Anzahl', 1234, null],
      ['Bezirksregierung Köln', 'Anteil', 12.5, '%'],
    ]);
    for (const row of t.rows) for (const c of row) {
      expect(c?.page).toBe(1);
      expect(c!.box!.x1).toBeGreaterThan(c!.box!.x0);
    }
  });

  it('finds no table in justified prose (also on a narrow measure) or in a numbered list of questions', async () => {
    expect(findTables(await layoutOf(prosePdf()))).toEqual([]);
  });
});

describe("stream: camelot's unruled cases", () => {
  it('health: rows from the row rules, columns from alignment, the header lines as camelot reads them', async () => {
    const [t] = findTables(await layoutOf(fixtureBytes('camelot-health.pdf')));
    expect(t.strategy).toBe('stream');
    expect(norm(texts(t))).toEqual(norm(fixtureJson('camelot-stream__health.expected.json').tables[0]));
    expect(t.headerRows).toBe(6);
  });

  it('inner and outer columns with empty cells', async () => {
    const [t] = findTables(await layoutOf(fixtureBytes('camelot-stream_inner_outer_columns.pdf')));
    expect(norm(texts(t))).toEqual(norm(fixtureJson('camelot-stream__stream_inner_outer_columns.expected.json').tables[0]));
  });

  it('clockwise_table_2: a table set top-to-bottom on a /Rotate 180 page is read upright', async () => {
    const tables = findTables(await layoutOf(fixtureBytes('camelot-clockwise_table_2.pdf')));
    expect(tables).toHaveLength(1);
    const got = norm(texts(tables[0]));
    const want = norm(fixtureJson('camelot-stream__clockwise_table_2.expected.json').tables[0]);
    expect(got).toHaveLength(want.length);
    // Every row as camelot reads it, but the group header "Traditional method": a span that starts
    // over the first of its columns (camelot puts it where it overlaps most).
    got.forEach((row, i) => {
      if (i !== 1) expect(row).toEqual(want[i]);
    });
    expect(tables[0].rows[1][11]).toMatchObject({ text: 'Traditional method' });
    expect(tables[0].rows[1][11]!.colSpan).toBeGreaterThan(1);
  });
});
