// Two processes on one database: the writer lock keeps their runs apart (the
// second waits and says so), a lock left by a dead process is taken over, and
// the database stays sound.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/load/db.js';
import { checkIntegrity } from '../src/run/integrity.js';
import { acquireLock, isStale, LockBusyError, processStart, tryLock, type LockHolder } from '../src/run/lock.js';
import { CLI, ensureBuilt } from './support/testing.js';

const FIX = join(__dirname, 'fixtures');
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'lock-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, err })));
}

describe('two processes on one database', () => {
  it('never interleave their runs: the second waits for the lock and says so', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    mkdirSync(a);
    mkdirSync(b);
    const text = readFileSync(join(FIX, 'text', 'nrw-18-14087.txt'), 'utf8');
    // Overlapping sets: a0..a5 in a, and the same bytes as a3..a5 plus b0..b2 in b.
    for (let i = 0; i < 6; i++) writeFileSync(join(a, `a${i}.txt`), text + '\n'.repeat(i + 1));
    for (let i = 3; i < 9; i++) writeFileSync(join(b, `b${i}.txt`), text + '\n'.repeat(i + 1));
    const db = join(dir, 'shared.sqlite');
    const env = { DRUCKSACHEN_TEST_LOAD_DELAY_MS: '250' };
    const first = run(['ingest', a, '--db', db, '--jobs', '1'], env);
    // Start the second once the first holds the lock.
    for (let t = 0; t < 200; t++) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        const d = openDb(db);
        const held = d.prepare('SELECT count(*) AS n FROM locks').get() as { n: number };
        d.close();
        if (held.n) break;
      } catch {
        // not there yet
      }
    }
    const second = run(['ingest', b, '--db', db, '--jobs', '2'], env);
    const [r1, r2] = await Promise.all([first, second]);
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    expect(r2.err).toMatch(/^waiting: ingest \(pid \d+ on .+, since .+, run 1\) holds the writer lock on .*shared\.sqlite; this run starts when it ends$/m);

    const d = openDb(db);
    try {
      expect(checkIntegrity(d)).toEqual([]);
      const runs = d.prepare('SELECT id, started_at, ended_at, status, files_seen, loaded, skipped FROM runs ORDER BY id').all() as {
        started_at: string; ended_at: string; status: string; files_seen: number; loaded: number; skipped: number;
      }[];
      expect(runs.map((r) => [r.status, r.files_seen, r.loaded, r.skipped])).toEqual([['done', 6, 6, 0], ['done', 6, 3, 3]]);
      expect(runs[1].started_at >= runs[0].ended_at).toBe(true); // one after the other
      expect(d.prepare('SELECT count(*) AS n, count(DISTINCT sha256) AS d FROM sources').get()).toEqual({ n: 9, d: 9 });
      expect(d.prepare('SELECT count(*) AS n FROM locks').get()).toEqual({ n: 0 });
    } finally {
      d.close();
    }
  });

  it('takes over a lock whose process is gone, and waits for a live one', async () => {
    const db = openDb(join(dir, 'locks.sqlite'));
    try {
      // A process that has exited: its pid is free.
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      const t = new Date().toISOString();
      db.prepare(`INSERT INTO locks (name, token, pid, pid_start, host, command, run_id, acquired_at, heartbeat_at)
                  VALUES ('writer', 'old', ?, NULL, ?, 'ingest', 7, ?, ?)`).run(Number(dead.stdout), hostname(), t, t);
      const r = tryLock(db, 'ingest');
      expect('lock' in r).toBe(true);
      // Now we hold it: another taker in this very process must wait.
      const again = tryLock(db, 'watch');
      expect('holder' in again && again.holder.pid).toBe(process.pid);
      await expect(acquireLock(db, { waitMs: 100, pollMs: 20 })).rejects.toThrow(LockBusyError);
      await expect(acquireLock(db, { waitMs: 100, pollMs: 20 })).rejects.toThrow(/^another run holds the lock on .*locks\.sqlite: ingest \(pid \d+ on /);
      if ('lock' in r) r.lock.release();
      const third = await acquireLock(db, { waitMs: 100 });
      third.release();
      expect(db.prepare('SELECT count(*) AS n FROM locks').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('tells a stale holder from a live one', () => {
    const now = new Date().toISOString();
    const h = (o: Partial<LockHolder>): LockHolder => ({
      token: 't', pid: process.pid, pid_start: processStart(process.pid), host: hostname(), command: 'ingest', run_id: null,
      acquired_at: now, heartbeat_at: now, ...o,
    });
    expect(isStale(h({ token: 'not-ours' }))).toBe(true); // our pid, but not a lock we hold: left by an earlier life of this pid
    expect(isStale(h({ pid: process.ppid, pid_start: processStart(process.ppid) }))).toBe(false); // a live process
    if (processStart(process.ppid) !== null) expect(isStale(h({ pid: process.ppid, pid_start: '1' }))).toBe(true); // pid reused
    expect(isStale(h({ host: 'elsewhere', heartbeat_at: now }))).toBe(false);
    expect(isStale(h({ host: 'elsewhere', heartbeat_at: new Date(Date.now() - 3_600_000).toISOString() }))).toBe(true);
  });
});
