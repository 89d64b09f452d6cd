// A grid of cell texts → the model's Table: spans as `null` slots, header rows
// (never cutting through a spanning header cell), label column, then
// finishTable (kind, totals check).
import type { Box, Cell, Table } from '../../../model.js';
import { detectHeaderRows, finishTable } from '../classify.js';

export interface RawCell {
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** Display-space box. */
  box?: Box;
  bold?: boolean;
}

export interface GridSpec {
  nRows: number;
  nCols: number;
  cells: RawCell[];
  strategy: 'lattice' | 'stream';
  page: number;
  /** Display-space box of the table. */
  box?: Box;
  /** Header rows when the strategy knows them (else detected). */
  headerRows?: number;
}

/** Rows of cells: each raw cell at its top-left slot, the slots it covers `null`, empty slots ''. */
export function gridRows(spec: GridSpec): (Cell | null)[][] {
  const rows: (Cell | null | undefined)[][] = Array.from({ length: spec.nRows }, () => new Array(spec.nCols).fill(undefined));
  for (const rc of spec.cells) {
    if (rows[rc.r][rc.c] !== undefined) continue;
    const rowSpan = Math.max(1, Math.min(rc.rowSpan, spec.nRows - rc.r));
    const colSpan = Math.max(1, Math.min(rc.colSpan, spec.nCols - rc.c));
    for (let r = rc.r; r < rc.r + rowSpan; r++) for (let c = rc.c; c < rc.c + colSpan; c++) if (rows[r][c] === undefined) rows[r][c] = null;
    const cell: Cell = { text: rc.text, rowSpan, colSpan, isHeader: false, page: spec.page };
    if (rc.box) cell.box = rc.box;
    rows[rc.r][rc.c] = cell;
  }
  return rows.map((row) => row.map((c) => (c === undefined ? { text: '', rowSpan: 1, colSpan: 1, isHeader: false, page: spec.page } : c)));
}

/** Header rows: detected from the first typed row, widened so that no header cell's span is cut. */
export function headerRowsOf(rows: (Cell | null)[][], labelCols: number): number {
  let h = detectHeaderRows(rows, labelCols);
  if (h === rows.length && rows.length > 0) h = Math.min(1, rows.length);
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < h; r++) {
      for (const c of rows[r]) {
        if (c && r + c.rowSpan > h && r + c.rowSpan < rows.length) {
          h = r + c.rowSpan;
          changed = true;
        }
      }
    }
  }
  return h;
}

export function buildTable(spec: GridSpec): Table {
  const rows = gridRows(spec);
  const labelCols = 1;
  const headerRows = Math.min(spec.headerRows ?? headerRowsOf(rows, labelCols), rows.length);
  for (let r = 0; r < headerRows; r++) for (const c of rows[r]) if (c) c.isHeader = true;
  const table: Table = {
    kind: 'generic',
    strategy: spec.strategy,
    rows,
    headerRows,
    labelCols,
    pageStart: spec.page,
    pageEnd: spec.page,
    notes: [],
    warnings: [],
    questions: null,
    anlage: false,
  };
  if (spec.box) table.box = spec.box;
  return finishTable(table);
}
