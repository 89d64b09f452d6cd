// The text of one cell from its words: the words of each source line in line
// order, the lines in reading order of the cell's (dominant) text angle, joined
// with spaces and line-end hyphenation repaired like body text. Rotated labels
// (angle 90 / -90) are read as whole labels.
import type { Line } from '../../../model.js';
import { joinLines } from '../../paragraphs.js';
import { quarter, rotateBox } from './geometry.js';
import type { TWord } from './view.js';
import { mostlyBold } from '../../../common/bold.js';
import { TABLE_SETTINGS } from './settings.js';

/** The angle most characters of the words have (relative to their frame). */
export function dominantAngle(words: readonly TWord[]): number {
  const chars = new Map<number, number>();
  for (const w of words) chars.set(w.angle, (chars.get(w.angle) ?? 0) + w.text.length);
  let best = 0, n = -1;
  for (const [a, c] of chars) if (c > n || (c === n && a === 0)) [best, n] = [a, c];
  return best;
}

/** The words grouped by source line, lines in reading order for text at `angle`, words in line order. */
export function wordLines(words: readonly TWord[], angle = dominantAngle(words)): TWord[][] {
  const byLine = new Map<Line, TWord[]>();
  for (const w of words) {
    let l = byLine.get(w.line);
    if (!l) byLine.set(w.line, (l = []));
    l.push(w);
  }
  const a = quarter(angle);
  const key = (ws: TWord[]) => {
    const b = rotateBox(ws[0].box, a, 0, 0);
    return [(b.y0 + b.y1) / 2, b.x0];
  };
  const groups = [...byLine.values()].map((ws) => ws.sort((p, q) => p.order - q.order));
  const keyed = groups.map((ws) => ({ ws, k: key(ws) }));
  keyed.sort((p, q) => p.k[0] - q.k[0] || p.k[1] - q.k[1]);
  return keyed.map((k) => k.ws);
}

/** Join line texts of a cell: spaces between lines, line-end hyphens repaired. */
export function joinCellLines(lines: string[]): string {
  return joinLines(lines);
}

export function cellText(words: readonly TWord[]): string {
  if (!words.length) return '';
  return joinCellLines(wordLines(words).map((ws) => ws.map((w) => w.text).join(' ')));
}

/** True when most characters of the words are bold. */
export function isBold(words: readonly TWord[], share: number = TABLE_SETTINGS.text.boldShare): boolean {
  let bold = 0, all = 0;
  for (const w of words) {
    all += w.text.length;
    if (w.bold) bold += w.text.length;
  }
  return mostlyBold(bold, all, share);
}
