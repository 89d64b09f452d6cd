// Footnotes in a text rendition without pages and blank lines (the Bundestag's own text): the
// bodies stand where the page ended, set in smaller type, so their lines are much wider than the
// body's ("1 vgl. Egner, Ute (2021): …", 160 characters against 75). A body line starts with its
// marker, the text before refers to it ("auszugehen1"), and a wide line goes on on the next line.
import type { Footnote, Line } from '../model.js';
import { joinLines } from './paragraphs.js';

export const WIDE_FOOTNOTE_SETTINGS = {
  /** A footnote line is at least this many times as wide as the median body line. */
  widthFactor: 1.6,
  /** The marker must occur in this many lines before the note. */
  lookBack: 60,
};

const NOTE_START = /^\s*(\d{1,2})\s+(\S.*)$/;

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Take wide footnote bodies out of the pages' lines; returns the lines kept and the notes. */
export function extractWideFootnotes(pages: Line[][]): { pages: Line[][]; footnotes: Footnote[] } {
  const all = pages.flat().filter((l) => !l.cells && l.text.trim());
  const wide = median(all.map((l) => l.text.trim().length)) * WIDE_FOOTNOTE_SETTINGS.widthFactor;
  const footnotes: Footnote[] = [];
  if (!wide) return { pages, footnotes };
  const isWide = (l: Line) => l.text.trim().length >= wide;
  const out = pages.map((lines) => {
    const keep: Line[] = [];
    const st: { note: { marker: number; lines: string[]; page: number } | null; lastWide: boolean } = { note: null, lastWide: false };
    const flush = () => {
      if (st.note) footnotes.push({ marker: String(st.note.marker), text: joinLines(st.note.lines), page: st.note.page });
      st.note = null;
    };
    for (const line of lines) {
      const m = line.cells ? null : NOTE_START.exec(line.text);
      const n = m ? Number(m[1]) : 0;
      const expected: number = st.note ? st.note.marker + 1 : 1;
      // A note reads as text (a table row starts with a number or ends with one).
      const text = m ? m[2].trim() : '';
      const prose = /^[\p{L}„"(]/u.test(text) && !/(?:^|\s)\d+$/.test(text);
      if (m && prose && isWide(line) && (n === expected || n === 1) && refers(keep, n)) {
        flush();
        st.note = { marker: n, lines: [m[2]], page: line.page };
        st.lastWide = true;
        continue;
      }
      if (st.note && st.lastWide && line.text.trim()) {
        st.note.lines.push(line.text);
        st.lastWide = isWide(line);
        continue;
      }
      flush();
      st.lastWide = false;
      keep.push(line);
    }
    flush();
    return keep;
  });
  return { pages: out, footnotes };
}

/** Does a line shortly before refer to marker n (a word with the digit glued on: "auszugehen1")? */
function refers(before: Line[], n: number): boolean {
  // In prose the marker is followed by punctuation, a word or the line end; in a table by a number.
  const re = new RegExp(`\\p{L}[.,;:)]?${n}(?=[.,;:)]|\\s+\\p{L}|\\s*$)`, 'u');
  for (let i = before.length - 1; i >= 0 && i >= before.length - WIDE_FOOTNOTE_SETTINGS.lookBack; i--) {
    if (re.test(before[i].text)) return true;
  }
  return false;
}
