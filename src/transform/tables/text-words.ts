// Tables of text inputs whose cells are words separated by single spaces, as a PDF-to-text scraper writes a
// table of text: no tabs, no alignment, one text line per printed line, the cells of a row one after another
// ("BBPlG (Nr. 6) Conneforde - Landkreis Cloppenburg -" / "Merzen / Neuenkirchen" / "Teilinbetriebnahme /" /
// "im Bau" / "2027"). Nothing in a line says where a cell ends, so a table is read only where the block itself
// shows its columns, and every rule is learned from the block, never from a vocabulary:
//
// - where: after a lead-in line ending in ":" or an "Anlage N" heading (and its caption); the block ends at a
//   source line ("Quelle: …", "Stand: …"), a long line of prose, a heading, or where the rows stop;
// - the header: the lines above the first row; the line with the most cells gives the columns (a cell starts
//   with a capital after a word that closes a phrase; "A / B" is one cell), lines above it are the first cell,
//   lines below it go on with the last one ("Unterschrift" / "liegt vor?" …);
// - the rows: either every row starts with a key of a shape shared by the rows ("EnLAG (Nr. 1)": a repeated
//   word and a number), or every row ends with a value of a closed set learned from the block (repeated words,
//   numbers, years: "ja"/"ausstehend", "2027"/"offen"); without either, only a block closed by a source line
//   is read, one row per line;
// - the cells between the first and the last column: a phrase that ends many rows at the same place is a
//   cell of its own (a column of status words); in a row printed on several lines every line after the first
//   is one cell (a line ending in "-", "/" or an open word like "am" goes on with its cell); otherwise the
//   right-hand column takes the last word (with its bracket: "Buchholz (Nordheide)"), as header names do.
// A row whose cells cannot be told apart keeps its text in the first cell and gets a warning; a block with
// many such rows is left to the prose.
import type { Cell, Line, Table } from '../../model.js';
import { HEADINGS } from '../../data/house-style.js';
import { OPEN_WORDS, SOURCE_LINE } from '../../data/table-words.js';
import { joinLines } from '../paragraphs.js';
import { WORD_TABLE_SETTINGS, type WordTableSettings } from '../settings.js';
import { finishTable } from './classify.js';
import { maxOf, minOf } from '../../common/arrays.js';

export interface WordTable {
  table: Table;
  /** The lines the table consumed (header, rows, a header repeated after a page break). */
  lines: Line[];
}

const YEAR = /^(?:19|20)\d\d$/;
const NUMBER = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;
/** A sentence end in a header line (a caption, not a header). */
const SENTENCE = /(?:\p{Ll}{3,}|\))\.$|:$/u;

/** A list item's mark at the start of a line. */
const LIST_ITEM = /^(?:[•·▪◦*–-]|\d{1,2}[.)])\s/;

const tokens = (s: string) => s.trim().split(/\s+/).filter(Boolean);
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const isBlank = (l: Line | null) => !l || !!l.blank || l.text.trim() === '';

/** The value class of a last token: numbers (years included) are one class, words are themselves. */
function valueClass(t: string): string {
  if (YEAR.test(t) || NUMBER.test(t)) return '#';
  return t.toLowerCase();
}

/**
 * Units of a text: tokens with a bracket group joined to the word before it ("Buchholz (Nordheide)") and words
 * joined by a slash ("Braunschweig / Goslar", "Teilinbetriebnahme /" + "im"). Linear in the tokens.
 */
export function units(toks: string[]): string[] {
  const out: string[] = [];
  let depth = 0;
  let glue = false; // the next token joins the last unit
  for (const t of toks) {
    const opens = (t.match(/\(/g) ?? []).length;
    const closes = (t.match(/\)/g) ?? []).length;
    if (out.length && (glue || depth > 0 || t === '/' || t.startsWith('('))) out[out.length - 1] += ` ${t}`;
    else out.push(t);
    depth = Math.max(0, depth + opens - closes);
    glue = t === '/' || t.endsWith('/');
  }
  return out;
}

/** True when a header cell starts with unit `u` after unit `prev` (a capital or digit after a closed phrase). */
function startsCell(prev: string, u: string): boolean {
  return /^[\p{Lu}\d]/u.test(u) && !/^\p{Ll}/u.test(prev.split(' ').pop() ?? '') && !/[/\-–]$/.test(prev);
}

/** The header cells of one line. */
function headerSegments(text: string): string[] {
  const segs: string[] = [];
  let prev = '';
  for (const u of units(tokens(text))) {
    if (!segs.length || startsCell(prev, u)) segs.push(u);
    else segs[segs.length - 1] += ` ${u}`;
    prev = u;
  }
  return segs;
}

/** Header lines → cells: the line with the most cells gives them; lines above are the first cell, lines below go on with the last. */
export function readHeader(texts: string[], s: WordTableSettings = WORD_TABLE_SETTINGS): string[] | null {
  if (!texts.length) return null;
  let main = 0;
  let best: string[] = [];
  texts.forEach((t, i) => {
    const segs = headerSegments(t);
    if (segs.length > best.length) { best = segs; main = i; }
  });
  if (best.length < 2 && !(best.length === 1 && main > 0)) return null;
  const cells = main > 0 ? [joinLines(texts.slice(0, main)), ...best] : [...best];
  if (main + 1 < texts.length) cells[cells.length - 1] = joinLines([cells[cells.length - 1], ...texts.slice(main + 1)]);
  if (cells.length < 2 || cells.length > s.maxCols) return null;
  if (cells.some((c) => c.length > s.maxHeaderCell || !/^[\p{L}(]/u.test(c))) return null;
  return cells;
}

/** A row key: its token count, its words, its shape (numbers as 9, words as A/a). */
interface RowKey {
  n: number;
  words: string;
  shape: string;
}

/** The key at the start of a row: words up to the first token with a digit, brackets closed ("EnLAG (Nr. 1)"). */
function keyOf(toks: string[], s: WordTableSettings): RowKey | null {
  let d = -1;
  for (let i = 0; i < Math.min(toks.length, s.maxKeyTokens); i++) if (/\d/.test(toks[i])) { d = i; break; }
  if (d < 0) return null;
  let depth = 0;
  let n = 0;
  for (let i = 0; i < toks.length && i < s.maxKeyTokens + 2; i++) {
    depth += (toks[i].match(/\(/g) ?? []).length - (toks[i].match(/\)/g) ?? []).length;
    n = i + 1;
    if (i >= d && depth <= 0) break;
  }
  if (depth !== 0 || n >= toks.length) return null;
  const key = toks.slice(0, n);
  // A key names its row with a word and a number ("EnLAG (Nr. 1)"); a bare number or date is a value.
  if (!key.some((t) => /\p{L}{2,}/u.test(t) && !/\d/.test(t))) return null;
  const shape = key.map((t) => (/\d/.test(t) ? t.replace(/[\p{L}\d]*\d[\p{L}\d]*/gu, '9') : t.replace(/\p{Lu}\p{L}*/gu, 'A').replace(/\p{Ll}+/gu, 'a'))).join(' ');
  return { n, words: key.filter((t) => !/\d/.test(t)).join(' '), shape };
}

/** A line that goes on with the cell of the line before (a hyphen, a slash, an open word or bracket at its end). */
function goesOn(prev: string, next: string, depth: number): boolean {
  if (depth > 0) return true;
  if (/[-–/]$/.test(prev)) return true;
  if (/^[(/\-–)]/.test(next)) return true;
  return OPEN_WORDS.has((prev.split(' ').pop() ?? '').toLowerCase());
}

interface Record {
  lines: number[];
  key: string | null;
  /** Line texts of the cells between the key and the last value. */
  frags: string[];
  last: string;
}

/** How many distinct rows' texts end in each phrase (suffixes up to maxPhraseTokens tokens; a row printed twice counts once). */
function learnPhrases(texts: string[], s: WordTableSettings): Map<string, number> {
  const m = new Map<string, number>();
  for (const text of new Set(texts)) {
    const t = tokens(text);
    for (let k = 1; k < t.length && k <= s.maxPhraseTokens; k++) {
      const key = t.slice(-k).join(' ');
      m.set(key, (m.get(key) ?? 0) + 1);
    }
  }
  return m;
}

const support = (m: Map<string, number>, key: string, s: WordTableSettings) => {
  const c = m.get(key) ?? 0;
  return c >= s.minSupport ? c : 0;
};

/** A cell does not start with a joining sign (it goes on with the text before it). */
const CELL_START = /^[^\-–/)]/;

/**
 * Split the text of a row (its line texts) into the left part and the right-hand cell. null: not decidable.
 * Options: a line that starts a cell (lines after the first are one cell each), or a word of the first line.
 */
function splitRight(frags: string[], phrases: Map<string, number>, s: WordTableSettings): { left: string[]; cell: string } | null {
  if (!frags.length) return null;
  const lineOpts: number[] = [];
  let depth = 0;
  for (let f = 1; f < frags.length; f++) {
    const prev = frags[f - 1];
    depth = Math.max(0, depth + (prev.match(/\(/g) ?? []).length - (prev.match(/\)/g) ?? []).length);
    if (!goesOn(prev, frags[f], depth)) lineOpts.push(f);
  }
  const first = units(tokens(frags[0]));
  // The option with the most rows ending in the same phrase (ties: the longer cell).
  let best: { left: string[]; cell: string; support: number; start: number } | null = null;
  const consider = (left: string[], cellFrags: string[], start: number) => {
    const cell = joinLines(cellFrags);
    const sup = support(phrases, cell, s);
    if (sup > 0 && (!best || sup > best.support || (sup === best.support && start < best.start))) best = { left, cell, support: sup, start };
  };
  // Cells start at a unit of the first line (a bracket group belongs to the word before it).
  for (let p = 1; p < first.length; p++) if (CELL_START.test(first[p])) consider([first.slice(0, p).join(' ')], [first.slice(p).join(' '), ...frags.slice(1)], p);
  for (const f of lineOpts) consider(frags.slice(0, f), frags.slice(f), first.length + f);
  const chosen = best as { left: string[]; cell: string; support: number; start: number } | null;
  if (chosen) {
    // "Vorbereitung / im Planfeststellungsverfahren": a known phrase before a slash belongs to the cell.
    let { left, cell } = chosen;
    const lt = tokens(joinLines(left));
    if (left.length === 1 && lt.length > 2 && lt[lt.length - 1] === '/') {
      for (let k = Math.min(3, lt.length - 2); k >= 1; k--) {
        const before = lt.slice(lt.length - 1 - k, lt.length - 1).join(' ');
        if (support(phrases, before, s) > 0) {
          left = [lt.slice(0, lt.length - 1 - k).join(' ')];
          cell = `${before} / ${cell}`;
          break;
        }
      }
    }
    return { left, cell };
  }
  // The last line before the value is a cell of its own.
  if (lineOpts.length) {
    const f = lineOpts[lineOpts.length - 1];
    return { left: frags.slice(0, f), cell: joinLines(frags.slice(f)) };
  }
  // The right-hand column takes the last word (with its bracket group), as the header names do.
  const u = units(tokens(joinLines(frags)));
  if (u.length < 2) return null;
  return { left: [u.slice(0, -1).join(' ')], cell: u[u.length - 1] };
}

/** Find the word tables among the lines of a document (all pages in order; null: a line taken by another table). */
export function findWordTables(seq: (Line | null)[], s: WordTableSettings = WORD_TABLE_SETTINGS): { tables: WordTable[]; warnings: { text: string; page: number }[] } {
  const out: WordTable[] = [];
  const warnings: { text: string; page: number }[] = [];
  let i = 0;
  while (i < seq.length) {
    const l = seq[i];
    if (isBlank(l)) { i++; continue; }
    const t = l!.text.trim();
    let start = -1;
    if (t.endsWith(':') && !SOURCE_LINE.test(t)) start = i + 1;
    else if (HEADINGS.anlage.test(t)) {
      start = i + 1;
      // The caption under the heading, up to the line that ends its sentence.
      for (let j = i + 1, seen = 0; j < seq.length && seen < s.captionLines; j++) {
        if (isBlank(seq[j])) continue;
        seen++;
        if (/[.:]$/.test(seq[j]!.text.trim())) { start = j + 1; break; }
      }
    }
    if (start < 0) { i++; continue; }
    const found = readBlock(seq, start, s, warnings);
    if (found) {
      out.push(found.table);
      i = found.end;
    } else i++;
  }
  return { tables: out, warnings };
}

/** The lines of a block under a lead-in, by region index: their indexes in the sequence, texts, tokens and pages. */
interface Block {
  region: number[];
  texts: string[];
  toks: string[][];
  pages: number[];
  /** A source line closes the block (then a block of one row per line may be read). */
  closed: boolean;
}

/** Where the rows of a block start and what ends them. */
interface RowPlan {
  /** Region indexes of the keyed rows' first lines ([]: the rows have no key). */
  starts: number[];
  /** Region index of the first row line: the lines above it are the header. */
  headerEnd: number;
  /** The values that end a row (null: one row per line). */
  closedSet: Set<string> | null;
}

/** A row of the table: its key (keyed rows), the cells before the last column, the last value, its first line (region index). */
interface WordRow {
  key: string | null;
  cells: string[];
  last: string;
  line: number;
  /** Its cells could not be told apart: its text is kept in the first cell. */
  undecided: boolean;
}

function readBlock(seq: (Line | null)[], start: number, s: WordTableSettings, warnings: { text: string; page: number }[]): { table: WordTable; end: number } | null {
  const b = blockAt(seq, start, s);
  if (!b) return null;
  const keys = b.toks.map((t) => keyOf(t, s));
  const plan = planRows(b, keys, s);
  if (!plan) return null;
  const header = blockHeader(b, plan, s);
  if (!header) return null;
  const keyed = plan.starts.length > 0;
  const inner = header.length - (keyed ? 1 : 0) - 2;
  if (inner < 0) return null;
  const { records, repeats, endAt } = readRecords(b, keys, plan, s);
  if (!recordsAreRows(records, b.texts, keyed, plan.closedSet, s) || !mostlyWords(records, s)) return null;
  const rows = splitCells(records, inner, s);
  const undecided = rows.filter((row) => row.undecided);
  if (undecided.length > s.maxUndecided * rows.length) {
    // Left to the prose: one warning for the block, not one per row of a table that is not made.
    warnings.push({ text: `a block of ${rows.length} rows looks like a table of words, but the cells of ${undecided.length} rows cannot be told apart: left as text`, page: b.pages[rows[0].line] });
    return null;
  }
  for (const row of undecided) {
    warnings.push({ text: `a row of a table of words ("${row.cells[0].slice(0, 60)}"): its cells cannot be told apart; its text is kept in the first cell`, page: b.pages[row.line] });
  }
  const used = [...range(0, plan.headerEnd), ...repeats, ...records.flatMap((x) => x.lines)];
  const lines = used.map((x) => seq[b.region[x]]!);
  return { table: wordTable(lines, header, rows, keyed, b.pages), end: b.region[endAt - 1] + 1 };
}

/**
 * The block from `start`: short lines, blank runs of a page break, up to a source line, a long line or a heading.
 * null: the lead-in stands apart from what follows, or the block is too short for a header and its rows.
 */
function blockAt(seq: (Line | null)[], start: number, s: WordTableSettings): Block | null {
  const region: number[] = [];
  let blanks = 0;
  let closed = false;
  for (let j = start; j < seq.length && region.length < s.maxRegionLines; j++) {
    const l = seq[j];
    if (l === null) break;
    if (isBlank(l)) { if (++blanks > s.maxBlankRun) break; continue; }
    if (!region.length && blanks > 1) return null; // the lead-in stands apart from what follows
    blanks = 0;
    const t = l.text.trim();
    if (SOURCE_LINE.test(t)) { closed = true; break; }
    if (t.length > s.maxLineChars || HEADINGS.anlage.test(t) || l.cells) break;
    region.push(j);
  }
  if (region.length < s.minRecords + 1) return null;
  const texts = region.map((j) => norm(seq[j]!.text));
  return { region, texts, toks: texts.map((t) => tokens(t)), pages: region.map((j) => seq[j]!.page), closed };
}

/** Keyed rows when the block has them (see keyedStarts), else rows that end in a value of a closed set or one row per line. */
function planRows(b: Block, keys: (RowKey | null)[], s: WordTableSettings): RowPlan | null {
  const starts = keyedStarts(b.toks, keys, s);
  return starts.length ? planKeyed(b.toks, starts, s) : planUnkeyed(b, s);
}

/** Keyed rows: a key shape shared by many lines, made of repeated words and a number, distinct per row ([]: none). */
function keyedStarts(toks: string[][], keys: (RowKey | null)[], s: WordTableSettings): number[] {
  const byShape = new Map<string, number>();
  for (const k of keys) if (k) byShape.set(k.shape, (byShape.get(k.shape) ?? 0) + 1);
  let keyShape: string | null = null;
  for (const [shape, c] of byShape) if (c >= s.minRecords && (!keyShape || c > byShape.get(keyShape)!)) keyShape = shape;
  if (!keyShape) return [];
  const starts = keys.flatMap((k, r) => (k && k.shape === keyShape ? [r] : []));
  const words = new Set(starts.map((r) => keys[r]!.words));
  const distinct = new Set(starts.map((r) => toks[r].slice(0, keys[r]!.n).join(' ')));
  if (words.size > Math.max(1, s.keyWords * starts.length) || distinct.size < s.keyDistinct * starts.length || starts[0] === 0) return [];
  return starts;
}

/** Keyed rows: the header ends at the first key; the last column is what ends the keyed rows (the line before the next key). */
function planKeyed(toks: string[][], starts: number[], s: WordTableSettings): RowPlan | null {
  const ends = starts.map((r, k) => (k + 1 < starts.length ? starts[k + 1] - 1 : toks.length - 1));
  const closedSet = learnClosed(ends.map((r) => lastToken(toks[r])), s.closedShareKeyed, s);
  return closedSet ? { starts, headerEnd: starts[0], closedSet } : null;
}

/** Rows without a key: the header ends at the first line ending in a value of the closed set. */
function planUnkeyed(b: Block, s: WordTableSettings): RowPlan | null {
  const closedSet = learnClosed(b.toks.map(lastToken), s.closedShareLines, s);
  // Numbers ending the lines are the values of a count table (the aligned reader's, or none).
  if (closedSet?.has('#')) return null;
  if (closedSet) {
    const headerEnd = b.toks.findIndex((t) => closedSet.has(valueClass(lastToken(t))));
    return headerEnd > 0 ? { starts: [], headerEnd, closedSet } : null;
  }
  // One row per line only in a block that a source line closes.
  return b.closed ? { starts: [], headerEnd: 1, closedSet: null } : null;
}

const lastToken = (toks: string[]) => toks[toks.length - 1];

/** The header cells of the lines above the first row: no sentence among them (a caption), no value of the last column at their end. */
function blockHeader(b: Block, plan: RowPlan, s: WordTableSettings): string[] | null {
  const headerTexts = b.texts.slice(0, plan.headerEnd);
  if (headerTexts.some((h) => SENTENCE.test(h))) return null;
  const header = readHeader(headerTexts, s);
  if (!header) return null;
  if (plan.closedSet && plan.closedSet.has(valueClass(lastToken(b.toks[plan.headerEnd - 1])))) return null;
  return header;
}

/**
 * The records of the rows from the header on: keyed rows run from key to key (the last one up to its value),
 * rows of a closed set up to a line ending in one of its values, other rows take one line each. A header
 * repeated after a page break is no row (`repeats`: its lines). endAt: the region index after the last row line.
 */
function readRecords(b: Block, keys: (RowKey | null)[], plan: RowPlan, s: WordTableSettings): { records: Record[]; repeats: number[]; endAt: number } {
  const { starts, headerEnd, closedSet } = plan;
  const keyed = starts.length > 0;
  const records: Record[] = [];
  const repeats: number[] = [];
  const push = (rows: number[]) => records.push(toRecord(rows, b.toks, keys, keyed, closedSet));
  const startSet = new Set(starts);
  const lastStart = keyed ? starts[starts.length - 1] : -1;
  let endAt = headerEnd;
  let cur: number[] = [];
  let r = headerEnd;
  while (r < b.texts.length) {
    if (repeatsHeader(b.texts, r, headerEnd) && (keyed ? cur.length || records.length : true)) {
      repeats.push(...range(r, r + headerEnd));
      r += headerEnd;
      continue;
    }
    if (keyed) {
      if (startSet.has(r) && cur.length) { push(cur); cur = []; }
      if (!cur.length && !startSet.has(r)) break;
      cur.push(r);
      endAt = r + 1;
      // The last keyed row ends at its value.
      if (r >= lastStart && closedSet!.has(valueClass(lastToken(b.toks[r])))) break;
    } else if (closedSet) {
      cur.push(r);
      if (closedSet.has(valueClass(lastToken(b.toks[r])))) { push(cur); cur = []; endAt = r + 1; }
      else if (cur.length >= s.maxRecordLines) break;
    } else {
      push([r]);
      endAt = r + 1;
    }
    r++;
  }
  if (keyed && cur.length) push(cur);
  return { records, repeats, endAt };
}

/** True when the lines from region index r repeat the header's (a page break). */
function repeatsHeader(texts: string[], r: number, headerEnd: number): boolean {
  return headerEnd > 0 && r + headerEnd <= texts.length && texts.slice(r, r + headerEnd).every((t, k) => t === texts[k]);
}

/** One row's record: its key (keyed rows) and its last value taken off its tokens, the rest as line texts. */
function toRecord(rows: number[], toks: string[][], keys: (RowKey | null)[], keyed: boolean, closedSet: Set<string> | null): Record {
  const lt = rows.map((x) => toks[x]);
  let key: string | null = null;
  if (keyed) {
    const k = keys[rows[0]]!;
    key = lt[0].slice(0, k.n).join(' ');
    lt[0] = lt[0].slice(k.n);
  }
  let last = '';
  let end = [...lt[lt.length - 1]];
  if (closedSet) {
    if (end.length && closedSet.has(valueClass(end[end.length - 1]))) last = end.pop()!;
  } else {
    const u = units(end);
    last = u.pop() ?? '';
    end = tokens(u.join(' '));
  }
  lt[lt.length - 1] = end;
  return { lines: rows, key, frags: lt.map((x) => x.join(' ')).filter(Boolean), last };
}

/** Rows of a table: enough of them, none too long, no list items; read line by line, no line goes on with a sentence. */
function recordsAreRows(records: Record[], texts: string[], keyed: boolean, closedSet: Set<string> | null, s: WordTableSettings): boolean {
  if (records.length < s.minRecords || records.some((x) => x.lines.length > s.maxRecordLines)) return false;
  for (const x of records) {
    for (const k of x.lines) {
      const t = texts[k];
      if (LIST_ITEM.test(t)) return false;
      if (!keyed && !closedSet && (/^\p{Ll}/u.test(t) || /[.,;:]$/.test(t))) return false;
    }
  }
  // Rows without a key are told apart by their ends only: most of them take one line.
  return keyed || records.filter((x) => x.lines.length === 1).length >= s.singleLineShare * records.length;
}

/** The cells are words: a block with many numbers is a count table whose columns the text lost. */
function mostlyWords(records: Record[], s: WordTableSettings): boolean {
  let words = 0, numbers = 0;
  for (const x of records) for (const f of x.frags) for (const t of tokens(f)) { if (/^[\d.,%+-]+$/.test(t) && /\d/.test(t)) numbers++; else words++; }
  return numbers <= s.maxNumberShare * (words + numbers);
}

/**
 * The cells before the last column: the right-hand inner columns first, each with the phrases of the rows'
 * remaining text; what is left is the first cell. A row whose cells cannot be told apart is undecided.
 */
function splitCells(records: Record[], inner: number, s: WordTableSettings): WordRow[] {
  const cells: (string[] | null)[] = records.map(() => []);
  let rest = records.map((x) => x.frags);
  for (let c = 0; c < inner; c++) {
    const phrases = learnPhrases(rest.map((f) => joinLines(f)), s);
    rest = rest.map((f, k) => {
      const row = cells[k];
      if (!row) return f;
      const split = splitRight(f, phrases, s);
      if (!split) { cells[k] = null; return f; }
      row.unshift(split.cell);
      return split.left;
    });
  }
  return records.map((x, k) => {
    const first = joinLines(rest[k]);
    const row = cells[k];
    const decided = !!row && !!first;
    const text = decided ? [first, ...row] : [joinLines(x.frags), ...Array.from({ length: inner }, () => '')];
    return { key: x.key, cells: text, last: x.last, line: x.lines[0], undecided: !decided };
  });
}

/** The table: the header row, then per row its key (keyed rows), its cells and its last value, on the page of its first line. */
function wordTable(lines: Line[], header: string[], rows: WordRow[], keyed: boolean, pages: number[]): WordTable {
  const cell = (t: string, page: number, isHeader = false): Cell => ({ text: t, rowSpan: 1, colSpan: 1, isHeader, page });
  const grid: Cell[][] = [header.map((h) => cell(h, pages[0], true))];
  for (const row of rows) {
    const page = pages[row.line];
    grid.push([...(keyed ? [cell(row.key ?? '', page)] : []), ...row.cells.map((c) => cell(c, page)), cell(row.last, page)]);
  }
  const linePages = lines.map((l) => l.page);
  const table: Table = {
    kind: 'generic',
    strategy: 'text-words',
    rows: grid,
    headerRows: 1,
    labelCols: 1,
    pageStart: minOf(linePages),
    pageEnd: maxOf(linePages),
    notes: [],
    warnings: [],
    questions: null,
    anlage: false,
  };
  finishTable(table);
  return { table, lines };
}

/** The closed set of last-column values: the frequent classes (at most maxClosedValues), which must end `share` of the texts. */
function learnClosed(lastTokens: string[], share: number, s: WordTableSettings): Set<string> | null {
  const counts = new Map<string, number>();
  for (const t of lastTokens) counts.set(valueClass(t), (counts.get(valueClass(t)) ?? 0) + 1);
  const ranked = [...counts].filter(([v, c]) => c >= s.minClosedCount && /[\p{L}#]/u.test(v)).sort((a, b) => b[1] - a[1]);
  if (!ranked.length || ranked.length > s.maxClosedValues) return null;
  const covered = ranked.reduce((a, [, c]) => a + c, 0);
  return covered >= share * lastTokens.length ? new Set(ranked.map(([v]) => v)) : null;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let k = a; k < b; k++) out.push(k);
  return out;
}
