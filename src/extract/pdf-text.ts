// Text items of pdf.js (getTextContent) → words and lines in display space.
//
// Pure functions, no pdf.js import: the PDF extractor passes the items, the
// page's viewport transform and a font lookup (real PostScript name, ascent,
// descent).
//
// How it works:
// 1. Each item becomes a run: its matrix is combined with the viewport
//    transform (so /Rotate and odd MediaBoxes come out right), giving the
//    display-space angle, font size and baseline origin. Each angle has a
//    reading frame: u runs along the text, v across it towards the next line
//    (for 0°: u = x, v = y; for 90°, bottom-to-top: u = -y, v = x).
// 2. Runs of one angle are sorted by baseline (v) and clustered into lines by
//    baseline, never by font. Small clusters sitting slightly above or below a
//    line (superscript/subscript markers, often in a fallback font) are joined
//    to that line.
// 3. In each line the runs are read along u; they are split on white space
//    and glued into words; a gap of more than `spaceGap` em is a space. Word
//    positions inside a run are estimated from Helvetica advance widths.
// 4. Lines are sorted top-to-bottom, then left-to-right.
//
// Every line merges everything on one baseline: a table row is one line, its
// cells are separate words with their own boxes.

import type { Box, Line, Word } from '../model.js';
import { BOLD_SHARE, mostlyBold } from '../common/bold.js';
import { pushAll } from '../common/arrays.js';

/** All tolerances of the text layout, in one place. `em` = font size of the run(s) concerned. */
export const TEXT_SETTINGS = {
  /** Angles within this many degrees of a multiple of 90 snap to it. */
  angleSnapDeg: 2,
  /** Runs whose baselines differ by at most this (em, of the larger run) share a line. */
  baselineTol: 0.25,
  /** Joining superscript/subscript clusters to a neighbouring line. */
  script: {
    /** The small cluster's largest font size is at most this share of the line's. */
    maxSizeRatio: 0.85,
    /** Superscript: baseline at most this far (em of the line) above the line's baseline. */
    maxRaise: 0.6,
    /** Subscript: baseline at most this far (em of the line) below the line's baseline. */
    maxDrop: 0.35,
    /** The cluster must lie within the line's extent along the text, widened by this (em). */
    reach: 1.5,
    /** Neighbouring clusters (in baseline order) looked at on each side. */
    neighbours: 4,
  },
  /** A gap wider than this (em, of the larger run) between two runs is a space. */
  spaceGap: 0.25,
  /** The same text drawn again within this distance (em) is a duplicate (fake bold): dropped. */
  duplicateTol: 0.15,
  /** Ascent/descent (em) when the font gives none or nonsense. */
  defaultAscent: 0.8,
  defaultDescent: -0.2,
  /** Sane ranges for a font's ascent and descent (em). */
  ascentRange: [0.5, 1.2] as const,
  descentRange: [-0.5, 0] as const,
  /** A word or line is bold when more than this share of its characters is bold. */
  boldShare: BOLD_SHARE,
  /** Lines whose sort keys (baseline for horizontal text, pt) differ less are one row, read left to right. */
  rowTol: 2,
  /** Coordinates are rounded to 1/round pt. */
  round: 100,
  /** Letter-spaced words ("Z i e l s e t z u n g"). */
  letterSpacing: {
    /** Single letters in a row it takes to be letter-spaced text. */
    minLetters: 4,
  },
};

/** One item of pdf.js getTextContent(). */
export interface TextItemInput {
  str: string;
  /** [a, b, c, d, e, f]: text space → PDF user space (font size included). */
  transform: ArrayLike<number>;
  /** Advance along the baseline, in user space. */
  width: number;
  height?: number;
  /** pdf.js internal font id (g_d0_f1). */
  fontName: string;
  hasEOL?: boolean;
}

/** What the layout needs to know about a font. */
export interface FontInfo {
  /** Real font name without the subset tag ("LiberationSans-Bold"). */
  name: string;
  bold: boolean;
  /** Ascent and descent in em (descent ≤ 0). */
  ascent: number;
  descent: number;
  monospace: boolean;
}

export interface TextLayoutOptions {
  /** The page's viewport transform (PDF user space → display space, y down). */
  viewport: ArrayLike<number>;
  /** 1-based page number, copied into each line. */
  page: number;
  /** Font lookup by pdf.js font id. */
  font?: (fontId: string) => FontInfo | undefined;
}

const BOLD_RE = /bold|black|heavy|demi|semibold|[-,_ ]?bd(?![a-z])|extrabold|ultrabold/i;

/** True when a real font name says bold (Bold, Bd, Black, Heavy, Demi, Semibold). */
export function isBoldFontName(name: string): boolean {
  return BOLD_RE.test(stripSubset(name));
}

/** "ABCDEF+Arial-BoldMT" → "Arial-BoldMT". */
export function stripSubset(name: string): string {
  return name.replace(/^[A-Z]{6}\+/, '');
}

/** Build a FontInfo from a real font name and the ascent/descent pdf.js reports. */
export function makeFontInfo(realName: string | undefined, ascent?: number, descent?: number): FontInfo {
  const s = TEXT_SETTINGS;
  const name = stripSubset(realName ?? '');
  const asc = typeof ascent === 'number' && ascent >= s.ascentRange[0] && ascent <= s.ascentRange[1] ? ascent : s.defaultAscent;
  const desc =
    typeof descent === 'number' && descent >= s.descentRange[0] && descent <= s.descentRange[1] ? descent : s.defaultDescent;
  return { name, bold: isBoldFontName(name), ascent: asc, descent: desc, monospace: /courier|mono|consol/i.test(name) };
}

// ---------------------------------------------------------------------------
// Geometry helpers

/** Product of two PDF matrices: apply `n` first, then `m`. */
export function multiply(m: ArrayLike<number>, n: ArrayLike<number>): number[] {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** Counter-clockwise angle (degrees, display space) of a display-space matrix; snapped to multiples of 90. */
export function displayAngle(m: ArrayLike<number>): number {
  const raw = (Math.atan2(-m[1], m[0]) * 180) / Math.PI;
  return normaliseAngle(raw);
}

function normaliseAngle(raw: number): number {
  const snapped = Math.round(raw / 90) * 90;
  let a = Math.abs(raw - snapped) <= TEXT_SETTINGS.angleSnapDeg ? snapped : Math.round(raw);
  while (a > 180) a -= 360;
  while (a <= -180) a += 360;
  if (a === -180) a = 180;
  return a === 0 ? 0 : a; // no -0
}

/** Reading frame of an angle: unit vectors along the text (d) and towards the next line (n). */
interface Frame {
  dx: number;
  dy: number;
  nx: number;
  ny: number;
}
const frames = new Map<number, Frame>();
function frameOf(angle: number): Frame {
  let f = frames.get(angle);
  if (!f) {
    const r = (angle * Math.PI) / 180;
    const c = Math.abs(Math.cos(r)) < 1e-12 ? 0 : Math.cos(r);
    const s = Math.abs(Math.sin(r)) < 1e-12 ? 0 : Math.sin(r);
    f = { dx: c, dy: -s, nx: s, ny: c };
    frames.set(angle, f);
  }
  return f;
}

const rnd = (n: number): number => {
  const r = Math.round(n * TEXT_SETTINGS.round) / TEXT_SETTINGS.round;
  return r === 0 ? 0 : r;
};

/** Display-space box of a frame rectangle [u0,u1] × [v0,v1]. (Called once per word: no arrays.) */
function frameBox(f: Frame, ua: number, ub: number, va: number, vb: number): Box {
  const u0 = Math.min(ua, ub), u1 = Math.max(ua, ub), v0 = Math.min(va, vb), v1 = Math.max(va, vb);
  // x = u·dx + v·nx and y = u·dy + v·ny are linear: each extreme takes the extreme u and v.
  return {
    x0: rnd((f.dx >= 0 ? u0 : u1) * f.dx + (f.nx >= 0 ? v0 : v1) * f.nx),
    y0: rnd((f.dy >= 0 ? u0 : u1) * f.dy + (f.ny >= 0 ? v0 : v1) * f.ny),
    x1: rnd((f.dx >= 0 ? u1 : u0) * f.dx + (f.nx >= 0 ? v1 : v0) * f.nx),
    y1: rnd((f.dy >= 0 ? u1 : u0) * f.dy + (f.ny >= 0 ? v1 : v0) * f.ny),
  };
}

// ---------------------------------------------------------------------------
// Character widths (Helvetica, 1/1000 em) to place words inside a run.

const HELV_ASCII =
  // 0x20 … 0x7e
  [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
   556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
   667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
   556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584];
const HELV_OTHER: Record<string, number> = {
  'ä': 556, 'ö': 556, 'ü': 556, 'Ä': 667, 'Ö': 778, 'Ü': 722, 'ß': 611, 'é': 556, 'è': 556, 'á': 556, 'à': 556,
  '„': 333, '“': 333, '”': 333, '‚': 222, '‘': 222, '’': 222, '–': 556, '—': 1000, '…': 1000, '•': 350, '§': 556,
  '€': 556, '°': 400, '¹': 333, '²': 333, '³': 333, '⁾': 333, '⁽': 333, '«': 556, '»': 556, '×': 584, '·': 278,
};

function charWidth(ch: string, mono: boolean): number {
  if (mono) return 600;
  const c = ch.charCodeAt(0);
  if (c >= 0x20 && c <= 0x7e) return HELV_ASCII[c - 0x20];
  return HELV_OTHER[ch] ?? 556;
}

// ---------------------------------------------------------------------------
// Runs and lines

interface Run {
  text: string;
  seq: number;
  angle: number;
  /** Start and end along the text, baseline across it (reading frame). */
  u0: number;
  u1: number;
  v: number;
  size: number;
  font: FontInfo;
  /** White space only (pdf.js marks gaps with " " items). */
  ws: boolean;
}

const UNKNOWN_FONT: FontInfo = makeFontInfo(undefined);
 
const CONTROL_RE = /[\u0000-\u0008\u000e-\u001f\u007f]/;
 
const CONTROL_RE_G = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/** Turn text items into runs in display space. */
function toRuns(items: readonly TextItemInput[], opts: TextLayoutOptions): Run[] {
  const runs: Run[] = [];
  const fontCache = new Map<string, FontInfo>();
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!it || typeof it.str !== 'string') continue;
    // Control characters come from fonts without a usable encoding: they are never text.
    const str = CONTROL_RE.test(it.str) ? it.str.replace(CONTROL_RE_G, '') : it.str;
    if (str === '') continue;
    const m = multiply(opts.viewport, it.transform);
    const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]);
    if (!(size > 0) || !Number.isFinite(m[4]) || !Number.isFinite(m[5])) continue;
    const angle = displayAngle(m);
    const f = frameOf(angle);
    const u0 = m[4] * f.dx + m[5] * f.dy;
    const v = m[4] * f.nx + m[5] * f.ny;
    // `width` is in user space; scale it like the viewport scales the baseline direction.
    const scale = Math.hypot(m[0], m[1]) / (Math.hypot(it.transform[0], it.transform[1]) || 1) || 1;
    const width = Math.max(0, (it.width || 0) * scale);
    let font = fontCache.get(it.fontName);
    if (!font) {
      font = opts.font?.(it.fontName) ?? UNKNOWN_FONT;
      fontCache.set(it.fontName, font);
    }
    runs.push({ text: str, seq: i, angle, u0, u1: u0 + width, v, size, font, ws: str.trim() === '' });
  }
  return runs;
}

interface Cluster {
  angle: number;
  runs: Run[];
  /** Baseline of the largest run; its size. */
  v: number;
  size: number;
  u0: number;
  u1: number;
  into?: Cluster;
}

/** Cluster the runs of one angle into lines by baseline (runs sorted by v). */
function clusterByBaseline(runs: Run[]): Cluster[] {
  const out: Cluster[] = [];
  let cur: Cluster | null = null;
  for (const r of runs) {
    if (cur && Math.abs(r.v - cur.v) <= TEXT_SETTINGS.baselineTol * Math.max(r.size, cur.size)) {
      cur.runs.push(r);
      if (!r.ws) {
        if (r.size > cur.size) {
          cur.size = r.size;
          cur.v = r.v;
        }
        cur.u0 = Math.min(cur.u0, r.u0);
        cur.u1 = Math.max(cur.u1, r.u1);
      }
      continue;
    }
    cur = { angle: r.angle, runs: [r], v: r.v, size: r.ws ? 0 : r.size, u0: r.ws ? Infinity : r.u0, u1: r.ws ? -Infinity : r.u1 };
    out.push(cur);
  }
  // Clusters of white space only carry nothing.
  return out.filter((c) => c.size > 0);
}

/** Join small clusters just above (superscript) or below (subscript) a line to it. */
function joinScripts(clusters: Cluster[]): Cluster[] {
  const s = TEXT_SETTINGS.script;
  const fits = (c: Cluster, b: Cluster, dv: number, max: number): boolean =>
    b.size > 0 &&
    c.size <= s.maxSizeRatio * b.size &&
    dv > 0 &&
    dv <= max * b.size &&
    c.u0 >= b.u0 - s.reach * b.size &&
    c.u1 <= b.u1 + s.reach * b.size;
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    let target: Cluster | undefined;
    // Raised: the line is below (larger v).
    for (let j = i + 1; j < clusters.length && j <= i + s.neighbours && !target; j++) {
      if (fits(c, clusters[j], clusters[j].v - c.v, s.maxRaise)) target = clusters[j];
    }
    for (let j = i - 1; j >= 0 && j >= i - s.neighbours && !target; j--) {
      if (fits(c, clusters[j], c.v - clusters[j].v, s.maxDrop)) target = clusters[j];
    }
    if (target) c.into = target;
  }
  const kept: Cluster[] = [];
  for (const c of clusters) {
    if (!c.into) {
      kept.push(c);
      continue;
    }
    let t = c.into;
    for (let guard = 0; t.into && guard < 8; guard++) t = t.into;
    pushAll(t.runs, c.runs);
    t.u0 = Math.min(t.u0, c.u0);
    t.u1 = Math.max(t.u1, c.u1);
  }
  return kept;
}

const isSpaceCode = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x3000;

interface Piece {
  text: string;
  u0: number;
  u1: number;
  run: Run;
  /** There was white space right before this piece. */
  spaceBefore: boolean;
  /** White-space characters right before this piece inside its run (0 at the run's start). */
  spaces: number;
}

/** Split a run on white space; place the pieces with estimated character widths. */
function splitRun(r: Run, out: Piece[]): void {
  const text = r.text;
  const widths = new Array<number>(text.length);
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    widths[i] = charWidth(text[i], r.font.monospace);
    total += widths[i];
  }
  const scale = total > 0 ? (r.u1 - r.u0) / total : 0;
  let pos = r.u0;
  let start = -1;
  let startPos = 0;
  let spaceBefore = false;
  let spaces = 0;
  let seenText = false;
  for (let i = 0; i <= text.length; i++) {
    const isSpace = i === text.length || isSpaceCode(text.charCodeAt(i));
    if (!isSpace && start < 0) {
      start = i;
      startPos = pos;
    } else if (isSpace && start >= 0) {
      out.push({ text: text.slice(start, i), u0: startPos, u1: pos, run: r, spaceBefore, spaces: seenText ? spaces : 0 });
      start = -1;
      seenText = true;
      spaces = 0;
    }
    if (isSpace && i < text.length) {
      spaceBefore = true;
      spaces++;
    }
    if (i < text.length) pos += widths[i] * scale;
  }
}

interface WordAcc {
  text: string;
  u0: number;
  u1: number;
  vTop: number;
  vBottom: number;
  /** The run with the most characters gives the word's font and size. */
  main: Run;
  mainChars: number;
  lastRun: Run;
  lastRunChars: number;
  boldChars: number;
  chars: number;
  lastSize: number;
  /** The run of the word's first piece, and the spaces before it in that run. */
  firstRun: Run;
  spacesBefore: number;
}

/** Fake bold: the same text drawn twice at (nearly) the same spot. */
function isDuplicateRun(prev: Run | null, r: Run): boolean {
  const tol = TEXT_SETTINGS.duplicateTol * r.size;
  return prev !== null && prev.text === r.text && Math.abs(prev.u0 - r.u0) <= tol && Math.abs(prev.v - r.v) <= tol;
}

/** The pieces of a line's runs in reading order; white-space runs only mark a space before the next piece. */
function linePieces(runs: readonly Run[]): Piece[] {
  const pieces: Piece[] = [];
  let prev: Run | null = null;
  let pendingSpace = false;
  for (const r of runs) {
    if (r.ws) {
      pendingSpace = true;
      continue;
    }
    if (isDuplicateRun(prev, r)) continue;
    const first = pieces.length;
    splitRun(r, pieces);
    if (pieces.length > first && pendingSpace) pieces[first].spaceBefore = true;
    pendingSpace = /\s$/.test(r.text);
    prev = r;
  }
  return pieces;
}

function startWord(p: Piece, vTop: number, vBottom: number): WordAcc {
  const r = p.run;
  const n = p.text.length;
  return {
    text: p.text, u0: p.u0, u1: p.u1, vTop, vBottom,
    main: r, mainChars: n, lastRun: r, lastRunChars: n, boldChars: 0, chars: 0, lastSize: r.size,
    firstRun: r, spacesBefore: p.spaces,
  };
}

/** Glue a piece to the word; the run with the most characters in a row becomes the word's main run. */
function extendWord(w: WordAcc, p: Piece, vTop: number, vBottom: number): void {
  const r = p.run;
  const n = p.text.length;
  w.text += p.text;
  w.u0 = Math.min(w.u0, p.u0);
  w.u1 = Math.max(w.u1, p.u1);
  w.vTop = Math.min(w.vTop, vTop);
  w.vBottom = Math.max(w.vBottom, vBottom);
  w.lastSize = r.size;
  if (r === w.lastRun) w.lastRunChars += n;
  else {
    w.lastRun = r;
    w.lastRunChars = n;
  }
  if (w.lastRunChars > w.mainChars) {
    w.main = w.lastRun;
    w.mainChars = w.lastRunChars;
  }
}

/** Glue pieces into words: a new word after white space or a gap wider than `spaceGap`. */
function glueWords(pieces: readonly Piece[]): WordAcc[] {
  const words: WordAcc[] = [];
  let cur: WordAcc | null = null;
  for (const p of pieces) {
    const r = p.run;
    const vTop = r.v - r.font.ascent * r.size;
    const vBottom = r.v - r.font.descent * r.size;
    const gap = cur ? p.u0 - cur.u1 : 0;
    if (!cur || p.spaceBefore || gap > TEXT_SETTINGS.spaceGap * Math.max(cur.lastSize, r.size)) {
      cur = startWord(p, vTop, vBottom);
      words.push(cur);
    } else {
      extendWord(cur, p, vTop, vBottom);
    }
    cur.chars += p.text.length;
    if (r.font.bold) cur.boldChars += p.text.length;
  }
  return words;
}

const isLetter = (w: WordAcc) => w.text.length === 1 && !/[\d\s]/.test(w.text);

/**
 * Join letter-spaced words ("A . Z i e l s e t z u n g"). pdf.js writes letters drawn apart as one
 * item with one space between them, and starts a new item at a gap wider than a word space; a text
 * that spells its letter spacing with spaces puts two or more between words. So in a row of single
 * letters, letters one space apart in the same item are one word; other gaps stay word breaks.
 * Digits are never joined (column numbers of tables), nor a short row of letters ("a b c").
 */
function joinLetterSpaced(words: WordAcc[]): WordAcc[] {
  const ls = TEXT_SETTINGS.letterSpacing;
  const out: WordAcc[] = [];
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j + 1 < words.length && isLetter(words[j]) && isLetter(words[j + 1])) j++;
    let letters = 0;
    for (let k = i; k <= j; k++) if (/\p{L}/u.test(words[k].text)) letters++;
    // Leader dots (". . . .") and short rows of letters stay as they are.
    if (!isLetter(words[i])) {
      out.push(words[i]);
      i++;
      continue;
    }
    // Too few letters in the run: none of its tails has more, so the whole run stays (linear).
    if (letters < ls.minLetters) {
      for (let k = i; k <= j; k++) out.push(words[k]);
      i = j + 1;
      continue;
    }
    let cur = words[i];
    out.push(cur);
    for (let k = i + 1; k <= j; k++) {
      const w = words[k];
      if (w.firstRun === words[k - 1].firstRun && w.spacesBefore === 1) mergeWord(cur, w);
      else out.push((cur = w));
    }
    i = j + 1;
  }
  return out;
}

function mergeWord(a: WordAcc, b: WordAcc): void {
  a.text += b.text;
  a.u1 = Math.max(a.u1, b.u1);
  a.vTop = Math.min(a.vTop, b.vTop);
  a.vBottom = Math.max(a.vBottom, b.vBottom);
  a.chars += b.chars;
  a.boldChars += b.boldChars;
  a.mainChars += b.main === a.main ? b.mainChars : 0;
  a.lastSize = b.lastSize;
}

function toWord(w: WordAcc, f: Frame, angle: number): Word {
  return {
    text: w.text,
    box: frameBox(f, w.u0, w.u1, w.vTop, w.vBottom),
    fontSize: Math.round(w.main.size * 10) / 10,
    fontName: w.main.font.name,
    bold: mostlyBold(w.boldChars, w.chars, TEXT_SETTINGS.boldShare),
    angle,
  };
}

/** The font size with the most characters; a tie goes to the larger size. */
function dominantSize(words: readonly WordAcc[], out: readonly Word[]): number {
  const sizeChars = new Map<number, number>();
  for (let i = 0; i < words.length; i++) {
    const size = out[i].fontSize;
    sizeChars.set(size, (sizeChars.get(size) ?? 0) + words[i].chars);
  }
  let fontSize = 0;
  let best = -1;
  for (const [size, n] of sizeChars) {
    if (n > best || (n === best && size > fontSize)) {
      fontSize = size;
      best = n;
    }
  }
  return fontSize;
}

/** The box around words (a loop: a line may hold any number of them). */
export function unionBox(words: readonly Word[]): Box {
  const box: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const w of words) {
    box.x0 = Math.min(box.x0, w.box.x0);
    box.y0 = Math.min(box.y0, w.box.y0);
    box.x1 = Math.max(box.x1, w.box.x1);
    box.y1 = Math.max(box.y1, w.box.y1);
  }
  return box;
}

function buildLine(c: Cluster, page: number): { line: Line; chars: number } | null {
  const pieces = linePieces(c.runs.sort((a, b) => a.u0 - b.u0 || a.seq - b.seq));
  if (pieces.length === 0) return null;
  const words = joinLetterSpaced(glueWords(pieces));
  const f = frameOf(c.angle);
  const outWords = words.map((w) => toWord(w, f, c.angle));
  let boldChars = 0;
  let chars = 0;
  for (const w of words) {
    boldChars += w.boldChars;
    chars += w.chars;
  }
  return {
    line: {
      text: outWords.map((w) => w.text).join(' '),
      page,
      box: unionBox(outWords),
      words: outWords,
      fontSize: dominantSize(words, outWords),
      bold: mostlyBold(boldChars, chars, TEXT_SETTINGS.boldShare),
      angle: c.angle,
    },
    chars,
  };
}

/** Sort lines top-to-bottom, then left-to-right (see TEXT_SETTINGS.rowTol). */
function sortLines(entries: { line: Line; baselineY: number | null }[]): Line[] {
  // Sort key: the baseline for horizontal text; for vertical text, the top of the group of
  // lines of that angle whose vertical extents overlap (a row of rotated column labels).
  const keyed = entries.map((e) => ({ line: e.line, y: e.baselineY ?? (e.line.box!.y0 + e.line.box!.y1) / 2 }));
  for (const angle of [90, -90]) {
    const vert = keyed.filter((k) => k.line.angle === angle).sort((a, b) => a.line.box!.y0 - b.line.box!.y0);
    let groupTop = 0;
    let groupBottom = -Infinity;
    for (const k of vert) {
      const b = k.line.box!;
      if (b.y0 >= groupBottom) groupTop = b.y0;
      groupBottom = Math.max(groupBottom, b.y1);
      k.y = groupTop;
    }
  }
  keyed.sort((a, b) => a.y - b.y || a.line.box!.x0 - b.line.box!.x0);
  const out: Line[] = [];
  for (let i = 0; i < keyed.length; ) {
    let j = i + 1;
    while (j < keyed.length && keyed[j].y - keyed[i].y <= TEXT_SETTINGS.rowTol) j++;
    const band = keyed.slice(i, j).map((k) => k.line);
    // Text read right-to-left on the page (-90: top-to-bottom, 180) has its next line to the left.
    const backwards = band.every((l) => l.angle === -90 || l.angle === 180);
    band.sort(backwards ? (a, b) => b.box!.x1 - a.box!.x1 : (a, b) => a.box!.x0 - b.box!.x0);
    pushAll(out, band);
    i = j;
  }
  return out;
}

/** Turn the text items of one page into lines of words, sorted in reading order. */
export function textItemsToLines(items: readonly TextItemInput[], opts: TextLayoutOptions): Line[] {
  const runs = toRuns(items, opts);
  const byAngle = new Map<number, Run[]>();
  for (const r of runs) {
    let list = byAngle.get(r.angle);
    if (!list) byAngle.set(r.angle, (list = []));
    list.push(r);
  }
  const entries: { line: Line; baselineY: number | null }[] = [];
  for (const list of byAngle.values()) {
    list.sort((a, b) => a.v - b.v || a.u0 - b.u0);
    const clusters = joinScripts(clusterByBaseline(list));
    for (const c of clusters) {
      const built = buildLine(c, opts.page);
      if (built) entries.push({ line: built.line, baselineY: c.angle === 0 ? c.v : null });
    }
  }
  return sortLines(entries);
}
