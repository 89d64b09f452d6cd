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
import { multiply } from './pdf-text.js';

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
type Box4 = [number, number, number, number];

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

// ---------------------------------------------------------------------------
// Graphics state

interface GState {
  ctm: Matrix;
  lineWidth: number;
  fillWhite: boolean;
  strokeWhite: boolean;
}

/** The current graphics state and its save/restore stack. */
class GStateStack {
  cur: GState;
  private readonly saved: GState[] = [];

  constructor(viewport: ArrayLike<number>) {
    this.cur = { ctm: Array.from(viewport), lineWidth: 1, fillWhite: false, strokeWhite: false };
  }

  save(): void {
    this.saved.push({ ...this.cur });
  }

  /** An unbalanced restore keeps the current state. */
  restore(): void {
    const s = this.saved.pop();
    if (s) this.cur = s;
  }

  /** Concatenate a matrix to the CTM; anything that is not a 6-number matrix is ignored. */
  concat(m: ArrayLike<number> | null | undefined): void {
    if (m && m.length >= 6) this.cur.ctm = multiply(this.cur.ctm, m);
  }
}

// ---------------------------------------------------------------------------
// Classification: display-space segments and rectangles → rulings and rects

/** Collects rulings and filled rectangles; drops off-page, page-sized and too small paint. */
class GraphicsSink {
  readonly rulings: Ruling[] = [];
  readonly rects: FilledRect[] = [];

  constructor(
    private readonly W: number,
    private readonly H: number,
  ) {}

  onPage(x0: number, y0: number, x1: number, y1: number): boolean {
    return x1 >= 0 && y1 >= 0 && x0 <= this.W && y0 <= this.H;
  }

  coversPage(x0: number, y0: number, x1: number, y1: number): boolean {
    const S = GRAPHICS_SETTINGS;
    return x1 - x0 >= S.pageCover * this.W && y1 - y0 >= S.pageCover * this.H;
  }

  addRuling(x0: number, y0: number, x1: number, y1: number, orient: 'h' | 'v', width: number): void {
    const len = orient === 'h' ? x1 - x0 : y1 - y0;
    if (len < GRAPHICS_SETTINGS.minLength || !this.onPage(x0, y0, x1, y1)) return;
    this.rulings.push({ x0: rnd(x0), y0: rnd(y0), x1: rnd(x1), y1: rnd(y1), orient, width: rnd(width) });
  }

  /** A stroked segment is a ruling only when it is (nearly) horizontal or vertical. */
  strokeSegment(ax: number, ay: number, bx: number, by: number, width: number): void {
    const tol = GRAPHICS_SETTINGS.axisTol;
    const dx = Math.abs(bx - ax);
    const dy = Math.abs(by - ay);
    if (dy <= tol && dx > dy) {
      const y = (ay + by) / 2;
      this.addRuling(Math.min(ax, bx), y, Math.max(ax, bx), y, 'h', width);
    } else if (dx <= tol && dy > dx) {
      const x = (ax + bx) / 2;
      this.addRuling(x, Math.min(ay, by), x, Math.max(ay, by), 'v', width);
    }
  }

  /** A filled rectangle: thin ones are rulings, dots and page-sized ones are dropped. */
  fillRect(x0: number, y0: number, x1: number, y1: number): void {
    const thin = GRAPHICS_SETTINGS.thinRect;
    const w = x1 - x0;
    const h = y1 - y0;
    if (w <= 0 || h <= 0 || this.coversPage(x0, y0, x1, y1) || !this.onPage(x0, y0, x1, y1)) return;
    if (w <= thin && h <= thin) return; // a dot
    if (h <= thin) this.addRuling(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2, 'h', h);
    else if (w <= thin) this.addRuling((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, 'v', w);
    else this.rects.push({ x0: rnd(x0), y0: rnd(y0), x1: rnd(x1), y1: rnd(y1) });
  }
}

// ---------------------------------------------------------------------------
// Paths: constructPath draw ops → subpaths in display space

/** One subpath: its points in display space (NaN marks the gap a curve leaves), curves, closePath. */
interface Subpath {
  xs: number[];
  ys: number[];
  curved: boolean;
  closed: boolean;
}

const emptySubpath = (): Subpath => ({ xs: [], ys: [], curved: false, closed: false });

/** The subpath's bounding box if it is an axis-aligned rectangle, else null. */
function rectOf(xs: readonly number[], ys: readonly number[]): Box4 | null {
  const tol = GRAPHICS_SETTINGS.axisTol;
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
    if (dx > tol && dy > tol) return null; // a diagonal edge
    const onX = Math.abs(xs[i] - x0) <= tol || Math.abs(xs[i] - x1) <= tol;
    const onY = Math.abs(ys[i] - y0) <= tol || Math.abs(ys[i] - y1) <= tol;
    if (!onX || !onY) return null;
  }
  return [x0, y0, x1, y1];
}

/**
 * Walk the draw ops of one constructPath (user space, mapped through `m`) and
 * hand every non-empty subpath to `emit`, in drawing order.
 */
function forEachSubpath(buf: ArrayLike<number>, m: Matrix, emit: (sp: Subpath) => void): void {
  let sp = emptySubpath();
  const finish = () => {
    if (sp.xs.length > 0) emit(sp);
    sp = emptySubpath();
  };
  const point = (x: number, y: number) => {
    sp.xs.push(m[0] * x + m[2] * y + m[4]);
    sp.ys.push(m[1] * x + m[3] * y + m[5]);
  };
  for (let i = 0; i < buf.length; ) {
    switch (buf[i]) {
      case DRAW_OPS.moveTo:
        finish();
        point(buf[i + 1], buf[i + 2]);
        i += 3;
        break;
      case DRAW_OPS.lineTo:
        if (sp.closed) {
          // drawing on after closePath starts a new subpath at the start point
          const sx = sp.xs[0], sy = sp.ys[0];
          finish();
          sp.xs.push(sx);
          sp.ys.push(sy);
        }
        point(buf[i + 1], buf[i + 2]);
        i += 3;
        break;
      case DRAW_OPS.curveTo:
      case DRAW_OPS.quadraticCurveTo: {
        const n = buf[i] === DRAW_OPS.curveTo ? 6 : 4;
        sp.curved = true;
        // A curve breaks the straight segments: mark a gap, continue from its end point.
        sp.xs.push(NaN);
        sp.ys.push(NaN);
        point(buf[i + n - 1], buf[i + n]);
        i += n + 1;
        break;
      }
      case DRAW_OPS.closePath:
        sp.closed = true;
        i += 1;
        break;
      default:
        // Unknown draw op: give up on the rest of this path (the current subpath too) rather than misread it.
        return;
    }
  }
  finish();
}

/** How one constructPath is painted, after dropping white paint. */
interface Paint {
  fill: boolean;
  stroke: boolean;
  /** Line width in display space. */
  lineWidth: number;
}

/** Stroke the straight segments of a subpath (not across curve gaps), and its closing segment. */
function strokeSubpath(sp: Subpath, lw: number, sink: GraphicsSink): void {
  const { xs, ys } = sp;
  for (let i = 1; i < xs.length; i++) {
    if (!Number.isNaN(xs[i - 1]) && !Number.isNaN(xs[i])) sink.strokeSegment(xs[i - 1], ys[i - 1], xs[i], ys[i], lw);
  }
  const last = xs.length - 1;
  if (sp.closed && xs.length > 1 && !Number.isNaN(xs[last])) sink.strokeSegment(xs[last], ys[last], xs[0], ys[0], lw);
}

function paintSubpath(sp: Subpath, paint: Paint, sink: GraphicsSink): void {
  const rect = sp.curved ? null : rectOf(sp.xs, sp.ys);
  if (paint.fill && rect) sink.fillRect(rect[0], rect[1], rect[2], rect[3]);
  if (!paint.stroke) return;
  if (rect && sink.coversPage(rect[0], rect[1], rect[2], rect[3])) return; // a page frame: not a table ruling
  strokeSubpath(sp, paint.lineWidth, sink);
}

// ---------------------------------------------------------------------------
// The operator list walk

type OpHandler = (args: unknown) => void;

/** Handlers of save/restore and of everything that changes the CTM (forms and groups bring a matrix). */
function stateHandlers(ops: OpsTable, gs: GStateStack): [number, OpHandler][] {
  return [
    [ops.save, () => gs.save()],
    [ops.restore, () => gs.restore()],
    [ops.transform, (a) => gs.concat(a as ArrayLike<number>)],
    [ops.paintFormXObjectBegin, (a) => {
      gs.save();
      gs.concat((a as unknown[] | null)?.[0] as ArrayLike<number> | null | undefined);
    }],
    [ops.paintFormXObjectEnd, () => gs.restore()],
    [ops.beginGroup, (a) => {
      gs.save();
      gs.concat(((a as unknown[] | null)?.[0] as { matrix?: ArrayLike<number> } | undefined)?.matrix);
    }],
    [ops.endGroup, () => gs.restore()],
  ];
}

/** Handlers of the line width and of the colours (white paint is dropped). */
function styleHandlers(ops: OpsTable, gs: GStateStack): [number, OpHandler][] {
  const color = (a: unknown) => (a as unknown[] | null)?.[0] ?? a;
  return [
    [ops.setLineWidth, (a) => {
      const w = a as ArrayLike<number>;
      if (w && typeof w[0] === 'number') gs.cur.lineWidth = w[0];
    }],
    [ops.setGState, (a) => {
      const entries = (a as unknown[] | null)?.[0];
      if (!Array.isArray(entries)) return;
      for (const e of entries) {
        if (Array.isArray(e) && e[0] === 'LW' && typeof e[1] === 'number') gs.cur.lineWidth = e[1];
      }
    }],
    [ops.setFillRGBColor, (a) => {
      gs.cur.fillWhite = isWhite(color(a));
    }],
    [ops.setStrokeRGBColor, (a) => {
      gs.cur.strokeWhite = isWhite(color(a));
    }],
    [ops.setFillTransparent, () => {
      gs.cur.fillWhite = false;
    }],
    [ops.setStrokeTransparent, () => {
      gs.cur.strokeWhite = false;
    }],
  ];
}

/** The constructPath handler: stroke and fill the path with the current state. */
function pathHandler(ops: OpsTable, gs: GStateStack, sink: GraphicsSink): [number, OpHandler] {
  const S = GRAPHICS_SETTINGS;
  const strokeOps = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fillOps = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  return [ops.constructPath, (args) => {
    const a = args as unknown[] | null;
    if (!a) return;
    const paintOp = a[0] as number;
    const buf = (a[1] as (ArrayLike<number> | null)[] | null)?.[0];
    if (paintOp === ops.endPath || !buf) return; // endPath: a clipping path only
    const st = gs.cur;
    const stroke = strokeOps.has(paintOp) && !(S.dropWhite && st.strokeWhite);
    const fill = fillOps.has(paintOp) && !(S.dropWhite && st.fillWhite);
    if (!stroke && !fill) return;
    const m = st.ctm;
    // The line width scales with the CTM (square root of its area factor).
    const lineWidth = st.lineWidth * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
    forEachSubpath(buf, m, (sp) => paintSubpath(sp, { fill, stroke, lineWidth }, sink));
  }];
}

/**
 * Handler per OPS number. Registered in priority order and the first one wins,
 * so an OPS table that maps two names to one number behaves like a switch.
 */
function opHandlers(entries: [number, OpHandler][]): Map<number, OpHandler> {
  const map = new Map<number, OpHandler>();
  for (const [fn, handler] of entries) if (!map.has(fn)) map.set(fn, handler);
  return map;
}

/** Turn an operator list into rulings and filled rectangles (display space, not yet joined). */
export function operatorListToGraphics(list: OperatorListInput, opts: GraphicsOptions): Graphics {
  const { ops } = opts;
  const gs = new GStateStack(opts.viewport);
  const sink = new GraphicsSink(opts.pageWidth, opts.pageHeight);
  let annotationDepth = 0;
  const handlers = opHandlers([
    ...stateHandlers(ops, gs),
    // Annotation appearances (link frames, form fields) are not page content.
    [ops.beginAnnotation, () => {
      annotationDepth = 1;
    }],
    ...styleHandlers(ops, gs),
    pathHandler(ops, gs, sink),
  ]);
  const { fnArray, argsArray } = list;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (annotationDepth > 0) {
      if (fn === ops.beginAnnotation) annotationDepth++;
      else if (fn === ops.endAnnotation) annotationDepth--;
      continue;
    }
    handlers.get(fn)?.(argsArray[i]);
  }
  return { rulings: sink.rulings, rects: sink.rects };
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
