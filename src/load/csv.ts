// One CSV file per contract view: UTF-8 with a header row. The dialect
// "excel-de" is for German Excel: semicolon, BOM, decimal comma.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { DB } from './db.js';

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
  const body = stringify([columns, ...rows.map((r) => r.map(fmt))], {
    delimiter: de ? ';' : ',',
    record_delimiter: de ? '\r\n' : '\n',
    // A line break inside a text (paragraphs of an answer) must be quoted in every dialect.
    quoted_match: /[\r\n]/,
  });
  return de ? `\uFEFF${body}` : body;
}

/** Write every view to <dir>/<view>.csv; returns the files written. */
export function writeCsvs(db: DB, dir: string, dialect: CsvDialect): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const err = new Error(`cannot write the CSV files to ${dir}: ${(e as NodeJS.ErrnoException).code === 'EEXIST' || (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'it is a file, not a folder' : (e as Error).message}`);
    err.name = 'OutputError';
    throw err;
  }
  const files: string[] = [];
  for (const view of CSV_VIEWS) {
    const stmt = db.prepare(`SELECT * FROM ${view}`).raw(true);
    const columns = stmt.columns().map((c) => c.name);
    const file = join(dir, `${view}.csv`);
    writeFileSync(file, toCsv(columns, stmt.all() as unknown[][], dialect));
    files.push(file);
  }
  return files;
}
