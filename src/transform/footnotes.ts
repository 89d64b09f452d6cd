// Footnote bodies: notes at the page bottom (or, in flattened text, a paragraph
// that starts with a superscript marker) numbered on through the document.
// They become footnotes, not body text.
import type { Footnote, Line, Message } from '../model.js';
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

// ---------------------------------------------------------------------------
// What the footnote step could not match: a marker in the text with no body, a body no marker names.

/**
 * A marker glued to the text it belongs to ("bat.2 Die", "haben.“1", "Zugriff¹"): digits right after
 * a letter (or a letter and a punctuation mark or closing quote), then a space, punctuation or the
 * line end. Numbers standing apart ("Abs. 2"), with a leading zero ("C01") or a bracket ("1)", a
 * table note) are never markers here; see `gluedMarkers` for the words before.
 */
const GLUED_MARKER = /(?<=\p{L}[.,;:!?“”"'’)]{0,2})([1-9]\d?)(?=[\s.,;:!?]|$)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/gu;
/** The word and the mark before a glued number. */
const BEFORE = /(\p{L}+)([.,;:!?“”"'’)]{0,2})$/u;
/** Abbreviations a number follows without a space ("Abs.1", "Nr.3"): no marker. */
const ABBREVIATIONS = new Set(['Abs', 'Nr', 'Nrn', 'Art', 'S', 'Ziff', 'Bd', 'Kap', 'Anl', 'Tz', 'Rn', 'Rz', 'lit', 'Buchst', 'Drs', 'Bl', 'Nummer']);

/** The numbers of the markers in one line of text, in order. */
export function gluedMarkers(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(GLUED_MARKER)) {
    // A number in a web address or a name of a file ("www1.wdr.de", "…/meldung.1", "#doc1").
    const start = text.lastIndexOf(' ', m.index) + 1;
    const end = text.indexOf(' ', m.index);
    if (/[/#@?=]|www|http/i.test(text.slice(start, end < 0 ? undefined : end))) continue;
    if (m[2]) {
      // "m²", "km³": a unit; "¹⁾": the note of a table.
      if ((/^[²³]$/.test(m[2]) && text[m.index - 1] === 'm') || /^[⁾)]/.test(text.slice(m.index + m[2].length))) continue;
      out.push(Number(normalizeMarker(m[2])));
      continue;
    }
    const b = BEFORE.exec(text.slice(0, m.index));
    if (!b) continue;
    const [, word, mark] = b;
    // "M1", "CO2", "A7": a name with a number, unless a mark or quote stands between.
    if (b[0] === word && /\p{Lu}$/u.test(word)) continue;
    if (mark === '.' && ABBREVIATIONS.has(word)) continue;
    out.push(Number(m[1]));
  }
  return out;
}

/**
 * Markers in reading order that number on from 1: the next number, or a later one when every number
 * skipped has a body (its marker was set apart, "Auskunft. 4 Die"). The chain starts at 1: a stray
 * "CO2" before the first marker is no part of it.
 */
function markerChain(lines: Line[], bodies: Set<number>): { n: number; page: number }[] {
  const chain: { n: number; page: number }[] = [];
  let last = 0;
  for (const line of lines) {
    if (line.cells) continue;
    for (const n of gluedMarkers(line.text)) {
      if (n <= last) continue;
      let k = last + 1;
      while (last > 0 && k < n && bodies.has(k)) k++;
      if (k !== n) continue;
      chain.push({ n, page: line.page });
      last = n;
    }
  }
  return chain;
}

/** Does any line name marker n: glued, set apart after a punctuation mark ("Auskunft. 4 Die"), or after a year ("2026.3")? */
function named(lines: Line[], n: number): boolean {
  const apart = new RegExp(`(?:\\p{L}[.,;:!?“”"'’)]\\s|(?<!\\d)\\d{4}\\.)${n}(?!\\d)(?![.,]\\d)`, 'u');
  return lines.some((l) => {
    const text = l.cells ? l.cells.join(' ') : l.text;
    return gluedMarkers(text).includes(n) || apart.test(text);
  });
}

/**
 * Messages for the footnotes that did not pair up: a marker in the running text (`body`: the
 * paragraphs' lines, in reading order) with no footnote body found, and a footnote body that no
 * marker in the text (`all`: every line left after the furniture and the footnotes, tables too)
 * refers to. Warnings with the page; the status stays as it is.
 */
export function checkFootnotes(body: Line[], all: Line[], footnotes: Footnote[]): Message[] {
  const messages: Message[] = [];
  const numbered = footnotes.filter((f) => /^\d+$/.test(f.marker));
  const bodies = new Set(numbered.map((f) => Number(f.marker)));
  for (const m of markerChain(body, bodies)) {
    if (!bodies.has(m.n)) messages.push({ severity: 'warning', stage: 'footnotes', code: 'footnotes.no-body', text: `footnote marker ${m.n} in the text: no footnote body found for it`, page: m.page });
  }
  for (const f of numbered) {
    if (!named(all, Number(f.marker))) messages.push({ severity: 'warning', stage: 'footnotes', code: 'footnotes.no-marker', text: `footnote ${f.marker}: no marker in the text refers to it`, ...(f.page !== null ? { page: f.page } : {}) });
  }
  return messages;
}
