// Text rows and their chunks: the words of one line, split where the gap
// between two words is wider than a column gap (a candidate cell).
import type { Box, Line } from '../../../model.js';
import { union } from './geometry.js';
import type { TWord } from './view.js';

export interface Chunk {
  words: TWord[];
  box: Box;
  text: string;
}

export interface Row {
  line: Line;
  words: TWord[];
  chunks: Chunk[];
  box: Box;
  size: number;
}

export function makeChunk(words: TWord[]): Chunk {
  return { words, box: union(words.map((w) => w.box))!, text: words.map((w) => w.text).join(' ') };
}

/** Split words of one line (sorted along x) where a gap exceeds `gapEm` times the font size. */
export function splitChunks(words: TWord[], gapEm: number): Chunk[] {
  const out: Chunk[] = [];
  let cur: TWord[] = [];
  for (const w of words) {
    const prev = cur[cur.length - 1];
    if (prev && w.box.x0 - prev.box.x1 > gapEm * Math.max(Math.min(prev.size, w.size), 1)) {
      out.push(makeChunk(cur));
      cur = [];
    }
    cur.push(w);
  }
  if (cur.length) out.push(makeChunk(cur));
  return out;
}

/** Rows of text: the words of each source line that are at angle 0 in the frame, split into chunks. */
export function textRows(words: TWord[], gapEm: number): Row[] {
  const byLine = new Map<Line, TWord[]>();
  for (const w of words) {
    if (w.angle !== 0) continue;
    let l = byLine.get(w.line);
    if (!l) byLine.set(w.line, (l = []));
    l.push(w);
  }
  const rows: Row[] = [];
  for (const [line, ws] of byLine) {
    ws.sort((p, q) => p.box.x0 - q.box.x0);
    const sizes = ws.map((w) => w.size).sort((a, b) => a - b);
    rows.push({ line, words: ws, chunks: splitChunks(ws, gapEm), box: union(ws.map((w) => w.box))!, size: sizes[sizes.length >> 1] });
  }
  rows.sort((p, q) => (p.box.y0 + p.box.y1) / 2 - (q.box.y0 + q.box.y1) / 2 || p.box.x0 - q.box.x0);
  return rows;
}
