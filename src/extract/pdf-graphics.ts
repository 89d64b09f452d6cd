// Operator list of pdf.js (getOperatorList) → ruling lines and filled rectangles
// in display space.
//
// Pure functions, no pdf.js import: the PDF extractor passes the operator list,
// pdf.js's OPS numbers and the page's viewport transform.
//
// pdf.js 5.x hands paths over as `constructPath` with the arguments
// `[paintOp, [Float32Array drawOps] | [null], minMax]`. The draw ops (pdf.js
// DrawOPS, not exported) are 0 moveTo(x,y), 1 lineTo(x,y), 2 curveTo(6 numbers),
// 3 quadraticCurveTo(4 numbers), 4 closePath. A rectangle (`re`) arrives as
// moveTo + 3 × lineTo + closePath (a zero-width/height one as moveTo, lineTo,
// closePath). The paint op is the OPS number of stroke, closeStroke, fill,
// eoFill, fillStroke, eoFillStroke, closeFillStroke, closeEOFillStroke or
// endPath (a clipping path only: ignored). Coordinates are in the current user
// space: save/restore/transform (and form XObjects, transparency groups) are
// tracked here to get the CTM.

import type { FilledRect, Ruling } from '../model.js';

/** All tolerances of the graphics extraction, in one place (points, display space). */
export const GRAPHICS_SETTINGS = {
  /** A segment whose ends differ by at most this across its direction is horizontal/vertical. */
  axisTol: 0.5,
  /** A filled rectangle at most this thick (in one direction) is a ruling line. */
  thinRect: 2,
  /** Rectangles covering at least this share of the page width and height are page backgrounds/frames. */
  pageCover: 0.95,
  /** Rulings shorter than this are dropped (dots, corner squares). */
  minLength: 1,
  /** Paint in white (#ffffff) is invisible on paper: dropped. */
  dropWhite: true,
  /** Default tolerance of joinCollinear: same line within this, gaps up to this are bridged. */
  joinTol: 1,
  /** Coordinates are rounded to 1/round pt. */
  round: 100,
};

/** The pdf.js 5.x draw-op codes inside constructPath. */
export const DRAW_OPS = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

/** The OPS numbers used here (pass pdf.js's `OPS`). */
export interface OpsTable {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  setLineWidth: number;
  setGState: number;
  setFillRGBColor: number;
  setStrokeRGBColor: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  beginGroup: number;
  endGroup: number;
  beginAnnotation: number;
  endAnnotation: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  endPath: number;
  [name: string]: number;
}

export interface OperatorListInput {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

export interface GraphicsOptions {
  ops: OpsTable;
  /** The page's viewport transform (PDF user space → display space, y down). */
  viewport: ArrayLike<number>;
  /** Display size of the page (for dropping page-sized rectangles and off-page paint). */
  pageWidth: number;
  pageHeight: number;
}

export interface Graphics {
  rulings: Ruling[];
  rects: FilledRect[];
}

type Matrix = number[];

function multiply(m: ArrayLike<number>, n: ArrayLike<number>): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

const rnd = (n: number): number => {
  const r = Math.round(n * GRAPHICS_SETTINGS.round) / GRAPHICS_SETTINGS.round;
  return r === 0 ? 0 : r;
};

function isWhite(color: unknown): boolean {
  if (typeof color === 'string') return /^#?f{6}$/i.test(color);
  if (color && typeof color === 'object' && 'length' in color) {
    const c = color as ArrayLike<number>;
    return c.length >= 3 && c[0] >= 254 && c[1] >= 254 && c[2] >= 254;
  }
  return false;
}

interface GState {
  ctm: Matrix;
  lineWidth: number;
  fillWhite: boolean;
  strokeWhite: boolean;
}

/** Turn an operator list into rulings and filled rectangles (display space, not yet joined). */
export function operatorListToGraphics(list: OperatorListInput, opts: GraphicsOptions): Graphics {
  const S = GRAPHICS_SETTINGS;
  const { ops } = opts;
  const rulings: Ruling[] = [];
  const rects: FilledRect[] = [];
  const W = opts.pageWidth;
  const H = opts.pageHeight;
  const strokeOps = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fillOps = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);

  let st: GState = { ctm: Array.from(opts.viewport), lineWidth: 1, fillWhite: false, strokeWhite: false };
  const stack: GState[] = [];
  const save = () => stack.push({ ...st });
  const restore = () => {
    const s = stack.pop();
    if (s) st = s;
  };
  let annotationDepth = 0;

  const onPage = (x0: number, y0: number, x1: number, y1: number) => x1 >= 0 && y1 >= 0 && x0 <= W && y0 <= H;
  const coversPage = (x0: number, y0: number, x1: number, y1: number) =>
    x1 - x0 >= S.pageCover * W && y1 - y0 >= S.pageCover * H;

  const addRuling = (x0: number, y0: number, x1: number, y1: number, orient: 'h' | 'v', width: number) => {
    const len = orient === 'h' ? x1 - x0 : y1 - y0;
    if (len < S.minLength || !onPage(x0, y0, x1, y1)) return;
    rulings.push({ x0: rnd(x0), y0: rnd(y0), x1: rnd(x1), y1: rnd(y1), orient, width: rnd(width) });
  };

  const strokeSegment = (ax: number, ay: number, bx: number, by: number, width: number) => {
    const dx = Math.abs(bx - ax);
    const dy = Math.abs(by - ay);
    if (dy <= S.axisTol && dx > dy) {
      const y = (ay + by) / 2;
      addRuling(Math.min(ax, bx), y, Math.max(ax, bx), y, 'h', width);
    } else if (dx <= S.axisTol && dy > dx) {
      const x = (ax + bx) / 2;
      addRuling(x, Math.min(ay, by), x, Math.max(ay, by), 'v', width);
    }
  };

  const fillRect = (x0: number, y0: number, x1: number, y1: number) => {
    const w = x1 - x0;
    const h = y1 - y0;
    if (w <= 0 || h <= 0 || coversPage(x0, y0, x1, y1) || !onPage(x0, y0, x1, y1)) return;
    if (w <= S.thinRect && h <= S.thinRect) return; // a dot
    if (h <= S.thinRect) addRuling(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2, 'h', h);
    else if (w <= S.thinRect) addRuling((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, 'v', w);
    else rects.push({ x0: rnd(x0), y0: rnd(y0), x1: rnd(x1), y1: rnd(y1) });
  };

  // One subpath at a time: its points in display space, and whether it has curves.
  const xs: number[] = [];
  const ys: number[] = [];

  /** The subpath's bounding box if it is an axis-aligned rectangle, else null. */
  const rectOf = (): [number, number, number, number] | null => {
    let n = xs.length;
    // A path drawn back to its start point (m l l l l) repeats the first corner.
    if (n === 5 && Math.abs(xs[4] - xs[0]) < 1e-3 && Math.abs(ys[4] - ys[0]) < 1e-3) n--;
    if (n !== 4) return null;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, xs[i]);
      x1 = Math.max(x1, xs[i]);
      y0 = Math.min(y0, ys[i]);
      y1 = Math.max(y1, ys[i]);
    }
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const dx = Math.abs(xs[j] - xs[i]);
      const dy = Math.abs(ys[j] - ys[i]);
      if (dx > S.axisTol && dy > S.axisTol) return null; // a diagonal edge
      const onX = Math.abs(xs[i] - x0) <= S.axisTol || Math.abs(xs[i] - x1) <= S.axisTol;
      const onY = Math.abs(ys[i] - y0) <= S.axisTol || Math.abs(ys[i] - y1) <= S.axisTol;
      if (!onX || !onY) return null;
    }
    return [x0, y0, x1, y1];
  };

  const paintPath = (paintOp: number, buf: ArrayLike<number>) => {
    const doStroke = strokeOps.has(paintOp) && !(S.dropWhite && st.strokeWhite);
    const doFill = fillOps.has(paintOp) && !(S.dropWhite && st.fillWhite);
    if (!doStroke && !doFill) return;
    const m = st.ctm;
    const lw = st.lineWidth * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
    let curved = false;
    let closed = false;

    const finishSubpath = () => {
      if (xs.length > 0) {
        const rect = curved ? null : rectOf();
        if (doFill && rect) fillRect(rect[0], rect[1], rect[2], rect[3]);
        if (doStroke) {
          if (rect && coversPage(rect[0], rect[1], rect[2], rect[3])) {
            // a page frame: not a table ruling
          } else {
            for (let i = 1; i < xs.length; i++) {
              if (!Number.isNaN(xs[i - 1]) && !Number.isNaN(xs[i])) strokeSegment(xs[i - 1], ys[i - 1], xs[i], ys[i], lw);
            }
            if (closed && xs.length > 1 && !Number.isNaN(xs[xs.length - 1])) {
              strokeSegment(xs[xs.length - 1], ys[xs.length - 1], xs[0], ys[0], lw);
            }
          }
        }
      }
      xs.length = 0;
      ys.length = 0;
      curved = false;
      closed = false;
    };
    const point = (x: number, y: number) => {
      xs.push(m[0] * x + m[2] * y + m[4]);
      ys.push(m[1] * x + m[3] * y + m[5]);
    };

    for (let i = 0; i < buf.length; ) {
      switch (buf[i]) {
        case DRAW_OPS.moveTo:
          finishSubpath();
          point(buf[i + 1], buf[i + 2]);
          i += 3;
          break;
        case DRAW_OPS.lineTo:
          if (closed) {
            // drawing on after closePath starts a new subpath at the start point
            const sx = xs[0], sy = ys[0];
            finishSubpath();
            xs.push(sx);
            ys.push(sy);
          }
          point(buf[i + 1], buf[i + 2]);
          i += 3;
          break;
        case DRAW_OPS.curveTo:
        case DRAW_OPS.quadraticCurveTo: {
          const n = buf[i] === DRAW_OPS.curveTo ? 6 : 4;
          curved = true;
          // A curve breaks the straight segments: mark a gap, continue from its end point.
          xs.push(NaN);
          ys.push(NaN);
          point(buf[i + n - 1], buf[i + n]);
          i += n + 1;
          break;
        }
        case DRAW_OPS.closePath:
          closed = true;
          i += 1;
          break;
        default:
          // Unknown draw op: give up on this path rather than misread it.
          i = buf.length;
          xs.length = 0;
          ys.length = 0;
      }
    }
    finishSubpath();
  };

  const { fnArray, argsArray } = list;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (annotationDepth > 0) {
      if (fn === ops.beginAnnotation) annotationDepth++;
      else if (fn === ops.endAnnotation) annotationDepth--;
      continue;
    }
    switch (fn) {
      case ops.save:
        save();
        break;
      case ops.restore:
        restore();
        break;
      case ops.transform: {
        const a = argsArray[i] as ArrayLike<number>;
        if (a && a.length >= 6) st.ctm = multiply(st.ctm, a);
        break;
      }
      case ops.paintFormXObjectBegin: {
        save();
        const a = argsArray[i] as unknown[] | null;
        const matrix = a?.[0] as ArrayLike<number> | null | undefined;
        if (matrix && matrix.length >= 6) st.ctm = multiply(st.ctm, matrix);
        break;
      }
      case ops.paintFormXObjectEnd:
        restore();
        break;
      case ops.beginGroup: {
        save();
        const group = (argsArray[i] as unknown[] | null)?.[0] as { matrix?: ArrayLike<number> } | undefined;
        if (group?.matrix && group.matrix.length >= 6) st.ctm = multiply(st.ctm, group.matrix);
        break;
      }
      case ops.endGroup:
        restore();
        break;
      case ops.beginAnnotation:
        // Annotation appearances (link frames, form fields) are not page content.
        annotationDepth = 1;
        break;
      case ops.setLineWidth: {
        const a = argsArray[i] as ArrayLike<number>;
        if (a && typeof a[0] === 'number') st.lineWidth = a[0];
        break;
      }
      case ops.setGState: {
        const entries = (argsArray[i] as unknown[] | null)?.[0];
        if (Array.isArray(entries)) {
          for (const e of entries) {
            if (Array.isArray(e) && e[0] === 'LW' && typeof e[1] === 'number') st.lineWidth = e[1];
          }
        }
        break;
      }
      case ops.setFillRGBColor:
        st.fillWhite = isWhite((argsArray[i] as unknown[] | null)?.[0] ?? argsArray[i]);
        break;
      case ops.setStrokeRGBColor:
        st.strokeWhite = isWhite((argsArray[i] as unknown[] | null)?.[0] ?? argsArray[i]);
        break;
      case ops.setFillTransparent:
        st.fillWhite = false;
        break;
      case ops.setStrokeTransparent:
        st.strokeWhite = false;
        break;
      case ops.constructPath: {
        const a = argsArray[i] as unknown[] | null;
        if (!a) break;
        const paintOp = a[0] as number;
        const bufs = a[1] as (ArrayLike<number> | null)[] | null;
        const buf = bufs?.[0];
        if (paintOp === ops.endPath || !buf) break;
        paintPath(paintOp, buf);
        break;
      }
      default:
        break;
    }
  }
  return { rulings, rects };
}

/**
 * Merge collinear rulings that touch or overlap (Word and LibreOffice draw one
 * segment per table cell). Rulings of one orientation whose positions differ by
 * at most `tolerance` are on one line; segments with gaps up to `tolerance` are
 * joined. The result is sorted: horizontal by y then x, then vertical by x then y.
 */
export function joinCollinear(rulings: readonly Ruling[], tolerance: number = GRAPHICS_SETTINGS.joinTol): Ruling[] {
  const out: Ruling[] = [];
  for (const orient of ['h', 'v'] as const) {
    const horiz = orient === 'h';
    const pos = (r: Ruling) => (horiz ? r.y0 : r.x0);
    const start = (r: Ruling) => (horiz ? Math.min(r.x0, r.x1) : Math.min(r.y0, r.y1));
    const end = (r: Ruling) => (horiz ? Math.max(r.x0, r.x1) : Math.max(r.y0, r.y1));
    const list = rulings.filter((r) => r.orient === orient).sort((a, b) => pos(a) - pos(b) || start(a) - start(b));
    for (let i = 0; i < list.length; ) {
      let j = i + 1;
      while (j < list.length && pos(list[j]) - pos(list[i]) <= tolerance) j++;
      const group = list.slice(i, j).sort((a, b) => start(a) - start(b));
      let s = start(group[0]);
      let e = end(group[0]);
      let width = group[0].width;
      let posSum = pos(group[0]) * Math.max(e - s, 1e-6);
      let lenSum = Math.max(e - s, 1e-6);
      const flush = () => {
        const p = rnd(posSum / lenSum);
        out.push(
          horiz
            ? { x0: rnd(s), y0: p, x1: rnd(e), y1: p, orient, width }
            : { x0: p, y0: rnd(s), x1: p, y1: rnd(e), orient, width },
        );
      };
      for (let k = 1; k < group.length; k++) {
        const r = group[k];
        const rs = start(r);
        const re = end(r);
        const len = Math.max(re - rs, 1e-6);
        if (rs <= e + tolerance) {
          e = Math.max(e, re);
          width = Math.max(width, r.width);
        } else {
          flush();
          s = rs;
          e = re;
          width = r.width;
          posSum = 0;
          lenSum = 0;
        }
        posSum += pos(r) * len;
        lenSum += len;
      }
      flush();
      i = j;
    }
  }
  return out;
}
