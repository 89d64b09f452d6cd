// Unruled (stream) tables: rows and columns from text alignment.
//
//   text rows (one per line) → chunks (words split at column-sized gaps)
//   → blocks: runs of rows with ≥ 2 chunks (stream-blocks.ts)
//   → columns: vertical corridors of white space through the body rows, and
//     rulings through the block; lists and prose turned away (stream-columns.ts)
//   → header rows above the block (short rows that fit the columns)
//   → grid: lines cut into cells, wrapped cells joined (stream-grid.ts)
import type { Row } from './chunks.js';
import { textRows } from './chunks.js';
import { mergeEdges } from './edges.js';
import type { Found } from './found.js';
import { cy, median, overlap } from './geometry.js';
import { TABLE_SETTINGS, type TableSettings } from './settings.js';
import { findBlocks, multi, pitchOf, rowsBox } from './stream-blocks.js';
import { findSeparators, isList, isProse } from './stream-columns.js';
import { assemble } from './stream-grid.js';
import type { Edge, View } from './view.js';

type StreamSettings = TableSettings['stream'];

// Step 4: header rows above the block

/** Rows right above the block that fit its columns: short, same print size, not a title. */
function headerAbove(rows: Row[], first: number, block: Row[], hEdges: Edge[], used: Set<Row>, s: StreamSettings): Row[] {
  const box = rowsBox(block);
  const w = box.x1 - box.x0;
  const size = median(block.map((r) => r.size));
  const pitch = pitchOf(block);
  const out: Row[] = [];
  let top = block[0];
  let rules = 0;
  let stop: Row | null = null;
  for (let i = first - 1; i >= 0 && out.length < s.maxHeaderRows; i--) {
    const row = rows[i];
    const fits =
      !used.has(row) &&
      cy(top.box) - cy(row.box) <= s.maxRowGap * pitch &&
      row.size <= size * s.maxHeaderSize &&
      row.box.x0 >= box.x0 - size &&
      row.box.x1 <= box.x1 + size &&
      (multi(row) || row.box.x1 - row.box.x0 <= s.maxSingleWidth * w);
    // A rule across the table between this row and the rows below: the second one is the top rule.
    const crossing = hEdges.some((e) => e.pos > row.box.y1 - 1 && e.pos < top.box.y0 + 1 && overlap(e.a, e.b, box.x0, box.x1) >= s.ruleSpan * w);
    if (!fits || (crossing && ++rules > 1)) {
      stop = fits ? null : row;
      break;
    }
    out.unshift(row);
    top = row;
  }
  // The last line of a paragraph right above the table is no header row.
  while (stop && out.length && !multi(out[0]) && out[0].box.y0 - stop.box.y1 < 0.5 * (stop.box.y1 - stop.box.y0)) stop = out.shift()!;
  return out;
}

/** Find the unruled tables among the words of a view (words at angle 0 of its frame). */
export function findStreamTables(view: View, s: TableSettings = TABLE_SETTINGS): Found[] {
  const rows = textRows(view.words, s.stream.cellGap);
  if (rows.length < s.stream.minRows) return [];
  const edges = mergeEdges(view.edges, s.edges);
  const vEdges = edges.filter((e) => e.orient === 'v');
  const hEdges = edges.filter((e) => e.orient === 'h');
  const index = new Map<Row, number>();
  rows.forEach((r, i) => index.set(r, i));
  const used = new Set<Row>();
  const out: Found[] = [];
  for (const block of findBlocks(rows, s.stream)) {
    const seps = findSeparators(block.rows, vEdges, s.stream);
    if (seps.length + 1 < s.stream.minCols) continue;
    if (isList(block.rows, seps, s.stream) || isProse(block.rows, seps, s.stream)) continue;
    const header = headerAbove(rows, index.get(block.rows[0])!, block.rows, hEdges, used, s.stream);
    const all = [...header, ...block.rows];
    all.forEach((r) => used.add(r));
    out.push(assemble(view, all, seps, s));
  }
  return out;
}
