// `drucksachen layout <file.pdf> [--page N]`: the layout model of a PDF as text,
// to look at what the extractor sees. Returns the text; the CLI prints it.
//
//   page 3  841.89 x 595.28 pt  rotation 0  lines 24  rulings 40  rects 0
//     [  71  45 302  58]  13.0 B    0  LANDTAG NORDRHEIN-WESTFALEN …
//     …
//     ruling h [  71 301 771 301]  w 0.50
//     rect     [  80 120 300 140]

import { readFile } from 'node:fs/promises';
import type { Box, Layout, Line } from '../model.js';
import { ExtractError } from '../extract/errors.js';
import { errnoReason } from '../common/errno.js';
import { readBounded } from '../run/bounded.js';

const r = (n: number): string => String(Math.round(n)).padStart(4);
const box = (b: Box): string => `[${r(b.x0)} ${r(b.y0)} ${r(b.x1)} ${r(b.y1)}]`;

function lineText(l: Line): string {
  const b = l.box ? box(l.box) : '[    -    -    -    -]';
  const size = (l.fontSize ?? 0).toFixed(1).padStart(5);
  const bold = l.bold ? 'B' : '-';
  const angle = String(l.angle ?? 0).padStart(4);
  return `  ${b} ${size} ${bold} ${angle}  ${l.text}`;
}

/** Render a layout as text (one header per page, its lines, rulings and filled rectangles). */
export function formatLayout(layout: Layout): string {
  const out: string[] = [];
  for (const p of layout.pages) {
    out.push(
      `page ${p.number}  ${p.width} x ${p.height} pt  rotation ${p.rotation}  ` +
        `lines ${p.lines.length}  rulings ${p.rulings.length}  rects ${p.rects.length}`,
    );
    for (const l of p.lines) out.push(lineText(l));
    for (const g of p.rulings) out.push(`  ruling ${g.orient} ${box(g)}  w ${g.width.toFixed(2)}`);
    for (const g of p.rects) out.push(`  rect     ${box(g)}`);
    out.push('');
  }
  return out.join('\n');
}

/**
 * The layout of one PDF as text. Read in a reader thread under the limits of ingest (heap, memory
 * of the process, `timeoutMs`): a hostile file ends in an ExtractError with its code.
 */
export async function layoutCommand(file: string, opts: { page?: number | undefined; timeoutMs?: number | undefined } = {}): Promise<string> {
  let data: Uint8Array;
  try {
    data = await readFile(file);
  } catch (err) {
    throw new ExtractError('io', `cannot read ${file}: ${errnoReason(err, 'file')}`);
  }
  let layout: Layout;
  try {
    const r = await readBounded({ kind: 'layout', page: opts.page }, data, { timeoutMs: opts.timeoutMs });
    if (r.kind !== 'layout') throw new Error('the reader returned no layout');
    layout = r.layout;
  } catch (err) {
    if (err instanceof ExtractError) throw new ExtractError(err.code, `${file}: ${err.message}`);
    throw err;
  }
  const info = Object.entries(layout.info ?? {})
    .filter(([k]) => k === 'Producer' || k === 'Creator')
    .map(([k, v]) => `${k}: ${v}`)
    .join('  ');
  return (info ? `${file}  ${info}\n\n` : `${file}\n\n`) + formatLayout(layout);
}
