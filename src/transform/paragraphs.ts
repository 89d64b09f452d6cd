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

/** How line `right` (trimmed) continues after `left` (trimmed, the text so far ends with it). */
function glue(left: string, right: string, lastTokenIsUrl: () => boolean): 'space' | 'join' | 'drop-hyphen' {
  const hy = /(\p{L})[-\u00ad]$/u.exec(left.slice(-2));
  if (!hy) return 'space';
  if (left.endsWith('\u00ad')) return 'drop-hyphen';
  // A URL is not hyphenated: a line that ends inside one broke after a hyphen of its own.
  if (lastTokenIsUrl()) return 'join';
  if (CONJUNCTION.test(right)) return 'space';
  // A lower-case continuation is a word cut by hyphenation; upper case or a digit keeps the hyphen.
  if (/^\p{Ll}/u.test(right)) return 'drop-hyphen';
  return 'join';
}

function lastToken(s: string): string {
  const i = Math.max(s.lastIndexOf(' '), s.lastIndexOf('\t'), s.lastIndexOf('\n'));
  return s.slice(i + 1);
}

/** Join two line texts, repairing line-end hyphenation. */
export function joinTwo(a: string, b: string): string {
  return joinLines([a, b]);
}

/**
 * Join line texts into one, repairing line-end hyphenation. Linear in the total length: only the
 * last line and a short tail of the last word are looked at, never the text joined so far.
 */
export function joinLines(texts: readonly string[]): string {
  const parts: string[] = [];
  let prev = ''; // the last non-empty line, trimmed (possibly without its dropped hyphen)
  let tokenUrl = false; // does the word the text so far ends with contain a URL start?
  let tokenTail = ''; // the last few characters of that word (a URL start cut by a line break)
  for (const raw of texts) {
    const right = raw.trim();
    if (!right) continue;
    let how: 'space' | 'join' | 'drop-hyphen' = 'space';
    if (parts.length > 0) {
      how = glue(prev, right, () => tokenUrl);
      if (how === 'drop-hyphen') parts[parts.length - 1] = prev.slice(0, -1);
      else if (how === 'space') parts.push(' ');
    }
    parts.push(right);
    prev = right;
    // Track the last word across joins without a space, without rebuilding it.
    const hasSpace = /\s/.test(right);
    const word = hasSpace ? lastToken(right) : right;
    const carried = how === 'space' || hasSpace ? '' : tokenTail;
    tokenUrl = (how !== 'space' && !hasSpace && tokenUrl) || URL_TOKEN.test(carried + word);
    tokenTail = (carried + word).slice(-8);
  }
  return parts.join('');
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
