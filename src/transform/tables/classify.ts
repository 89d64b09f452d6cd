// Classify a table grid and type its cells: count tables (label column + numeric
// columns), X-matrices (marks in a grid of labels), or generic. Shared by every
// table strategy (text tabs, lattice, stream).
import type { Cell, CellContent, CountValue, MatrixMark, Table, TableContent, TableKind, TableLabel } from '../../model.js';
import { MATRIX_MARKS, TOTAL_ROW } from '../../data/house-style.js';
import { SUBCOLUMN_WORDS } from '../../data/table-words.js';
import { labelKey, splitMarker } from '../markers.js';
import { parseGermanNumber } from './numbers.js';

export type CellClass = 'empty' | 'mark' | 'number' | 'text';

export function classifyCell(text: string): CellClass {
  const t = splitMarker(text).text;
  if (t === '') return 'empty';
  if (MATRIX_MARKS.test(t)) return 'mark';
  if (parseGermanNumber(t).numeric) return 'number';
  return 'text';
}

const cellText = (c: Cell | null | undefined) => (c ? c.text : '');

/** Index of the first body row: the first row below the top whose value cells hold a number or a mark. */
export function detectHeaderRows(rows: (Cell | null)[][], labelCols = 1): number {
  for (let r = 0; r < rows.length; r++) {
    const classes = rows[r].slice(labelCols).map((c) => classifyCell(cellText(c)));
    const typed = classes.filter((k) => k === 'mark' || k === 'number').length;
    const text = classes.filter((k) => k === 'text').length;
    if (typed > 0 && typed >= text) {
      // A row of years over rows of other numbers is the header ("Jahr | 2019 | 2020").
      if (r + 1 < rows.length && isYearRow(rows[r], labelCols) && !isYearRow(rows[r + 1], labelCols)) continue;
      return Math.min(r, Math.max(rows.length - 1, 0));
    }
  }
  return rows.length > 1 ? 1 : 0;
}

const YEAR = /^(?:1[89]|20)\d\d$/;

function isYearRow(row: (Cell | null)[], labelCols: number): boolean {
  const values = row.slice(labelCols).map((c) => cellText(c).trim()).filter(Boolean);
  return values.length > 0 && values.every((v) => YEAR.test(v));
}

/** "nein" beside "ja", "-" beside "X": the no-mark of a matrix. */
const NO_MARK = /^(?:nein|-|–|—)$/i;

export function decideKind(t: Table): TableKind {
  const body = t.rows.slice(t.headerRows);
  let marks = 0, numbers = 0, text = 0, noMarks = 0;
  for (const row of body) {
    for (const c of row.slice(t.labelCols)) {
      const raw = splitMarker(cellText(c)).text;
      const k = classifyCell(raw);
      if (k === 'mark') marks++;
      else if (NO_MARK.test(raw)) noMarks++;
      else if (k === 'number') numbers++;
      else if (k === 'text') text++;
    }
  }
  if (body.length === 0 || t.rows[0]?.length < 2) return 'generic';
  if (marks > 0 && numbers === 0 && text === 0) return 'matrix';
  // Placeholders ("-") are values of a count table unless the grid holds marks.
  numbers += noMarks;
  if (numbers > 0 && marks === 0 && text <= Math.floor(numbers / 10)) return 'count';
  return 'generic';
}

/** The label of column `col`: the lowest header cell that covers it. */
export function columnLabel(t: Table, col: number): string {
  for (let r = t.headerRows - 1; r >= 0; r--) {
    const owner = ownerOf(t, r, col);
    if (owner && owner.text.trim() !== '') return owner.text.trim();
  }
  return '';
}

const owners = new WeakMap<Table, (Cell | null)[][]>();

/** Forget what was worked out about a table whose rows changed (rows appended by stitching). */
export function invalidateTable(t: Table): void {
  owners.delete(t);
}

/** The cell that covers slot (r, c), following spans. */
export function ownerOf(t: Table, r: number, c: number): Cell | null {
  let grid = owners.get(t);
  if (grid && grid.length !== t.rows.length) grid = undefined;
  if (!grid) {
    grid = t.rows.map((row) => row.map(() => null as Cell | null));
    t.rows.forEach((row, rr) => row.forEach((cell, cc) => {
      if (!cell) return;
      for (let i = rr; i < Math.min(rr + cell.rowSpan, t.rows.length); i++) {
        for (let j = cc; j < Math.min(cc + cell.colSpan, t.rows[i].length); j++) grid![i][j] = cell;
      }
    }));
    owners.set(t, grid);
  }
  return grid[r]?.[c] ?? null;
}

export function rowLabel(t: Table, r: number): string {
  const parts: string[] = [];
  for (let c = 0; c < t.labelCols; c++) {
    const owner = ownerOf(t, r, c);
    if (owner && owner.text.trim()) parts.push(owner.text.trim());
  }
  return parts.join(' / ');
}

/** A label without its marker, whitespace collapsed, with its matching key; null when nothing is left. */
function tableLabel(raw: string): TableLabel | null {
  const text = splitMarker(raw).text.replace(/\s+/g, ' ').trim();
  return text ? { text, key: labelKey(text) } : null;
}

/**
 * What the grid means, for the database: row and column labels, total rows,
 * and per slot the number (count tables) or the mark (matrices). The one
 * reading of a table; countValues and matrixMarks are views of it.
 */
export function tableContent(t: Table): TableContent {
  let nCols = 0;
  for (const row of t.rows) nCols = Math.max(nCols, row.length);
  const rows = t.rows.map((_, r) => {
    const label = r >= t.headerRows ? rowLabel(t, r) : '';
    return { label: tableLabel(label), marker: splitMarker(label).marker, total: TOTAL_ROW.test(label) };
  });
  const cols = Array.from({ length: nCols }, (_, c) => {
    const label = c >= t.labelCols ? columnLabel(t, c) : '';
    return { label: tableLabel(label), marker: splitMarker(label).marker };
  });
  const cells = t.rows.map((row, r) => {
    const out: (CellContent | undefined)[] = [];
    for (let c = 0; c < nCols; c++) {
      const cell = row[c];
      if (cell === undefined) out.push(undefined);
      else if (cell === null) out.push({ header: r < t.headerRows, value: null, unit: null, mark: null, marker: null });
      else {
        const body = r >= t.headerRows && c >= t.labelCols;
        const { text, marker } = splitMarker(cell.text);
        const num = body && t.kind === 'count' ? parseGermanNumber(text) : null;
        const mark = body && t.kind === 'matrix' && classifyCell(cell.text) === 'mark' ? text : null;
        out.push({ header: cell.isHeader || r < t.headerRows, value: num?.value ?? null, unit: num?.unit ?? null, mark, marker });
      }
    }
    return out;
  });
  return { nCols, rows, cols, cells };
}

/** The body cells of a count table with their labels and numbers, as the database has them. */
export function countValues(t: Table, content = tableContent(t)): CountValue[] {
  const out: CountValue[] = [];
  for (let r = t.headerRows; r < t.rows.length; r++) {
    const label = rowLabel(t, r);
    for (let c = t.labelCols; c < t.rows[r].length; c++) {
      const cell = t.rows[r][c];
      const typed = content.cells[r]?.[c];
      if (!cell || !typed) continue;
      const v: CountValue = { row: r, col: c, rowLabel: label, colLabel: columnLabel(t, c), value: typed.value, valueText: cell.text };
      if (typed.unit) v.unit = typed.unit;
      out.push(v);
    }
  }
  return out;
}

/** The marks of a matrix with their labels, as the database has them. */
export function matrixMarks(t: Table, content = tableContent(t)): MatrixMark[] {
  const out: MatrixMark[] = [];
  for (let r = t.headerRows; r < t.rows.length; r++) {
    for (let c = t.labelCols; c < t.rows[r].length; c++) {
      const mark = content.cells[r]?.[c]?.mark;
      if (mark != null) out.push({ row: r, col: c, rowLabel: rowLabel(t, r), colLabel: columnLabel(t, c), mark });
    }
  }
  return out;
}

/**
 * Check a "Summe"/"Gesamt"/"Insgesamt" row against the rows above it. A table may hold several sections, each
 * closed by its total, and a grand total after them: a total is fine when it is the sum of its section (the rows
 * since the last total), of the totals above it (a grand total), or of all rows above (the totals left out). A
 * total that opens its parts ("Insgesamt, dar.") is not checked, nor one with no numbers above. One pass per column.
 */
export function checkTotals(t: Table): string[] {
  if (t.kind !== 'count') return [];
  const warnings: string[] = [];
  const cell: (CountValue | undefined)[][] = t.rows.map(() => []);
  for (const v of countValues(t)) cell[v.row][v.col] = v;
  let nCols = 0;
  for (const row of t.rows) nCols = Math.max(nCols, row.length); // no spread: a table may have 100,000s of rows
  // Per column: the sums (and how many numbers went in) of all rows, of the current section, of the totals.
  const sums = Array.from({ length: nCols }, () => ({ all: 0, section: 0, totals: 0, inAll: 0, inSection: 0, inTotals: 0 }));
  for (let r = t.headerRows; r < t.rows.length; r++) {
    const label = splitMarker(rowLabel(t, r)).text;
    const total = TOTAL_ROW.test(label);
    const opensParts = total && SUBCOLUMN_WORDS.has(label.split(/[\s,:]+/).filter(Boolean).pop()?.toLowerCase() ?? '');
    for (let c = t.labelCols; c < nCols; c++) {
      const s = sums[c];
      const cv = cell[r][c];
      const v = cv?.value ?? null;
      if (!total) {
        if (v !== null) { s.all += v; s.section += v; s.inAll++; s.inSection++; }
        continue;
      }
      if (v !== null && !opensParts && s.inAll > 0) {
        const near = (sum: number, n: number) => n > 0 && Math.abs(sum - v) <= 1e-6 * Math.max(1, Math.abs(v));
        if (!near(s.section, s.inSection) && !near(s.totals, s.inTotals) && !near(s.all, s.inAll)) {
          const sum = s.inSection ? s.section : s.all;
          warnings.push(`row "${label}", column "${columnLabel(t, c)}": the total ${cv!.valueText} differs from the sum of the rows above (${+sum.toFixed(6)})`);
        }
      }
      if (v !== null) { s.totals += v; s.inTotals++; }
      s.section = 0;
      s.inSection = 0;
    }
  }
  return warnings;
}

/** Fill kind and warnings of a grid whose rows and header rows are known. */
export function finishTable(t: Table): Table {
  t.kind = decideKind(t);
  t.warnings.push(...checkTotals(t).map((text) => ({ code: 'tables.check' as const, text })));
  return t;
}
