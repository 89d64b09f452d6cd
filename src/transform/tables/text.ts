// Tables of text inputs: consecutive tab-separated lines, one line per row.
import type { Cell, Line, Table } from '../../model.js';
import { detectHeaderRows, finishTable } from './classify.js';
import { maxOf, minOf } from '../../common/arrays.js';

const cell = (text: string, page: number | null): Cell => ({ text, rowSpan: 1, colSpan: 1, isHeader: false, page });

/**
 * Header rows of a tab table: a header cell followed by empty header slots that
 * have labels in the header row below spans those columns (a group header);
 * an empty slot under a label-column header is spanned by it (the corner cell).
 */
function applyHeaderSpans(rows: (Cell | null)[][], headerRows: number): void {
  for (let r = 0; r < headerRows; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      const head = row[c];
      if (!head || head.text === '') continue;
      // Spread right over empty slots, while the row below has labels there.
      let span = 1;
      while (c + span < row.length && row[c + span]?.text === '' && r + 1 < headerRows && rows[r + 1][c + span]?.text) span++;
      if (span > 1) {
        head.colSpan = span;
        for (let k = 1; k < span; k++) row[c + k] = null;
      }
      // Spread down over empty header slots.
      let down = 1;
      while (r + down < headerRows && rows[r + down][c]?.text === '' && head.colSpan === 1) down++;
      if (down > 1) {
        head.rowSpan = down;
        for (let k = 1; k < down; k++) rows[r + k][c] = null;
      }
    }
  }
}

export function tableFromTabLines(lines: Line[]): Table {
  const width = maxOf(lines.map((l) => l.cells?.length ?? 1));
  const rows: (Cell | null)[][] = lines.map((l) => {
    const cells = (l.cells ?? [l.text]).map((t) => cell(t, l.page));
    while (cells.length < width) cells.push(cell('', l.page));
    return cells;
  });
  // A single leading empty column everywhere is no label column.
  const headerRows = detectHeaderRows(rows, 1);
  applyHeaderSpans(rows, headerRows);
  for (let r = 0; r < headerRows; r++) for (const c of rows[r]) if (c) c.isHeader = true;
  const pages = lines.map((l) => l.page);
  const table: Table = {
    kind: 'generic',
    strategy: 'text-tabs',
    rows,
    headerRows,
    labelCols: 1,
    pageStart: minOf(pages),
    pageEnd: maxOf(pages),
    notes: [],
    warnings: [],
    questions: null,
    anlage: false,
  };
  return finishTable(table);
}

/** True when a text line belongs to a tab table. */
export const isTabLine = (l: Line) => !!l.cells && l.cells.length >= 2;

