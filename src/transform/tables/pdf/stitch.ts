// Tables that run on over a page break: the last table of a page and the first
// of the next one are one table when their columns agree and the second part
// repeats the header of the first (the repeat is dropped) or has no header of
// its own and nothing but page furniture stands before it.
import type { Line, Table } from '../../../model.js';
import { finishTable, invalidateTable } from '../classify.js';
import { TABLE_SETTINGS, type TableSettings } from './settings.js';
import { pushAll } from '../../../common/arrays.js';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const rowKey = (t: Table, r: number) => t.rows[r].map((c) => (c ? norm(c.text) : '\u0000')).join('\u0001');

/** What stitching needs of a found table: the grid, its column boundaries, its reading frame, the lines it took. */
export interface StitchPart {
  table: Table;
  cols: number[];
  view: { angle: number };
  lines: Set<Line>;
}

/** Same reading frame, strategy and column boundaries (within tolerance). */
export function sameColumns(a: StitchPart, b: StitchPart, s: TableSettings = TABLE_SETTINGS): boolean {
  if (a.view.angle !== b.view.angle || a.table.strategy !== b.table.strategy) return false;
  if (a.cols.length !== b.cols.length || a.table.rows[0]?.length !== b.table.rows[0]?.length) return false;
  return a.cols.every((x, i) => Math.abs(x - b.cols[i]) <= s.stitch.xTol);
}

/**
 * Number of leading rows of `b` that repeat the header rows of `a` (0 when they don't). A first
 * row repeated although no header was detected is a header all the same.
 */
export function repeatedHeader(a: Table, b: Table, aHeaderRows = a.headerRows): number {
  const h = Math.max(aHeaderRows, 1);
  if (b.rows.length <= h || a.rows.length <= h) return 0;
  for (let r = 0; r < h; r++) if (rowKey(a, r) !== rowKey(b, r)) return 0;
  return h;
}

/**
 * Append the rows of `b` (without its first `drop` rows) to `a` as body rows, and classify `a`
 * again. The cells are copied: `b` stays as it was.
 */
export function appendPart(a: Table, b: Table, drop: number): void {
  const rows = b.rows.slice(drop).map((row) => row.map((c) => (c ? { ...c, isHeader: false } : c)));
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

/**
 * Whether `b` continues `a` (whose header rows the pass counts as `aHeaderRows`): the rows of `b`
 * to drop, and the header rows `a` has in the light of the repeat; null when it does not continue.
 */
export function continuation(a: StitchPart, aHeaderRows: number, b: StitchPart, ctx: StitchContext, s: TableSettings = TABLE_SETTINGS): { drop: number; header: number } | null {
  if (!sameColumns(a, b, s)) return null;
  const rep = repeatedHeader(a.table, b.table, aHeaderRows);
  if (rep > 0) return { drop: rep, header: Math.max(aHeaderRows, rep) };
  if (b.table.headerRows === 0 && ctx.after.length === 0 && ctx.before.length === 0) return { drop: 0, header: aHeaderRows };
  return null;
}
