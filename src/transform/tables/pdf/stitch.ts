// Tables that run on over a page break: the last table of a page and the first
// of the next one are one table when their columns agree and the second part
// repeats the header of the first (the repeat is dropped) or has no header of
// its own and nothing but page furniture stands before it.
import type { Line, Table } from '../../../model.js';
import { finishTable, invalidateTable } from '../classify.js';
import type { PageTable } from './page.js';
import { TABLE_SETTINGS, type TableSettings } from './settings.js';
import { pushAll } from '../../../util/arrays.js';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const rowKey = (t: Table, r: number) => t.rows[r].map((c) => (c ? norm(c.text) : '\u0000')).join('\u0001');

/** Same reading frame, strategy and column boundaries (within tolerance). */
export function sameColumns(a: PageTable, b: PageTable, s: TableSettings = TABLE_SETTINGS): boolean {
  if (a.view.angle !== b.view.angle || a.table.strategy !== b.table.strategy) return false;
  if (a.cols.length !== b.cols.length || a.table.rows[0]?.length !== b.table.rows[0]?.length) return false;
  return a.cols.every((x, i) => Math.abs(x - b.cols[i]) <= s.stitch.xTol);
}

/**
 * Number of leading rows of `b` that repeat the header rows of `a` (0 when they don't). A first
 * row repeated although no header was detected is a header all the same.
 */
export function repeatedHeader(a: Table, b: Table): number {
  const h = Math.max(a.headerRows, 1);
  if (b.rows.length <= h || a.rows.length <= h) return 0;
  for (let r = 0; r < h; r++) if (rowKey(a, r) !== rowKey(b, r)) return 0;
  return h;
}

/** Make the first `h` rows of a table its header. */
function markHeader(t: Table, h: number): void {
  t.headerRows = h;
  for (let r = 0; r < h; r++) for (const c of t.rows[r]) if (c) c.isHeader = true;
}

/** Append the rows of `b` (without its first `drop` rows) to `a`, and classify `a` again. */
export function appendPart(a: Table, b: Table, drop: number): void {
  const rows = b.rows.slice(drop);
  for (const row of rows) for (const c of row) if (c) c.isHeader = false;
  pushAll(a.rows, rows);
  a.pageEnd = b.pageEnd ?? a.pageEnd;
  a.warnings = [];
  invalidateTable(a);
  finishTable(a);
}

export interface StitchContext {
  /** Body lines after `a` on its page, and before `b` on its page (margins and notes left out). */
  after: Line[];
  before: Line[];
}

/** Rows of `b` to drop when it continues `a`, or -1 when it does not continue it. */
export function continuation(a: PageTable, b: PageTable, ctx: StitchContext, s: TableSettings = TABLE_SETTINGS): number {
  if (!sameColumns(a, b, s)) return -1;
  const rep = repeatedHeader(a.table, b.table);
  if (rep > 0) {
    if (a.table.headerRows < rep) markHeader(a.table, rep);
    return rep;
  }
  if (b.table.headerRows === 0 && ctx.after.length === 0 && ctx.before.length === 0) return 0;
  return -1;
}
