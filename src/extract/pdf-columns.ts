// Two columns of prose side by side (Bundesrat papers, Plenarprotokolle, some Landtage): the text
// layout puts everything on one baseline into one line, which would read "left line + right line"
// as one sentence. When a page has a gutter (an empty vertical strip near the middle of its text)
// that many lines of prose on both sides share, those lines are split at the gutter and read
// column by column. Tables are left alone: rulings across the gutter, numbers, and ragged cells
// (a column of prose is filled up to the gutter) all say "table".
import type { Line, Ruling, Word } from '../model.js';
import { maxOf, minOf } from '../common/arrays.js';
import { unionBox } from './pdf-text.js';

export const COLUMN_SETTINGS = {
  /** The gutter lies in this share of the text block's width (measured from its left edge). */
  gutterRange: [0.3, 0.7] as const,
  /** Narrowest gutter (em of the line's font size). */
  minGutterEm: 1,
  /** Lines that must be split at the gutter. */
  minLines: 6,
  /** Share of the lines that reach over the gutter position that must be split there. */
  minShare: 0.5,
  /** A column part needs this many words (prose, not a cell). */
  minWords: 3,
  /** Share of split lines whose left part ends near the gutter (a filled column, not a ragged cell). */
  minFilled: 0.5,
  /** "Filled": ends within this share of the left column's width from its right edge. */
  filledSlack: 0.2,
  /** Most numbers a column part may hold, as a share of its words. */
  maxNumberShare: 0.5,
};

const NUMBER = /^[([]?[-–+]?[\d.,%€]+[)\]]?$/;

/** At most this many gutter positions are tried per page. */
const MAX_CANDIDATES = 400;


function partLine(l: Line, words: Word[]): Line {
  const bold = words.filter((w) => w.bold).length * 2 > words.length;
  return { ...l, text: words.map((w) => w.text).join(' '), words, box: unionBox(words), bold };
}

/** Index of the first word right of x, when the gap before it covers x and is wide enough; else -1. */
function splitIndex(l: Line, x: number): number {
  const em = l.fontSize || 10;
  for (let i = 1; i < l.words.length; i++) {
    const a = l.words[i - 1].box, b = l.words[i].box;
    if (a.x1 <= x && b.x0 >= x) return b.x0 - a.x1 >= COLUMN_SETTINGS.minGutterEm * em ? i : -1;
  }
  return -1;
}

const prose = (words: Word[]) =>
  words.length >= COLUMN_SETTINGS.minWords && words.filter((w) => NUMBER.test(w.text)).length <= COLUMN_SETTINGS.maxNumberShare * words.length;

/**
 * For each candidate position x = from + k·step: how many lines reach over it (`over`) and how many
 * of those have their gap there wide enough to split (`split`, as splitIndex decides). One pass over
 * the lines and their gaps, not one per position.
 */
function gutterCandidates(horiz: Line[], from: number, step: number, n: number): { x: number; split: number; over: number }[] {
  const over = new Int32Array(n + 1), split = new Int32Array(n), seen = new Int32Array(n).fill(-1);
  /** First k with x_k > v (strictly), last k with x_k < v; clamped to the candidates. */
  const above = (v: number) => Math.max(0, Math.floor((v - from) / step) + 1);
  const below = (v: number) => Math.min(n - 1, Math.ceil((v - from) / step) - 1);
  horiz.forEach((l, li) => {
    const lo = above(l.box!.x0), hi = below(l.box!.x1);
    if (lo > hi) return;
    over[lo]++;
    over[hi + 1]--;
    const em = l.fontSize || 10;
    for (let i = 1; i < l.words.length; i++) {
      const a = l.words[i - 1].box, b = l.words[i].box;
      // a.x1 <= x <= b.x0; the first gap that covers a position decides it (splitIndex).
      const from_ = Math.max(lo, Math.ceil((a.x1 - from) / step)), to_ = Math.min(hi, Math.floor((b.x0 - from) / step));
      const wide = b.x0 - a.x1 >= COLUMN_SETTINGS.minGutterEm * em;
      for (let k = from_; k <= to_; k++) {
        if (seen[k] === li) continue;
        seen[k] = li;
        if (wide) split[k]++;
      }
    }
  });
  const out: { x: number; split: number; over: number }[] = [];
  for (let k = 0, run = 0; k < n; k++) {
    run += over[k];
    out.push({ x: from + k * step, split: split[k], over: run });
  }
  return out;
}

/** Split lines of two prose columns at their gutter and put them in reading order (see above). */
export function splitColumns(lines: Line[], rulings: Ruling[] = []): Line[] {
  const horiz = lines.filter((l) => (l.angle ?? 0) === 0 && l.box && l.words.length > 0);
  if (horiz.length < COLUMN_SETTINGS.minLines) return lines;
  const left = minOf(horiz.map((l) => l.box!.x0));
  const right = maxOf(horiz.map((l) => l.box!.x1));
  const width = right - left;
  if (width <= 0) return lines;
  const gx = findGutter(horiz, left, width);
  if (gx === null) return lines;
  // A table ruled across the gutter is a table.
  if (rulings.some((r) => r.orient === 'v' && Math.abs(r.x0 - gx) < width * 0.1)) return lines;
  const parts = splitAtGutter(horiz, gx);
  if (!proseColumns(parts, left)) return lines;
  return readingOrder(lines, parts.pairs, gx);
}

/**
 * The gutter: the middle of the widest stretch of positions that split the most lines, when they
 * are enough lines and share of the lines reaching over it; else null.
 */
function findGutter(horiz: Line[], left: number, width: number): number | null {
  const s = COLUMN_SETTINGS;
  // Every 2 pt, but never more than MAX_CANDIDATES positions (a damaged page can be miles wide).
  const from = left + s.gutterRange[0] * width, to = left + s.gutterRange[1] * width;
  const step = Math.max(2, (to - from) / MAX_CANDIDATES);
  const best = widestMostSplit(gutterCandidates(horiz, from, step, Math.floor((to - from) / step + 1e-9) + 1));
  if (best.split < s.minLines || best.split < s.minShare * best.over) return null;
  return best.x;
}

/** The middle candidate of the longest run of candidates that split the most lines (the first such run). */
function widestMostSplit(cands: { x: number; split: number; over: number }[]): { x: number; split: number; over: number } {
  const most = Math.max(0, ...cands.map((c) => c.split));
  let best = { x: 0, split: 0, over: 0 };
  for (let i = 0, bestLen = 0; i < cands.length; i++) {
    if (cands[i].split !== most) continue;
    let j = i;
    while (j + 1 < cands.length && cands[j + 1].split === most) j++;
    if (j - i + 1 > bestLen) {
      bestLen = j - i + 1;
      best = cands[(i + j) >> 1];
    }
    i = j;
  }
  return best;
}

/** The lines split at the gutter, and the left parts of those whose both parts are prose. */
interface GutterSplit {
  pairs: Map<Line, [Line, Line]>;
  proseLefts: Line[];
}

function splitAtGutter(horiz: Line[], gx: number): GutterSplit {
  const pairs = new Map<Line, [Line, Line]>();
  const proseLefts: Line[] = [];
  for (const l of horiz) {
    const i = splitIndex(l, gx);
    if (i <= 0) continue;
    const lw = l.words.slice(0, i), rw = l.words.slice(i);
    const pair: [Line, Line] = [partLine(l, lw), partLine(l, rw)];
    pairs.set(l, pair);
    if (prose(lw) && prose(rw)) proseLefts.push(pair[0]);
  }
  return { pairs, proseLefts };
}

/**
 * Enough split lines are prose on both sides, and the left column is filled up to its right
 * edge (cells of a table are ragged). `left`: the text block's left edge.
 */
function proseColumns({ pairs, proseLefts }: GutterSplit, left: number): boolean {
  const s = COLUMN_SETTINGS;
  if (proseLefts.length < s.minLines || proseLefts.length < s.minShare * pairs.size) return false;
  const edge = maxOf(proseLefts.map((a) => a.box!.x1));
  const filled = proseLefts.filter((a) => edge - a.box!.x1 <= s.filledSlack * (edge - left)).length;
  return filled >= s.minFilled * proseLefts.length;
}

/** Within each stretch of lines that do not cross the gutter, the left column, then the right. */
function readingOrder(lines: Line[], pairs: Map<Line, [Line, Line]>, gx: number): Line[] {
  const out: Line[] = [];
  let lefts: Line[] = [], rights: Line[] = [];
  const flush = () => {
    out.push(...lefts, ...rights);
    lefts = [];
    rights = [];
  };
  for (const l of lines) {
    const p = pairs.get(l);
    if (p) {
      lefts.push(p[0]);
      rights.push(p[1]);
    } else if ((l.angle ?? 0) === 0 && l.box && l.box.x1 <= gx) lefts.push(l);
    else if ((l.angle ?? 0) === 0 && l.box && l.box.x0 >= gx) rights.push(l);
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out;
}
