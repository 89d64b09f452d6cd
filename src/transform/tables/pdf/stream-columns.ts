// Stream steps 2 and 3: the columns of a block (vertical corridors of white
// space, rulings through the block) and the tests that turn away lists and
// prose.
import type { Box } from '../../../model.js';
import { looksNumeric } from '../numbers.js';
import { splitChunks, type Row } from './chunks.js';
import { median, overlap } from './geometry.js';
import type { TableSettings } from './settings.js';
import { multi, rowsBox } from './stream-blocks.js';
import type { Edge } from './view.js';
import { maxOf, minOf } from '../../../common/arrays.js';

type StreamSettings = TableSettings['stream'];

interface Gap {
  x0: number;
  x1: number;
}

/** Intervals inside [lo, hi] covered by at most `allowed` of the given intervals (sweep). */
function lowCoverage(spans: [number, number][], lo: number, hi: number, allowed: number, minWidth: number): Gap[] {
  const ev: [number, number][] = [];
  for (const [a, b] of spans) ev.push([a, 1], [b, -1]);
  ev.sort((p, q) => p[0] - q[0] || q[1] - p[1]);
  const gaps: Gap[] = [];
  let count = 0;
  let start: number | null = lo;
  for (const [x, d] of ev) {
    const before = count;
    count += d;
    if (before <= allowed && count > allowed) {
      if (start !== null && x - start >= minWidth && start > lo && x < hi) gaps.push({ x0: start, x1: x });
      start = null;
    } else if (before > allowed && count <= allowed) start = x;
  }
  return gaps;
}

/** A row of values: most of its chunks after the first look numeric. */
function isValueRow(r: Row): boolean {
  const rest = r.chunks.slice(1);
  const n = rest.filter((c) => looksNumeric(c.text)).length;
  return n > 0 && n * 2 >= rest.length;
}

/**
 * Index of the first body row: the first row of values; without value rows, the first row with
 * (nearly) as many chunks as the most common count.
 */
export function bodyStart(rows: Row[], s: StreamSettings): number {
  const typed = rows.findIndex(isValueRow);
  if (typed >= 0) return typed;
  const counts = new Map<number, number>();
  for (const r of rows) if (multi(r)) counts.set(r.chunks.length, (counts.get(r.chunks.length) ?? 0) + 1);
  const mode = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 2;
  return Math.max(0, rows.findIndex((r) => r.chunks.length >= Math.ceil(s.fullRow * mode)));
}

/**
 * Column separators of a block: vertical corridors of white space that no chunk of a body row
 * crosses (header rows above the first row of values may: group headers span columns; single
 * rows may: section titles). Vertical rulings that run through the block are separators too.
 */
export function findSeparators(rows: Row[], vEdges: Edge[], s: StreamSettings): number[] {
  const box = rowsBox(rows);
  const body = rows.slice(bodyStart(rows, s)).filter(multi);
  const spans = body.flatMap((r) => splitChunks(r.words, s.pieceGap).map((c) => [c.box.x0, c.box.x1] as [number, number]));
  const gaps = lowCoverage(spans, box.x0, box.x1, 0, s.minColumnGap);
  const seps = gaps.map((g) => (g.x0 + g.x1) / 2);
  // Rulings through most of the block.
  const h = box.y1 - box.y0;
  for (const e of vEdges) {
    if (e.pos <= box.x0 + s.minColumnGap || e.pos >= box.x1 - s.minColumnGap) continue;
    if (overlap(e.a, e.b, box.y0, box.y1) < s.rulingThrough * h) continue;
    const inGap = gaps.findIndex((g) => e.pos >= g.x0 - s.minColumnGap && e.pos <= g.x1 + s.minColumnGap);
    if (inGap >= 0) seps[inGap] = e.pos;
    else seps.push(e.pos);
  }
  return [...new Set(seps)].sort((a, b) => a - b);
}

export function isList(rows: Row[], seps: number[], s: StreamSettings): boolean {
  if (seps.length > 1) return false;
  const firsts = rows.filter(multi).map((r) => r.chunks[0]).filter((c) => c.box.x1 <= seps[0]);
  return firsts.length > 0 && firsts.every((c) => s.listMarker.test(c.text.trim()));
}

/**
 * Prose, not a table: long cells in two or three columns (a page set in columns), lines whose
 * gaps are all the same (justified text spread over a narrow measure), or inner columns whose
 * cells share no edge (words of justified lines fall anywhere).
 */
export function isProse(rows: Row[], seps: number[], s: StreamSettings): boolean {
  const body = rows.filter(multi);
  const chunks = body.flatMap((r) => r.chunks);
  const words = chunks.reduce((a, c) => a + c.words.length, 0);
  if (seps.length <= 2 && words / chunks.length > s.maxWordsPerCell) return true;
  const even = body.filter((r) => {
    if (r.chunks.length < 3) return false;
    const gaps = r.chunks.slice(1).map((c, i) => c.box.x0 - r.chunks[i].box.x1);
    return maxOf(gaps) - minOf(gaps) < s.evenGapTol;
  });
  if (even.length >= s.evenRows * body.length) return true;
  return seps.length >= 2 && !innerColumnsAligned(body, seps, s);
}

/** Each inner column: most of its cells share a left, right or centre edge. */
function innerColumnsAligned(body: Row[], seps: number[], s: StreamSettings): boolean {
  for (let c = 1; c < seps.length; c++) {
    const pieces = body.flatMap((r) => r.chunks.filter((ch) => (ch.box.x0 + ch.box.x1) / 2 > seps[c - 1] && (ch.box.x0 + ch.box.x1) / 2 < seps[c]));
    if (pieces.length < s.minRows) continue;
    const tol = s.alignTol * median(pieces.map((p) => p.words[0].size));
    const share = (edge: (b: Box) => number) => {
      const m = median(pieces.map((p) => edge(p.box)));
      return pieces.filter((p) => Math.abs(edge(p.box) - m) <= tol).length / pieces.length;
    };
    if (Math.max(share((b) => b.x0), share((b) => b.x1), share((b) => (b.x0 + b.x1) / 2)) < s.minAligned) return false;
  }
  return true;
}

