// The lattice strategy on a view: grids of connected rulings that hold text,
// read in the frame of their text (a table set sideways is turned upright).
import { buildTable, type RawCell } from './build.js';
import { cellText, dominantAngle, isBold, wordLines } from './cell-text.js';
import { splitChunks } from './chunks.js';
import { mergeEdges } from './edges.js';
import type { Found } from './found.js';
import { buildGrid, cellExtent, connectEdges, wordsByCell, type Grid } from './lattice.js';
import { cy, median, slotOf } from './geometry.js';
import { looksNumeric } from '../numbers.js';
import { TABLE_SETTINGS, type TableSettings } from './settings.js';
import { baseWord, rotateView, toPage, WordIndex, type Edge, type TWord, type View } from './view.js';
import { maxOf, minOf } from '../../../common/arrays.js';

/**
 * Under-ruled grid: a table inside a cell. True when some cell holds `minRows` or more lines with
 * column gaps, or when at least `underRuledShare` of the filled cells have such a line.
 */
export function isUnderRuled(cellWords: TWord[][], s: TableSettings): boolean {
  let filled = 0, gappedCells = 0;
  for (const ws of cellWords) {
    if (!ws.length) continue;
    filled++;
    let gappedLines = 0;
    for (const line of wordLines(ws)) {
      const horizontal = line.filter((w) => w.angle === 0).sort((p, q) => p.box.x0 - q.box.x0);
      if (splitChunks(horizontal, s.stream.cellGap).length > 1) gappedLines++;
    }
    if (gappedLines >= s.stream.minRows) return true;
    if (gappedLines) gappedCells++;
  }
  return filled > 0 && gappedCells >= s.lattice.underRuledShare * filled;
}

/**
 * The words of each cell when the grid is a table: enough rows, columns and filled cells, and
 * not under-ruled (then the stream strategy reads its words, the rulings as hints); else null.
 */
function judge(grid: Grid, words: TWord[], s: TableSettings): TWord[][] | null {
  const ext = cellExtent(grid);
  if (ext.rows < s.lattice.minRows || ext.cols < s.lattice.minCols) return null;
  const cellWords = wordsByCell(grid, words);
  if (cellWords.filter((ws) => ws.length).length < s.lattice.minFilledCells) return null;
  if (isUnderRuled(cellWords, s)) return null;
  return cellWords;
}

function toFound(view: View, grid: Grid, cellWords: TWord[][], words: TWord[]): Found {
  const cells: RawCell[] = grid.cells.map((g, i) => ({
    r: g.r,
    c: g.c,
    rowSpan: g.rowSpan,
    colSpan: g.colSpan,
    text: cellText(cellWords[i]),
    bold: isBold(cellWords[i]),
    box: toPage(view, g.box),
  }));
  const table = buildTable({
    nRows: grid.ys.length - 1,
    nCols: grid.xs.length - 1,
    cells,
    strategy: 'lattice',
    page: view.page.number,
    box: toPage(view, grid.box),
  });
  return { table, words, view, cols: grid.xs, box: grid.box };
}

/**
 * Row labels left of the rulings (a first column without borders, common in spreadsheet
 * exports): when at least half the rows below the first have text right before the grid, the
 * horizontal rulings are drawn on to it and a border is added.
 */
export function openLabelEdges(grid: Grid, index: WordIndex, s: TableSettings): Edge[] | null {
  const rows = grid.ys.length - 1;
  if (rows < s.lattice.minRows + 1) return null;
  const size = median(index.inside(grid.box).map((w) => w.size)) || s.text.defaultFontSize;
  const reach = Math.min(s.lattice.labelReach * size, 0.5 * (grid.box.x1 - grid.box.x0));
  const near = index.inside({ x0: grid.box.x0 - reach, x1: grid.box.x0, y0: grid.box.y0, y1: grid.box.y1 }).filter((w) => w.angle === 0 && w.box.x1 <= grid.box.x0 + 1);
  if (!near.length) return null;
  const hit = new Set<number>();
  for (const w of near) {
    const r = slotOf(grid.ys, cy(w.box));
    if (r >= 1 && r < rows) hit.add(r);
  }
  if (hit.size < Math.max(2, 0.5 * (rows - 1))) return null;
  const x0 = minOf(near.map((w) => w.box.x0)) - 1;
  const tol = s.lattice.intersectTol;
  const out: Edge[] = grid.edges.map((e) => (e.orient === 'h' && e.a <= grid.box.x0 + tol ? { ...e, a: x0 } : e));
  out.push({ orient: 'v', pos: x0, a: grid.box.y0, b: grid.box.y1, width: 0 });
  return out;
}

/**
 * A last row under the bottom rule (totals set without a border): the first line of words right
 * below the grid whose words stand one per column, in enough columns, and are numbers but for the
 * label. The vertical rulings are drawn on to it and a bottom rule is added.
 */
export function openFootEdges(grid: Grid, index: WordIndex, s: TableSettings): Edge[] | null {
  const rows = grid.ys.length - 1;
  const cols = grid.xs.length - 1;
  const rowHeight = median(grid.ys.slice(1).map((y, i) => y - grid.ys[i])) || s.lattice.defaultRowHeight;
  const below = index
    .inside({ x0: grid.box.x0, x1: grid.box.x1, y0: grid.box.y1, y1: grid.box.y1 + s.lattice.footReach * rowHeight })
    .filter((w) => w.angle === 0 && w.box.y0 >= grid.box.y1 - 1);
  if (rows < s.lattice.minRows || !below.length) return null;
  const top = minOf(below.map((w) => w.box.y0));
  const line = below.filter((w) => w.box.y0 < top + 0.5 * (w.box.y1 - w.box.y0));
  const byCol = new Map<number, TWord[]>();
  for (const w of line) {
    const c = slotOf(grid.xs, (w.box.x0 + w.box.x1) / 2);
    if (c < 0 || c >= cols) return null;
    byCol.set(c, [...(byCol.get(c) ?? []), w]);
  }
  // One phrase per column: words of a column may not reach into the next one.
  for (const [c, ws] of byCol) if (ws.some((w) => w.box.x1 > grid.xs[c + 1] + 1 || w.box.x0 < grid.xs[c] - 1)) return null;
  if (byCol.size < Math.max(s.lattice.minCols, s.lattice.footColumns * cols)) return null;
  const values = [...byCol.entries()].filter(([c]) => c > 0).map(([, ws]) => ws.map((w) => w.text).join(' '));
  if (values.filter((v) => looksNumeric(v)).length < s.lattice.footValues * values.length) return null;
  const bottom = maxOf(line.map((w) => w.box.y1)) + 1;
  const tol = s.lattice.intersectTol;
  const out: Edge[] = grid.edges.map((e) => (e.orient === 'v' && e.b >= grid.box.y1 - tol ? { ...e, b: bottom } : e));
  out.push({ orient: 'h', pos: bottom, a: grid.box.x0, b: grid.box.x1, width: 0 });
  return out;
}

/**
 * The reading angle of a grid: the angle of the text of (nearly) all its filled cells. A table
 * with only its column labels set sideways stays upright.
 */
export function gridAngle(grid: Grid, words: TWord[], s: TableSettings): number {
  const count = new Map<number, number>();
  let filled = 0;
  for (const ws of wordsByCell(grid, words)) {
    if (!ws.length) continue;
    filled++;
    const a = dominantAngle(ws);
    count.set(a, (count.get(a) ?? 0) + 1);
  }
  for (const [a, n] of count) if (a !== 0 && n >= s.lattice.rotatedShare * filled) return a;
  return 0;
}

/** Find the ruled tables of a display-space view. */
export function findLatticeTables(view: View, index: WordIndex, s: TableSettings = TABLE_SETTINGS): Found[] {
  const edges = mergeEdges(view.edges, s.edges);
  const found: Found[] = [];
  for (const group of connectEdges(edges, s.lattice.intersectTol)) {
    const grid0 = buildGrid(group, [], s.lattice);
    if (!grid0) continue;
    const angle = gridAngle(grid0, index.inside(grid0.box, 1), s);
    const table = angle === 0 ? readGrid(view, group, index, s) : readRotated(view, group, angle, s);
    if (table) found.push(table);
  }
  return found;
}

interface ReadGrid {
  grid: Grid;
  words: TWord[];
  cellWords: TWord[][];
}

/** The grid of a set of edges with the words inside it, when it is a table. */
function gridOf(edges: Edge[], index: WordIndex, s: TableSettings): ReadGrid | null {
  const outline = buildGrid(edges, [], s.lattice);
  if (!outline) return null;
  const words = index.inside(outline.box, 1);
  const grid = buildGrid(edges, words, s.lattice);
  const cellWords = grid && judge(grid, words, s);
  return grid && cellWords ? { grid, words, cellWords } : null;
}

/**
 * Grid → cells → table, with row labels left of the rulings and a total row under the bottom
 * rule taken in when there are some.
 */
function readGrid(view: View, edges: Edge[], index: WordIndex, s: TableSettings): Found | null {
  let read = gridOf(edges, index, s);
  if (!read) return null;
  for (const open of [openLabelEdges, openFootEdges]) {
    const wider = open(read.grid, index, s);
    const again = wider && gridOf(wider, index, s);
    if (again) read = again;
  }
  return toFound(view, read.grid, read.cellWords, read.words);
}

/** A grid whose text is set sideways: read it in the frame of that text. */
function readRotated(view: View, edges: Edge[], angle: number, s: TableSettings): Found | null {
  const rv = rotateView(view, angle, view.words, edges);
  const found = readGrid(rv, rv.edges, new WordIndex(rv.words), s);
  // Keep the display-space words (their lines are what the flow consumes).
  if (found) found.words = found.words.map(baseWord);
  return found;
}
