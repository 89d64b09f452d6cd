// Lines into paragraphs: line-end hyphenation repaired ("Maß-" + "nahme" →
// "Maßnahme"), real hyphens kept ("An- und Abwesenheit", "ZAB-" + "Essen").
import type { Line } from '../model.js';

export const PARAGRAPH_SETTINGS = {
  /** PDF: a vertical gap larger than this many line heights starts a new paragraph. */
  gapLines: 0.75,
};

/** Words after a line-end hyphen that show it is a real one ("An- und Abwesenheit"). */
const CONJUNCTION = /^(?:und|oder|bzw\.?|sowie|als|wie|bis|noch|beziehungsweise)\b/;

const URL_TOKEN = /(?:https?:\/\/|www\.)/i;

/** Join two line texts, repairing line-end hyphenation. */
export function joinTwo(a: string, b: string): string {
  const left = a.replace(/\s+$/, '');
  const right = b.replace(/^\s+/, '');
  if (!left) return right;
  if (!right) return left;
  const hy = /(\p{L})[-\u00ad]$/u.exec(left);
  if (hy) {
    if (left.endsWith('\u00ad')) return left.slice(0, -1) + right;
    // A URL is not hyphenated: a line that ends inside one broke after a hyphen of its own.
    if (URL_TOKEN.test(left.slice(left.search(/\S+$/)))) return left + right;
    if (CONJUNCTION.test(right)) return `${left} ${right}`;
    // A lower-case continuation is a word cut by hyphenation; upper case or a digit keeps the hyphen.
    if (/^\p{Ll}/u.test(right)) return left.slice(0, -1) + right;
    return left + right;
  }
  return `${left} ${right}`;
}

export function joinLines(texts: string[]): string {
  return texts.reduce((acc, t) => joinTwo(acc, t), '').trim();
}

export interface Paragraph {
  lines: Line[];
  text: string;
  page: number;
  pageEnd: number;
  bold: boolean;
}

export function makeParagraph(lines: Line[]): Paragraph {
  const boldChars = lines.filter((l) => l.bold).reduce((n, l) => n + l.text.length, 0);
  const chars = lines.reduce((n, l) => n + l.text.length, 0);
  return {
    lines,
    text: joinLines(lines.map((l) => l.text)),
    page: lines[0].page,
    pageEnd: lines[lines.length - 1].page,
    bold: chars > 0 && boldChars / chars > 0.6,
  };
}

/** Does line `b` start a new paragraph after line `a`? (PDF geometry; text inputs use blank lines.) */
export function breaksBetween(a: Line, b: Line): boolean {
  if (!a.box || !b.box) return false;
  if (a.page !== b.page) {
    // Over a page break a paragraph goes on unless the style changes or the sentence ended.
    return !!a.bold !== !!b.bold || /[.!?:]["“”)]?\s*$/.test(a.text);
  }
  const height = Math.max(a.box.y1 - a.box.y0, 1);
  const gap = b.box.y0 - a.box.y1;
  if (gap > height * PARAGRAPH_SETTINGS.gapLines) return true;
  if (!!a.bold !== !!b.bold) return true;
  if (a.fontSize && b.fontSize && Math.abs(a.fontSize - b.fontSize) > 0.8) return true;
  return false;
}
