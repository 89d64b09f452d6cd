// Footnote bodies: notes at the page bottom (or, in flattened text, a paragraph
// that starts with a superscript marker) numbered on through the document.
// They become footnotes, not body text.
import type { Footnote, Line } from '../model.js';
import { normalizeMarker } from './markers.js';
import { joinLines } from './paragraphs.js';

/** "1 APr 18/749", "¹ https://…", "12 VerfGH …" (never "1. Frage", which is a numbered item). */
const FOOTNOTE_START = /^\s*(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]+)[⁾)]?\s*|(\d{1,3})\s+)(?=[^\s.])(.*)$/;

export const FOOTNOTE_SETTINGS = {
  /** PDF: a footnote line is set smaller than this share of the body font size. */
  smallerThan: 0.95,
};

function markerOf(line: Line): { n: number; superscript: boolean; rest: string } | null {
  if (line.cells) return null;
  const m = FOOTNOTE_START.exec(line.text);
  if (!m) return null;
  return { n: Number(m[1] ? normalizeMarker(m[1]) : m[2]), superscript: !!m[1], rest: m[3] };
}

const isBlank = (l: Line) => !!l.blank || l.text.trim() === '';

function bodyFontSize(pages: Line[][]): number {
  const sizes = pages.flat().map((l) => l.fontSize).filter((s): s is number => !!s).sort((a, b) => a - b);
  return sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0;
}

/**
 * Take footnote blocks out of the pages. A block starts with the next expected
 * marker after a paragraph break (blank line, or a smaller font in PDFs) and
 * runs over the following lines; a plain-digit block must reach the page end.
 */
export function extractFootnotes(pages: Line[][]): { pages: Line[][]; footnotes: Footnote[] } {
  const footnotes: Footnote[] = [];
  const body = bodyFontSize(pages);
  let expected = 1;
  const out = pages.map((lines) => {
    const keep: Line[] = [];
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      const m = markerOf(line);
      const small = !!(body && line.fontSize && line.fontSize < body * FOOTNOTE_SETTINGS.smallerThan);
      const afterBreak = i === 0 || isBlank(lines[i - 1]) || small;
      if (!m || m.n !== expected || !afterBreak || (body && line.fontSize && !small)) {
        keep.push(line);
        i++;
        continue;
      }
      const block = collectBlock(lines, i, expected);
      const reachesEnd = block.end >= lines.length || lines.slice(block.end).every(isBlank);
      if (!m.superscript && !reachesEnd && !small) {
        keep.push(line);
        i++;
        continue;
      }
      for (const note of block.notes) footnotes.push({ marker: String(note.n), text: joinLines(note.lines.map((l) => l.text)), page: line.page });
      expected += block.notes.length;
      i = block.end;
    }
    return keep;
  });
  return { pages: out, footnotes };
}

function collectBlock(lines: Line[], start: number, first: number) {
  const notes: { n: number; lines: Line[] }[] = [];
  let next = first;
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      // A blank line ends the block unless the next note follows.
      let j = i;
      while (j < lines.length && isBlank(lines[j])) j++;
      const m = j < lines.length ? markerOf(lines[j]) : null;
      if (!m || m.n !== next) break;
      i = j;
      continue;
    }
    const m = markerOf(line);
    if (m && m.n === next) {
      notes.push({ n: m.n, lines: [{ ...line, text: m.rest }] });
      next++;
    } else {
      notes[notes.length - 1].lines.push(line);
    }
    i++;
  }
  return { notes, end: i };
}
