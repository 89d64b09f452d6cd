import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DRAW_OPS, joinCollinear, operatorListToGraphics, type OpsTable } from '../src/extract/pdf-graphics.js';
import type { Ruling } from '../src/model.js';

const ops: OpsTable = OPS;
const { moveTo: M, lineTo: L, curveTo: C, closePath: Z } = DRAW_OPS;
const H = 842;
const VIEWPORT = [1, 0, 0, -1, 0, H]; // A4-ish portrait, no /Rotate

/** A tiny operator-list builder in pdf.js 5.x format. */
class OpList {
  fnArray: number[] = [];
  argsArray: unknown[] = [];
  op(fn: number, args: unknown = null): this {
    this.fnArray.push(fn);
    this.argsArray.push(args);
    return this;
  }
  path(paintOp: number, draw: number[]): this {
    return this.op(ops.constructPath, [paintOp, [Float32Array.from(draw)], null]);
  }
  /** `re` as pdf.js 5.6 turns it into draw ops. */
  rect(paintOp: number, x: number, y: number, w: number, h: number): this {
    return this.path(paintOp, [M, x, y, L, x + w, y, L, x + w, y + h, L, x, y + h, Z]);
  }
}

const graphics = (list: OpList, size = { w: 595, h: H }, viewport = VIEWPORT) =>
  operatorListToGraphics(list, { ops, viewport, pageWidth: size.w, pageHeight: size.h });

describe('operatorListToGraphics', () => {
  it('pdf.js 5.6 still uses these draw-op codes', () => {
    expect(DRAW_OPS).toEqual({ moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 });
    expect([ops.constructPath, ops.stroke, ops.fill, ops.endPath]).toEqual([91, 20, 22, 28]);
  });

  it('turns stroked lines into rulings in display space with their width', () => {
    const list = new OpList()
      .op(ops.setLineWidth, [0.5])
      .path(ops.stroke, [M, 71.35, 301.15, L, 771.05, 301.15])
      .path(ops.stroke, [M, 100, 700, L, 100, 600]);
    expect(graphics(list).rulings).toEqual([
      { x0: 71.35, y0: 540.85, x1: 771.05, y1: 540.85, orient: 'h', width: 0.5 },
      { x0: 100, y0: 142, x1: 100, y1: 242, orient: 'v', width: 0.5 },
    ]);
  });

  it('tracks save/restore/transform and scales the line width with the CTM', () => {
    const list = new OpList()
      .op(ops.save)
      .op(ops.transform, [2, 0, 0, 2, 10, 20])
      .op(ops.setLineWidth, [0.25])
      .path(ops.stroke, [M, 0, 0, L, 50, 0])
      .op(ops.restore)
      .path(ops.stroke, [M, 0, 100, L, 50, 100]);
    expect(graphics(list).rulings).toEqual([
      { x0: 10, y0: 822, x1: 110, y1: 822, orient: 'h', width: 0.5 },
      { x0: 0, y0: 742, x1: 50, y1: 742, orient: 'h', width: 1 },
    ]);
  });

  it('applies the matrix of a form XObject until its end', () => {
    const list = new OpList()
      .op(ops.paintFormXObjectBegin, [[1, 0, 0, 1, 100, 0], [0, 0, 100, 100]])
      .path(ops.stroke, [M, 0, 10, L, 20, 10])
      .op(ops.paintFormXObjectEnd)
      .path(ops.stroke, [M, 0, 10, L, 20, 10]);
    expect(graphics(list).rulings.map((r) => [r.x0, r.x1])).toEqual([
      [100, 120],
      [0, 20],
    ]);
  });

  it('thin filled rectangles become rulings, bigger ones filled rects, the page-sized one is dropped', () => {
    const list = new OpList()
      .op(ops.setFillRGBColor, ['#e0e0e0'])
      .rect(ops.fill, 0, 0, 595, 842) // page background
      .op(ops.setFillRGBColor, ['#000000'])
      .rect(ops.fill, 70.5, 118.5, 141.7, 0.49) // thin: a horizontal rule
      .rect(ops.fill, 300, 100, 0.75, 200) // thin: a vertical rule
      .rect(ops.eoFill, 80, 400, 200, 20) // shading
      .rect(ops.fill, 10, 10, 1.5, 1.5); // a dot
    const g = graphics(list);
    expect(g.rulings).toEqual([
      { x0: 70.5, y0: 723.26, x1: 212.2, y1: 723.26, orient: 'h', width: 0.49 },
      { x0: 300.38, y0: 542, x1: 300.38, y1: 742, orient: 'v', width: 0.75 },
    ]);
    expect(g.rects).toEqual([{ x0: 80, y0: 422, x1: 280, y1: 442 }]);
  });

  it('ignores clipping paths, curves and white paint', () => {
    const list = new OpList()
      .rect(ops.endPath, 0, 0, 300, 0.5) // clip only
      .path(ops.fill, [M, 0, 0, C, 10, 10, 20, 10, 30, 0, L, 30, 0.5, Z]) // curved shape
      .op(ops.setFillRGBColor, ['#ffffff'])
      .rect(ops.fill, 50, 50, 200, 0.5)
      .op(ops.setStrokeRGBColor, ['#ffffff'])
      .path(ops.stroke, [M, 50, 60, L, 250, 60])
      .op(ops.constructPath, [ops.stroke, [null], null]);
    expect(graphics(list)).toEqual({ rulings: [], rects: [] });
  });

  it('strokes every edge of a closed rectangle and a zero-height rectangle', () => {
    const list = new OpList()
      .op(ops.setLineWidth, [1])
      .rect(ops.closeStroke, 100, 100, 200, 50)
      .path(ops.stroke, [M, 100, 300, L, 300, 300, Z]); // `re` with h = 0
    const g = graphics(list);
    expect(g.rulings.map((r) => `${r.orient} ${r.x0},${r.y0}-${r.x1},${r.y1}`)).toEqual([
      'h 100,742-300,742',
      'v 300,692-300,742',
      'h 100,692-300,692',
      'v 100,692-100,742',
      'h 100,542-300,542',
      'h 100,542-300,542',
    ]);
    expect(g.rects).toEqual([]);
  });

  it('a filled-and-stroked rectangle gives the shading and its borders', () => {
    const g = graphics(new OpList().rect(ops.fillStroke, 100, 100, 200, 50));
    expect(g.rects).toEqual([{ x0: 100, y0: 692, x1: 300, y1: 742 }]);
    expect(g.rulings).toHaveLength(4);
  });

  it('maps a /Rotate 90 page into display space', () => {
    // pdf.js viewport of a portrait page with /Rotate 90: display x = PDF y, display y = PDF x
    const g = graphics(new OpList().path(ops.stroke, [M, 100, 50, L, 400, 50]), { w: 842, h: 595 }, [0, 1, 1, 0, 0, 0]);
    expect(g.rulings).toEqual([{ x0: 50, y0: 100, x1: 50, y1: 400, orient: 'v', width: 1 }]);
  });

  it('skips the appearance streams of annotations', () => {
    const list = new OpList()
      .op(ops.beginAnnotation, ['a1', [0, 0, 10, 10], [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0], false])
      .path(ops.stroke, [M, 0, 5, L, 100, 5])
      .op(ops.endAnnotation)
      .path(ops.stroke, [M, 0, 500, L, 100, 500]);
    expect(graphics(list).rulings.map((r) => r.y0)).toEqual([342]);
  });
});

describe('joinCollinear', () => {
  const h = (x0: number, x1: number, y: number, width = 0.5): Ruling => ({ x0, y0: y, x1, y1: y, orient: 'h', width });
  const v = (x: number, y0: number, y1: number, width = 0.5): Ruling => ({ x0: x, y0, x1: x, y1, orient: 'v', width });

  it('merges per-cell segments of one border into one line', () => {
    const cells = [h(272, 303.5, 87), h(71, 272, 87), h(303.5, 335, 87.3), h(335, 771, 87, 0.75)];
    expect(joinCollinear(cells)).toEqual([{ x0: 71, y0: 87.01, x1: 771, y1: 87.01, orient: 'h', width: 0.75 }]);
  });

  it('keeps gaps wider than the tolerance and lines further apart than it', () => {
    const out = joinCollinear([h(0, 100, 50), h(100.8, 200, 50), h(203, 300, 50), h(0, 100, 52), v(10, 0, 40), v(10, 40.5, 80)]);
    expect(out.map((r) => `${r.orient} ${r.x0},${r.y0}-${r.x1},${r.y1}`)).toEqual([
      'h 0,50-200,50',
      'h 203,50-300,50',
      'h 0,52-100,52',
      'v 10,0-10,80',
    ]);
    expect(joinCollinear([h(0, 100, 50), h(103, 200, 50)], 5)).toHaveLength(1);
  });

  it('returns nothing for nothing', () => {
    expect(joinCollinear([])).toEqual([]);
  });
});
