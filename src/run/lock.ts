// The writer lock: two processes on one database (a cron ingest and a watch,
// two cron runs that overlap) never interleave their runs. SQLite itself keeps
// every single transaction safe (WAL, busy timeout); this lock keeps whole runs
// apart, so the runs table tells one story.
//
// The lock is a row in the `locks` table, taken and checked inside one
// IMMEDIATE transaction (atomic across processes). A row left behind by a
// process that died (kill -9, power cut) is taken over: on the same host the
// holder's pid is checked (with its start time, against pid reuse); from
// another host the row counts as stale when its heartbeat is old.
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { type DB, DB_SETTINGS } from '../load/db.js';
import { RunError } from '../errors.js';

export const LOCK_NAME = 'writer';
/** A lock of another host whose heartbeat is older than this is taken over. */
const FOREIGN_STALE_MS = 10 * 60_000;
const HEARTBEAT_MS = 15_000;

export interface LockHolder {
  token: string;
  pid: number;
  pid_start: string | null;
  host: string;
  command: string | null;
  run_id: number | null;
  acquired_at: string;
  heartbeat_at: string;
}

export interface RunLock {
  readonly token: string;
  /** Record the run that holds the lock (for people reading the locks table). */
  setRun(runId: number): void;
  release(): void;
}

export interface LockOptions {
  command?: string | undefined;
  /** Give up after this many milliseconds (default: wait as long as it takes). */
  waitMs?: number | undefined;
  /** Poll interval while waiting (default 250 ms). */
  pollMs?: number;
  /** Called once when the lock is held by another live run and we start waiting. */
  onWait?(holder: LockHolder): void;
  /** Give up after this long when another program keeps the database busy (default DB_SETTINGS.foreignWaitMs). */
  busyWaitMs?: number;
  /** Called once when another program keeps the database busy and we start waiting (at most `boundMs`). */
  onBusy?(holder: string, boundMs: number): void;
  signal?: AbortSignal | undefined;
}

export class LockBusyError extends Error {
  constructor(readonly holder: LockHolder, db: string) {
    super(`another run holds the lock on ${db}: ${describeHolder(holder)}`);
    this.name = 'LockBusyError';
  }
}

/** Tokens of the locks this process holds (a leftover row with our pid but another token is stale). */
const mine = new Set<string>();

/** Start time of a process (field 22 of /proc/<pid>/stat), or null where there is no /proc. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether a process of this pid runs on this host (EPERM: it runs, as another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the holder is a process that no longer runs. */
export function isStale(h: LockHolder, nowMs = Date.now()): boolean {
  if (h.host !== hostname()) return nowMs - Date.parse(h.heartbeat_at) > FOREIGN_STALE_MS;
  if (h.pid === process.pid) return !mine.has(h.token);
  if (!alive(h.pid)) return true;
  if (h.pid_start) {
    const start = processStart(h.pid);
    if (start !== null && start !== h.pid_start) return true; // the pid was reused
  }
  return false;
}

export function describeHolder(h: LockHolder): string {
  return `${h.command ?? 'a run'} (pid ${h.pid} on ${h.host}, since ${h.acquired_at}${h.run_id ? `, run ${h.run_id}` : ''})`;
}

/** Take the lock if it is free (or stale); returns the live holder otherwise. */
export function tryLock(db: DB, command = 'ingest'): { lock: RunLock } | { holder: LockHolder } {
  // A plain read first: in WAL mode it never waits for the holder's write transactions.
  const seen = db.prepare('SELECT * FROM locks WHERE name = ?').get(LOCK_NAME) as LockHolder | undefined;
  if (seen && !isStale(seen)) return { holder: seen };
  const token = randomUUID();
  const result = db.transaction(() => {
    const h = db.prepare('SELECT * FROM locks WHERE name = ?').get(LOCK_NAME) as LockHolder | undefined;
    if (h && !isStale(h)) return h;
    const t = new Date().toISOString();
    db.prepare(
      `INSERT INTO locks (name, token, pid, pid_start, host, command, run_id, acquired_at, heartbeat_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)
       ON CONFLICT (name) DO UPDATE SET token = excluded.token, pid = excluded.pid, pid_start = excluded.pid_start,
         host = excluded.host, command = excluded.command, run_id = NULL, acquired_at = excluded.acquired_at,
         heartbeat_at = excluded.heartbeat_at`,
    ).run(LOCK_NAME, token, process.pid, processStart(process.pid), hostname(), command, t, t);
    return null;
  }).immediate();
  if (result) return { holder: result };
  mine.add(token);
  const beat = setInterval(() => {
    try {
      db.prepare('UPDATE locks SET heartbeat_at = ? WHERE name = ? AND token = ?').run(new Date().toISOString(), LOCK_NAME, token);
    } catch {
      // busy or closed: the next beat tries again
    }
  }, HEARTBEAT_MS);
  beat.unref();
  let released = false;
  return {
    lock: {
      token,
      setRun(runId: number) {
        db.prepare('UPDATE locks SET run_id = ? WHERE name = ? AND token = ?').run(runId, LOCK_NAME, token);
      },
      release() {
        if (released) return;
        released = true;
        clearInterval(beat);
        mine.delete(token);
        try {
          if (db.open) db.prepare('DELETE FROM locks WHERE name = ? AND token = ?').run(LOCK_NAME, token);
        } catch {
          // the row stays behind and is taken over as stale by the next run
        }
      },
    },
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * The processes that hold a POSIX lock on the database or its WAL index, from
 * /proc/locks (Linux): "pid 4242 (sqlite3)". Null where that cannot be known.
 */
export function foreignHolders(dbPath: string): string | null {
  let text: string;
  const inodes = new Set<number>();
  try {
    for (const f of [dbPath, `${dbPath}-shm`, `${dbPath}-wal`]) {
      try {
        inodes.add(statSync(f).ino);
      } catch {
        // not there
      }
    }
    text = readFileSync('/proc/locks', 'utf8');
  } catch {
    return null;
  }
  const pids = new Set<number>();
  for (const line of text.split('\n')) {
    // "1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 0 EOF" (a "->" marks a waiter: skip it)
    const m = /^\d+:\s+(?:POSIX|OFDLCK)\s+\S+\s+\S+\s+(-?\d+)\s+[0-9a-f]+:[0-9a-f]+:(\d+)\s/.exec(line);
    if (!m || !inodes.has(Number(m[2]))) continue;
    const pid = Number(m[1]);
    if (pid > 0 && pid !== process.pid) pids.add(pid);
  }
  if (!pids.size) return null;
  return [...pids].slice(0, 5).map((pid) => {
    let name = '?';
    try {
      name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      // gone meanwhile
    }
    return `pid ${pid} (${name})`;
  }).join(', ');
}

/** The database is busy: another program (not a drucksachen run, or one between its transactions) writes. */
export class DbBusyError extends RunError {
  constructor(db: string, holder: string, waitedMs: number) {
    super('db.busy', `the database ${db} stayed busy for ${Math.round(waitedMs / 1000)} s: ${holder} holds a write transaction on it; try again when it is done`);
    this.name = 'DbBusyError';
  }
}

/** Take the writer lock, waiting while another live run holds it. */
export async function acquireLock(db: DB, opts: LockOptions = {}): Promise<RunLock> {
  const started = Date.now();
  let told = false;
  let toldBusy = false;
  for (;;) {
    let r: ReturnType<typeof tryLock>;
    try {
      r = tryLock(db, opts.command);
    } catch (e) {
      // The database stayed busy past the busy timeout: another program is writing. Wait, but not for ever.
      if (!String((e as { code?: string }).code).startsWith('SQLITE_BUSY')) throw e;
      const holder = foreignHolders(db.name) ?? 'another program';
      const bound = opts.busyWaitMs ?? DB_SETTINGS.foreignWaitMs;
      if (opts.signal?.aborted || Date.now() - started >= bound) throw new DbBusyError(db.name, holder, Date.now() - started);
      if (!toldBusy) {
        toldBusy = true;
        opts.onBusy?.(holder, bound);
      }
      await sleep(opts.pollMs ?? 250, opts.signal);
      continue;
    }
    if ('lock' in r) return r.lock;
    if (opts.signal?.aborted) throw new LockBusyError(r.holder, db.name);
    if (opts.waitMs !== undefined && Date.now() - started >= opts.waitMs) throw new LockBusyError(r.holder, db.name);
    if (!told) {
      told = true;
      opts.onWait?.(r.holder);
    }
    await sleep(opts.pollMs ?? 250, opts.signal);
  }
}
