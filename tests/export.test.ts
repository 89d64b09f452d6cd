// `drucksachen export` through the CLI, the current-only views, whole numbers
// as INTEGER, and the data dictionary (docs/schema.md, Datasette metadata).
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/load/db.js';
import { toCsv } from '../src/load/csv.js';
import { EXPORT_SETTINGS } from '../src/commands/export.js';
import { datasetteMetadata, schemaMarkdown, undocumented } from '../src/report/dictionary.js';
import { cli, lookDb, NEW_WORD, OLD_WORD } from './support/look-db.js';

let db: string;
let dir: string;
beforeAll(async () => {
  ({ db, dir } = await lookDb());
}, 60_000);

function query<T>(sql: string): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all() as T[];
  } finally {
    d.close();
  }
}

describe('current-only views', () => {
  it('every view with a drucksache has is_current; v_current_* has one version per Drucksache', () => {
    const views = query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'v_%'").map((r) => r.name);
    const d = new Database(db, { readonly: true });
    for (const v of views) {
      const cols = (d.prepare(`PRAGMA table_info(${v})`).all() as { name: string }[]).map((c) => c.name);
      if (cols.includes('drucksache')) expect([v, cols.includes('is_current')]).toEqual([v, true]);
    }
    d.close();
    expect(query('SELECT drucksache FROM v_documents WHERE drucksache = \'18/14087\'')).toHaveLength(2);
    expect(query('SELECT drucksache FROM v_current_documents WHERE drucksache = \'18/14087\'')).toHaveLength(1);
    expect(query('SELECT drucksache, count(*) AS n FROM v_current_documents WHERE drucksache IS NOT NULL GROUP BY drucksache HAVING n > 1')).toEqual([]);
    expect(query('SELECT drucksache, number, count(*) AS n FROM v_current_questions GROUP BY drucksache, number, source_sha256 HAVING n > 1')).toEqual([]);
    const answers = query<{ text: string }>("SELECT text FROM v_current_answers WHERE drucksache = '18/14087'").map((r) => r.text).join(' ');
    expect(answers).toContain(`${NEW_WORD} geäußert`);
    expect(answers).not.toContain(`${OLD_WORD} geäußert`);
  });

  it('whole counts are INTEGER (52413, not 52413.0)', () => {
    const vals = query<{ t: string; n: number }>('SELECT typeof(value) AS t, count(*) AS n FROM v_count_values WHERE value IS NOT NULL GROUP BY t');
    expect(vals.map((v) => v.t)).toContain('integer');
    expect(vals.map((v) => v.t)).not.toContain('real'); // the fixtures have whole counts only
    expect(query<{ t: string }>('SELECT DISTINCT typeof(count_total) AS t FROM v_label_usage WHERE count_total IS NOT NULL').map((r) => r.t)).toEqual(['integer']);
  });
});

describe('export', () => {
  it('CSV (rfc4180: CRLF), current versions only; each table as its own CSV grid', async () => {
    const out = join(dir, 'csv');
    const r = await cli('export', '--db', db, '--out', out, '--quiet');
    expect(r).toEqual({ code: 0, out: '', err: '' });
    const docs = readFileSync(join(out, 'v_documents.csv'), 'utf8');
    expect(docs.split('\r\n')[0]).toMatch(/^source_path,source_sha256,status,/);
    expect(docs.split('\r\n').filter((l) => l.includes(',18/14087,'))).toHaveLength(1); // two versions loaded, one exported
    const counts = readFileSync(join(out, 'v_count_values.csv'), 'utf8');
    expect(counts).toContain(',52413,');
    expect(counts).not.toContain('52413.0');
    const tables = readdirSync(join(out, 'tables')).sort();
    expect(tables.length).toBe(2);
    expect(tables.every((f) => /-table-\d+\.csv$/.test(f))).toBe(true);
    const matrix = readFileSync(join(out, 'tables', tables.find((f) => f.endsWith('-table-2.csv'))!), 'utf8').split('\r\n');
    expect(matrix[0]).toMatch(/^Ressort und nachgeordneter Bereich,Videokonferenz-Tool,/);
    // a matrix row: the body, then its marks in the tool columns
    expect(matrix.find((l) => l.startsWith('Ministerium der Justiz,'))).toMatch(/^Ministerium der Justiz,X,,X,/);
  });

  it('two current documents with the same number (two parliaments): their tables do not overwrite each other', async () => {
    const twin = join(dir, 'twin.sqlite');
    copyFileSync(db, twin);
    const d = new Database(twin);
    // The document with tables becomes a Niedersachsen twin of the current 18/14087, and 18/14087 gets one
    // of its tables: both current, both with a "table 1".
    const x = d.prepare('SELECT DISTINCT document_id AS id FROM tables').get() as { id: number };
    const y = d.prepare("SELECT id FROM documents WHERE drucksache = '18/14087' AND is_current = 1").get() as { id: number };
    d.prepare("UPDATE documents SET drucksache = '18/14087', parliament = 'Niedersächsischer Landtag' WHERE id = ?").run(x.id);
    d.prepare('UPDATE tables SET document_id = ?, ord = 1 WHERE document_id = ? AND ord = 2').run(y.id, x.id);
    d.prepare('UPDATE documents SET is_current = 1 WHERE id IN (?, ?)').run(x.id, y.id);
    d.close();
    const out = join(dir, 'twin');
    expect((await cli('export', '--db', twin, '--out', out, '--quiet')).code).toBe(0);
    const files = readdirSync(join(out, 'tables')).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.startsWith('18-14087') && f.endsWith('-table-1.csv'))).toBe(true);
  });

  it('--all-versions keeps older versions; json and ndjson; excel-de', async () => {
    const all = join(dir, 'all');
    expect((await cli('export', '--db', db, '--out', all, '--all-versions', '--format', 'json', '--quiet')).code).toBe(0);
    const docs = JSON.parse(readFileSync(join(all, 'v_documents.json'), 'utf8')) as { drucksache: string; is_current: number }[];
    expect(docs.filter((d) => d.drucksache === '18/14087').map((d) => d.is_current).sort()).toEqual([0, 1]);
    const nd = join(dir, 'nd');
    expect((await cli('export', '--db', db, '--out', nd, '--format', 'ndjson', '--quiet')).code).toBe(0);
    const lines = readFileSync(join(nd, 'v_documents.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { drucksache: string });
    expect(lines.filter((d) => d.drucksache === '18/14087')).toHaveLength(1);
    const de = join(dir, 'de');
    expect((await cli('export', '--db', db, '--out', de, '--csv-dialect', 'excel-de', '--quiet')).code).toBe(0);
    const text = readFileSync(join(de, 'v_count_values.csv'), 'utf8');
    expect(text.startsWith('\uFEFFsource_sha256;drucksache;')).toBe(true);
  });

  it('files written in batches are the same as written at once (CSV in both dialects, JSON, NDJSON)', async () => {
    const d = new Database(db, { readonly: true });
    const st = d.prepare('SELECT * FROM v_table_cells WHERE is_current IS NOT 0');
    const columns = st.columns().map((c) => c.name);
    const rows = st.raw(true).all() as unknown[][];
    const objects = d.prepare('SELECT * FROM v_table_cells WHERE is_current IS NOT 0').all();
    d.close();
    expect(rows.length).toBeGreaterThan(14);
    const saved = EXPORT_SETTINGS.batchRows;
    EXPORT_SETTINGS.batchRows = 7;
    try {
      for (const dialect of ['rfc4180', 'excel-de'] as const) {
        const out = join(dir, `batch-${dialect}`);
        expect((await cli('export', '--db', db, '--out', out, '--csv-dialect', dialect, '--quiet')).code).toBe(0);
        expect(readFileSync(join(out, 'v_table_cells.csv'), 'utf8')).toBe(toCsv(columns, rows, dialect));
      }
      const j = join(dir, 'batch-json');
      expect((await cli('export', '--db', db, '--out', j, '--format', 'json', '--quiet')).code).toBe(0);
      expect(JSON.parse(readFileSync(join(j, 'v_table_cells.json'), 'utf8'))).toEqual(objects);
      expect(JSON.parse(readFileSync(join(j, 'v_source_conflicts.json'), 'utf8'))).toEqual([]);
      const n = join(dir, 'batch-ndjson');
      expect((await cli('export', '--db', db, '--out', n, '--format', 'ndjson', '--quiet')).code).toBe(0);
      expect(readFileSync(join(n, 'v_table_cells.ndjson'), 'utf8')).toBe(objects.map((o) => `${JSON.stringify(o)}\n`).join(''));
    } finally {
      EXPORT_SETTINGS.batchRows = saved;
    }
  });

  it('bad usage: unknown format, a file for --out, no database', async () => {
    expect((await cli('export', '--db', db, '--format', 'xml')).code).toBe(2);
    expect((await cli('export', '--db', db, '--out', db)).err).toMatch(/it is a file, not a folder/);
    expect((await cli('export', '--db', join(dir, 'none.sqlite'))).code).toBe(2);
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false);
  });

  it('--metadata writes Datasette metadata with every view and the FTS table', async () => {
    const file = join(dir, 'meta', 'metadata.json');
    expect((await cli('export', '--db', db, '--out', join(dir, 'm'), '--metadata', file, '--quiet')).code).toBe(0);
    const m = JSON.parse(readFileSync(file, 'utf8')) as { databases: Record<string, { tables: Record<string, { columns?: Record<string, string>; fts_table?: string }> }> };
    // Datasette calls the database after its file name (d.sqlite → "d"): the metadata must too.
    expect(Object.keys(m.databases)).toEqual(['d']);
    const tables = m.databases.d.tables;
    expect(tables.v_count_values.columns!.value).toMatch(/INTEGER when whole/);
    expect(tables.v_answer_timing.columns!.days).toMatch(/\[days\]$/);
    expect(tables.search_parts.fts_table).toBe('search_words');
    expect(tables.v_current_documents).toBeDefined();
  });
});

describe('data dictionary', () => {
  it('describes every view and column, and docs/schema.md is generated from it (npm run docs)', () => {
    const d = openDb(':memory:');
    try {
      expect(undocumented(d)).toEqual([]);
      expect(readFileSync('docs/schema.md', 'utf8')).toBe(schemaMarkdown(d));
      expect(JSON.stringify(datasetteMetadata(d))).toContain('v_matrix_marks');
    } finally {
      d.close();
    }
  });
});
