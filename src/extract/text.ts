// Plain-text inputs: form feed = page break, tab = table column.
import type { Layout, Line, Message, Page } from '../model.js';
import { decodeWindows1252, readUtf8, sniffUtf16 } from './encoding.js';
import { ExtractError } from './errors.js';

export interface TextExtraction {
  layout: Layout;
  messages: Message[];
}

/**
 * Decode a text file: a byte order mark (UTF-8, UTF-16) wins; UTF-16 without one is recognised by
 * its NUL bytes; otherwise UTF-8 with only the bad bytes replaced (a warning counts them), and
 * Windows-1252 (a superset of Latin-1) only when the bytes are clearly not UTF-8.
 */
export function decodeText(bytes: Uint8Array): { text: string; messages: Message[] } {
  if (bytes.length === 0) throw new ExtractError('empty', 'empty file (0 bytes)');
  if (bytes.subarray(0, 5).every((b, i) => b === '%PDF-'.charCodeAt(i))) {
    throw new ExtractError('unsupported', 'the file is a PDF, not a text file: rename it to .pdf');
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)), messages: [] };
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), messages: [] };
  if (bytes.subarray(0, 4096).includes(0)) {
    throw new ExtractError('unsupported', 'not a text file: it contains NUL bytes (binary data)');
  }
  const utf8 = readUtf8(bytes);
  if (utf8.kind === 'utf-8') {
    const n = utf8.badSequences;
    const messages: Message[] = n
      ? [{ severity: 'warning', stage: 'extract', code: 'text.invalid-utf8', text: `${n} invalid UTF-8 byte sequence${n === 1 ? '' : 's'} replaced by U+FFFD` }]
      : [];
    return { text: utf8.text, messages };
  }
  return {
    text: decodeWindows1252(bytes),
    messages: [{ severity: 'warning', stage: 'extract', code: 'text.latin1', text: 'the text is not valid UTF-8; read as Latin-1 (Windows-1252)' }],
  };
}

/** A running head is a long line; shorter repeated lines (page numbers, "Anlage") do not mark pages. */
const MIN_HEAD_LENGTH = 20;

/**
 * Texts without form feeds (PDF text tools, scrapers): the first line of the text, when it comes
 * back as a line of its own later, is the running head, and each return starts a page.
 */
export function splitPages(text: string): string[] {
  if (text.includes('\f')) return text.split('\f');
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return [text];
  const head = lines[first].trim();
  if (head.length < MIN_HEAD_LENGTH || !/\d/.test(head)) return [text];
  const pages: string[] = [];
  let start = 0;
  for (let i = first + 1; i < lines.length; i++) {
    if (lines[i].trim() !== head) continue;
    pages.push(lines.slice(start, i).join('\n'));
    start = i;
  }
  pages.push(lines.slice(start).join('\n'));
  return pages;
}

/**
 * A letter-spaced heading ("V o r b e m e r k u n g  d e r  B u n d e s r e g i e r u n g") as words:
 * single characters apart by one space, words apart by two or more. Other lines come back unchanged.
 */
export function unspaceLetters(line: string): string {
  const t = line.trim();
  // Headings are short: a long line is never one (and the test below stays cheap).
  if (t.length < 7 || t.length > 400 || !/^(?:\S {1,2})+\S$/.test(t)) return line;
  const words = t.split(/ {2,}/);
  // At least one real word of four letters or more ("1 2 3 4" is a row of numbers, not a heading).
  if (!words.every((w) => /^(?:\S )*\S$/.test(w)) || !words.some((w) => /^(?:\p{L} ){3,}\p{L}$/u.test(w))) return line;
  let out = '';
  for (const w of words) {
    const word = w.replace(/ /g, '');
    out += out && !/^\p{P}+$/u.test(word) ? ` ${word}` : word;
  }
  return out;
}

export function textToLayout(text: string): Layout {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const pages: Page[] = splitPages(clean).map((pageText, i) => {
    const number = i + 1;
    const lines: Line[] = pageText.split('\n').map((raw) => {
      const line: Line = { text: raw.includes('\t') ? raw.replace(/\t/g, ' ').trimEnd() : unspaceLetters(raw.trimEnd()), page: number, words: [] };
      if (raw.includes('\t')) line.cells = raw.split('\t').map((c) => c.trim());
      if (raw.trim() === '') line.blank = true;
      return line;
    });
    return { number, width: 0, height: 0, rotation: 0, lines, rulings: [], rects: [] };
  });
  return { kind: 'text', pages };
}

export function extractText(bytes: Uint8Array): TextExtraction {
  const { text, messages } = decodeText(bytes);
  const layout = textToLayout(text);
  if (layout.pages.every((p) => p.lines.every((l) => l.blank))) {
    throw new ExtractError('no-text', 'the text file holds only white space');
  }
  return { layout, messages };
}
