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
  const headless: number[] = [];
  const numbered = new Set<number>();
  const runningHead = profile?.runningHead ?? null;
  const extraLines = profile?.furnitureLines ?? [];
  const zones = layout.pages.map(zoneIndexes);
  // Learn repeated zone lines (page numbers and dates vary, so compare shapes).
  const seen = new Map<string, Set<number>>();
  layout.pages.forEach((p, pi) => {
    for (const i of zones[pi]) {
      const s = shape(p.lines[i].text);
      // Footnote bodies ("8 vgl. Drs. 18/12723.") share shapes across pages: never learn them.
      if (s.length < 4 || FOOTNOTE_LIKE.test(p.lines[i].text)) continue;
      if (!seen.has(s)) seen.set(s, new Set());
      seen.get(s)!.add(pi);
    }
  });
  const learned = new Set([...seen].filter(([, pages]) => pages.size >= FURNITURE_SETTINGS.minRepeats).map(([s]) => s));

  layout.pages.forEach((p, pi) => {
    const zone = new Set(zones[pi]);
    const footer = layout.kind === 'pdf' ? footerBlock(p) : new Set<number>();
    const keep: Line[] = [];
    const st: { block: { end: RegExp; left: number; lines: string[] } | null } = { block: null };
    p.lines.forEach((line, i) => {
      const text = line.text.trim();
      // A footer block of the house style runs from its start line to its end line (a few lines at most).
      const block = st.block;
      if (block) {
        block.lines.push(text);
        res.removed.push(line);
        if (block.end.test(text) || --block.left <= 0) { res.footers.push(joinLines(block.lines)); st.block = null; }
        return;
      }
      const fb = profile?.footerBlocks.find((b) => b.start.test(text));
      if (fb) {
        res.removed.push(line);
        if (fb.end.test(text)) res.footers.push(text);
        else st.block = { end: fb.end, left: fb.maxLines - 1, lines: [text] };
        return;
      }
      if (profile?.dateIssued && extraLines.some((re) => re.test(text))) {
        const d = profile.dateIssued.exec(text);
        if (d) res.dateIssued = parseGermanDate(d[1]);
      }
      const notice = ARCHIVE_NOTICE.exec(text);
      if (notice) {
        res.dateOriginal ??= parseGermanDate(notice[1]);
        res.dateIssued ??= parseGermanDate(notice[2]);
        if (notice[3]) res.reissued ??= parseGermanDate(notice[3]);
        res.removed.push(line);
        return;
      }
      const furniture =
        (zone.has(i) && ((PAGE_NUMBER.test(text) && !(layout.kind === 'text' && YEAR_LINE.test(text))) || RUNNING_HEADER.test(text) || learned.has(shape(text)))) ||
        (pi > 0 && RUNNING_HEADER.test(text)) ||
        FURNITURE_LINES.some((re) => re.test(text)) ||
        (runningHead !== null && runningHead.test(text)) ||
        extraLines.some((re) => re.test(text)) ||
        footer.has(i);
      if (furniture) res.removed.push(line);
      else keep.push(line);
      if (furniture && zone.has(i) && PAGE_NUMBER.test(text)) numbered.add(pi);
    });
    if (st.block) res.footers.push(joinLines(st.block.lines));
    res.pages.push(keep);
    if (pi > 0 && expectedHead && hasText(p) && !p.lines.some((l) => expectedHead.test(l.text.trim()))) headless.push(pi);
  });
  for (const pi of headless) {
    res.messages.push({ severity: 'warning', stage: 'furniture', code: 'furniture.no-running-head', text: `page ${pi + 1}: the running head of the house style was not found`, page: pi + 1 });
  }
  // A document that numbers its pages (on two pages at least, after the first): a page without a number.
  if (numbered.size >= FURNITURE_SETTINGS.minRepeats) {
    layout.pages.forEach((p, pi) => {
      if (pi > 0 && hasText(p) && !numbered.has(pi)) {
        res.messages.push({ severity: 'warning', stage: 'furniture', code: 'furniture.no-page-number', text: `page ${pi + 1}: no page number found (the other pages print one)`, page: pi + 1 });
      }
    });
  }
  return res;
}

const hasText = (p: Page) => p.lines.some((l) => !l.blank && l.text.trim() !== '');
