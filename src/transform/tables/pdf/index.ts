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
// settings.ts (resolveSettings in ../../settings.ts). Tables set sideways are
// read in the frame of their text (view.ts).
//
// One entry for ingest and `drucksachen tables`: the finder of a document
// finds the tables of every page (pageParts), then joins tables that run on
// over a page break in one pure pass over the found parts (stitchParts): the
// joined table is a new object, reported on its first page; the later parts
// come with `continues` set so the flow skips their lines. `findTables` (CLI)
// feeds it the lines ingest reads (page furniture removed).

import type { Layout, Line, Page, Table } from '../../../model.js';
import type { FoundTable, TableFinder } from '../../flow.js';
import { findPageTables, type PageTable } from './page.js';
import { TABLE_SETTINGS, type TableSettings } from './settings.js';
import { resolveTableSettings, type DeepPartial } from '../../settings.js';
import { removeFurniture } from '../../furniture.js';
import { appendPart, continuation, type StitchPart } from './stitch.js';

export { TABLE_SETTINGS } from './settings.js';
export { findPageTables, type PageTable } from './page.js';

/** A found table; `continues` is set when its rows were appended to a table of an earlier page. */
export interface PdfFoundTable extends FoundTable {
  /** The PDF finder leaves no lines out: every found part is a table. */
  table: Table;
  continues?: Table;
}

export interface FinderOptions {
  /** Join a table that runs on over a page break into one (default true). */
  stitch?: boolean;
  /** Changes to the defaults of settings.ts (validated by resolveTableSettings). */
  settings?: DeepPartial<TableSettings>;
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

function tableFontSize(t: PageTable, s: TableSettings): number {
  const sizes = t.words.map((w) => w.size).sort((a, b) => a - b);
  return sizes[sizes.length >> 1] ?? s.text.defaultFontSize;
}

/** The tables found on one page, and the body lines before the first and after the last (for stitching). */
export interface PageParts {
  page: Page;
  /** The tables (only what stitching needs: the page's words and view are let go). */
  found: StitchPart[];
  before: Line[];
  after: Line[];
}

/** Find the tables of one page (no other page looked at). */
export function pageParts(page: Page, lines: Line[], s: TableSettings): PageParts {
  const found = findPageTables(page, lines, s);
  const first = found[0];
  const last = found[found.length - 1];
  if (!first || !last) return { page, found: [], before: [], after: [] };
  const index = new Map<Line, number>();
  lines.forEach((l, i) => index.set(l, i));
  let firstIdx = Infinity;
  for (const l of first.lines) firstIdx = Math.min(firstIdx, index.get(l) ?? Infinity);
  let lastIdx = -Infinity;
  for (const l of last.lines) lastIdx = Math.max(lastIdx, index.get(l) ?? -Infinity);
  return {
    page,
    found: found.map((f) => ({ table: f.table, cols: f.cols, view: { angle: f.view.angle }, lines: f.lines })),
    before: bodyLines(page, lines.slice(0, Math.max(0, firstIdx)), tableFontSize(first, s), s),
    after: bodyLines(page, lines.slice(lastIdx + 1), tableFontSize(last, s), s),
  };
}

/** Where a found part ended up: the output table and the rows of the part in it. */
interface Placed {
  part: StitchPart;
  /** Header rows of the part, as the stitch decisions saw them (a repeat can make more rows header). */
  headerRows: number;
  out: PdfFoundTable;
  /** The part's row `r` (r ≥ drop) is row `offset + r - drop` of the output table. */
  offset: number;
  drop: number;
}

/** A copy of a table that the pass may change (rows and cells copied; the found part stays as it was). */
function own(t: Table): Table {
  return { ...t, rows: t.rows.map((row) => row.map((c) => (c ? { ...c } : c))), notes: [...t.notes], warnings: [...t.warnings] };
}

/**
 * The stitch pass, one pure pass over the parts of the document's pages in order: the first table
 * of a page joins the last table of the page before when continuation() says so (its rows are
 * appended, a repeated header dropped). The parts are not changed; the tables returned are new
 * where rows were joined. Per page: its tables, a joined part with `continues` set.
 */
export function stitchParts(pages: PageParts[], s: TableSettings, stitch = true): PdfFoundTable[][] {
  let prev: { parts: PageParts; last: Placed } | null = null;
  return pages.map((pp) => {
    const out: PdfFoundTable[] = [];
    const p = prev;
    prev = null;
    let lastPlaced: Placed | null = null;
    let i = 0;
    const b = pp.found[0];
    if (stitch && p && b && pp.page.number === p.parts.page.number + 1 && pp.page !== p.parts.page) {
      const a = p.last;
      const join = continuation(a.part, a.headerRows, b, { after: p.parts.after, before: pp.before }, s);
      if (join) {
        let target = a.out.table;
        if (target === a.part.table || target === undefined) a.out.table = target = own(a.part.table);
        if (join.header > a.headerRows) {
          // The repeat shows more header rows on the earlier part: in the output table as well.
          for (let r = 0; r < join.header; r++) {
            if (r < a.drop) continue;
            for (const c of target.rows[a.offset + r - a.drop] ?? []) if (c) c.isHeader = true;
          }
          if (a.offset === 0 && a.drop === 0) target.headerRows = join.header;
          a.headerRows = join.header;
        }
        const offset = target.rows.length;
        appendPart(target, b.table, join.drop);
        out.push({ table: target, lines: b.lines, continues: target });
        lastPlaced = { part: b, headerRows: b.table.headerRows, out: a.out, offset, drop: join.drop };
        i = 1;
      }
    }
    for (; i < pp.found.length; i++) {
      const f = pp.found[i];
      const found: PdfFoundTable = { table: f.table, lines: f.lines };
      out.push(found);
      lastPlaced = { part: f, headerRows: f.table.headerRows, out: found, offset: 0, drop: 0 };
    }
    if (lastPlaced) prev = { parts: pp, last: lastPlaced };
    return out;
  });
}

/**
 * The table finder of one PDF document: every page's tables (pageParts), then the stitch pass
 * (stitchParts). One call per document, so no table is stitched across two documents.
 */
export function createPdfTableFinder(opts: FinderOptions = {}): TableFinder {
  const s = opts.settings ? resolveTableSettings(opts.settings) : TABLE_SETTINGS;
  const stitch = opts.stitch ?? true;
  return (pages, lines) => stitchParts(pages.map((page, i) => pageParts(page, lines[i] ?? [], s)), s, stitch);
}

/** A new finder for one document's flow (pdfTableFinder of the pipeline). */
export const newPdfTableFinder = (): TableFinder => createPdfTableFinder();

export interface FindTablesOptions {
  /** 1-based page numbers to look at (default: every page of the layout). */
  pages?: number[];
  stitch?: boolean;
  settings?: DeepPartial<TableSettings>;
}

/**
 * All tables of a PDF layout, top to bottom per page; a stitched table counts once, on its first page.
 * The entry of `drucksachen tables`: it reads the lines ingest reads, page furniture (running heads,
 * page numbers, the archive notice) taken out first.
 */
export function findTables(layout: Layout, opts: FindTablesOptions = {}): Table[] {
  const finder = createPdfTableFinder({ stitch: opts.stitch ?? true, ...(opts.settings ? { settings: opts.settings } : {}) });
  const wanted = opts.pages?.length ? new Set(opts.pages) : null;
  const clean = removeFurniture(layout).pages;
  const pages = layout.pages.filter((p) => !wanted || wanted.has(p.number));
  const lines = layout.pages.flatMap((p, i) => (!wanted || wanted.has(p.number) ? [clean[i] ?? p.lines] : []));
  const tables: Table[] = [];
  for (const found of finder(pages, lines)) for (const f of found) if (!f.continues && f.table) tables.push(f.table);
  return tables;
}
