// The page as the table finder sees it: words (with the line they came from)
// and ruling edges, in a reading frame. Frame 0 is display space; a table set
// sideways is read in the frame of its text (90: bottom-to-top, -90:
// top-to-bottom), where that text runs left to right. Boxes found in a frame
// are mapped back to display space with `toPage`.
import type { Box, Line, Page } from '../../../model.js';
import { cx, cy, lowerBound, quarter, relativeAngle, rotateBox, rotatedSize } from './geometry.js';
import { TABLE_SETTINGS } from './settings.js';

export interface TWord {
  text: string;
  /** Box in the view's frame. */
  box: Box;
  /** Angle relative to the view's frame (quarters: 0, 90, -90, 180). */
  angle: number;
  size: number;
  bold: boolean;
  /** The line the word came from (consumed lines leave the body text). */
  line: Line;
  /** Position of the word in its line (reading order along the line). */
  order: number;
  /** The display-space word this one was rotated from. */
  base?: TWord;
}

/** The display-space word behind a (possibly rotated) word. */
export const baseWord = (w: TWord): TWord => w.base ?? w;

/** A ruling as an axis-parallel segment: h at y = pos from x = a to b; v at x = pos from y = a to b. */
export interface Edge {
  orient: 'h' | 'v';
  pos: number;
  a: number;
  b: number;
  width: number;
}

export interface View {
  page: Page;
  /** Display angle of the text that reads left to right in this frame. */
  angle: number;
  width: number;
  height: number;
  words: TWord[];
  edges: Edge[];
}

/** The words of some lines and the rulings of the page, in display space (frame 0). */
export function makeView(page: Page, lines: Line[]): View {
  const words: TWord[] = [];
  for (const line of lines) {
    if (line.blank) continue;
    line.words.forEach((w, i) => {
      if (!w.text.trim()) return;
      words.push({ text: w.text, box: w.box, angle: quarter(w.angle ?? 0), size: w.fontSize || line.fontSize || TABLE_SETTINGS.text.defaultFontSize, bold: w.bold, line, order: i });
    });
  }
  const edges: Edge[] = page.rulings.map((r) =>
    r.orient === 'h'
      ? { orient: 'h' as const, pos: (r.y0 + r.y1) / 2, a: Math.min(r.x0, r.x1), b: Math.max(r.x0, r.x1), width: r.width }
      : { orient: 'v' as const, pos: (r.x0 + r.x1) / 2, a: Math.min(r.y0, r.y1), b: Math.max(r.y0, r.y1), width: r.width },
  );
  return { page, angle: 0, width: page.width, height: page.height, words, edges };
}

const edgeBox = (e: Edge): Box =>
  e.orient === 'h' ? { x0: e.a, x1: e.b, y0: e.pos, y1: e.pos } : { x0: e.pos, x1: e.pos, y0: e.a, y1: e.b };

function boxEdge(b: Box, width: number): Edge {
  return b.y1 - b.y0 <= b.x1 - b.x0
    ? { orient: 'h', pos: (b.y0 + b.y1) / 2, a: b.x0, b: b.x1, width }
    : { orient: 'v', pos: (b.x0 + b.x1) / 2, a: b.y0, b: b.y1, width };
}

/** A display-space view (frame 0) seen in the frame of text at display angle `angle`. */
export function rotateView(view: View, angle: number, words: TWord[] = view.words, edges: Edge[] = view.edges): View {
  const a = quarter(angle);
  if (view.angle !== 0) throw new Error('rotateView: rotate display-space views only');
  if (a === 0) return { ...view, words, edges };
  const W = view.width, H = view.height;
  const [w2, h2] = rotatedSize(a, W, H);
  return {
    page: view.page,
    angle: a,
    width: w2,
    height: h2,
    words: words.map((w) => ({ ...w, box: rotateBox(w.box, a, W, H), angle: relativeAngle(w.angle, a), base: baseWord(w) })),
    edges: edges.map((e) => boxEdge(rotateBox(edgeBox(e), a, W, H), e.width)),
  };
}

/** A box of the view's frame in display space. */
export function toPage(view: View, b: Box): Box {
  if (view.angle === 0) return { ...b };
  return rotateBox(b, -view.angle, view.width, view.height);
}

/** Words sorted by vertical centre, for box queries without scanning the page. */
export class WordIndex {
  private readonly byY: TWord[];
  constructor(words: TWord[]) {
    this.byY = [...words].sort((p, q) => cy(p.box) - cy(q.box));
  }
  /** Words whose centre lies inside `b` (widened by tol). */
  inside(b: Box, tol = 0): TWord[] {
    const out: TWord[] = [];
    for (let i = lowerBound(this.byY, b.y0 - tol, (w) => cy(w.box)); i < this.byY.length; i++) {
      const w = this.byY[i];
      const y = cy(w.box);
      if (y > b.y1 + tol) break;
      const x = cx(w.box);
      if (x >= b.x0 - tol && x <= b.x1 + tol) out.push(w);
    }
    return out;
  }
}
