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
      ? [{ severity: 'warning', stage: 'extract', text: `${n} invalid UTF-8 byte sequence${n === 1 ? '' : 's'} replaced by U+FFFD` }]
      : [];
    return { text: utf8.text, messages };
  }
  return {
    text: decodeWindows1252(bytes),
    messages: [{ severity: 'warning', stage: 'extract', text: 'the text is not valid UTF-8; read as Latin-1 (Windows-1252)' }],
  };
}

export function textToLayout(text: string): Layout {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const pages: Page[] = clean.split('\f').map((pageText, i) => {
    const number = i + 1;
    const lines: Line[] = pageText.split('\n').map((raw) => {
      const line: Line = { text: raw.replace(/\t/g, ' ').trimEnd(), page: number, words: [] };
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
