// Helpers for the batch tests (not used by the CLI): a fresh dist/ build for
// worker threads and child processes, database dumps to compare runs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DB } from '../../src/load/db.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

function staleOutputs(): string[] {
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if ((e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) || e.name.endsWith('.json')) {
        const out = join(ROOT, 'dist', relative(join(ROOT, 'src'), p)).replace(/\.ts$/, '.js');
        if (e.name.endsWith('.json') && !existsSync(out)) continue; // only imported JSON is emitted
        if (!existsSync(out) || statSync(out).mtimeMs < statSync(p).mtimeMs) stale.push(p);
      }
    }
  };
  walk(join(ROOT, 'src'));
  // the SQL the build copies into dist/ (scripts/copy-assets.mjs)
  for (const [from, to] of [['schema.sql', 'dist/schema.sql'], ['src/load/views.sql', 'dist/load/views.sql']] as const) {
    const out = statSync(join(ROOT, to), { throwIfNoEntry: false });
    if (!out || out.mtimeMs < statSync(join(ROOT, from)).mtimeMs) stale.push(from);
  }
  return stale;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Make sure dist/ is compiled from the current sources (worker threads and the
 * spawned CLI run dist/). Test files running side by side build once: a lock
 * folder in the temp dir keeps them from compiling at the same time.
 */
export function ensureBuilt(): void {
  if (!staleOutputs().length) return;
  const lock = join(tmpdir(), `drucksachen-build-${Buffer.from(ROOT).toString('hex').slice(-24)}`);
  const t0 = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const st = statSync(lock, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 120_000) rmdirSync(lock); // left by a killed test run
      if (Date.now() - t0 > 120_000) throw new Error('ensureBuilt: another build holds the lock for too long');
      sleep(200);
    }
  }
  try {
    if (!staleOutputs().length) return; // built by another test file meanwhile
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      // type errors elsewhere in the tree: tsc emits all the same (noEmitOnError is off)
    }
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'copy-assets.mjs')], { cwd: ROOT, stdio: 'pipe' });
    if (!existsSync(join(ROOT, 'dist', 'run', 'worker.js'))) throw new Error('ensureBuilt: tsc did not emit dist/run/worker.js');
  } finally {
    rmdirSync(lock);
  }
}

const VOLATILE = new Set(['loaded_at', 'run_id']);
const TABLES = [
  'sources', 'messages', 'documents', 'askers', 'concurring', 'questions', 'answers', 'answer_questions', 'footnotes',
  'doc_references', 'labels', 'tables', 'table_rows', 'table_cols', 'cells', 'table_notes', 'table_warnings',
  'portal_entries', 'portal_askers', 'persons', 'factions', 'bodies', 'source_conflicts',
];

/** Every content table, rows in rowid order, without the columns that differ from run to run. */
export function dumpDb(db: DB): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const cols = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name).filter((c) => !VOLATILE.has(c));
    out[t] = db.prepare(`SELECT ${cols.join(', ')} FROM ${t} ORDER BY rowid`).raw(true).all();
  }
  return out;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VIEWS = [
  'v_documents', 'v_askers', 'v_questions', 'v_answers', 'v_tables', 'v_table_cells', 'v_count_values', 'v_matrix_marks',
  'v_footnotes', 'v_table_notes', 'v_portal_entries', 'v_document_versions', 'v_references',
];

/** The contract views (no internal ids), rows sorted: what users see. */
export function dumpViews(db: DB): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const v of VIEWS) {
    const cols = (db.prepare(`SELECT * FROM ${v} LIMIT 0`).columns()).map((c) => c.name).filter((c) => c !== 'loaded_at');
    out[v] = db.prepare(`SELECT ${cols.join(', ')} FROM ${v} ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`).raw(true).all();
  }
  return out;
}
