// Small geometry helpers of the PDF table finder: boxes, rotation of the
// reading frame, sorted-array search.
import type { Box } from '../../../model.js';

export const cx = (b: Box): number => (b.x0 + b.x1) / 2;
export const cy = (b: Box): number => (b.y0 + b.y1) / 2;
export const width = (b: Box): number => b.x1 - b.x0;
export const height = (b: Box): number => b.y1 - b.y0;

export function union(boxes: Iterable<Box>): Box | null {
  let out: Box | null = null;
  for (const b of boxes) {
    if (!out) out = { ...b };
    else {
      if (b.x0 < out.x0) out.x0 = b.x0;
      if (b.y0 < out.y0) out.y0 = b.y0;
      if (b.x1 > out.x1) out.x1 = b.x1;
      if (b.y1 > out.y1) out.y1 = b.y1;
    }
  }
  return out;
}

export const contains = (b: Box, x: number, y: number, tol = 0): boolean =>
  x >= b.x0 - tol && x <= b.x1 + tol && y >= b.y0 - tol && y <= b.y1 + tol;

/** Overlap length of [a0, a1] and [b0, b1] (0 when apart). */
export const overlap = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/** Snap an angle to the nearest multiple of 90 in (-180, 180]: 0, 90, -90, 180. */
export function quarter(angle: number): number {
  let a = Math.round(angle / 90) * 90;
  while (a > 180) a -= 360;
  while (a <= -180) a += 360;
  return a === -180 ? 180 : a === 0 ? 0 : a;
}

/** Angle `a` seen from a frame rotated by `frame`: the result, snapped to quarters. */
export const relativeAngle = (a: number, frame: number): number => quarter(a - frame);

/**
 * Rotate a box into the reading frame of text at `angle` (counter-clockwise degrees): in the
 * result that text reads left to right, top to bottom. W, H: size of the space the box is in.
 *  90 (bottom-to-top): x' = H - y, y' = x;   -90 (top-to-bottom): x' = y, y' = W - x;
 *  180: x' = W - x, y' = H - y.
 */
export function rotateBox(b: Box, angle: number, W: number, H: number): Box {
  switch (quarter(angle)) {
    case 90:
      return { x0: H - b.y1, x1: H - b.y0, y0: b.x0, y1: b.x1 };
    case -90:
      return { x0: b.y0, x1: b.y1, y0: W - b.x1, y1: W - b.x0 };
    case 180:
      return { x0: W - b.x1, x1: W - b.x0, y0: H - b.y1, y1: H - b.y0 };
    default:
      return { ...b };
  }
}

/** Size of the space after rotating by `angle`. */
export const rotatedSize = (angle: number, W: number, H: number): [number, number] =>
  Math.abs(quarter(angle)) === 90 ? [H, W] : [W, H];

/** Index of the first element of sorted `arr` with key >= v. */
export function lowerBound<T>(arr: readonly T[], v: number, key: (t: T) => number): number {
  let lo = 0, hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(arr[mid]) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the slot of sorted boundaries `bounds` that holds v (-1 / bounds.length-1 outside). */
export function slotOf(bounds: readonly number[], v: number): number {
  let lo = 0, hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Cluster sorted numbers: a value more than `tol` from the previous one starts a new cluster. */
export function clusterValues(sorted: number[], tol: number): number[][] {
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tol) last.push(v);
    else out.push([v]);
  }
  return out;
}

/** Simple union-find over 0..n-1. */
export class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
