// The document's body as a flow of blocks in reading order: paragraphs and
// tables. Tables are found by a strategy per input kind (tab lines in text, the
// PDF table finder on PDFs); the notes printed under a table are attached to it.
import type { Line, Page, Table, TableNote } from '../model.js';
import { splitMarker, splitNoteStart } from './markers.js';
import { breaksBetween, joinLines, makeParagraph, type Paragraph } from './paragraphs.js';
import { isTabLine, tableFromTabLines } from './tables/text.js';

export type Block = { type: 'para'; para: Paragraph } | { type: 'table'; table: Table };

/** A found table and the lines it consumed. */
export interface FoundTable {
  table: Table;
  lines: Set<Line>;
  /** Set when these lines continue a table of an earlier page (its rows were appended there). */
  continues?: Table;
}

/** A table strategy: finds the tables of one page among its (furniture-free) lines. */
export type TableFinder = (page: Page, lines: Line[]) => FoundTable[];

/** Text inputs: runs of tab-separated lines. */
export const findTabTables: TableFinder = (_page, lines) => {
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

const isBlank = (l: Line) => !!l.blank || l.text.trim() === '';

/** Build the block flow of all pages. */
export function buildFlow(pages: Page[], cleanLines: Line[][], finder: TableFinder): Block[] {
  const blocks: Block[] = [];
  let para: Line[] = [];
  const flushPara = () => {
    if (para.length) blocks.push({ type: 'para', para: makeParagraph(para) });
    para = [];
  };
  pages.forEach((page, pi) => {
    const lines = cleanLines[pi];
    const found = finder(page, lines);
    const startOf = new Map<Line, Table[]>();
    const consumed = new Set<Line>();
    // Position of each line, so that a table's first line is found without scanning the page per table.
    const index = new Map<Line, number>();
    lines.forEach((l, i) => index.set(l, i));
    for (const f of found) {
      if (f.continues) {
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
      if (para.length && breaksBetween(para[para.length - 1], line)) flushPara();
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
    let j = i + 1;
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
