// Tables of text inputs whose cells are separated by single spaces (pdftotext, pypdf, scrapers, the
// Bundestag's text rendition): a row is a line that ends in numeric values ("Bayern 1.863.545,80 € – €");
// a label printed over several lines comes as label-only lines before its values; the header is the
// short text above the first row. Only count tables are read: text cells separated by single spaces
// cannot be told apart without the printed layout, so such tables are left to the prose.
import type { Cell, Line, Table, TableWarning } from '../../model.js';
import { TOTAL_ROW } from '../../data/house-style.js';
import { MONTH_NAMES, SUBCOLUMN_WORDS } from '../../data/table-words.js';
import { ALIGNED_TABLE_SETTINGS } from '../settings.js';
import { joinLines } from '../paragraphs.js';
import { finishTable, invalidateTable } from './classify.js';

/**
 * A label that plainly goes on: the header was cut in the wrong place. (Not OPEN_WORDS of the word tables: \b is
 * ASCII here, so "über" never matches; kept as it reads the real papers.)
 */
const OPEN_END = /(?:[,/(\-–]|\b(?:und|oder|sowie|für|der|des|die|den|dem|von|vom|mit|im|in|zur|zum|zu|auf|bei|an|am|aus|nach|über|unter|gegen|ohne|je|pro))$/;
const S = ALIGNED_TABLE_SETTINGS;

// One value: a German number (grouped by points, or a group of a space-separated number), a dash, an
// optional unit after it. "M." (Monate) only after a number.
const NUM = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;
const GROUP3 = /^\d{3}(?:,\d+)?$/;
const HEAD_GROUP = /^\d{1,3}$/;
const DASH = /^(?:-{1,3}|–|—)$/;
const UNIT = /^(?:€|%|M\.)$/;
const YEAR = /^(?:19|20)\d\d$/;
const YEAR_MARKED = /^(?:19|20)\d\d\*{0,3}$/;

interface Atom {
  text: string;
  /** A bare number that may start a space-grouped number ("7" of "7 247"). */
  head: boolean;
  /** A three-digit group that may continue one ("247"). */
  group: boolean;
  /** A plain three-digit group that may stand inside a grouped number ("1 000 000"). */
  mid: boolean;
  /** May be a value by itself ("041" may not). */
  lone: boolean;
}

interface LineParse {
  /** Label text before the values, per option (an option may take a trailing year into the label). */
  options: { label: string; atoms: Atom[] }[];
  /** Value counts that some option and grouping gives. */
  feasible: Set<number>;
}

/** The values of a line ending in numbers, or null when it ends in a word. */
export function parseValueLine(text: string): LineParse | null {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const atoms: Atom[] = [];
  let i = words.length - 1;
  while (i >= 0) {
    const w = words[i];
    if (UNIT.test(w) && i > 0 && ((NUM.test(words[i - 1]) && !/^0\d/.test(words[i - 1])) || (DASH.test(words[i - 1]) && w !== 'M.'))) {
      atoms.push({ text: `${words[i - 1]} ${w}`, head: false, group: false, mid: false, lone: true });
      i -= 2;
      continue;
    }
    // A leading zero ("0903", "041") is a code, or the inner group of a space-grouped number.
    if ((NUM.test(w) && !/^0\d/.test(w)) || DASH.test(w) || GROUP3.test(w)) {
      atoms.push({ text: w, head: HEAD_GROUP.test(w) && !/^0\d/.test(w), group: GROUP3.test(w), mid: /^\d{3}$/.test(w), lone: !/^0\d/.test(w) });
      i--;
      continue;
    }
    break;
  }
  if (!atoms.length || atoms.length > S.maxRowValues * (S.maxGroups + 1)) return null;
  atoms.reverse();
  // "85,83 €" may be the last group of "5 385,83 €": a unit atom may close a group.
  for (const a of atoms) if (/^\d{3}(?:,\d+)? (?:€|%)$/.test(a.text)) a.group = true;
  const label = words.slice(0, i + 1).join(' ');
  const options = [{ label, atoms }];
  // A year may end the label ("Januar 2015 1.894", "2021 21 17 …").
  if (atoms.length > 1 && YEAR.test(atoms[0].text)) options.push({ label: (label ? label + ' ' : '') + atoms[0].text, atoms: atoms.slice(1) });
  const feasible = new Set<number>();
  for (const o of options) for (const [k, ways] of groupings(o.atoms)) if (ways > 0) feasible.add(k);
  if (!feasible.size) return null;
  return { options, feasible };
}

/**
 * A row whose other values all have cents ("98,50 1 449,00") has no bare integers: its short
 * numbers are the first groups of space-grouped ones.
 */
function decimalRow(atoms: Atom[]): boolean {
  const rest = atoms.filter((a) => !a.head && !DASH.test(a.text.split(' ')[0]));
  return rest.length >= 2 && rest.every((a) => /,\d\d(?: \S+)?$/.test(a.text));
}

/** True when atoms [j, i) can be one value: one atom, or a head followed by three-digit groups. */
function valueSpan(atoms: Atom[], j: number, i: number): boolean {
  if (i - j === 1) return atoms[j].lone && !(decimalOf(atoms) && atoms[j].head);
  if (!atoms[j].head || i - j > S.maxGroups + 1) return false;
  for (let k = j + 1; k < i; k++) if (!(k === i - 1 ? atoms[k].group : atoms[k].mid)) return false;
  return true;
}

const decimalCache = new WeakMap<Atom[], boolean>();
function decimalOf(atoms: Atom[]): boolean {
  let d = decimalCache.get(atoms);
  if (d === undefined) decimalCache.set(atoms, (d = decimalRow(atoms)));
  return d;
}

const waysCache = new WeakMap<Atom[], Map<number, number>[]>();

/** ways[i]: for the first i atoms, the number of readings (capped at 2) per value count (computed once per line). */
function prefixWays(atoms: Atom[]): Map<number, number>[] {
  let cached = waysCache.get(atoms);
  if (!cached) waysCache.set(atoms, (cached = computeWays(atoms)));
  return cached;
}

function computeWays(atoms: Atom[]): Map<number, number>[] {
  const ways: Map<number, number>[] = [new Map([[0, 1]])];
  for (let i = 1; i <= atoms.length; i++) {
    const m = new Map<number, number>();
    // The value ending at atom i-1 starts at atom j; a grouped number is a head and groups.
    for (let j = i - 1; j >= 0 && i - j <= S.maxGroups + 1; j--) {
      if (j < i - 1 && !(j + 1 === i - 1 ? atoms[j + 1].group : atoms[j + 1].mid)) break;
      if (!valueSpan(atoms, j, i)) continue;
      for (const [k, w] of ways[j]) m.set(k + 1, Math.min((m.get(k + 1) ?? 0) + w, 2));
    }
    ways.push(m);
  }
  return ways;
}

/** Number of ways to read the atoms as k values, per k (space-grouped numbers join atoms). */
function groupings(atoms: Atom[]): Map<number, number> {
  return prefixWays(atoms)[atoms.length];
}

/**
 * The line's label and n values, or 'ambiguous' when several readings give n values, or null. Of the
 * readings, those with the fewest atoms (the fewest space-grouped numbers) count.
 */
function readRow(p: LineParse, n: number): { label: string; values: string[]; merges: number } | 'ambiguous' | null {
  let best: { label: string; atoms: Atom[] } | null = null;
  let bestWays = 0;
  for (const o of p.options) {
    const ways = groupings(o.atoms).get(n) ?? 0;
    if (ways === 0) continue;
    if (!best || o.atoms.length < best.atoms.length) { best = o; bestWays = ways; }
    else if (o.atoms.length === best.atoms.length) bestWays += ways;
  }
  if (!best) return null;
  if (bestWays > 1) return 'ambiguous';
  return { label: best.label, values: uniqueSplit(best.atoms, n)!, merges: best.atoms.length - n };
}

/** The single split of the atoms into n values (the caller knows there is exactly one), found backwards. */
function uniqueSplit(atoms: Atom[], n: number): string[] | null {
  const ways = prefixWays(atoms);
  const out: string[] = [];
  let i = atoms.length;
  let k = n;
  while (i > 0 && k > 0) {
    let taken = -1;
    for (let j = i - 1; j >= 0 && i - j <= S.maxGroups + 1; j--) {
      if (!valueSpan(atoms, j, i)) {
        if (j < i - 1 && !(j + 1 === i - 1 ? atoms[j + 1].group : atoms[j + 1].mid)) break;
        continue;
      }
      if ((ways[j].get(k - 1) ?? 0) > 0) { taken = j; break; }
    }
    if (taken < 0) return null;
    out.push(atoms.slice(taken, i).map((a) => a.text).join(' '));
    i = taken;
    k--;
  }
  return i === 0 && k === 0 ? out.reverse() : null;
}

type Kind = 'blank' | 'pageno' | 'value' | 'years' | 'label' | 'other';

interface Classified {
  kind: Kind;
  parse?: LineParse;
}

const QUESTION_START = /^\s*\d{1,3}\.\s+\p{L}/u;
const SENTENCE_END = /(?:\p{Ll}{3,}|\))[.!?]$|:$/u;
/** A short line that ends a sentence (cells end in abbreviations: "von vorl.", "Gewähr. v."). */
const LABEL_SENTENCE_END = /[!?:]$|^(?:\S+\s+){3,}\S*\p{Ll}{3,}\.$/u;

function classify(l: Line): Classified {
  const t = l.text.trim();
  if (!t || l.blank) return { kind: 'blank' };
  if (l.cells && l.cells.length >= 2) return { kind: 'other' };
  const words = t.split(/\s+/);
  if (words.length >= 2 && words.every((w) => YEAR_MARKED.test(w))) return { kind: 'years' };
  // A lone figure is a page number (or a stray value): never a row.
  if (/^\d{1,3}$/.test(t)) return { kind: 'pageno' };
  const p = parseValueLine(t);
  if (p) {
    const atoms = p.options[0].atoms;
    // A line of years is a header ("2020 2021 2022", "Ablehnungen 2020 … 2025"), never a row.
    if (atoms.length >= 2 && atoms.every((a) => YEAR.test(a.text)) && p.options[0].label.length <= S.maxLabelLine) return { kind: 'years', parse: p };
    const label = p.options[0].label;
    // One year after a word is a label ("HJ 2023" in a wrapped header), not a row.
    if (atoms.length === 1 && YEAR.test(atoms[0].text) && label && t.length <= S.maxLabelLine && !SENTENCE_END.test(t)) return { kind: 'label' };
    const labelOk = label.length <= S.maxRowLabel && !QUESTION_START.test(t) && !/[?;:]$|§$|\b(?:Nr|Abs|Art|Satz|S)\.?$/.test(label) && (!/^\p{Ll}/u.test(label) || TOTAL_ROW.test(label));
    if (labelOk && [...p.feasible].some((k) => k > 0)) return { kind: 'value', parse: p };
  }
  if (t.length <= S.maxLabelLine && !QUESTION_START.test(t) && !LABEL_SENTENCE_END.test(t)) return { kind: 'label' };
  return { kind: 'other' };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

// --- header ----------------------------------------------------------------------------------

const startsCell = (prev: string, w: string) =>
  (SUBCOLUMN_WORDS.has(w.toLowerCase()) && /^\p{Lu}/u.test(prev)) ||
  /^[\p{Lu}\d]/u.test(w) && !/^\p{Ll}/u.test(prev) && !/[/\-–]$/.test(prev) && prev !== '/' && !(YEAR.test(w) && MONTH_NAMES.has(prev.replace(/\.$/, '').toLowerCase()));

/**
 * Split header words into a corner label and n column labels, or null when no rule gives n labels.
 * `oneLine`: the words are one printed line (then n or n+1 words are the cells themselves).
 */
export function segmentHeader(words: string[], n: number, oneLine = true): { corner: string; labels: string[] } | null {
  const numeric = (w: string) => /^[\d(]/.test(w);
  if (oneLine && words.length === n) return { corner: '', labels: words };
  if (oneLine && words.length === n + 1 && !numeric(words[0])) return { corner: words[0], labels: words.slice(1) };
  if (words.length > n && words.slice(-n).every((w) => YEAR_MARKED.test(w)) && !words.slice(0, -n).some((w) => YEAR_MARKED.test(w))) {
    return { corner: words.slice(0, -n).join(' '), labels: words.slice(-n) };
  }
  // Cells start with a capital or a digit after a word that closes a phrase.
  const segs: string[][] = [];
  words.forEach((w, i) => {
    if (i === 0 || startsCell(words[i - 1], w)) segs.push([w]);
    else segs[segs.length - 1].push(w);
  });
  if (segs.length === n) return { corner: '', labels: segs.map((s) => s.join(' ')) };
  if (segs.length === n + 1 && !numeric(segs[0][0])) return { corner: segs[0].join(' '), labels: segs.slice(1).map((s) => s.join(' ')) };
  // A word that starts every column label ("Anzahl …", "Anteil in % …").
  const counts = new Map<string, number[]>();
  words.forEach((w, i) => { if (/^\p{Lu}/u.test(w)) counts.set(w, [...(counts.get(w) ?? []), i]); });
  for (const idx of counts.values()) {
    if (idx.length !== n || n < 2) continue;
    const labels = idx.map((s, k) => words.slice(s, idx[k + 1] ?? words.length).join(' '));
    return { corner: words.slice(0, idx[0]).join(' '), labels };
  }
  return null;
}

const headerWords = (lines: Line[]) => joinLines(lines.map((l) => l.text)).split(/\s+/).filter(Boolean);

// --- tables ----------------------------------------------------------------------------------

const cell = (text: string, page: number | null, isHeader = false): Cell => ({ text, rowSpan: 1, colSpan: 1, isHeader, page });

export interface AlignedResult {
  table: Table;
  lines: Set<Line>;
  /** Internal: the header's text, its first line, the last row's line, the row warnings. */
  headerKey?: string | undefined;
  headerStart?: number | undefined;
  lastRow?: number | undefined;
  rowWarnings?: TableWarning[] | undefined;
}

export interface AlignedOutcome {
  tables: AlignedResult[];
  /** Regions that look like a table whose cells the rendition lost (rows of differing lengths). */
  destroyed: Line[][];
}

/** A region of a page: value lines connected through short label lines and blanks. */
interface Region {
  start: number;
  /** One past the last value line. */
  end: number;
  /** The value lines. */
  rowsAt: number[];
  /** The line of years that opens it (normalized), if one does. */
  headerYears: string | null;
}

/** Find the space-separated count tables among the lines of one page. */
export function findAlignedTables(lines: Line[]): AlignedOutcome {
  const cls = classifyLines(lines);
  const out: AlignedOutcome = { tables: [], destroyed: [] };
  let i = 0;
  let floor = 0; // lines above this belong to an earlier table
  let leftOut = 0; // lines above this belong to an earlier destroyed table
  while (i < lines.length) {
    if (cls[i].kind !== 'value' && cls[i].kind !== 'years') { i++; continue; }
    const region = regionAt(lines, cls, i);
    i = Math.max(region.end, i + 1);
    if (!region.rowsAt.length) continue;
    const runs = splitRuns(region.rowsAt.map((r) => cls[r].parse!));
    if (runs.some((r) => r.length < 2)) {
      if (region.rowsAt.length >= S.minDestroyedRows) {
        out.destroyed.push(destroyedLines(lines, region, Math.max(floor, leftOut)));
        leftOut = region.end;
      }
      continue;
    }
    floor = addRunTables(lines, cls, region, runs, floor, out.tables);
  }
  return out;
}

/**
 * The lines of a destroyed table that leave the text: its caption and header above the region, its rows, and the
 * label lines between them. A sentence inside the region (a question) and a line with quotation marks stay.
 */
function destroyedLines(lines: Line[], region: Region, floor: number): Line[] {
  const from = captionStart(lines, region.start, floor);
  const rows = new Set(region.rowsAt);
  const out = lines.slice(from, region.start);
  for (let k = region.start; k < region.end; k++) {
    const t = lines[k].text;
    if (rows.has(k) ? !QUOTES.test(t) : isLabelLine(t)) out.push(lines[k]);
  }
  return out;
}

/**
 * Where the caption and header of a destroyed table begin: the short lines right above its first row that end
 * no sentence ("2021" / "Bis 13 Jahre 14-17 Jahre" / "Deliktkategorie"), at most maxHeaderLines, not above `floor`.
 */
function captionStart(lines: Line[], start: number, floor: number): number {
  let s = start;
  while (s > floor && start - s < S.maxHeaderLines && isCaptionLine(lines[s - 1].text)) s--;
  return s;
}

/**
 * A short line above a destroyed table that ends no sentence (no ":", ";", "?", "!", nor a period after a word in
 * lower case): a caption or header line of the table, not prose. A line with quotation marks stays in the text:
 * leaving out half a quotation would leave the rest open.
 */
function isCaptionLine(text: string): boolean {
  const t = text.trim();
  return t !== '' && t.length <= S.maxColumnLabel && !/[:;?!]$|\p{Ll}{4,}\.$/u.test(t) && !QUOTES.test(t);
}
const QUOTES = /[„“”"»«]/;

/** Inside the region: a label line of the table ("Verwenden von Kennz."), not a question or a sentence of prose. */
function isLabelLine(text: string): boolean {
  const t = text.trim();
  return t !== '' && t.length <= S.maxLabelLine && !/[:;?!]$/.test(t) && !QUOTES.test(t);
}

/** The kinds of the lines; a row without a label needs its label printed on the lines above ("Mecklenburg-" / "Vorpommern"). */
function classifyLines(lines: Line[]): Classified[] {
  const cls = lines.map(classify);
  for (let k = 0; k < cls.length; k++) {
    const p = cls[k].parse;
    if (cls[k].kind !== 'value' || !p || p.options[0].label !== '' || p.options.length > 1) continue;
    let m = k - 1;
    while (m >= 0 && cls[m].kind === 'blank') m--;
    if (m < 0 || cls[m].kind !== 'label') cls[k] = { kind: 'other' };
  }
  return cls;
}

/** The region from line i (a value line or a line of years); lines of years open it. */
function regionAt(lines: Line[], cls: Classified[], i: number): Region {
  const start = i;
  let headerYears: string | null = cls[i].kind === 'years' ? norm(lines[i].text) : null;
  const rowsAt: number[] = [];
  let j = i + (headerYears ? 1 : 0);
  let end = j;
  while (j < lines.length) {
    const k = cls[j].kind;
    if (k === 'value') { rowsAt.push(j); j++; end = j; continue; }
    if (k === 'years' && headerYears !== null && norm(lines[j].text) === headerYears) { j++; continue; }
    if (k === 'years' && headerYears === null && rowsAt.length === 0) { headerYears = norm(lines[j].text); j++; end = j; continue; }
    if (k === 'blank' || k === 'pageno' || k === 'label') {
      const m = valueAfterLabels(cls, j);
      if (m >= 0) { j = m; continue; }
    }
    break;
  }
  return { start, end, rowsAt, headerYears };
}

/** The value line after the label lines and blanks from line j, if it follows within a few of them; else -1. */
function valueAfterLabels(cls: Classified[], j: number): number {
  const between = (m: number) => cls[m].kind === 'blank' || cls[m].kind === 'pageno' || cls[m].kind === 'label';
  let m = j, labels = 0, blanks = 0;
  while (m < cls.length && between(m) && labels <= S.maxWrapped && blanks <= 3) {
    if (cls[m].kind === 'label') labels++; else blanks++;
    m++;
  }
  return m < cls.length && cls[m].kind === 'value' && labels <= S.maxWrapped && blanks <= 3 ? m : -1;
}

/**
 * The tables of a region's runs of rows, added to `tables` (a table that continues the last one is appended to
 * it). The first run's header is looked for from `floor` on; the new floor is returned.
 */
function addRunTables(lines: Line[], cls: Classified[], region: Region, runs: { length: number; ns: number[] }[], floor: number, tables: AlignedResult[]): number {
  const { rowsAt } = region;
  let offset = 0;
  for (const run of runs) {
    const first = rowsAt[offset];
    const last = rowsAt[offset + run.length - 1];
    const scanFrom = offset === 0 ? floor : rowsAt[offset - 1] + 1;
    const yearsAt = offset === 0 && region.headerYears !== null ? region.start : -1;
    offset += run.length;
    const t = runTable(lines, cls, scanFrom, first, last, run.ns, yearsAt);
    if (!t) continue;
    floor = last + 1;
    const prev = tables[tables.length - 1];
    if (prev && continues(lines, cls, prev, t)) appendRows(prev, t);
    else tables.push(t);
  }
  return floor;
}

/** The table of one run: with several possible column counts, the header must confirm one (the first that builds). */
function runTable(lines: Line[], cls: Classified[], scanFrom: number, first: number, last: number, ns: number[], yearsAt: number): AlignedResult | null {
  for (const n of ns) {
    const t = buildTable(lines, cls, scanFrom, first, last, n, yearsAt, ns.length > 1);
    if (t) return t;
  }
  return null;
}

/** A table whose header repeats the previous table's header right after it (a page break) continues it. */
function continues(lines: Line[], cls: Classified[], prev: AlignedResult, t: AlignedResult): boolean {
  if (!prev.headerKey || prev.headerKey !== t.headerKey || t.headerStart === undefined || prev.lastRow === undefined) return false;
  if (prev.table.rows[0].length !== t.table.rows[0].length) return false;
  // A table with a caption of its own above its header is a new table.
  if (t.table.headerRows > 1) return false;
  let between = 0;
  for (let k = prev.lastRow + 1; k < t.headerStart; k++) {
    const c = cls[k].kind;
    if (c === 'blank' || c === 'pageno') continue;
    if (c === 'value' || c === 'years' || SENTENCE_END.test(lines[k].text.trim()) || ++between > 3) return false;
  }
  return true;
}

function appendRows(prev: AlignedResult, t: AlignedResult): void {
  prev.table.rows.push(...t.table.rows.slice(t.table.headerRows));
  t.lines.forEach((l) => prev.lines.add(l));
  prev.table.pageEnd = Math.max(prev.table.pageEnd ?? 0, t.table.pageEnd ?? 0);
  prev.lastRow = t.lastRow;
  prev.rowWarnings = [...(prev.rowWarnings ?? []), ...(t.rowWarnings ?? [])];
  prev.table.warnings = [...prev.rowWarnings];
  invalidateTable(prev.table);
  finishTable(prev.table);
}

/**
 * True when, in (nearly) every row, some value column holds exactly three digits and the column left of it a
 * short integer: "1 628 | 1 907" read as four columns "1 | 628 | 1 | 907".
 */
function splitThousands(rows: string[][], n: number): boolean {
  if (rows.length < 2) return false;
  for (let c = 1; c < n; c++) {
    if (rows.filter((r) => /^\d{3}$/.test(r[c]) && /^\d{1,3}$/.test(r[c - 1])).length >= 0.8 * rows.length) return true;
  }
  return false;
}

/** Split value lines into runs that share a value count; per run the counts, the one that reads most rows uniquely first. */
function splitRuns(parses: LineParse[]): { length: number; ns: number[] }[] {
  const runs: { length: number; ns: number[] }[] = [];
  let common: Set<number> | null = null;
  let members: LineParse[] = [];
  const close = () => {
    if (!members.length) return;
    const ranked = [...common!].map((k) => {
      let score = 0, merges = 0;
      const read: string[][] = [];
      for (const p of members) {
        const r = readRow(p, k);
        if (r === null || r === 'ambiguous') continue;
        score++;
        merges += r.merges;
        read.push(r.values);
      }
      return { k, score, merges, split: splitThousands(read, k) };
    }).filter((x) => x.score > 0);
    // A reading with a column that looks like the thousands of its left neighbour ranks last.
    ranked.sort((a, b) => b.score - a.score || Number(a.split) - Number(b.split) || a.merges - b.merges || a.k - b.k);
    runs.push({ length: members.length, ns: ranked.map((x) => x.k) });
  };
  for (const p of parses) {
    const f = new Set([...p.feasible].filter((k) => k > 0));
    const next: Set<number> = common ? new Set([...common].filter((k) => f.has(k))) : f;
    if (next.size) { common = next; members.push(p); continue; }
    close();
    common = f;
    members = [p];
  }
  close();
  return runs;
}

/** A header: corner and column labels, a group label over the columns (two levels), its lines and the caption lines above it. */
interface Header {
  corner: string;
  labels: string[];
  upper: number[];
  lines: number[];
  group?: string;
}

/**
 * Build one table: header from the lines above `first` (not above `scanFrom`; it holds the line of
 * years at `yearsAt` when there is one), rows from `first` to `last`.
 */
function buildTable(lines: Line[], cls: Classified[], scanFrom: number, first: number, last: number, n: number, yearsAt: number, needHeader: boolean): AlignedResult | null {
  const cand = headerCandidates(lines, cls, scanFrom, first, yearsAt);
  const header = findHeader(lines, cls, cand, first, n, yearsAt);
  const rowCount = countValueLines(cls, first, last);
  if (!headerFits(header, n, rowCount, needHeader)) return null;
  const page = lines[first].page;
  // Label lines between the header and the first row start the body (a wrapped label or a section line).
  const labelLinesBefore = header ? cand.filter((x) => x > header.lines[header.lines.length - 1]) : [];
  const headerTexts = new Set(header ? header.lines.map((x) => norm(lines[x].text)) : []);
  const body = readBody(lines, cls, [...labelLinesBefore, ...range(first, last + 1)], n, headerTexts, page);
  const headRows = header ? headerCells(header, lines, page, n) : [];
  const table = countTable([...headRows, ...body.rows], headRows.length, page, body, n, rowCount);
  if (!table) return null;
  const used = new Set<Line>([...(header ? [...header.upper, ...header.lines].map((x) => lines[x]) : []), ...body.used]);
  const headerKey = header ? norm(header.lines.map((x) => lines[x].text).join(' ')) : undefined;
  return { table, lines: used, headerKey, headerStart: header ? header.lines[0] : undefined, lastRow: last, rowWarnings: body.warnings };
}

/** Header candidates: the lines above the first row, up to a sentence end, a question, a value line, a page number, a blank pair. */
function headerCandidates(lines: Line[], cls: Classified[], scanFrom: number, first: number, yearsAt: number): number[] {
  const cand: number[] = [];
  for (let k = first - 1; k >= Math.max(scanFrom, 0) && cand.length < S.maxHeaderLines + S.maxWrapped; k--) {
    const c = cls[k];
    if (c.kind === 'blank') continue;
    const t = lines[k].text.trim();
    if (SENTENCE_END.test(t) || QUESTION_START.test(t) || c.kind === 'value' || t.length > 100 || (lines[k].cells && lines[k].cells!.length >= 2)) break;
    if (c.kind === 'pageno') break;
    cand.unshift(k);
    if (k === yearsAt) break;
  }
  return cand;
}

/** The header of n columns among the candidates: of one level if one reads, else of two levels (not with a line of years). */
function findHeader(lines: Line[], cls: Classified[], cand: number[], first: number, n: number, yearsAt: number): Header | null {
  // One value column: lines left between the header and the first row must be that row's wrapped label.
  const firstLabel = cls[first].parse?.options[0].label ?? '';
  const fitsRows = (b: number) => n > 1 || b === cand.length || firstLabel === '' || /-$/.test(lines[cand[cand.length - 1]].text.trim()) || /^\p{Ll}/u.test(firstLabel);
  return oneLevelHeader(lines, cand, n, yearsAt, fitsRows) ?? (yearsAt < 0 ? twoLevelHeader(lines, cand, n, fitsRows) : null);
}

const saneHeader = (seg: { corner: string; labels: string[] }) =>
  seg.corner.length <= S.maxCorner && !seg.labels.some((l) => l.length > S.maxColumnLabel || OPEN_END.test(l));

/** Try the longest header first (it ends nearest the rows), then drop lines from its top (they are a caption above it). */
function oneLevelHeader(lines: Line[], cand: number[], n: number, yearsAt: number, fitsRows: (b: number) => boolean): Header | null {
  for (let b = cand.length; b >= 1; b--) {
    if (!fitsRows(b)) continue;
    for (let a = 0; a < b; a++) {
      const hl = cand.slice(a, b);
      if (hl.length > S.maxHeaderLines) continue;
      if (yearsAt >= 0 && !hl.includes(yearsAt)) continue;
      const seg = segmentHeader(headerWords(hl.map((x) => lines[x])), n, hl.length === 1);
      if (seg && saneHeader(seg)) return { ...seg, upper: cand.slice(0, a), lines: hl };
    }
  }
  return null;
}

/**
 * A header of two levels: the corner on its own line, a group label over the columns, then the
 * column labels on the lines below ("Jahr" / "Richterinnen und Richter" / "Gesamtzahl davon …").
 */
function twoLevelHeader(lines: Line[], cand: number[], n: number, fitsRows: (b: number) => boolean): Header | null {
  for (let b = cand.length; b >= 3; b--) {
    if (!fitsRows(b)) continue;
    for (let a = 0; a + 2 < b; a++) {
      if (b - a > S.maxHeaderLines) continue;
      for (let m = a + 2; m < b; m++) {
        const seg = segmentHeader(headerWords(cand.slice(m, b).map((x) => lines[x])), n, b - m === 1);
        if (!seg || seg.corner !== '' || !saneHeader(seg)) continue;
        const corner = lines[cand[a]].text.trim();
        const group = joinLines(cand.slice(a + 1, m).map((x) => lines[x].text));
        if (corner.length > S.maxCorner || group.length > S.maxCorner || OPEN_END.test(group)) continue;
        return { corner, labels: seg.labels, group, upper: cand.slice(0, a), lines: cand.slice(a, b) };
      }
    }
  }
  return null;
}

function countValueLines(cls: Classified[], first: number, last: number): number {
  let c = 0;
  for (let k = first; k <= last; k++) if (cls[k].kind === 'value') c++;
  return c;
}

/** Without a header only tables of several columns and rows are taken; one value column, the shape of many lists that are no tables, needs a one-line header. */
function headerFits(header: Header | null, n: number, rowCount: number, needHeader: boolean): boolean {
  if (!header) return !(needHeader || n < 3 || rowCount < 5);
  return !(n === 1 && (rowCount < 3 || header.lines.length !== 1 || header.group !== undefined));
}

/** The header rows: the caption above the header and the group label span the value columns; then the column labels. */
function headerCells(header: Header, lines: Line[], page: number, n: number): (Cell | null)[][] {
  const spanning = (corner: string, text: string): (Cell | null)[] => {
    const top = cell(text, page, true);
    top.colSpan = n;
    return [cell(corner, page, true), top, ...Array.from({ length: n - 1 }, () => null)];
  };
  const rows: (Cell | null)[][] = [];
  if (header.upper.length) rows.push(spanning('', joinLines(header.upper.map((x) => lines[x].text))));
  if (header.group !== undefined) rows.push(spanning(header.corner, header.group), [cell('', page, true), ...header.labels.map((l) => cell(l, page, true))]);
  else rows.push([cell(header.corner, page, true), ...header.labels.map((l) => cell(l, page, true))]);
  return rows;
}

interface Body {
  rows: Cell[][];
  /** The lines read (the header repeated after a page break, blanks and page numbers included). */
  used: Line[];
  warnings: TableWarning[];
  /** Rows whose label wraps over lines before their values. */
  wrappedRows: number;
  lastPage: number;
}

/**
 * The body rows from the lines `idx`: a value line is a row; label lines before it are its wrapped label,
 * or, when it has a label of its own, a section line (as are label lines before a blank or a page number).
 * A header repeated after a page break is skipped.
 */
function readBody(lines: Line[], cls: Classified[], idx: number[], n: number, headerTexts: Set<string>, page: number): Body {
  const out: Body = { rows: [], used: [], warnings: [], wrappedRows: 0, lastPage: page };
  let pending: string[] = [];
  const flushSection = () => {
    if (pending.length) out.rows.push([cell(joinLines(pending), page), ...Array.from({ length: n }, () => cell('', page))]);
    pending = [];
  };
  for (const k of idx) {
    const l = lines[k];
    const c = cls[k];
    out.used.push(l);
    if (c.kind === 'blank' || c.kind === 'pageno') { flushSection(); continue; }
    if (headerTexts.has(norm(l.text))) continue;
    out.lastPage = l.page;
    if (c.kind !== 'value') { pending.push(l.text); continue; }
    const r = rowReading(c.parse!, n, pending);
    if (r.warning !== undefined) out.warnings.push({ code: 'tables.ambiguous', text: r.warning });
    let label = r.label;
    if (pending.length) {
      out.wrappedRows++;
      if (!label || /-$/.test(pending[pending.length - 1]) || /^\p{Ll}/u.test(label)) label = joinLines([...pending, label]);
      else flushSection();
    }
    pending = [];
    out.rows.push([cell(label, l.page), ...r.values.map((v) => cell(v, l.page))]);
  }
  flushSection();
  return out;
}

/** The label and n values of a value line; numbers that split into n values in several ways are left empty, with a warning. */
function rowReading(p: LineParse, n: number, pending: string[]): { label: string; values: string[]; warning?: string } {
  const r = readRow(p, n);
  if (r !== 'ambiguous' && r !== null) return { label: r.label, values: r.values };
  const label = p.options[0].label;
  const warning = `row "${label || joinLines(pending)}": the space-separated numbers can be split into ${n} values in several ways; left empty`;
  return { label, values: Array.from({ length: n }, () => ''), warning };
}

/**
 * The table of the rows, if it is a count table: row labels not too long, few rows of text without values
 * (section lines; many of them mean a list of text), few wrapped labels in one value column, no column of years.
 */
function countTable(rows: (Cell | null)[][], headerRows: number, page: number, body: Body, n: number, rowCount: number): Table | null {
  const table: Table = {
    kind: 'generic',
    strategy: 'text-spaces',
    rows,
    headerRows,
    labelCols: 1,
    pageStart: page,
    pageEnd: body.lastPage,
    notes: [],
    warnings: [...body.warnings],
    questions: null,
    anlage: false,
  };
  const rest = rows.slice(headerRows);
  if (rest.some((r) => (r[0]?.text.length ?? 0) > S.maxJoinedLabel)) return null;
  const sections = rest.filter((r) => r.slice(1).every((c) => !c || c.text === '')).length;
  if (sections > (n === 1 ? 0.2 : 1) * rowCount) return null;
  if (n === 1 && body.wrappedRows > 0.2 * rowCount) return null;
  finishTable(table);
  if (table.kind !== 'count') return null;
  // A column of years is a column of dates in a table of text, not a count.
  const values = rest.flatMap((r) => r.slice(1).map((c) => (c ? c.text.trim() : ''))).filter(Boolean);
  return values.every((v) => YEAR.test(v)) ? null : table;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let k = a; k < b; k++) out.push(k);
  return out;
}

/** One warning text for the regions whose tables the rendition destroyed (one message per page). */
export function destroyedWarning(regions: Line[][]): string {
  const near = (r: Line[]) => `"${(r.find((l) => l.text.trim())?.text.trim() ?? '').slice(0, 60)}"`;
  const what = regions.length === 1 ? `a table near ${near(regions[0])} was` : `${regions.length} tables (the first near ${near(regions[0])}) were`;
  const n = regions.reduce((k, r) => k + r.length, 0);
  return `${what} not read: rows hold differing numbers of values (the text rendition dropped empty cells or the cell boundaries); the ${n} lines are left out of the text`;
}
