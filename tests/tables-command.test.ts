// `drucksachen tables`: the JSON contract, CSV, the text rendering and the errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesCommand, type TablesOptions } from '../src/commands/tables.js';
import { fixtureJson, TABLE_FIXTURES, splitTablePdf } from './tables-helpers.js';

async function run(file: string, opts: Partial<TablesOptions> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await tablesCommand(file, { stitch: true, json: false, ...opts }, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

let tmp: string;
let split: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'drucksachen-tables-'));
  split = join(tmp, 'split.pdf');
  writeFileSync(split, splitTablePdf(true));
  writeFileSync(join(tmp, 'notes.txt'), 'not a PDF\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('tables command', () => {
  it('--json: [{"page", "rows"}] top to bottom; a stitched table on its first page; spanned slots ""', async () => {
    const r = await run(TABLE_FIXTURES + 'nrw-17-10116-libreoffice.pdf', { json: true });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const data = JSON.parse(r.out) as { page: number; rows: string[][] }[];
    expect(data.map((t) => Object.keys(t))).toEqual([['page', 'rows'], ['page', 'rows']]);
    expect(data.map((t) => [t.page, t.rows.length])).toEqual([[1, 17], [3, 15]]);
    expect(data[1].rows[0].slice(0, 3)).toEqual(['Ressort und nachgeordneter Bereich', 'Videokonferenz-Tool', '']);
    expect(data[1].rows[1][0]).toBe('');
  });

  it('--pages limits the pages read; --no-stitch reports each part on its page', async () => {
    const page2 = JSON.parse((await run(split, { json: true, pages: [2] })).out);
    expect(page2.map((t: { page: number }) => t.page)).toEqual([2]);
    const parts = JSON.parse((await run(split, { json: true, stitch: false })).out);
    expect(parts.map((t: { page: number; rows: string[][] }) => [t.page, t.rows.length])).toEqual([[1, 5], [2, 4]]);
  });

  it('matches camelot on us-030 page 2 (the JSON the scorer reads)', async () => {
    const data = JSON.parse((await run(TABLE_FIXTURES + 'camelot-us-030.pdf', { json: true, pages: [2] })).out);
    const n = (rows: string[][]) => rows.map((r) => r.map((c) => c.replace(/\s+/g, ' ').trim()));
    expect(n(data[0].rows)).toEqual(n(fixtureJson('camelot-lattice__us-030.expected.json').tables[0]));
  });

  it('--csv N prints table N as CSV', async () => {
    const r = await run(split, { csv: 1 });
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n').slice(0, 3)).toEqual(['Bezirk,2019,2020', 'Düsseldorf,1.234,1.301', 'Köln,2.345,2.410']);
    const missing = await run(split, { csv: 2 });
    expect(missing).toEqual({ code: 1, out: '', err: `drucksachen: ${split}: there is no table 2 (1 table found)\n` });
  });

  it('prints a readable rendering by default', async () => {
    const r = await run(split);
    expect(r.out).toContain('Table 1  pages 1–2  lattice  count  8 rows × 3 columns  header rows 1');
    expect(r.out).toContain('  Bochum     | 1.020 | 1.111');
  });

  it('exits 1 with one line on stderr when the file cannot be read as a PDF', async () => {
    expect(await run(join(tmp, 'missing.pdf'))).toEqual({ code: 1, out: '', err: `drucksachen: cannot read ${join(tmp, 'missing.pdf')}: no such file [io.read]\n` });
    const notPdf = await run(join(tmp, 'notes.txt'));
    expect(notPdf.code).toBe(1);
    expect(notPdf.err).toMatch(/^drucksachen: .*notes\.txt: not a PDF: .*\n$/);
    const noPage = await run(split, { pages: [7] });
    expect(noPage).toEqual({ code: 1, out: '', err: `drucksachen: ${split}: page 7 does not exist: the PDF has 2 pages\n` });
  });
});
