// A grid of cell texts → the model's Table: spans as `null` slots, header rows
// (never cutting through a spanning header cell), label column, then
// finishTable (kind, totals check).
import type { Box, Cell, Table } from '../../../model.js';
import { classifyCell, finishTable } from '../classify.js';
import { looksNumeric } from '../numbers.js';
import { mostlyBold } from '../../../common/bold.js';
import { TABLE_SETTINGS } from './settings.js';

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
  /** Display-space box of an empty slot (r, c) that no raw cell covers. */
  slotBox?: (r: number, c: number) => Box;
}

/** Rows of cells: each raw cell at its top-left slot, the slots it covers `null`, empty slots ''. */
export function gridRows(spec: GridSpec): (Cell | null)[][] {
  const rows: (Cell | null | undefined)[][] = Array.from({ length: spec.nRows }, () => new Array<Cell | null | undefined>(spec.nCols).fill(undefined));
  for (const rc of spec.cells) {
    if (rows[rc.r][rc.c] !== undefined) continue;
    const rowSpan = Math.max(1, Math.min(rc.rowSpan, spec.nRows - rc.r));
    const colSpan = Math.max(1, Math.min(rc.colSpan, spec.nCols - rc.c));
    for (let r = rc.r; r < rc.r + rowSpan; r++) for (let c = rc.c; c < rc.c + colSpan; c++) if (rows[r][c] === undefined) rows[r][c] = null;
    const cell: Cell = { text: rc.text, rowSpan, colSpan, isHeader: false, page: spec.page };
    if (rc.box) cell.box = rc.box;
    rows[rc.r][rc.c] = cell;
  }
  return rows.map((row, r) =>
    row.map((c, col) => {
      if (c !== undefined) return c;
      const empty: Cell = { text: '', rowSpan: 1, colSpan: 1, isHeader: false, page: spec.page };
      if (spec.slotBox) empty.box = spec.slotBox(r, col);
      return empty;
    }),
  );
}

/** A value: a number or a mark (German as classify reads it, or any locale's number shape). */
function isValue(text: string): boolean {
  const k = classifyCell(text);
  return k === 'number' || k === 'mark' || looksNumeric(text);
}

const YEAR = /^(?:1[89]|20)\d\d$/;

/** The filled cells of a row right of the label columns. */
const valueCells = (row: (Cell | null)[], labelCols: number) =>
  row.slice(labelCols).filter((c): c is Cell => !!c && c.text.trim() !== '');

/**
 * Header rows: the rows above the first row whose value cells are mostly values (like
 * detectHeaderRows, for numbers of any locale) or whose label stands alone; a leading run of bold rows over a plain body,
 * or a first row of years over other numbers, is a header too. Widened so that no header cell's
 * span is cut.
 */
export function headerRowsOf(rows: (Cell | null)[][], labelCols: number, bold: boolean[] = []): number {
  const labelled = (row: (Cell | null)[]) => row.slice(0, labelCols).some((c) => !!c && c.text.trim() !== '');
  let h = rows.findIndex((row, r) => {
    const cells = valueCells(row, labelCols);
    // A labelled row without any value (a matrix row without marks) is a body row too.
    if (!cells.length) return r > 0 && labelled(row);
    const values = cells.filter((c) => isValue(c.text)).length;
    return values > 0 && values * 2 >= cells.length;
  });
  if (h < 0) h = rows.length > 1 ? 1 : 0;
  let lead = 0;
  while (lead < rows.length && bold[lead]) lead++;
  if (lead > h && lead < rows.length) h = lead;
  if (h === 0 && rows.length > 2) {
    const first = valueCells(rows[0], labelCols);
    const next = valueCells(rows[1], labelCols);
    if (first.length && first.every((c) => YEAR.test(c.text.trim())) && next.some((c) => !YEAR.test(c.text.trim()))) h = 1;
  }
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

/** Rows most of whose filled value cells are bold. */
function boldRows(spec: GridSpec, labelCols: number): boolean[] {
  const count = Array.from({ length: spec.nRows }, () => ({ bold: 0, all: 0 }));
  for (const c of spec.cells) {
    if (c.c < labelCols || !c.text.trim()) continue;
    count[c.r].all++;
    if (c.bold) count[c.r].bold++;
  }
  return count.map((k) => mostlyBold(k.bold, k.all, TABLE_SETTINGS.text.boldShare));
}

export function buildTable(spec: GridSpec): Table {
  const rows = gridRows(spec);
  const labelCols = 1;
  const headerRows = Math.min(spec.headerRows ?? headerRowsOf(rows, labelCols, boldRows(spec, labelCols)), rows.length);
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
