// Stream step 5: the grid. Each line of the table is cut into cells at the
// column bounds, the lines of a wrapped cell are joined into one row, and the
// rows become the model's Table.
import { buildTable, type RawCell } from './build.js';
import { cellText, isBold } from './cell-text.js';
import type { Row } from './chunks.js';
import type { Found } from './found.js';
import { cx, cy, overlap } from './geometry.js';
import type { TableSettings } from './settings.js';
import { rowsBox } from './stream-blocks.js';
import { bodyStart } from './stream-columns.js';
import { toPage, type TWord, type View } from './view.js';
import { maxOf, minOf } from '../../../common/arrays.js';

/** One cell of a row: consecutive words between two column separators (a word across one spans). */
interface Piece {
  c0: number;
  c1: number;
  words: TWord[];
}

/**
 * Cut the words of a row into cells at the column bounds. Two neighbouring words go to different
 * cells when their centres stand in different columns and their gap is wider than plain word
 * spacing; a group of words (a phrase) that reaches over a bound spans those columns.
 */
function cutRow(words: TWord[], bounds: number[], wordGap: number, spanShare: number): Piece[] {
  const n = bounds.length - 1;
  const col = (x: number) => {
    let c = 0;
    while (c < n - 1 && x >= bounds[c + 1]) c++;
    return c;
  };
  // Neighbours part when their gap is wider than a space and their centres stand in different columns.
  const parts = (prev: TWord, w: TWord): boolean =>
    w.box.x0 - prev.box.x1 > wordGap * Math.min(prev.size, w.size) && col(cx(w.box)) !== col(cx(prev.box));
  const groups: TWord[][] = [];
  for (const w of words) {
    const g = groups[groups.length - 1];
    if (!g || parts(g[g.length - 1], w)) groups.push([w]);
    else g.push(w);
  }
  return groups.map((ws) => {
    const x0 = minOf(ws.map((w) => w.box.x0)), x1 = maxOf(ws.map((w) => w.box.x1));
    if (ws.length === 1) {
      const c = col(cx(ws[0].box));
      return { c0: c, c1: c, words: ws };
    }
    // The columns whose bounds the group reaches over (by more than a little).
    let c0 = col(x0 + 0.5), c1 = col(x1 - 0.5);
    if (c0 === c1) return { c0, c1, words: ws };
    // Reaching over only slightly: the column of the most text.
    const share = (c: number) => overlap(x0, x1, bounds[c], bounds[c + 1]);
    while (c0 < c1 && share(c0) < spanShare * (x1 - x0) && share(c0) < bounds[c0 + 1] - bounds[c0] - 0.5) c0++;
    while (c1 > c0 && share(c1) < spanShare * (x1 - x0) && share(c1) < bounds[c1 + 1] - bounds[c1] - 0.5) c1--;
    return { c0, c1, words: ws };
  });
}

/** A text line of the table cut into its cells (pieces in one column joined). */
interface TableLine {
  row: Row;
  pieces: Piece[];
  cols: Set<number>;
}

function tableLine(row: Row, bounds: number[], s: TableSettings['stream']): TableLine {
  const merged: Piece[] = [];
  for (const p of cutRow(row.words, bounds, s.wordGap, s.spanShare)) {
    const last = merged[merged.length - 1];
    if (last && p.c0 <= last.c1) {
      last.words.push(...p.words);
      last.c1 = Math.max(last.c1, p.c1);
    } else merged.push({ ...p, words: [...p.words] });
  }
  const cols = new Set<number>();
  for (const p of merged) for (let c = p.c0; c <= p.c1; c++) cols.add(c);
  return { row, pieces: merged, cols };
}

/**
 * Lines of a wrapped cell are one row. Rows are set apart by more space than the lines inside a
 * cell (cell padding): a line closer to the one above than `tightGap` times the usual row pitch
 * joins its row, unless both are complete rows (a label and a value in a common column). With
 * even line spacing there is no such evidence, and every line stays a row.
 */
export function groupWrapped(lines: TableLine[], s: TableSettings['stream']): TableLine[][] {
  if (lines.length < 3) return lines.map((l) => [l]);
  const y = lines.map((l) => cy(l.row.box));
  const gaps = y.slice(1).map((v, i) => v - y[i]).sort((a, b) => a - b);
  const pitch = gaps[Math.floor(s.pitchQuantile * (gaps.length - 1))];
  const groups: TableLine[][] = [[lines[0]]];
  for (let i = 1; i < lines.length; i++) {
    const g = groups[groups.length - 1];
    const cols = new Set(g.flatMap((l) => [...l.cols]));
    const l = lines[i];
    const bothComplete = cols.has(0) && l.cols.has(0) && [...l.cols].some((c) => c > 0 && cols.has(c));
    if (y[i] - y[i - 1] < s.tightGap * pitch && !bothComplete) g.push(l);
    else groups.push([l]);
  }
  return groups;
}

export function assemble(view: View, rows: Row[], seps: number[], s: TableSettings): Found {
  const box = rowsBox(rows);
  const bounds = [Math.min(box.x0, seps[0]), ...seps, Math.max(box.x1, seps[seps.length - 1])];
  const lines = rows.map((r) => tableLine(r, bounds, s.stream));
  const start = bodyStart(rows, s.stream);
  // Header lines stay rows of their own (group headers over column labels); body lines of a wrapped cell join.
  const groups = [...lines.slice(0, start).map((l) => [l]), ...groupWrapped(lines.slice(start), s.stream)];
  const cells: RawCell[] = [];
  // Row bands: from the top of a row to the top of the next one.
  const tops = groups.map((g) => minOf(g.map((l) => l.row.box.y0)));
  const bottoms = groups.map((g, r) => Math.max(maxOf(g.map((l) => l.row.box.y1)), r + 1 < groups.length ? tops[r + 1] : -Infinity));
  groups.forEach((g, r) => {
    const [y0, y1] = [tops[r], bottoms[r]];
    const byCol = new Map<number, Piece>();
    for (const p of g.flatMap((l) => l.pieces)) {
      const cell = byCol.get(p.c0);
      if (cell) {
        cell.words.push(...p.words);
        cell.c1 = Math.max(cell.c1, p.c1);
      } else byCol.set(p.c0, { ...p, words: [...p.words] });
    }
    const pieces = [...byCol.values()].sort((a, b) => a.c0 - b.c0);
    // A span never covers the next cell of its row.
    pieces.forEach((p, i) => {
      if (i + 1 < pieces.length) p.c1 = Math.min(p.c1, pieces[i + 1].c0 - 1);
    });
    for (const p of pieces) {
      cells.push({
        r,
        c: p.c0,
        rowSpan: 1,
        colSpan: p.c1 - p.c0 + 1,
        text: cellText(p.words),
        bold: isBold(p.words),
        box: toPage(view, { x0: bounds[p.c0], x1: bounds[p.c1 + 1], y0, y1 }),
      });
    }
  });
  const frameBox = { x0: bounds[0], x1: bounds[bounds.length - 1], y0: box.y0, y1: box.y1 };
  const table = buildTable({
    nRows: groups.length,
    nCols: bounds.length - 1,
    cells,
    strategy: 'stream',
    page: view.page.number,
    box: toPage(view, frameBox),
    slotBox: (r, c) => toPage(view, { x0: bounds[c], x1: bounds[c + 1], y0: tops[r], y1: bottoms[r] }),
  });
  return { table, words: rows.flatMap((r) => r.words), view, cols: bounds, box: frameBox };
}

