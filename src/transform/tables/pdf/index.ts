// PDF table finder (pdfplumber/tabula style), as a chain of small steps:
//
//   words + rulings (view.ts) → edges (edges.ts) → intersections, grids and
//   spanning cells (lattice.ts, lattice-tables.ts) → cell text (cell-text.ts)
//   → Table (build.ts: spans, header rows, finishTable)
//   words left over → text rows and chunks (chunks.ts) → aligned blocks
//   (stream-blocks.ts) → columns, lists and prose turned away
//   (stream-columns.ts) → header rows (stream.ts) → grid (stream-grid.ts)
//   tables of consecutive pages → one table (stitch.ts)
//
// page.ts runs both strategies on a page. Every tolerance lives in
// settings.ts. Tables set sideways are read in the frame of their text
// (view.ts). `pdfTableFinder` plugs into the document flow (one page at a
// time, stitching as it goes); `findTables` gives all tables of a layout (CLI).
//
// Stitching in the flow: the rows of a continuation are appended to the table
// object of the earlier page (already in the flow); the finder reports the part
// with `continues` set and takes its lines out of the page's line list, so the
// flow neither keeps them as text nor places the table again.
import type { Layout, Line, Page, Table } from '../../../model.js';
import type { FoundTable, TableFinder } from '../../flow.js';
import { findPageTables, type PageTable } from './page.js';
import { TABLE_SETTINGS, type TableSettings } from './settings.js';
import { appendPart, continuation } from './stitch.js';
import { maxOf, minOf } from '../../../util/arrays.js';

export { TABLE_SETTINGS } from './settings.js';
export { findPageTables, type PageTable } from './page.js';

/** A found table; `continues` is set when its rows were appended to a table of an earlier page. */
export interface PdfFoundTable extends FoundTable {
  continues?: Table;
}

export interface FinderOptions {
  /** Join a table that runs on over a page break into one (default true). */
  stitch?: boolean;
  /**
   * Take the lines of a continuation out of the page's line list (in place), so that a flow that
   * does not know `continues` entries neither keeps them as body text nor places the table twice.
   */
  detachContinuations?: boolean;
  settings?: TableSettings;
}

const isBlank = (l: Line) => !!l.blank || l.text.trim() === '';

/** Lines that stand between two parts of a table: not blank, not in the page margins, not in smaller print (notes, footnotes). */
function bodyLines(page: Page, lines: Line[], size: number, s: TableSettings): Line[] {
  const top = page.height * s.stitch.marginShare;
  const bottom = page.height * (1 - s.stitch.marginShare);
  return lines.filter((l) => {
    if (isBlank(l)) return false;
    if (l.box && (l.box.y1 <= top || l.box.y0 >= bottom)) return false;
    if ((l.fontSize ?? size) < size * s.stitch.smallPrint) return false;
    return true;
  });
}

function tableFontSize(t: PageTable): number {
  const sizes = t.words.map((w) => w.size).sort((a, b) => a - b);
  return sizes[sizes.length >> 1] ?? 10;
}

interface Previous {
  page: Page;
  number: number;
  last: PageTable;
  /** The table object the last part belongs to (the first part when stitched). */
  table: Table;
  after: Line[];
}

/**
 * A table finder for the document flow. It keeps the last table of the previous page so that
 * a table running on over the page break becomes one table (the flow calls it page by page).
 */
export function createPdfTableFinder(opts: FinderOptions = {}): (page: Page, lines: Line[]) => PdfFoundTable[] {
  const s = opts.settings ?? TABLE_SETTINGS;
  const stitch = opts.stitch ?? true;
  let prev: Previous | null = null;
  return (page, lines) => {
    const found = findPageTables(page, lines, s);
    const out: PdfFoundTable[] = [];
    const p = prev;
    prev = null;
    const index = new Map<Line, number>();
    lines.forEach((l, i) => index.set(l, i));
    const firstIdx = (t: PageTable) => minOf([...t.lines].map((l) => index.get(l) ?? Infinity));
    const lastIdx = (t: PageTable) => maxOf([...t.lines].map((l) => index.get(l) ?? -Infinity));
    let i = 0;
    let current: Table | null = null;
    let detached: Set<Line> | null = null;
    if (stitch && p && found.length && page.number === p.number + 1 && page !== p.page) {
      const b = found[0];
      const before = bodyLines(page, lines.slice(0, Math.max(0, firstIdx(b))), tableFontSize(b), s);
      const drop = continuation(p.last, b, { after: p.after, before }, s);
      if (drop >= 0) {
        appendPart(p.table, b.table, drop);
        out.push({ table: p.table, lines: b.lines, continues: p.table });
        detached = b.lines;
        current = p.table;
        i = 1;
      }
    }
    for (; i < found.length; i++) {
      out.push({ table: found[i].table, lines: found[i].lines });
      current = found[i].table;
    }
    if (found.length && current) {
      const last = found[found.length - 1];
      const end = lastIdx(last);
      prev = { page, number: page.number, last, table: current, after: bodyLines(page, lines.slice(end + 1), tableFontSize(last), s) };
    }
    if (detached && opts.detachContinuations) removeLines(lines, detached);
    return out;
  };
}

/** Remove lines from an array in place. */
function removeLines(lines: Line[], gone: Set<Line>): void {
  let w = 0;
  for (const l of lines) if (!gone.has(l)) lines[w++] = l;
  lines.length = w;
}

/**
 * A new finder for one document's flow (stitching over page breaks: the rows of a continuation go
 * into the table of the earlier page, and the flow skips the `continues` part). One per document:
 * the finder remembers the previous page.
 */
export const newPdfTableFinder = (): TableFinder => createPdfTableFinder();

export interface FindTablesOptions {
  /** 1-based page numbers to look at (default: every page of the layout). */
  pages?: number[];
  stitch?: boolean;
  settings?: TableSettings;
}

/** All tables of a PDF layout, top to bottom per page; a stitched table counts once, on its first page. */
export function findTables(layout: Layout, opts: FindTablesOptions = {}): Table[] {
  const finder = createPdfTableFinder({ stitch: opts.stitch ?? true, settings: opts.settings });
  const wanted = opts.pages?.length ? new Set(opts.pages) : null;
  const tables: Table[] = [];
  for (const page of layout.pages) {
    if (wanted && !wanted.has(page.number)) continue;
    for (const f of finder(page, page.lines)) if (!f.continues) tables.push(f.table);
  }
  return tables;
}
