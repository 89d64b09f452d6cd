// `drucksachen tables <file.pdf> [--pages 1,3-4] [--no-stitch] [--json] [--csv N]`:
// the tables of any PDF, top to bottom per page (a table that runs on over a
// page break counts once, on its first page, unless --no-stitch).
//
//   --json   [{"page": 1, "rows": [["cell", ...], ...]}, ...]  (spanned slots as "")
//   --csv N  table N (1-based) as CSV (RFC 4180)
//   else     a readable text rendering
import { readFile } from 'node:fs/promises';
import type { Table } from '../model.js';
import { ExtractError } from '../extract/errors.js';
import { UsageError } from '../errors.js';
import { readBounded } from '../run/bounded.js';
import type { TablesOptions } from '../cli/options.js';
import { errnoReason } from '../common/errno.js';
import { csvRecords } from '../load/csv.js';

export type { TablesOptions };

export interface TablesIo {
  out(s: string): void;
  err(s: string): void;
}

/** Cell texts of a table, spanned slots as ''. */
export function tableTexts(t: Table): string[][] {
  return t.rows.map((row) => row.map((c) => (c ? c.text : '')));
}

export function tablesJson(tables: Table[]): string {
  if (!tables.length) return '[]\n';
  const parts = tables.map((t) => {
    const rows = tableTexts(t).map((r) => `    ${JSON.stringify(r)}`).join(',\n');
    return `  {"page": ${t.pageStart ?? 0}, "rows": [\n${rows}\n  ]}`;
  });
  return `[\n${parts.join(',\n')}\n]\n`;
}

export function tableCsv(t: Table): string {
  return csvRecords(tableTexts(t), { delimiter: ',', recordDelimiter: '\r\n' });
}

const MAX_WIDTH = 40;

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

/** A readable rendering: a caption line per table, then the rows in aligned columns. */
export function tablesText(tables: Table[]): string {
  if (!tables.length) return 'no tables found\n';
  const out: string[] = [];
  tables.forEach((t, i) => {
    const pages = t.pageEnd && t.pageEnd !== t.pageStart ? `pages ${t.pageStart}–${t.pageEnd}` : `page ${t.pageStart}`;
    const cols = t.rows[0]?.length ?? 0;
    out.push(`Table ${i + 1}  ${pages}  ${t.strategy}  ${t.kind}  ${t.rows.length} rows × ${cols} columns  header rows ${t.headerRows}`);
    const texts = tableTexts(t).map((r) => r.map((c) => clip(c.replace(/\s+/g, ' '), MAX_WIDTH)));
    const widths = Array.from({ length: cols }, (_, c) => Math.max(1, ...texts.map((r) => (r[c] ?? '').length)));
    texts.forEach((r, ri) => {
      out.push('  ' + r.map((c, ci) => c.padEnd(widths[ci])).join(' | ').trimEnd());
      if (ri === t.headerRows - 1) out.push('  ' + widths.map((w) => '-'.repeat(w)).join('-+-'));
    });
    for (const w of t.warnings) out.push(`  warning: ${w.text}`);
    out.push('');
  });
  return out.join('\n');
}

function readError(file: string, err: unknown): string {
  return `cannot read ${file}: ${errnoReason(err, 'file')}`;
}

export async function tablesCommand(file: string, opts: TablesOptions, io: TablesIo): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (err) {
    io.err(`drucksachen: ${readError(file, err)} [io.read]\n`);
    return 1;
  }
  let tables: Table[];
  try {
    // In a reader thread under the limits of ingest (heap, memory of the process, --timeout).
    const r = await readBounded({ kind: 'tables', pages: opts.pages, pageRanges: opts.pageRanges, stitch: opts.stitch }, bytes, { timeoutMs: opts.timeoutMs });
    if (r.kind !== 'tables') throw new Error('the reader returned no tables');
    tables = r.tables;
  } catch (err) {
    if (err instanceof ExtractError) {
      io.err(`drucksachen: ${file}: ${err.message} [${err.code}]\n`);
      return 1;
    }
    if (err instanceof UsageError && err.code === 'usage.pages') {
      io.err(`drucksachen: ${file}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (opts.csv !== undefined) {
    const t = tables[opts.csv - 1];
    if (!t) {
      io.err(`drucksachen: ${file}: there is no table ${opts.csv} (${tables.length} table${tables.length === 1 ? '' : 's'} found)\n`);
      return 1;
    }
    io.out(tableCsv(t));
    return 0;
  }
  io.out(opts.json ? tablesJson(tables) : tablesText(tables));
  return 0;
}
