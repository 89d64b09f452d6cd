// The document's body as a flow of blocks in reading order: paragraphs and
// tables. Tables are found by a strategy per input kind (tab lines in text, the
// PDF table finder on PDFs); the notes printed under a table are attached to it.
import type { Line, Page, Table, TableNote } from '../model.js';
import { splitMarker, splitNoteStart } from './markers.js';
import { breaksBetween, joinLines, makeParagraph, type Paragraph } from './paragraphs.js';
import { isTabLine, tableFromTabLines } from './tables/text.js';
import { destroyedWarning, findAlignedTables } from './tables/text-aligned.js';
import { findWordTables } from './tables/text-words.js';

export type Block = { type: 'para'; para: Paragraph } | { type: 'table'; table: Table };

/** A found table and the lines it consumed. */
export interface FoundTable {
  /** null: lines of a table the rendition destroyed, left out of the text (a coded warning says so). */
  table: Table | null;
  lines: Set<Line>;
  /** Set when these lines continue a table of an earlier page (its rows were appended there). */
  continues?: Table;
}

/**
 * A table strategy: the tables of every page of one document among their (furniture-free) lines,
 * one list per page. A table that runs on over a page break is one table: reported on its first
 * page, and on the next pages with `continues` set (the flow skips their lines).
 */
export type TableFinder = (pages: Page[], lines: Line[][]) => FoundTable[][];

/** The tables of one page, for strategies that need no other page. */
export type PageTableFinder = (page: Page, lines: Line[]) => FoundTable[];

/** A page strategy as a document strategy. */
export const eachPage = (f: PageTableFinder): TableFinder => (pages, lines) => pages.map((p, i) => f(p, lines[i] ?? []));

/** Text inputs: runs of tab-separated lines. */
const tabTablesOnPage: PageTableFinder = (_page, lines) => {
  const found: FoundTable[] = [];
  let run: Line[] = [];
  const flush = () => {
    if (run.length >= 2) found.push({ table: tableFromTabLines(run), lines: new Set(run) });
    run = [];
  };
  for (const l of lines) {
    if (isTabLine(l)) run.push(l);
    else flush();
  }
  flush();
  return found;
};

export const findTabTables: TableFinder = eachPage(tabTablesOnPage);

/**
 * Text inputs as real tools write them: tab-separated tables, then tables whose cells are separated by
 * spaces among the other lines (count tables per page), then tables of words over the whole document (they
 * run on over page breaks). Regions that look like a destroyed table and rows of words whose cells cannot
 * be told apart are reported to `warn`.
 */
export function textTableFinder(warn: (text: string, page: number, code: 'tables.undecided' | 'tables.destroyed') => void): TableFinder {
  const perPage = eachPage((page, lines) => {
    const found = tabTablesOnPage(page, lines);
    const taken = new Set<Line>();
    for (const f of found) f.lines.forEach((l) => taken.add(l));
    const rest = lines.filter((l) => !taken.has(l));
    const aligned = findAlignedTables(rest);
    for (const t of aligned.tables) found.push({ table: t.table, lines: t.lines });
    if (aligned.destroyed.length) {
      warn(destroyedWarning(aligned.destroyed), aligned.destroyed[0][0].page, 'tables.destroyed');
      // Not a table, and not prose either: its rows would run into the answer text as a string of numbers.
      for (const region of aligned.destroyed) found.push({ table: null, lines: new Set(region) });
    }
    return found;
  });
  return (pages, lines) => {
    const found = perPage(pages, lines);
    // The document's lines in order, a line of another table as null (a table of words does not cross it).
    const taken = new Set<Line>();
    for (const page of found) for (const f of page) f.lines.forEach((l) => taken.add(l));
    const seq: (Line | null)[] = [];
    const pageOf = new Map<Line, number>();
    lines.forEach((ls, pi) => ls.forEach((l) => { seq.push(taken.has(l) ? null : l); pageOf.set(l, pi); }));
    const words = findWordTables(seq);
    for (const w of words.warnings) warn(w.text, w.page, 'tables.undecided');
    for (const w of words.tables) {
      // Reported on its first page; its lines on later pages continue it.
      const byPage = new Map<number, Set<Line>>();
      for (const l of w.lines) {
        const pi = pageOf.get(l)!;
        if (!byPage.has(pi)) byPage.set(pi, new Set());
        byPage.get(pi)!.add(l);
      }
      const order = [...byPage.keys()].sort((a, b) => a - b);
      order.forEach((pi, k) => {
        while (found.length <= pi) found.push([]);
        found[pi].push(k === 0 ? { table: w.table, lines: byPage.get(pi)! } : { table: w.table, lines: byPage.get(pi)!, continues: w.table });
      });
    }
    return found;
  };
}

const isBlank = (l: Line) => !!l.blank || l.text.trim() === '';

/** Build the block flow of all pages. `breaker` adds paragraph breaks where the input has no blank lines. */
export function buildFlow(pages: Page[], cleanLines: Line[][], finder: TableFinder, breaker?: (a: Line, b: Line) => boolean): Block[] {
  const blocks: Block[] = [];
  let para: Line[] = [];
  let lastLine: Line | null = null;
  const flushPara = () => {
    if (para.length) blocks.push({ type: 'para', para: makeParagraph(para) });
    para = [];
  };
  const foundByPage = finder(pages, cleanLines);
  pages.forEach((_page, pi) => {
    const lines = cleanLines[pi];
    const found = foundByPage[pi] ?? [];
    const startOf = new Map<Line, Table[]>();
    const consumed = new Set<Line>();
    // Position of each line, so that a table's first line is found without scanning the page per table.
    const index = new Map<Line, number>();
    lines.forEach((l, i) => index.set(l, i));
    for (const f of found) {
      if (f.continues || !f.table) {
        f.lines.forEach((l) => consumed.add(l));
        continue;
      }
      let at = Infinity;
      for (const l of f.lines) at = Math.min(at, index.get(l) ?? Infinity);
      const first = at < Infinity ? lines[at] : undefined;
      if (!first) continue;
      if (!startOf.has(first)) startOf.set(first, []);
      startOf.get(first)!.push(f.table);
      f.lines.forEach((l) => consumed.add(l));
    }
    for (const line of lines) {
      const tables = startOf.get(line);
      if (tables) {
        flushPara();
        for (const t of tables) blocks.push({ type: 'table', table: t });
      }
      if (consumed.has(line)) continue;
      if (isBlank(line)) {
        flushPara();
        continue;
      }
      // The breaker sees every body line in order (it keeps state), also after a blank line.
      const cut = breaker && lastLine ? breaker(lastLine, line) : false;
      lastLine = line;
      if (para.length && (breaksBetween(para[para.length - 1], line) || cut)) flushPara();
      para.push(line);
    }
    // Paragraphs run on over page breaks; Q/A assembly joins what belongs together.
  });
  flushPara();
  attachTableNotes(blocks);
  return blocks;
}

/** Markers used in a table's cells. */
function tableMarkers(t: Table): Set<string> {
  const markers = new Set<string>();
  for (const row of t.rows) for (const c of row) {
    const m = c && splitMarker(c.text).marker;
    if (m) markers.add(m);
  }
  return markers;
}

/** Paragraphs right under a table that start with one of its markers are its notes. */
export function attachTableNotes(blocks: Block[]): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type !== 'table') continue;
    const markers = tableMarkers(b.table);
    if (!markers.size) continue;
    const j = i + 1;
    while (j < blocks.length) {
      const nb = blocks[j];
      if (nb.type !== 'para') break;
      const notes = splitNotes(nb.para, markers);
      if (!notes) break;
      b.table.notes.push(...notes);
      blocks.splice(j, 1);
    }
  }
}

/** A paragraph made only of notes ("1) …", "* …") for the given markers, or null. */
function splitNotes(p: Paragraph, markers: Set<string>): TableNote[] | null {
  const notes: { marker: string; lines: string[] }[] = [];
  for (const l of p.lines) {
    const s = splitNoteStart(l.text);
    if (s && markers.has(s.marker)) notes.push({ marker: s.marker, lines: [s.text] });
    else if (notes.length) notes[notes.length - 1].lines.push(l.text);
    else return null;
  }
  return notes.map((n) => ({ marker: n.marker, text: joinLines(n.lines) }));
}
