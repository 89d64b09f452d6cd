// Step after stream: column labels set sideways (90° bottom-to-top or -90°
// top-to-bottom) right above an unruled table become its header cells, one
// label per column, read as whole labels. Ruled grids get them from their
// cells already (lattice.ts).
import type { Cell, Line, Table } from '../../../model.js';
import { finishTable, invalidateTable } from '../classify.js';
import type { Found } from './found.js';
import { cx } from './geometry.js';
import type { TableSettings } from './settings.js';
import type { TWord } from './view.js';
import { joinLines } from '../../paragraphs.js';
import { maxOf, minOf } from '../../../common/arrays.js';

interface Label {
  text: string;
  col: number;
  words: TWord[];
  x: number;
}

/** Rotated lines above the table, one label each, in the column their centre stands in. */
function labelsAbove(f: Found, free: TWord[], s: TableSettings['rotatedHeader']): Label[] {
  // Labels stand above the body: in the header row beside the label column's header, or above it.
  const body = f.table.rows[f.table.headerRows]?.find((c) => c?.box)?.box;
  const top = body ? body.y0 : f.box.y0;
  const cols = f.cols;
  const byLine = new Map<Line, TWord[]>();
  for (const w of free) {
    if (Math.abs(w.angle) !== 90) continue;
    if (w.box.y1 > top + s.overlap || w.box.y0 < top - s.maxHeight) continue;
    if (cx(w.box) < cols[0] || cx(w.box) > cols[cols.length - 1]) continue;
    if (!byLine.has(w.line)) byLine.set(w.line, []);
    byLine.get(w.line)!.push(w);
  }
  const byCol = new Map<number, Label>();
  // Lines of one label (a label wrapped into two sideways lines) join in reading order: left to right.
  const lines = [...byLine.entries()].map(([line, words]) => ({ line, words, x: cx(line.box ?? words[0].box) })).sort((a, b) => a.x - b.x);
  for (const { line, words, x } of lines) {
    const col = cols.findIndex((b, i) => i + 1 < cols.length && x >= b && x < cols[i + 1]);
    if (col < 1) continue; // the label column has its own header
    const prev = byCol.get(col);
    if (prev) {
      prev.text = joinLines([prev.text, line.text]);
      prev.words.push(...words);
    } else byCol.set(col, { text: line.text.trim(), col, words: [...words], x });
  }
  return [...byCol.values()];
}

/** Put the labels into the table's top header row (a new one when the top row holds values). */
export function attachRotatedHeader(f: Found, free: TWord[], s: TableSettings): TWord[] {
  if (f.view.angle !== 0 || f.table.strategy !== 'stream') return [];
  const labels = labelsAbove(f, free, s.rotatedHeader);
  if (labels.length < s.rotatedHeader.minLabels) return [];
  const t: Table = f.table;
  const page = t.pageStart;
  const first = t.rows[0];
  const topIsHeader = t.headerRows > 0 && labels.every((l) => first[l.col] && first[l.col]!.text.trim() === '');
  if (!topIsHeader) {
    t.rows.unshift(first.map((): Cell => ({ text: '', rowSpan: 1, colSpan: 1, isHeader: true, page })));
    t.headerRows++;
  }
  for (const l of labels) {
    const xs = l.words.map((w) => w.box);
    t.rows[0][l.col] = {
      text: l.text, rowSpan: 1, colSpan: 1, isHeader: true, page,
      box: { x0: minOf(xs.map((b) => b.x0)), y0: minOf(xs.map((b) => b.y0)), x1: maxOf(xs.map((b) => b.x1)), y1: maxOf(xs.map((b) => b.y1)) },
    };
  }
  const y0 = Math.min(f.box.y0, minOf(labels.flatMap((l) => l.words.map((w) => w.box.y0))));
  f.box = { ...f.box, y0 };
  if (t.box) t.box = { ...t.box, y0: Math.min(t.box.y0, y0) };
  invalidateTable(t);
  t.warnings = [];
  finishTable(t);
  const taken = labels.flatMap((l) => l.words);
  f.words.push(...taken);
  return taken;
}
