// A row label wrapped onto two lines of an unruled table comes out as a row
// with a label and no values, followed by the row with the values. When the
// first part plainly goes on (it ends in a comma, a hyphen or a word like
// "und", or the next part starts in lower case), the two are one row.
import type { Cell, Table } from '../../model.js';
import { finishTable, invalidateTable } from './classify.js';
import { joinTwo } from '../paragraphs.js';

const GOES_ON = /(?:[,\-–&/]|\b(?:und|oder|sowie|für|der|des|die|den|dem|von|vom|mit|im|in|zur|zum|zu|auf|bei|an|am|aus|nach|über|unter|gegen|ohne)|\(\S*)$/i;

const text = (c: Cell | null | undefined) => (c ? c.text.trim() : '');

function labelOnly(t: Table, r: number): boolean {
  const row = t.rows[r];
  return row.slice(0, t.labelCols).some((c) => text(c) !== '') && row.slice(t.labelCols).every((c) => c === null || text(c) === '');
}

/** Merge wrapped row labels into the row they belong to (count and matrix tables only). */
export function mergeWrappedLabels(t: Table): Table {
  if (t.kind === 'generic' || t.labelCols !== 1) return t;
  let changed = false;
  for (let r = t.headerRows; r + 1 < t.rows.length; r++) {
    if (!labelOnly(t, r) || labelOnly(t, r + 1)) continue;
    const a = t.rows[r][0];
    const b = t.rows[r + 1][0];
    if (!a || !b || !text(b) || a.rowSpan > 1 || b.rowSpan > 1) continue;
    if (!GOES_ON.test(text(a)) && !/^\p{Ll}/u.test(text(b))) continue;
    b.text = joinTwo(text(a), text(b));
    if (a.box && b.box) b.box = { x0: Math.min(a.box.x0, b.box.x0), y0: Math.min(a.box.y0, b.box.y0), x1: Math.max(a.box.x1, b.box.x1), y1: Math.max(a.box.y1, b.box.y1) };
    t.rows.splice(r, 1);
    changed = true;
    r--;
  }
  if (changed) {
    invalidateTable(t);
    t.warnings = [];
    finishTable(t);
  }
  return t;
}
