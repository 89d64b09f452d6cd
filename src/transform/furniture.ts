// Page furniture: running headers and footers, page numbers and the archive
// notice are learned per document (lines that repeat in the header or footer
// zone of several pages) and recognised by the house-style phrases. The archive
// notice's dates are kept as metadata.
import type { Layout, Line, Message, Page } from '../model.js';
import { ARCHIVE_NOTICE, FURNITURE_LINES, PAGE_NUMBER, RUNNING_HEADER } from '../data/house-style.js';
import { parseGermanDate } from '../common/dates.js';
import type { Profile } from './profile.js';
import { joinLines } from './paragraphs.js';
import { FOOTER_BLOCK_LINES } from '../data/footer-block.js';

export const FURNITURE_SETTINGS = {
  /** Non-blank lines at the top and bottom of a text page that can be furniture. */
  zoneLines: 3,
  /** Share of the page height at the top and bottom that can hold furniture (PDF). */
  zoneShare: 0.09,
  /** A line seen in the zone of at least this many pages is a learned running header/footer. */
  minRepeats: 2,
};

export interface FurnitureResult {
  pages: Line[][];
  dateOriginal: string | null;
  dateIssued: string | null;
  /** The date in brackets after "Ausgegeben:", printed on reprints. */
  reissued: string | null;
  removed: Line[];
  /** Footer blocks of the house style (e.g. the answerer's sentence at the foot of page 1), joined per block. */
  footers: string[];
  messages: Message[];
}

/** A year on a line of its own: in a text without positions, the last cell of a table row at the page foot, not a page number. */
const YEAR_LINE = /^\s*(?:19|20)\d\d\s*$/;
const FOOTNOTE_LIKE = /^\s*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)[⁾)]?\s+\S/;
const shape = (s: string) => s.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/** Indexes of lines that stand in the header or footer zone of their page. */
function zoneIndexes(page: Page): number[] {
  const idx: number[] = [];
  const nonBlank = page.lines.map((l, i) => (l.blank || l.text.trim() === '' ? -1 : i)).filter((i) => i >= 0);
  if (page.height > 0 && page.lines.some((l) => l.box)) {
    const top = page.height * FURNITURE_SETTINGS.zoneShare;
    const bottom = page.height * (1 - FURNITURE_SETTINGS.zoneShare);
    for (const i of nonBlank) {
      const b = page.lines[i].box;
      if (b && (b.y1 <= top || b.y0 >= bottom)) idx.push(i);
    }
    return idx;
  }
  const k = FURNITURE_SETTINGS.zoneLines;
  return [...new Set([...nonBlank.slice(0, k), ...nonBlank.slice(-k)])];
}

/** Lower share of a PDF page in which a footer block can start. */
const FOOTER_BLOCK_SHARE = 0.3;

/**
 * PDF pages: the footer block (imprint, "Eingegangen: … / Ausgegeben: …", ISSN …) and everything
 * beside and below it at the foot of the page. Its lines stand side by side in columns, so it
 * must go before the table finder sees the page.
 */
function footerBlock(page: Page): Set<number> {
  const out = new Set<number>();
  if (!(page.height > 0)) return out;
  let top = Infinity;
  for (const l of page.lines) {
    if (!l.box || l.box.y0 < page.height * (1 - FOOTER_BLOCK_SHARE)) continue;
    if (FOOTER_BLOCK_LINES.some((re) => re.test(l.text.trim()))) top = Math.min(top, l.box.y0);
  }
  if (top === Infinity) return out;
  // A line reaching up to the first block line's top (the same band, side by side) belongs to it.
  page.lines.forEach((l, i) => {
    if (l.box && l.box.y1 > top) out.add(i);
  });
  return out;
}

/**
 * Take the furniture off every page. `expectedHead` is the running head the house style prints on
 * every page after the first (null: none expected); a page without it is said as a message, and so
 * is a page without a page number in a document that numbers its pages. Neither changes the status.
 */
export function removeFurniture(layout: Layout, profile: Profile | null = null, expectedHead: RegExp | null = null): FurnitureResult {
  const res: FurnitureResult = { pages: [], dateOriginal: null, dateIssued: null, reissued: null, removed: [], footers: [], messages: [] };
  const zones = layout.pages.map(zoneIndexes);
  const doc: DocContext = {
    kind: layout.kind, profile, runningHead: profile?.runningHead ?? null, extraLines: profile?.furnitureLines ?? [],
    learned: learnRepeated(layout.pages, zones), res, numbered: new Set(),
  };
  const headless: number[] = [];
  layout.pages.forEach((p, pi) => {
    res.pages.push(cleanPage(doc, p, pi, new Set(zones[pi])));
    if (pi > 0 && expectedHead && hasText(p) && !p.lines.some((l) => expectedHead.test(l.text.trim()))) headless.push(pi);
  });
  for (const pi of headless) res.messages.push(pageWarning('furniture.no-running-head', pi, 'the running head of the house style was not found'));
  res.messages.push(...unnumberedPages(layout.pages, doc.numbered));
  return res;
}

/** What the pages share while they are read: the document, what was learned of it, and the result so far. */
interface DocContext {
  kind: Layout['kind'];
  profile: Profile | null;
  /** The house style's running head and other furniture lines. */
  runningHead: RegExp | null;
  extraLines: RegExp[];
  /** Shapes of lines that repeat in the zones of several pages. */
  learned: Set<string>;
  res: FurnitureResult;
  /** Pages whose page number was found. */
  numbered: Set<number>;
}

/** A footer block of the house style being read: the line that ends it, how many more lines it may take, its lines. */
interface OpenBlock {
  end: RegExp;
  left: number;
  lines: string[];
}

/** Shapes of zone lines seen on at least minRepeats pages (page numbers and dates vary, so compare shapes). */
function learnRepeated(pages: Page[], zones: number[][]): Set<string> {
  const seen = new Map<string, Set<number>>();
  pages.forEach((p, pi) => {
    for (const i of zones[pi]) {
      const s = shape(p.lines[i].text);
      // Footnote bodies ("8 vgl. Drs. 18/12723.") share shapes across pages: never learn them.
      if (s.length < 4 || FOOTNOTE_LIKE.test(p.lines[i].text)) continue;
      if (!seen.has(s)) seen.set(s, new Set());
      seen.get(s)!.add(pi);
    }
  });
  return new Set([...seen].filter(([, pages]) => pages.size >= FURNITURE_SETTINGS.minRepeats).map(([s]) => s));
}

/** The lines of a page that are not furniture; what was taken off goes into doc.res. */
function cleanPage(doc: DocContext, p: Page, pi: number, zone: Set<number>): Line[] {
  const res = doc.res;
  const footer = doc.kind === 'pdf' ? footerBlock(p) : new Set<number>();
  const keep: Line[] = [];
  let block: OpenBlock | null = null;
  for (let i = 0; i < p.lines.length; i++) {
    const line = p.lines[i];
    const text = line.text.trim();
    // A footer block of the house style runs from its start line to its end line (a few lines at most).
    if (block) {
      block = footerBlockLine(res, block, line, text);
      continue;
    }
    const fb = doc.profile?.footerBlocks.find((b) => b.start.test(text));
    if (fb) {
      block = startFooterBlock(res, fb, line, text);
      continue;
    }
    readIssuedDate(doc, text);
    if (readArchiveNotice(res, text)) {
      res.removed.push(line);
      continue;
    }
    const furniture = isFurniture(doc, pi, zone.has(i), footer.has(i), text);
    if (furniture) res.removed.push(line);
    else keep.push(line);
    if (furniture && zone.has(i) && PAGE_NUMBER.test(text)) doc.numbered.add(pi);
  }
  // A block still open at the page's end ends there.
  if (block) res.footers.push(joinLines(block.lines));
  return keep;
}

/** The first line of a footer block: a block of one line is done at once. */
function startFooterBlock(res: FurnitureResult, fb: Profile['footerBlocks'][number], line: Line, text: string): OpenBlock | null {
  res.removed.push(line);
  if (fb.end.test(text)) {
    res.footers.push(text);
    return null;
  }
  return { end: fb.end, left: fb.maxLines - 1, lines: [text] };
}

/** A further line of an open footer block; null when it ends the block (its end line, or its last allowed line). */
function footerBlockLine(res: FurnitureResult, block: OpenBlock, line: Line, text: string): OpenBlock | null {
  block.lines.push(text);
  res.removed.push(line);
  if (block.end.test(text) || --block.left <= 0) {
    res.footers.push(joinLines(block.lines));
    return null;
  }
  return block;
}

/** A house style's issue date, on one of its furniture lines (the line itself is removed later, as furniture). */
function readIssuedDate(doc: DocContext, text: string): void {
  const dateIssued = doc.profile?.dateIssued;
  if (dateIssued && doc.extraLines.some((re) => re.test(text))) {
    const d = dateIssued.exec(text);
    if (d) doc.res.dateIssued = parseGermanDate(d[1]);
  }
}

/** The archive notice's dates ("Datum des Originals: … / Ausgegeben: …"); true when the line is one. */
function readArchiveNotice(res: FurnitureResult, text: string): boolean {
  const notice = ARCHIVE_NOTICE.exec(text);
  if (!notice) return false;
  res.dateOriginal ??= parseGermanDate(notice[1]);
  res.dateIssued ??= parseGermanDate(notice[2]);
  if (notice[3]) res.reissued ??= parseGermanDate(notice[3]);
  return true;
}

/** A page number, running header or learned line in the zone; elsewhere the house style's own furniture or the footer block. */
function isFurniture(doc: DocContext, pi: number, inZone: boolean, inFooter: boolean, text: string): boolean {
  const { runningHead, extraLines } = doc;
  return (inZone && (isPageNumber(doc.kind, text) || RUNNING_HEADER.test(text) || doc.learned.has(shape(text)))) ||
    (pi > 0 && RUNNING_HEADER.test(text)) ||
    FURNITURE_LINES.some((re) => re.test(text)) ||
    (runningHead !== null && runningHead.test(text)) ||
    extraLines.some((re) => re.test(text)) ||
    inFooter;
}

/** A page number; in a text without positions a year alone on a line is a table's last cell, not one. */
const isPageNumber = (kind: Layout['kind'], text: string) => PAGE_NUMBER.test(text) && !(kind === 'text' && YEAR_LINE.test(text));

/** A document that numbers its pages (on two pages at least, after the first): each page after the first without a number. */
function unnumberedPages(pages: Page[], numbered: Set<number>): Message[] {
  const out: Message[] = [];
  if (numbered.size < FURNITURE_SETTINGS.minRepeats) return out;
  pages.forEach((p, pi) => {
    if (pi > 0 && hasText(p) && !numbered.has(pi)) out.push(pageWarning('furniture.no-page-number', pi, 'no page number found (the other pages print one)'));
  });
  return out;
}

const pageWarning = (code: Message['code'], pi: number, what: string): Message =>
  ({ severity: 'warning', stage: 'furniture', code, text: `page ${pi + 1}: ${what}`, page: pi + 1 });

const hasText = (p: Page) => p.lines.some((l) => !l.blank && l.text.trim() !== '');
