// The SQLite database: schema, contract views, and the writer that loads one
// DocFile in one transaction (a crash leaves no half document).
import Database from 'better-sqlite3';
import { sha256 } from '../common/hash.js';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexDocument } from './fts.js';
import { stmt } from './statements.js';
import ministries from '../data/ministries.json' with { type: 'json' };
import parliaments from '../data/parliaments.json' with { type: 'json' };
import type { DocFile, DocumentModel, PortalEntry, Table, TableLabel } from '../model.js';
import { nextRetryAt, retryPolicy } from '../errors.js';

export type DB = Database.Database;

/**
 * The SQL travels with the program: the build copies schema.sql to dist/ and
 * views.sql beside this file (scripts/copy-assets.mjs), so an installed copy
 * finds them; run from source (tests), schema.sql is at the repo root.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const SCHEMA = [join(HERE, '..', 'schema.sql'), join(HERE, '..', '..', 'schema.sql')].find((p) => existsSync(p)) ?? join(HERE, '..', 'schema.sql');
const VIEWS = join(HERE, 'views.sql');

/** Test-only: DRUCKSACHEN_TEST_BUSY_MS shortens both waits below, so the busy-database test stays fast. */
const TEST_BUSY_MS = Number(process.env.DRUCKSACHEN_TEST_BUSY_MS) || 0;

export const DB_SETTINGS = {
  /** Wait this long for another process's write lock before giving up (one statement). */
  busyTimeoutMs: TEST_BUSY_MS || 30_000,
  /** At the start of a run: wait at most this long while another program holds a write transaction. */
  foreignWaitMs: TEST_BUSY_MS * 4 || 120_000,
};

export function openDb(path: string): DB {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path, { timeout: DB_SETTINGS.busyTimeoutMs });
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  ensureSchema(db);
  return db;
}

/** Columns added after the first release: added to older databases on open. */
const MIGRATIONS: { table: string; column: string; decl: string }[] = [
  { table: 'runs', column: 'status', decl: "TEXT NOT NULL DEFAULT 'done'" },
  { table: 'runs', column: 'pid', decl: 'INTEGER' },
  { table: 'runs', column: 'host', decl: 'TEXT' },
  { table: 'runs', column: 'jobs', decl: 'INTEGER' },
  { table: 'answers', column: 'question_numbers', decl: 'TEXT' },
  { table: 'answers', column: 'withheld', decl: 'TEXT' },
  { table: 'answers', column: 'no_data', decl: 'TEXT' },
  { table: 'sources', column: 'error_code', decl: 'TEXT' },
  { table: 'messages', column: 'code', decl: 'TEXT' },
  { table: 'sources', column: 'attempts', decl: 'INTEGER' },
  { table: 'sources', column: 'retry_after', decl: 'TEXT' },
];

/**
 * Create or update the schema and the views, in one write transaction, and only
 * when schema.sql or views.sql changed since the database last saw them: an
 * unchanged database is only read, so readers and a second process never see a
 * view half recreated.
 */
function ensureSchema(db: DB): void {
  const schema = readFileSync(SCHEMA, 'utf8');
  const views = readFileSync(VIEWS, 'utf8');
  const hash = sha256([schema, views, JSON.stringify(ministries), JSON.stringify(parliaments)].join('\0'));
  const current = (): string | undefined => {
    try {
      return (db.prepare("SELECT value FROM meta WHERE key = 'schema_hash'").get() as { value: string } | undefined)?.value;
    } catch {
      return undefined; // no meta table yet
    }
  };
  if (current() === hash) return;
  db.transaction(() => {
    if (current() === hash) return; // another process did it while we waited
    db.exec(schema);
    for (const m of MIGRATIONS) {
      const cols = db.prepare(`PRAGMA table_info(${m.table})`).all() as { name: string }[];
      if (!cols.some((c) => c.name === m.column)) db.exec(`ALTER TABLE ${m.table} ADD COLUMN ${m.column} ${m.decl}`);
    }
    db.exec(views);
    loadVocabularies(db);
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema_hash', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(hash);
  }).immediate();
}

/** The ministries' codes and renames of src/data/ministries.json, as tables SQL can join. */
function loadVocabularies(db: DB): void {
  const data = ministries as { codes: { code: string; name: string }[]; renames: { from: string; to: string; wahlperiode: number }[] };
  const code = db.prepare('INSERT OR REPLACE INTO body_codes (code, name) VALUES (?, ?)');
  for (const c of data.codes) code.run(c.code, c.name);
  const rename = db.prepare('INSERT OR REPLACE INTO body_renames (from_name, to_name, wahlperiode) VALUES (?, ?, ?)');
  for (const r of data.renames) rename.run(r.from, r.to, r.wahlperiode);
  const parl = db.prepare('INSERT OR REPLACE INTO parliaments (code, name) VALUES (?, ?)');
  for (const p of (parliaments as { parliaments: { code: string; name: string }[] }).parliaments) parl.run(p.code, p.name);
}

export { stmt };

const now = () => new Date().toISOString();

export interface RunCounts {
  seen: number;
  loaded: number;
  skipped: number;
  failed: number;
  partial: number;
}

/** Record the start of a run. Runs left 'running' by a process that died are marked 'interrupted'. */
export function startRun(db: DB, command: string, parserVersion: string, jobs: number | null = null): number {
  return db.transaction(() => {
    stmt(db, "UPDATE runs SET status = 'interrupted' WHERE status = 'running' AND NOT EXISTS (SELECT 1 FROM locks l WHERE l.run_id = runs.id)").run();
    return Number(stmt(db, 'INSERT INTO runs (started_at, command, parser_version, status, pid, host, jobs) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(now(), command, parserVersion, 'running', process.pid, hostname(), jobs).lastInsertRowid);
  }).immediate();
}

/** The counters of a run as it goes, so that a killed run shows what it committed. */
export function recordRunCounts(db: DB, runId: number, c: RunCounts): void {
  stmt(db, 'UPDATE runs SET files_seen = ?, loaded = ?, skipped = ?, failed = ?, partial = ? WHERE id = ?')
    .run(c.seen, c.loaded, c.skipped, c.failed, c.partial, runId);
}

export function finishRun(db: DB, runId: number, c: RunCounts, status: 'done' | 'interrupted' = 'done'): void {
  stmt(db, 'UPDATE runs SET ended_at = ?, files_seen = ?, loaded = ?, skipped = ?, failed = ?, partial = ?, status = ? WHERE id = ?')
    .run(now(), c.seen, c.loaded, c.skipped, c.failed, c.partial, status, runId);
}

export interface KnownSource {
  id: number;
  parser_version: string;
  status: string;
  error: string | null;
  error_code: string | null;
  attempts: number | null;
  retry_after: string | null;
  loaded_at: string;
}

/** The loaded source with this sha256: its parser version, status and failure record, or undefined. */
export function knownSource(db: DB, sha256: string): KnownSource | undefined {
  return stmt(db, 'SELECT id, parser_version, status, error, error_code, attempts, retry_after, loaded_at FROM sources WHERE sha256 = ?').get(sha256) as never;
}

/** A failure that hit a limit is tried again with back-off: count the attempts in a row and set the next time. */
function retryRecord(f: DocFile, old: KnownSource | undefined, at: Date): { attempts: number | null; retryAfter: string | null } {
  if (f.status !== 'failed' || retryPolicy(f.errorCode) !== 'backoff') return { attempts: null, retryAfter: null };
  const attempts = (old?.status === 'failed' && retryPolicy(old.error_code) === 'backoff' ? old.attempts ?? 0 : 0) + 1;
  return { attempts, retryAfter: nextRetryAt(at, attempts).toISOString() };
}

function idOf(db: DB, table: 'factions' | 'persons' | 'bodies', name: string): number {
  stmt(db, `INSERT OR IGNORE INTO ${table} (name) VALUES (?)`).run(name);
  return (stmt(db, `SELECT id FROM ${table} WHERE name = ?`).get(name) as { id: number }).id;
}

/**
 * Load one DocFile in one transaction: a crash leaves either the whole document
 * or nothing. A source already known by its sha256 is reloaded in place (same
 * source id, so its place among the versions of a Drucksache stays). Returns the
 * Drucksachen it touched, for the reconciliation step (enrich.ts) that follows.
 * `inTransaction` (tests only, src/run/test-hooks.ts) runs after the source row,
 * before the document rows.
 */
export function loadDocFile(db: DB, f: DocFile, runId: number | null, inTransaction?: () => void): string[] {
  return db.transaction(() => {
    const old = knownSource(db, f.sha256);
    const pages = f.layout?.pages.length ?? null;
    const at = new Date();
    const retry = retryRecord(f, old, at);
    let sourceId: number;
    const touched = new Set<string>();
    if (old) {
      sourceId = old.id;
      for (const r of stmt(db, 'SELECT drucksache FROM documents WHERE source_id = ? AND drucksache IS NOT NULL').all(sourceId) as { drucksache: string }[]) touched.add(r.drucksache);
      stmt(db, 'DELETE FROM documents WHERE source_id = ?').run(sourceId);
      stmt(db, 'DELETE FROM portal_entries WHERE source_id = ?').run(sourceId);
      stmt(db, 'DELETE FROM messages WHERE source_id = ?').run(sourceId);
      stmt(db, 'UPDATE sources SET path = ?, size = ?, kind = ?, status = ?, error = ?, parser_version = ?, pages = ?, loaded_at = ?, run_id = ?, error_code = ?, attempts = ?, retry_after = ? WHERE id = ?')
        .run(f.path, f.size, f.kind, f.status, f.error, f.parserVersion, pages, at.toISOString(), runId, f.errorCode ?? null, retry.attempts, retry.retryAfter, sourceId);
    } else {
      sourceId = Number(stmt(db, 
        `INSERT INTO sources (sha256, path, size, kind, status, error, parser_version, pages, loaded_at, run_id, error_code, attempts, retry_after)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(f.sha256, f.path, f.size, f.kind, f.status, f.error, f.parserVersion, pages, at.toISOString(), runId, f.errorCode ?? null, retry.attempts, retry.retryAfter).lastInsertRowid);
    }
    inTransaction?.();
    const msg = stmt(db, 'INSERT INTO messages (source_id, severity, stage, page, text, code) VALUES (?, ?, ?, ?, ?, ?)');
    for (const m of f.messages) msg.run(sourceId, m.severity, m.stage, m.page ?? null, m.text, m.code);
    if (f.doc) {
      insertDocument(db, sourceId, f.doc);
      if (f.doc.meta.drucksache) touched.add(f.doc.meta.drucksache);
    }
    if (f.portal) {
      insertPortal(db, sourceId, f.portal);
      for (const e of f.portal) touched.add(e.drucksache);
    }
    for (const d of touched) renumberVersions(db, d);
    return [...touched];
  })();
}

/**
 * The versions of one Drucksache: ordered by Neudruck number, then by the order
 * in which their sources were first loaded. The last one is current. Computed
 * from all versions each time, so loading an older version later (or reloading
 * one with --reparse) does not make it current.
 */
export function renumberVersions(db: DB, drucksache: string): void {
  // The same number in two parliaments (BT 19/11144, NI 19/11144) is two Drucksachen, not two versions.
  const rows = stmt(db, 
    `SELECT d.id, COALESCE(d.parliament, '') AS parliament FROM documents d JOIN sources s ON s.id = d.source_id
     WHERE d.drucksache = ? ORDER BY d.neudruck, s.id`,
  ).all(drucksache) as { id: number; parliament: string }[];
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const g = groups.get(r.parliament);
    if (g) g.push(r.id);
    else groups.set(r.parliament, [r.id]);
  }
  const upd = stmt(db, 'UPDATE documents SET version = ?, is_current = ? WHERE id = ? AND (version IS NOT ? OR is_current IS NOT ?)');
  for (const ids of groups.values()) {
    ids.forEach((id, i) => {
      const current = i === ids.length - 1 ? 1 : 0;
      upd.run(i + 1, current, id, i + 1, current);
    });
  }
}

function insertDocument(db: DB, sourceId: number, doc: DocumentModel): void {
  const m = doc.meta;
  const version = 1; // renumbered by renumberVersions() before the transaction ends
  const documentId = Number(stmt(db, 
    `INSERT INTO documents (source_id, parliament, drucksache, wahlperiode, doc_type, neudruck, neudruck_date, title, date,
       date_original, date_issued, ka_number, ka_date, ka_drucksache, answered_by, ministry_id, letter_date, preliminary,
       pages, version, is_current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  ).run(sourceId, m.parliament, m.drucksache, m.wahlperiode, m.docType, m.neudruck, m.neudruckDate ?? null, m.title, m.date,
    m.dateOriginal, m.dateIssued, m.kaNumber, m.kaDate, m.kaDrucksache, m.answeredBy,
    m.ministry ? idOf(db, 'bodies', m.ministry) : null, m.letterDate, doc.preliminary, doc.pageCount, version).lastInsertRowid);

  const asker = stmt(db, 'INSERT INTO askers (document_id, ord, person_id, faction_id, faction_as_written) VALUES (?, ?, ?, ?, ?)');
  m.askers.forEach((p, i) => asker.run(documentId, i + 1, idOf(db, 'persons', p.name), p.faction ? idOf(db, 'factions', p.faction) : null, p.factionAsWritten ?? null));
  const concur = stmt(db, 'INSERT INTO concurring (document_id, ord, body_id) VALUES (?, ?, ?)');
  m.concurring.forEach((c, i) => concur.run(documentId, i + 1, idOf(db, 'bodies', c)));

  const qIds = new Map<number, number>();
  const q = stmt(db, 'INSERT OR IGNORE INTO questions (document_id, number, text, page) VALUES (?, ?, ?, ?)');
  for (const x of doc.questions) qIds.set(x.number, Number(q.run(documentId, x.number, x.text, x.page).lastInsertRowid));
  const a = stmt(db, 'INSERT INTO answers (document_id, ord, text, page_start, page_end, question_numbers, withheld, no_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const aq = stmt(db, 'INSERT OR IGNORE INTO answer_questions (answer_id, question_id) VALUES (?, ?)');
  const answerIds: { id: number; questions: number[] }[] = [];
  doc.answers.forEach((x, i) => {
    const id = Number(a.run(documentId, i + 1, x.text, x.page, x.pageEnd, x.questions.join(',') || null, x.withheld ?? null, x.noData ?? null).lastInsertRowid);
    answerIds.push({ id, questions: x.questions });
    for (const n of x.questions) if (qIds.has(n)) aq.run(id, qIds.get(n));
  });
  const fn = stmt(db, 'INSERT INTO footnotes (document_id, ord, marker, text, page) VALUES (?, ?, ?, ?, ?)');
  doc.footnotes.forEach((x, i) => fn.run(documentId, i + 1, x.marker, x.text, x.page));
  const ref = stmt(db, 'INSERT OR IGNORE INTO doc_references (document_id, kind, target, context) VALUES (?, ?, ?, ?)');
  for (const r of doc.references) ref.run(documentId, r.kind, r.target, r.context);
  doc.tables.forEach((t, i) => insertTable(db, documentId, i + 1, t, answerIds));
  indexDocument(db, documentId); // full-text index, in this transaction
}

function labelId(db: DB, documentId: number, label: TableLabel | null): number | null {
  if (!label) return null;
  stmt(db, 'INSERT OR IGNORE INTO labels (document_id, key, text) VALUES (?, ?, ?)').run(documentId, label.key, label.text);
  return (stmt(db, 'SELECT id FROM labels WHERE document_id = ? AND key = ?').get(documentId, label.key) as { id: number }).id;
}

/** A table as the transform typed it (Table.content): rows, columns, cells, notes, warnings. */
function insertTable(db: DB, documentId: number, ord: number, t: Table, answers: { id: number; questions: number[] }[]): void {
  const content = t.content;
  if (!content) throw new Error(`table ${ord} reached the loader without its typed content (the transform did not finish it)`);
  const qs = t.questions && t.questions.length ? t.questions.join(',') : null;
  const answer = qs ? answers.find((x) => x.questions.join(',') === qs) : undefined;
  const tableId = Number(stmt(db, 
    `INSERT INTO tables (document_id, ord, kind, strategy, page_start, page_end, n_rows, n_cols, header_rows, label_cols,
       answer_id, question_numbers, anlage, x0, y0, x1, y1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(documentId, ord, t.kind, t.strategy, t.pageStart, t.pageEnd, t.rows.length, content.nCols, t.headerRows, t.labelCols,
    answer?.id ?? null, qs, t.anlage ? 1 : 0, t.box?.x0 ?? null, t.box?.y0 ?? null, t.box?.x1 ?? null, t.box?.y1 ?? null).lastInsertRowid);

  const rowIns = stmt(db, 'INSERT INTO table_rows (table_id, row, label_id, marker, is_total) VALUES (?, ?, ?, ?, ?)');
  content.rows.forEach((x, r) => rowIns.run(tableId, r, labelId(db, documentId, x.label), x.marker, x.total ? 1 : 0));
  const colIns = stmt(db, 'INSERT INTO table_cols (table_id, col, label_id, marker) VALUES (?, ?, ?, ?)');
  content.cols.forEach((x, c) => colIns.run(tableId, c, labelId(db, documentId, x.label), x.marker));
  const cellIns = stmt(db, 
    `INSERT INTO cells (table_id, row, col, text, is_header, row_span, col_span, value, unit, mark, marker, page, x0, y0, x1, y1)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  content.cells.forEach((typedRow, r) => typedRow.forEach((typed, c) => {
    if (!typed) return;
    const cell = t.rows[r]?.[c] ?? null;
    const b = cell?.box;
    cellIns.run(tableId, r, c, cell?.text ?? null, typed.header ? 1 : 0, cell?.rowSpan ?? 1, cell?.colSpan ?? 1,
      typed.value, typed.unit, typed.mark, typed.marker, cell?.page ?? null, b?.x0 ?? null, b?.y0 ?? null, b?.x1 ?? null, b?.y1 ?? null);
  }));
  const note = stmt(db, 'INSERT INTO table_notes (table_id, ord, marker, text) VALUES (?, ?, ?, ?)');
  t.notes.forEach((n, i) => note.run(tableId, i + 1, n.marker, n.text));
  const warn = stmt(db, 'INSERT INTO table_warnings (table_id, ord, text) VALUES (?, ?, ?)');
  t.warnings.forEach((w, i) => warn.run(tableId, i + 1, w.text));
}

function insertPortal(db: DB, sourceId: number, entries: PortalEntry[]): void {
  const ins = stmt(db, 
    `INSERT INTO portal_entries (source_id, ord, drucksache, wahlperiode, doc_type, title, date, pages, ka_number,
       ka_drucksache, ministry, neudruck, systematik, schlagworte, region, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const asker = stmt(db, 'INSERT INTO portal_askers (entry_id, ord, person_id, faction_id) VALUES (?, ?, ?, ?)');
  entries.forEach((e, i) => {
    const id = Number(ins.run(sourceId, i + 1, e.drucksache, e.wahlperiode, e.docType, e.title, e.date, e.pages, e.kaNumber,
      e.kaDrucksache, e.ministry, e.neudruck, e.systematik.join('; ') || null, e.schlagworte.join('; ') || null, e.region,
      e.url ?? null).lastInsertRowid);
    e.askers.forEach((p, k) => asker.run(id, k + 1, idOf(db, 'persons', p.name), p.faction ? idOf(db, 'factions', p.faction) : null));
  });
}

