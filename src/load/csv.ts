// One CSV file per contract view: UTF-8 with a header row. The dialect
// "excel-de" is for German Excel: semicolon, BOM, decimal comma.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { DB } from './db.js';
import { errnoCode, errnoReason } from '../common/errno.js';

export type CsvDialect = 'rfc4180' | 'excel-de';
export const CSV_DIALECTS: CsvDialect[] = ['rfc4180', 'excel-de'];

export const CSV_VIEWS = [
  'v_documents', 'v_askers', 'v_questions', 'v_answers', 'v_tables', 'v_table_cells', 'v_count_values',
  'v_matrix_marks', 'v_footnotes', 'v_table_notes', 'v_portal_entries', 'v_label_usage', 'v_references',
  'v_document_versions', 'v_document_changes', 'v_source_conflicts', 'v_document_enrichments',
  'v_concurring', 'v_ministries', 'v_answer_timing',
];

/** A list of numbers like "3,4" (question numbers): German Excel would read it as 3.4. */
const NUMBER_LIST = /^\d+(?:,\d+)+$/;

/** First characters that make Excel/LibreOffice read a cell as a formula (also their full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A number as written in either dialect ("-5", "+3,5", "-1.234,5", "-2e3", "-7 %"): no formula, stays as it is. */
const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)(?:[eE][+-]?\d+)?(?:\s?%)?$/;

/** Document text is untrusted: a cell that would start a formula gets a leading apostrophe (shown as text). */
export function escapeFormula(v: string): string {
  return FORMULA_START.test(v) && !NUMBER.test(v) ? `'${v}` : v;
}

export function toCsv(columns: string[], rows: unknown[][], dialect: CsvDialect): string {
  const de = dialect === 'excel-de';
  const fmt = (v: unknown) => {
    if (v === null || v === undefined) return '';
    if (de && typeof v === 'number') return String(v).replace('.', ',');
    if (de && typeof v === 'string' && NUMBER_LIST.test(v)) return v.replace(/,/g, ', ');
    if (typeof v === 'string') return escapeFormula(v);
    return v;
  };
  const body = csvRecords([columns, ...rows.map((r) => r.map(fmt))], {
    delimiter: de ? ';' : ',',
    recordDelimiter: '\r\n', // RFC 4180 and Excel alike end records with CRLF
  });
  return de ? `\uFEFF${body}` : body;
}

/** Records as CSV text (csv-stringify): the one CSV writer, for the views and the tables command. */
export function csvRecords(records: unknown[][], o: { delimiter: string; recordDelimiter: string }): string {
  return stringify(records, {
    delimiter: o.delimiter,
    record_delimiter: o.recordDelimiter,
    // A line break inside a text (paragraphs of an answer) must be quoted in every dialect.
    quoted_match: /[\r\n]/,
  });
}

const STALE_TEMP = /^\.v_[a-z_]+\.csv\.tmp-\d+-[0-9a-z]+$/;

/**
 * Write every view to <dir>/<view>.csv; returns the files written. The set is
 * written to temporary files first and renamed into place only when all are
 * complete: a full disk or a kill leaves the previous complete set. rename()
 * replaces a symlink of that name; it never writes through it.
 * `failAfter` is test-only: throw ENOSPC after that many files (the injected
 * write error where no small file system can be mounted).
 */
export function writeCsvs(db: DB, dir: string, dialect: CsvDialect, failAfter?: number): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = errnoCode(e);
    const err = new Error(`cannot write the CSV files to ${dir}: ${code === 'EEXIST' || code === 'ENOTDIR' ? 'it is a file, not a folder' : errnoReason(e, 'folder')}`);
    err.name = 'OutputError';
    throw err;
  }
  // Temporary files a killed run left behind (CSVs are written under the writer lock: none is in use).
  for (const name of readdirSync(dir)) if (STALE_TEMP.test(name)) rmSync(join(dir, name), { force: true });
  const tag = `.tmp-${process.pid}-${Date.now().toString(36)}`;
  const temps: { temp: string; file: string }[] = [];
  try {
    for (const view of CSV_VIEWS) {
      if (failAfter !== undefined && temps.length >= failAfter) throw Object.assign(new Error('ENOSPC: no space left on device (test)'), { code: 'ENOSPC' });
      const stmt = db.prepare(`SELECT * FROM ${view}`).raw(true);
      const columns = stmt.columns().map((c) => c.name);
      const file = join(dir, `${view}.csv`);
      const temp = join(dir, `.${view}.csv${tag}`);
      temps.push({ temp, file });
      // 'wx': a fresh file, never through a link planted under the temporary name.
      writeFileSync(temp, toCsv(columns, stmt.all() as unknown[][], dialect), { flag: 'wx' });
    }
  } catch (e) {
    for (const t of temps) rmSync(t.temp, { force: true });
    throw e;
  }
  for (const t of temps) renameSync(t.temp, t.file);
  return temps.map((t) => t.file);
}
