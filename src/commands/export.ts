// `drucksachen export`: the views of the database to files, without ingesting
// anything. One file per view (CSV, JSON or NDJSON), current versions only
// unless --all-versions, and each extracted table as its own CSV grid.
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { UsageError } from '../cli/args.js';
import { openDb, type DB } from '../load/db.js';
import { CSV_VIEWS, toCsv, type CsvDialect } from '../load/csv.js';
import { datasetteMetadata, viewColumns } from '../report/dictionary.js';
import type { Io } from './progress.js';

export type ExportFormat = 'csv' | 'json' | 'ndjson';
export const EXPORT_FORMATS: ExportFormat[] = ['csv', 'json', 'ndjson'];

export interface ExportOptions {
  db: string;
  out: string;
  format: ExportFormat;
  csvDialect: CsvDialect;
  allVersions: boolean;
  metadata?: string | undefined;
  quiet?: boolean | undefined;
}

/** Views about the versions themselves: all their rows are wanted, current or not. */
const VERSION_VIEWS = new Set(['v_document_versions', 'v_document_changes']);

/** Every contract view: the CSV list first (its order), then any other view of the database. */
export function exportViews(db: DB): { view: string; columns: string[] }[] {
  const all = viewColumns(db);
  const rank = (v: string) => (CSV_VIEWS.indexOf(v) + 1) || 1e9;
  return all.sort((a, b) => rank(a.view) - rank(b.view) || a.view.localeCompare(b.view));
}

/** A file name for a Drucksache ("18/14087" → "18-14087"). */
export function fileStem(drucksache: string | null, sha: string): string {
  return drucksache ? drucksache.replace(/[^0-9A-Za-z.]+/g, '-') : sha.replace(/[^0-9A-Za-z]+/g, '-').slice(0, 16);
}

function outputError(message: string): Error {
  const e = new Error(message);
  e.name = 'OutputError';
  return e;
}

function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw outputError(`cannot write to ${dir}: ${(e as NodeJS.ErrnoException).code === 'EEXIST' || (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'it is a file, not a folder' : (e as Error).message}`);
  }
}

export function exportDb(db: DB, o: ExportOptions): string[] {
  ensureDir(o.out);
  const files: string[] = [];
  for (const { view, columns } of exportViews(db)) {
    const filter = !o.allVersions && !VERSION_VIEWS.has(view) && columns.includes('is_current') ? ' WHERE is_current IS NOT 0' : '';
    const file = join(o.out, `${view}.${o.format}`);
    writeView(db, `SELECT * FROM ${view}${filter}`, columns, file, o);
    files.push(file);
  }
  files.push(...exportTables(db, join(o.out, 'tables'), o));
  if (o.metadata) {
    ensureDir(dirname(o.metadata));
    // Datasette names a database after its file without the extension: the metadata must use that name.
    writeFileSync(o.metadata, `${JSON.stringify(datasetteMetadata(db, basename(o.db, extname(o.db))), null, 2)}\n`);
    files.push(o.metadata);
  }
  return files;
}

export const EXPORT_SETTINGS = {
  /** Rows are written in batches of this many: memory stays bounded for any size of database. */
  batchRows: 2000,
};

/** One view to one file, streamed from the query. */
function writeView(db: DB, sql: string, columns: string[], file: string, o: ExportOptions): void {
  const fd = openSync(file, 'w');
  try {
    const st = db.prepare(sql);
    let batch: unknown[][] = [];
    let first = true;
    if (o.format === 'csv') {
      // toCsv writes the header (and the BOM) before the rows: written once, cut off the later batches.
      const head = toCsv(columns, [], o.csvDialect);
      writeSync(fd, head);
      const flush = () => {
        if (batch.length) writeSync(fd, toCsv(columns, batch, o.csvDialect).slice(head.length));
        batch = [];
      };
      for (const row of st.raw(true).iterate() as Iterable<unknown[]>) {
        batch.push(row);
        if (batch.length >= EXPORT_SETTINGS.batchRows) flush();
      }
      flush();
      return;
    }
    const json = o.format === 'json';
    if (json) writeSync(fd, '[');
    let lines: string[] = [];
    const flush = () => {
      if (lines.length) writeSync(fd, json ? `${first ? '\n' : ',\n'}${lines.join(',\n')}` : `${lines.join('\n')}\n`);
      if (lines.length) first = false;
      lines = [];
    };
    for (const row of st.iterate()) {
      lines.push(JSON.stringify(row));
      if (lines.length >= EXPORT_SETTINGS.batchRows) flush();
    }
    flush();
    if (json) writeSync(fd, first ? ']\n' : '\n]\n');
  } finally {
    closeSync(fd);
  }
}

/** Each table as <drucksache>-table-<n>.csv: the grid as printed (spanned slots empty). */
function exportTables(db: DB, dir: string, o: ExportOptions): string[] {
  const tables = db.prepare(
    `SELECT t.id, t.ord, t.n_rows, t.n_cols, d.id AS document_id, d.drucksache, d.version, d.is_current, s.sha256
     FROM tables t JOIN documents d ON d.id = t.document_id JOIN sources s ON s.id = d.source_id
     ${o.allVersions ? '' : 'WHERE d.is_current = 1'} ORDER BY d.drucksache, d.version, t.ord`,
  ).all() as { id: number; ord: number; n_rows: number; n_cols: number; document_id: number; drucksache: string | null; version: number; is_current: number; sha256: string }[];
  if (!tables.length) return [];
  ensureDir(dir);
  const cells = db.prepare('SELECT row, col, text FROM cells WHERE table_id = ?');
  const files: string[] = [];
  // One stem per document; the same number twice (two parliaments) gets the source's hash: no file overwrites another.
  const stems = new Map<number, string>();
  const used = new Set<string>();
  const stemOf = (t: (typeof tables)[number]): string => {
    let stem = stems.get(t.document_id);
    if (stem !== undefined) return stem;
    stem = fileStem(t.drucksache, t.sha256) + (o.allVersions && !t.is_current ? `-v${t.version}` : '');
    if (used.has(stem)) stem = `${stem}-${t.sha256.slice(0, 8)}`;
    used.add(stem);
    stems.set(t.document_id, stem);
    return stem;
  };
  for (const t of tables) {
    const grid: string[][] = Array.from({ length: t.n_rows }, () => Array<string>(t.n_cols).fill(''));
    for (const c of cells.iterate(t.id) as Iterable<{ row: number; col: number; text: string | null }>) {
      if (c.row < t.n_rows && c.col < t.n_cols && c.text !== null) grid[c.row][c.col] = c.text;
    }
    const stem = stemOf(t);
    const file = join(dir, `${stem}-table-${t.ord}.csv`);
    const [head, ...rows] = grid;
    writeFileSync(file, toCsv(head ?? [], rows, o.csvDialect));
    files.push(file);
  }
  return files;
}

export function exportCommand(o: ExportOptions, io: Io): number {
  if (!existsSync(o.db)) throw new UsageError(`no database at ${o.db} (run "drucksachen ingest" first, or give --db)`);
  const db = openDb(o.db);
  try {
    const files = exportDb(db, o);
    if (!o.quiet) io.err(`wrote ${files.length} files to ${o.out}\n`);
    return 0;
  } finally {
    db.close();
  }
}
