// The tables of one page: lattice first (ruled grids), then stream on the
// words no grid took, each in the reading frame of its text. Tables come out
// top to bottom with the lines they consumed.
import type { Line, Page } from '../../../model.js';
import type { Found } from './found.js';
import { findLatticeTables } from './lattice-tables.js';
import { TABLE_SETTINGS, type TableSettings } from './settings.js';
import { findStreamTables } from './stream.js';
import { attachRotatedHeader } from './rotated-header.js';
import { baseWord, makeView, rotateView, WordIndex, type TWord } from './view.js';

export interface PageTable extends Found {
  /** Lines taken out of the body text: most of their characters stand in the table. */
  lines: Set<Line>;
}

/** Lines most of whose characters belong to the given words. */
export function consumedLines(words: TWord[]): Set<Line> {
  const taken = new Map<Line, number>();
  for (const w of words) taken.set(w.line, (taken.get(w.line) ?? 0) + w.text.length);
  const out = new Set<Line>();
  for (const [line, n] of taken) {
    const total = line.words.reduce((a, w) => a + w.text.length, 0);
    if (n * 2 >= total) out.add(line);
  }
  return out;
}

/** Angles of the words left over, most characters first. */
function anglesOf(words: TWord[]): number[] {
  const chars = new Map<number, number>();
  for (const w of words) chars.set(w.angle, (chars.get(w.angle) ?? 0) + w.text.length);
  return [...chars.entries()].sort((a, b) => b[1] - a[1]).map(([a]) => a);
}

export function findPageTables(page: Page, lines: Line[], s: TableSettings = TABLE_SETTINGS): PageTable[] {
  const view = makeView(page, lines);
  if (!view.words.length) return [];
  const index = new WordIndex(view.words);
  const found: Found[] = findLatticeTables(view, index, s);
  const taken = new Set<TWord>();
  for (const f of found) for (const w of f.words) taken.add(w);
  const rest = view.words.filter((w) => !taken.has(w));
  for (const angle of anglesOf(rest)) {
    const sub = rest.filter((w) => w.angle === angle);
    if (sub.length < s.stream.minRows * s.stream.minCols) continue;
    const rv = rotateView(view, angle, rest);
    const streamFound = findStreamTables(rv, s);
    for (const f of streamFound) {
      f.words = f.words.map(baseWord);
      found.push(f);
    }
  }
  // Sideways column labels above unruled tables (words no table took yet).
  const takenNow = new Set<TWord>(found.flatMap((f) => f.words));
  let free = view.words.filter((w) => !takenNow.has(w));
  for (const f of found) {
    const taken = new Set(attachRotatedHeader(f, free, s));
    if (taken.size) free = free.filter((w) => !taken.has(w));
  }
  const out: PageTable[] = found.map((f) => ({ ...f, lines: consumedLines(f.words) }));
  out.sort((a, b) => (a.table.box?.y0 ?? 0) - (b.table.box?.y0 ?? 0) || (a.table.box?.x0 ?? 0) - (b.table.box?.x0 ?? 0));
  return out;
}
