// kill -9 in the middle of a batch: no half document, and a re-run finishes the
// batch with no duplicates, ending with the very database a clean run makes.
// The child is the real CLI (dist/cli.js); a test hook stalls each document's
// transaction (DRUCKSACHEN_TEST_LOAD_DELAY_MS) so the kill lands inside one.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/commands/ingest.js';
import { openDb } from '../src/load/db.js';
import { checkIntegrity } from '../src/run/integrity.js';
import { sequentialProcessor } from '../src/run/pool.js';
import { CLI, dumpDb, ensureBuilt } from './support/testing.js';

const FIX = join(__dirname, 'fixtures');
const N = 14;
let dir: string;
let inputs: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'kill-'));
  inputs = join(dir, 'in');
  mkdirSync(inputs);
  const texts = ['nrw-17-10116.txt', 'nrw-18-13528.txt', 'nrw-18-14087.txt'].map((f) => readFileSync(join(FIX, 'text', f), 'utf8'));
  const seed = texts[0].replace(/^\n\n/, '\n');
  texts.push(`LANDTAG NORDRHEIN-WESTFALEN\nDrucksache 17/10116\n17. Wahlperiode\n${seed}`);
  // Distinct bytes (trailing blank lines), several versions of the same Drucksache among them.
  for (let i = 0; i < N; i++) writeFileSync(join(inputs, `doc-${String(i).padStart(2, '0')}.txt`), texts[i % texts.length] + '\n'.repeat(i + 1));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function count(db: string): number {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0; // not created yet, or the schema is being written
  }
}

/** Start the CLI, SIGKILL it once `atLeast` sources are in; resolves with the signal it died of. */
function killMidRun(db: string, jobs: number, atLeast: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [CLI, 'ingest', inputs, '--db', db, '--jobs', String(jobs), '--quiet'], {
    env: { ...process.env, DRUCKSACHEN_TEST_LOAD_DELAY_MS: '80' },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (count(db) >= atLeast) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 15);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (signal === null) reject(new Error(`the child finished (exit ${code}) before it could be killed`));
      else resolve(signal);
    });
  });
}

describe('kill -9 in the middle of a batch', () => {
  let reference: ReturnType<typeof dumpDb>;

  beforeAll(async () => {
    const db = join(dir, 'reference.sqlite');
    await ingest([inputs], { db, csvDialect: 'rfc4180', jobs: 1, reparse: false, quiet: true }, { out() {}, err() {} }, sequentialProcessor());
    const d = openDb(db);
    reference = dumpDb(d);
    d.close();
    expect(reference.sources).toHaveLength(N);
  });

  for (const jobs of [1, 2]) {
    it(`leaves whole documents only, and a re-run completes the batch without duplicates (--jobs ${jobs})`, async () => {
      const db = join(dir, `killed-${jobs}.sqlite`);
      expect(await killMidRun(db, jobs, 4)).toBe('SIGKILL');

      const d = openDb(db);
      try {
        expect(checkIntegrity(d)).toEqual([]);
        const n = (d.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
        expect(n).toBeGreaterThanOrEqual(4);
        expect(n).toBeLessThan(N);
        // Every loaded text source has its document, with its questions.
        expect(d.prepare(`SELECT count(*) AS n FROM sources s WHERE NOT EXISTS (SELECT 1 FROM documents x WHERE x.source_id = s.id)`).get()).toEqual({ n: 0 });
        expect(d.prepare(`SELECT count(*) AS n FROM documents x WHERE NOT EXISTS (SELECT 1 FROM questions q WHERE q.document_id = x.id)`).get()).toEqual({ n: 0 });
        expect(d.prepare('SELECT status, ended_at FROM runs').all()).toEqual([{ status: 'running', ended_at: null }]);
        // The counters are written as the run goes: the killed run shows what it committed (the
        // counter follows each document's transaction, so at most the last one is not counted yet).
        const run = d.prepare('SELECT files_seen, loaded FROM runs').get() as { files_seen: number; loaded: number };
        expect(run.loaded).toBeGreaterThanOrEqual(n - 1);
        expect(run.loaded).toBeLessThanOrEqual(n);
        expect(run.files_seen).toBe(run.loaded);
        expect(d.prepare('SELECT count(*) AS n FROM locks').get()).toEqual({ n: 1 }); // left behind by the dead process
      } finally {
        d.close();
      }

      // The re-run takes over the dead process's lock and finishes the batch.
      const rerun = spawnSync(process.execPath, [CLI, 'ingest', inputs, '--db', db, '--jobs', String(jobs)], { encoding: 'utf8', timeout: 30_000 });
      expect(rerun.status).toBe(0);
      expect(rerun.stderr).toMatch(new RegExp(`^(?:\\S+Z )?${N} files: \\d+ loaded \\(0 partial\\), \\d+ skipped \\(unchanged\\), 0 failed`, 'm'));

      const e = openDb(db);
      try {
        expect(checkIntegrity(e)).toEqual([]);
        expect(e.prepare('SELECT count(*) AS n, count(DISTINCT sha256) AS d FROM sources').get()).toEqual({ n: N, d: N });
        const runs = e.prepare('SELECT status, files_seen, loaded + skipped AS done FROM runs ORDER BY id').all() as { status: string; files_seen: number; done: number }[];
        expect(runs.map((r) => r.status)).toEqual(['interrupted', 'done']);
        expect(runs[0].done).toBeGreaterThanOrEqual(3);
        expect(runs[1]).toEqual({ status: 'done', files_seen: N, done: N });
        expect(e.prepare('SELECT count(*) AS n FROM locks').get()).toEqual({ n: 0 });
        // Same ids, same versions, same rows as a run that was never interrupted.
        expect(dumpDb(e)).toEqual(reference);
      } finally {
        e.close();
      }
    });
  }
});
