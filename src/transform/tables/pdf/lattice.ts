// Ruled (lattice) tables: edges → intersections → connected rulings → grid of
// slots → cells (slots joined where no ruling separates them: spanning cells).
import type { Box } from '../../../model.js';
import { clusterValues, cx, cy, lowerBound, median, overlap, slotOf, UnionFind } from './geometry.js';
import { TABLE_SETTINGS } from './settings.js';
import type { Edge, TWord } from './view.js';
import { maxOf, minOf } from '../../../common/arrays.js';

type LatticeSettings = typeof TABLE_SETTINGS.lattice;

export interface GridCell {
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  /** Box in the frame of the grid. */
  box: Box;
}

export interface Grid {
  /** Column and row boundaries (sorted). */
  xs: number[];
  ys: number[];
  cells: GridCell[];
  /** Slot (r * cols + c) → index of its cell. */
  owner: Int32Array;
  box: Box;
  edges: Edge[];
}

/** Step 1: groups of edges connected by intersections (each group one ruled structure). */
export function connectEdges(edges: Edge[], tol: number): Edge[][] {
  const hs = edges.filter((e) => e.orient === 'h').sort((p, q) => p.pos - q.pos);
  const vs = edges.filter((e) => e.orient === 'v');
  const all = [...hs, ...vs];
  const uf = new UnionFind(all.length);
  vs.forEach((v, vi) => {
    for (let i = lowerBound(hs, v.a - tol, (h) => h.pos); i < hs.length && hs[i].pos <= v.b + tol; i++) {
      const h = hs[i];
      if (v.pos >= h.a - tol && v.pos <= h.b + tol) uf.union(i, hs.length + vi);
    }
  });
  const groups = new Map<number, Edge[]>();
  all.forEach((e, i) => {
    const r = uf.find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(e);
  });
  return [...groups.values()].filter((g) => g.some((e) => e.orient === 'h') && g.some((e) => e.orient === 'v'));
}

interface Bound {
  pos: number;
  lo: number;
  hi: number;
}

/**
 * Step 2: the boundaries along one axis: the positions of the crossing rulings, and the outer
 * ends of the parallel ones where they reach past the last crossing ruling (an open border).
 * Boundaries closer than `gridTol`, or closer than `minSlot` (pt) with no text between them, are one.
 */
function boundaries(cross: Edge[], along: Edge[], centres: number[], minSlot: number, s: LatticeSettings): Bound[] {
  const pos = cross.map((e) => e.pos);
  if (along.length) {
    const lo = minOf(along.map((e) => e.a));
    const hi = maxOf(along.map((e) => e.b));
    const first = pos.length ? minOf(pos) : Infinity;
    const last = pos.length ? maxOf(pos) : -Infinity;
    if (lo < first - s.openBorder) pos.push(lo);
    if (hi > last + s.openBorder) pos.push(hi);
  }
  const bounds: Bound[] = clusterValues(pos.sort((a, b) => a - b), s.gridTol).map((g) => ({
    pos: g.reduce((a, b) => a + b, 0) / g.length,
    lo: g[0],
    hi: g[g.length - 1],
  }));
  // Thin empty slots (double rulings) collapse.
  const sortedCentres = [...centres].sort((a, b) => a - b);
  const out: Bound[] = [];
  for (const b of bounds) {
    const prev = out[out.length - 1];
    if (prev && b.pos - prev.pos < minSlot) {
      const i = lowerBound(sortedCentres, prev.pos, (v) => v);
      if (i >= sortedCentres.length || sortedCentres[i] > b.pos) {
        out[out.length - 1] = { pos: (prev.pos + b.pos) / 2, lo: prev.lo, hi: b.hi };
        continue;
      }
    }
    out.push({ ...b });
  }
  return out;
}

/** For each boundary (sorted, apart by more than 2 tol), the edges lying on it. */
function edgesOnBounds(bounds: Bound[], edges: Edge[], tol: number): Edge[][] {
  const out: Edge[][] = bounds.map(() => []);
  for (const e of edges) {
    const k = lowerBound(bounds, e.pos - tol, (b) => b.hi);
    if (k < bounds.length && e.pos >= bounds[k].lo - tol) out[k].push(e);
  }
  return out;
}

/** Share of [a, b] covered by the edges (which must not overlap much; they are joined). */
function coverage(edges: Edge[], a: number, b: number, tol: number): number {
  if (b <= a) return 1;
  let sum = 0;
  for (const e of edges) sum += overlap(e.a - tol, e.b + tol, a, b);
  return Math.min(1, sum / (b - a));
}

/** Step 3: slots joined where no ruling separates them → cells with spans. */
function cellsOf(xs: number[], ys: number[], vOn: Edge[][], hOn: Edge[][], s: LatticeSettings): { cells: GridCell[]; owner: Int32Array } {
  const rows = ys.length - 1, cols = xs.length - 1;
  const uf = new UnionFind(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && coverage(vOn[c + 1], ys[r], ys[r + 1], s.intersectTol) < s.sideCover) uf.union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && coverage(hOn[r + 1], xs[c], xs[c + 1], s.intersectTol) < s.sideCover) uf.union(r * cols + c, (r + 1) * cols + c);
    }
  }
  const index = new Map<number, number>();
  const owner = new Int32Array(rows * cols);
  const ext: { r0: number; c0: number; r1: number; c1: number }[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = uf.find(r * cols + c);
      let i = index.get(root);
      if (i === undefined) {
        i = ext.length;
        index.set(root, i);
        ext.push({ r0: r, c0: c, r1: r, c1: c });
      }
      const e = ext[i];
      e.c0 = Math.min(e.c0, c);
      e.c1 = Math.max(e.c1, c);
      e.r1 = Math.max(e.r1, r);
      owner[r * cols + c] = i;
    }
  }
  const cells: GridCell[] = ext.map((e) => ({ r: e.r0, c: e.c0, rowSpan: e.r1 - e.r0 + 1, colSpan: e.c1 - e.c0 + 1, box: { x0: 0, y0: 0, x1: 0, y1: 0 } }));
  for (const cell of cells) cell.box = { x0: xs[cell.c], x1: xs[cell.c + cell.colSpan], y0: ys[cell.r], y1: ys[cell.r + cell.rowSpan] };
  return { cells, owner };
}

/** Build the grid of one group of connected edges. `centres` are word centres (to keep text slots). */
export function buildGrid(edges: Edge[], words: TWord[], s: LatticeSettings = TABLE_SETTINGS.lattice): Grid | null {
  const hs = edges.filter((e) => e.orient === 'h');
  const vs = edges.filter((e) => e.orient === 'v');
  const minSlot = s.minSlot * (words.length ? median(words.map((w) => w.size)) : TABLE_SETTINGS.text.defaultFontSize);
  const xb = boundaries(vs, hs, words.map((w) => cx(w.box)), minSlot, s);
  const yb = boundaries(hs, vs, words.map((w) => cy(w.box)), minSlot, s);
  if (xb.length < 2 || yb.length < 2) return null;
  const xs = xb.map((b) => b.pos), ys = yb.map((b) => b.pos);
  const vOn = edgesOnBounds(xb, vs, s.gridTol);
  const hOn = edgesOnBounds(yb, hs, s.gridTol);
  const { cells, owner } = cellsOf(xs, ys, vOn, hOn, s);
  return { xs, ys, cells, owner, box: { x0: xs[0], x1: xs[xs.length - 1], y0: ys[0], y1: ys[ys.length - 1] }, edges };
}

/** Step 4: the words of each cell (by the centre of the word box). */
export function wordsByCell(grid: Grid, words: TWord[]): TWord[][] {
  const cols = grid.xs.length - 1;
  const out: TWord[][] = grid.cells.map(() => []);
  for (const w of words) {
    const c = slotOf(grid.xs, cx(w.box));
    const r = slotOf(grid.ys, cy(w.box));
    if (c < 0 || r < 0 || c >= cols || r >= grid.ys.length - 1) continue;
    out[grid.owner[r * cols + c]].push(w);
  }
  return out;
}

/** Rows and columns of cells (not slots): the number of distinct cell starts. */
export function cellExtent(grid: Grid): { rows: number; cols: number } {
  return { rows: new Set(grid.cells.map((c) => c.r)).size, cols: new Set(grid.cells.map((c) => c.c)).size };
}
