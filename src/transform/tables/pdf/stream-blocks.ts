// Stream step 1: blocks of aligned rows. Text rows (one per line, split into
// chunks at column-sized gaps) with two or more chunks that follow each other
// closely, in one print size, with short single-chunk rows (wrapped labels,
// section rows) allowed between them.
import type { Box } from '../../../model.js';
import type { Row } from './chunks.js';
import { cy, median, union } from './geometry.js';
import type { TableSettings } from './settings.js';

type StreamSettings = TableSettings['stream'];

export const multi = (r: Row) => r.chunks.length >= 2;
export const rowsBox = (rows: Row[]): Box => union(rows.map((r) => r.box))!;

/** Median distance between the centres of consecutive rows. */
export function pitchOf(rows: Row[]): number {
  const d: number[] = [];
  for (let i = 1; i < rows.length; i++) d.push(cy(rows[i].box) - cy(rows[i - 1].box));
  return d.length ? median(d) : (rows[0].box.y1 - rows[0].box.y0) * 1.5;
}

export interface Block {
  rows: Row[];
}

/** Runs of multi-chunk rows, with short single-chunk rows (wrapped labels, section rows) between them. */
export function findBlocks(rows: Row[], s: StreamSettings): Block[] {
  const blocks: Block[] = [];
  let cur: Row[] = [];
  let singles = 0;
  // Running extent and print size of the block (the size of its first rows).
  let x0 = 0, x1 = 0, size = 0;
  const start = (row: Row) => {
    cur = [row];
    [x0, x1, size] = [row.box.x0, row.box.x1, row.size];
  };
  const flush = () => {
    while (cur.length && !multi(cur[cur.length - 1])) cur.pop();
    if (cur.filter(multi).length >= s.minRows) blocks.push({ rows: cur });
    cur = [];
    singles = 0;
  };
  for (const row of rows) {
    if (!cur.length) {
      if (multi(row)) start(row);
      continue;
    }
    const prev = cur[cur.length - 1];
    const near = cy(row.box) - cy(prev.box) <= s.maxRowGap * Math.max(pitchOf(cur.slice(-8)), prev.size * 1.2);
    const sameSize = Math.abs(row.size - size) <= s.sizeTol * size;
    const shortSingle = !multi(row) && singles < s.maxSingleRun && row.box.x1 - row.box.x0 <= s.maxSingleWidth * (x1 - x0);
    if (near && sameSize && (multi(row) || shortSingle)) {
      cur.push(row);
      singles = multi(row) ? 0 : singles + 1;
      x0 = Math.min(x0, row.box.x0);
      x1 = Math.max(x1, row.box.x1);
    } else {
      flush();
      if (multi(row)) start(row);
    }
  }
  flush();
  return blocks;
}

