// Hardening through the real CLI (issue 10): every file is read in a bounded
// worker (also --jobs 1), a hostile file fails alone with its code while the
// good ones load, a limit hit costs once, and the user sees one line instead
// of a stack trace. The limits are small here through test-only environment
// variables (DRUCKSACHEN_TEST_HEAP_MB, DRUCKSACHEN_TEST_RSS_MB,
// DRUCKSACHEN_TEST_BUSY_MS), so the tests stay fast.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/load/db.js';
import { checkIntegrity } from '../src/run/integrity.js';
import { CLI, ensureBuilt } from './support/testing.js';
import { inflatingPdf } from './support/hostile.js';

const FIX = join(import.meta.dirname, 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'hardening-'));
const GOOD = ['nrw-17-10116.txt', 'nrw-18-13528.txt', 'nrw-18-14087.txt'];

interface Run {
  code: number | null;
  err: string;
  /** Peak memory of the process (VmHWM, MB), as last seen while it ran. */
  peakMb: number;
}

/** Run the CLI; `during` gets the child once it runs (to send signals). */
function cli(args: string[], env: Record<string, string> = {}, during?: (pid: number, err: () => string) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let peakKb = 0;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (err += s));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // exited
      }
    }, 25);
    during?.(child.pid!, () => err);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, err, peakMb: peakKb / 1024 });
    });
  });
}

function query<T>(db: string, sql: string): T[] {
  const d = openDb(db);
  try {
    return d.prepare(sql).all() as T[];
  } finally {
    d.close();
  }
}

function goodInputs(folder: string): string {
  mkdirSync(folder, { recursive: true });
  for (const f of GOOD) copyFileSync(join(FIX, 'text', f), join(folder, f));
  return folder;
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);

let tmpfsOk = false;
/** Mount a small tmpfs (we are root in CI); false where that is not allowed. */
function mountTmpfs(at: string, opts: string): boolean {
  mkdirSync(at, { recursive: true });
  return spawnSyncOk('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', at]);
}
function spawnSyncOk(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}
const mounts: string[] = [];
const freeKb = (at: string) => Number(/\d+/.exec(execFileSync('df', ['--output=avail', '-k', at]).toString().split('\n')[1])![0]);

beforeAll(() => {
  ensureBuilt();
  tmpfsOk = mountTmpfs(join(dir, 'probe'), 'size=1m');
  if (tmpfsOk) mounts.push(join(dir, 'probe'));
});
afterAll(() => {
  for (const m of mounts.reverse()) spawnSyncOk('umount', ['-l', m]);
  rmSync(dir, { recursive: true, force: true });
});

describe('every file in a bounded worker', () => {
  it('a small PDF that inflates hugely fails alone (limit.memory) among good ones, --jobs 1, and the process stays bounded', async () => {
    const folder = goodInputs(join(dir, 'bomb'));
    writeFileSync(join(folder, 'm-bomb.pdf'), inflatingPdf('BT /F1 9 Tf 10 800 Td (Bomb text here) Tj ET\n', 400_000));
    expect(readFileSync(join(folder, 'm-bomb.pdf')).length).toBeLessThan(100_000);
    const db = join(dir, 'bomb.sqlite');
    const r = await cli(['ingest', folder, '--db', db, '--jobs', '1'], { DRUCKSACHEN_TEST_RSS_MB: '250' });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`failed ${join(folder, 'm-bomb.pdf')}: the reader ran out of memory`);
    noStack(r.err);
    expect(r.peakMb).toBeLessThan(400); // the watchdog stopped it near its bound (250 MB), far below what it would take
    const rows = query<{ p: string; status: string; error_code: string | null }>(db, 'SELECT source_path AS p, status, error_code FROM v_documents ORDER BY source_path');
    expect(rows).toEqual([
      { p: join(folder, 'm-bomb.pdf'), status: 'failed', error_code: 'limit.memory' },
      ...GOOD.map((f) => ({ p: join(folder, f), status: 'ok', error_code: null })),
    ]);
  });

  it('the heap limit of a reader catches what the watchdog does not see first (limit.memory), --jobs 2', async () => {
    const folder = goodInputs(join(dir, 'heap'));
    writeFileSync(join(folder, 'm-bomb.pdf'), inflatingPdf('BT /F1 9 Tf 10 800 Td (Bomb text here) Tj ET\n', 400_000));
    const db = join(dir, 'heap.sqlite');
    const r = await cli(['ingest', folder, '--db', db, '--jobs', '2'], { DRUCKSACHEN_TEST_HEAP_MB: '48' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('the reader ran out of memory (limit 48 MB)');
    const rows = query<{ status: string; n: number }>(db, 'SELECT status, count(*) AS n FROM v_documents GROUP BY status ORDER BY status');
    expect(rows).toEqual([{ status: 'failed', n: 1 }, { status: 'ok', n: 3 }]);
  });

  it('--timeout stops a file with --jobs 1 too (limit.time); the next run does not read it again, --retry-failed does', async () => {
    const folder = goodInputs(join(dir, 'slow'));
    writeFileSync(join(folder, 's-slow.pdf'), inflatingPdf('BT /F1 9 Tf 10 800 Td (Slow text here) Tj ET\n', 400_000));
    const db = join(dir, 'slow.sqlite');
    const first = await cli(['ingest', folder, '--db', db, '--jobs', '1', '--timeout', '1s']);
    expect(first.code).toBe(1);
    expect(first.err).toContain(`failed ${join(folder, 's-slow.pdf')}: timed out: reading the file took longer than 1 s`);
    expect(first.err).toMatch(/4 files: 3 loaded \(0 partial\), 0 skipped \(unchanged\), 1 failed/);
    const [src] = query<{ error_code: string; attempts: number; retry_after: string; loaded_at: string }>(db, "SELECT error_code, attempts, retry_after, loaded_at FROM sources WHERE status = 'failed'");
    expect(src).toMatchObject({ error_code: 'limit.time', attempts: 1 });
    expect(Date.parse(src.retry_after) - Date.parse(src.loaded_at)).toBe(60 * 60_000); // back-off: an hour first

    const second = await cli(['ingest', folder, '--db', db, '--jobs', '1', '--timeout', '1s']);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/failed \S+s-slow\.pdf: timed out.*\[limit\.time, \S+, attempt 1; next try after \S+, or with --retry-failed\] \(unchanged since an earlier run; not read again\)/);
    expect(second.err).toMatch(/4 files: 0 loaded \(0 partial\), 3 skipped \(unchanged\), 1 failed, 0 pages in \d+\.\ds/);

    const third = await cli(['ingest', folder, '--db', db, '--jobs', '1', '--timeout', '1s', '--retry-failed']);
    expect(third.err).toMatch(/reading again \S+s-slow\.pdf: failed before \(limit\.time, \S+\); --retry-failed/);
    expect(third.err).toContain('timed out');
    expect(query<{ attempts: number }>(db, "SELECT attempts FROM sources WHERE status = 'failed'")).toEqual([{ attempts: 2 }]);
  });
});

describe('no stack traces: one line, exit 2 or 3', () => {
  it('--db "" and a --db whose folder cannot be made are usage errors; nothing is read', async () => {
    const folder = goodInputs(join(dir, 'usage'));
    const empty = await cli(['ingest', folder, '--db', '']);
    expect([empty.code, empty.err]).toEqual([2, 'drucksachen: --db needs a file name, not ""\n']);
    writeFileSync(join(dir, 'a-file'), 'x');
    const under = await cli(['ingest', folder, '--db', join(dir, 'a-file', 'sub', 'x.sqlite')]);
    expect(under.code).toBe(2);
    expect(under.err).toBe(`drucksachen: cannot use the database ${join(dir, 'a-file', 'sub', 'x.sqlite')}: the folder cannot be made: a part of the path is a file, not a folder (${join(dir, 'a-file', 'sub')})\n`);
    const csvFile = await cli(['ingest', folder, '--db', join(dir, 'usage.sqlite'), '--csv', join(dir, 'a-file')]);
    expect([csvFile.code, csvFile.err]).toEqual([2, `drucksachen: cannot write the CSV files to ${join(dir, 'a-file')}: it is a file, not a folder\n`]);
    expect(existsSync(join(dir, 'usage.sqlite'))).toBe(false); // checked before any work
  });

  it('a read-only folder for --db or --csv: exit 2, one line', async (ctx) => {
    if (!tmpfsOk) ctx.skip();
    const ro = join(dir, 'ro');
    expect(mountTmpfs(ro, 'size=1m,ro')).toBe(true);
    mounts.push(ro);
    const folder = goodInputs(join(dir, 'ro-in'));
    const db = await cli(['ingest', folder, '--db', join(ro, 'x.sqlite')]);
    expect([db.code, db.err]).toEqual([2, `drucksachen: cannot use the database ${join(ro, 'x.sqlite')}: the folder cannot be written: read-only file system or file (${ro})\n`]);
    const csv = await cli(['ingest', folder, '--db', join(dir, 'ro.sqlite'), '--csv', join(ro, 'csv')]);
    expect([csv.code, csv.err]).toEqual([2, `drucksachen: cannot write the CSV files to ${join(ro, 'csv')}: the folder cannot be made: read-only file system or file\n`]);
  });

  it('disk full for the database: exit 3 in one line, the run interrupted, nothing committed lost', async (ctx) => {
    if (!tmpfsOk) ctx.skip();
    const small = join(dir, 'full-db');
    expect(mountTmpfs(small, 'size=3m')).toBe(true);
    mounts.push(small);
    const db = join(small, 'db.sqlite');
    const first = await cli(['ingest', goodInputs(join(dir, 'full-a')), '--db', db, '--jobs', '1', '--quiet']);
    expect(first.code).toBe(0);
    const before = query<{ n: number }>(db, 'SELECT count(*) AS n FROM answers')[0].n;
    expect(before).toBeGreaterThan(0);
    // Fill the disk to the last few KB, then load more.
    writeFileSync(join(small, 'filler'), Buffer.alloc(Math.max(0, freeKb(small) - 160) * 1024));
    const more = join(dir, 'full-b');
    mkdirSync(more);
    for (let i = 0; i < 12; i++) for (const f of GOOD) writeFileSync(join(more, `${i}-${f}`), `${readFileSync(join(FIX, 'text', f), 'utf8')}\n${'Zusatz. '.repeat(200 * (i + 1))}\n`);
    const full = await cli(['ingest', more, '--db', db, '--jobs', '1', '--quiet']);
    expect(full.code).toBe(3);
    noStack(full.err);
    expect(full.err.trim().split('\n').pop()).toMatch(/^drucksachen: the run could not complete, writing to the database \S+: no space left on the device \(disk full\) \[disk\.full\]; what was loaded before stays, the run is recorded as interrupted$/);
    rmSync(join(small, 'filler'));
    const d = openDb(db);
    try {
      expect(d.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(checkIntegrity(d)).toEqual([]);
      expect((d.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n).toBeGreaterThanOrEqual(before);
      const runs = d.prepare('SELECT status FROM runs ORDER BY id').all();
      expect(runs[0]).toEqual({ status: 'done' });
      expect(runs[1]).not.toEqual({ status: 'done' });
      expect(runs).not.toContainEqual({ status: 'running' });
    } finally {
      d.close();
    }
  });

  it('disk full for the CSV folder: exit 3, the previous complete set stays, no temporary file is left', async () => {
    const folder = goodInputs(join(dir, 'csvfull-in'));
    const db = join(dir, 'csvfull.sqlite');
    let csv = join(dir, 'csvfull-out');
    let env: Record<string, string> = { DRUCKSACHEN_TEST_CSV_FAIL_AFTER: '5' }; // the injected write error, where no tmpfs can be mounted
    if (tmpfsOk) {
      csv = join(dir, 'csvfull-tmpfs');
      expect(mountTmpfs(csv, 'size=1m')).toBe(true);
      mounts.push(csv);
      env = {};
    }
    const first = await cli(['ingest', join(folder, GOOD[0]), '--db', db, '--csv', csv, '--quiet']);
    expect(first.code).toBe(0);
    const snapshot = Object.fromEntries(readdirSync(csv).map((f) => [f, readFileSync(join(csv, f), 'utf8')]));
    expect(Object.keys(snapshot).length).toBe(20);
    // What is left is too little for the bigger set.
    if (tmpfsOk) writeFileSync(join(csv, '.filler'), Buffer.alloc(Math.max(0, freeKb(csv) - 40) * 1024));
    const big = join(dir, 'csvfull-big');
    mkdirSync(big);
    for (let i = 0; i < 8; i++) writeFileSync(join(big, `${i}.txt`), `${readFileSync(join(folder, GOOD[2]), 'utf8')}\n${'Mehr Text. '.repeat(500 * (i + 1))}\n`);
    const r = await cli(['ingest', folder, big, '--db', db, '--csv', csv, '--quiet'], env);
    expect(r.code).toBe(3);
    noStack(r.err);
    expect(r.err.trim().split('\n').pop()).toBe(`drucksachen: cannot write the CSV files to ${csv} (the previous CSV files stay as they were): no space left on the device (disk full) [disk.full]; what was loaded before stays, the run is recorded as interrupted`);
    const after = Object.fromEntries(readdirSync(csv).filter((f) => f !== '.filler').map((f) => [f, readFileSync(join(csv, f), 'utf8')]));
    expect(after).toEqual(snapshot);
    expect(query<{ status: string }>(db, 'SELECT status FROM runs ORDER BY id')).toEqual([{ status: 'done' }, { status: 'interrupted' }]);
  });

  it('another program holding the database: waits with its pid and name, then one line (exit 3), no run left running', async () => {
    const db = join(dir, 'busy.sqlite');
    const folder = goodInputs(join(dir, 'busy-in'));
    expect((await cli(['ingest', join(folder, GOOD[0]), '--db', db, '--quiet'])).code).toBe(0);
    // A long write transaction, as sqlite3 or a GUI would hold it.
    const holder = spawn(process.execPath, ['-e', `
      const D = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
      const d = new D(${JSON.stringify(db)}); d.exec('BEGIN IMMEDIATE'); d.exec("INSERT INTO meta (key, value) VALUES ('held', '1')");
      process.stdout.write('held\\n'); setTimeout(() => {}, 60000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((res) => holder.stdout.once('data', () => res()));
    try {
      const r = await cli(['ingest', folder, '--db', db], { DRUCKSACHEN_TEST_BUSY_MS: '200' });
      expect(r.code).toBe(3);
      noStack(r.err);
      expect(r.err).toContain(`waiting: pid ${holder.pid} (node) holds a write transaction on ${db}; this run waits for it at most 1 s`);
      expect(r.err.trim().split('\n').pop()).toMatch(new RegExp(`^drucksachen: the database \\S+ stayed busy for \\d+ s: pid ${holder.pid} \\(node\\) holds a write transaction on it; try again when it is done \\[db\\.busy\\]`));
    } finally {
      holder.kill();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(query<{ status: string }>(db, 'SELECT status FROM runs')).toEqual([{ status: 'done' }]);
  });
});

describe('another program holding the database mid-run', () => {
  it('a write that stays busy ends the run with one line (exit 3), the run recorded as interrupted once the holder is done', async () => {
    const db = join(dir, 'midbusy.sqlite');
    const folder = goodInputs(join(dir, 'midbusy-in'));
    // PDFs after the texts: reading each takes a while, so the writer has gaps in which the holder gets in.
    const pdf = readFileSync(join(FIX, 'pdf', 'nrw-18-14087-libreoffice.pdf'));
    for (let i = 0; i < 40; i++) writeFileSync(join(folder, `p-${String(i).padStart(2, '0')}.pdf`), Buffer.concat([pdf, Buffer.from(`\n% copy ${i}\n`)]));
    // Started before the run (a node process takes a while to start on a busy machine); takes the write
    // lock when told, between two documents, and keeps it 1.2 s: longer than the busy time-out (0.6 s),
    // shorter than the wait to record the run (2.4 s).
    const holder = spawn(process.execPath, ['-e', `
      const D = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
      process.stdout.write('ready\\n');
      process.stdin.once('data', () => {
        const d = new D(${JSON.stringify(db)}, { timeout: 10000 }); d.exec('BEGIN IMMEDIATE');
        d.exec("INSERT INTO meta (key, value) VALUES ('held', '1')");
        setTimeout(() => { d.exec('ROLLBACK'); process.exit(0); }, 1200);
      });`], { stdio: ['pipe', 'pipe', 'inherit'] });
    const held = new Promise<void>((res) => holder.on('exit', () => res()));
    await new Promise<void>((res) => holder.stdout.once('data', () => res()));
    const r = await cli(['ingest', folder, '--db', db, '--jobs', '1'], { DRUCKSACHEN_TEST_BUSY_MS: '600' }, (_pid, err) => {
      const t = setInterval(() => {
        if (!/^(?:\S+Z )?loaded /m.test(err())) return;
        clearInterval(t);
        holder.stdin.write('go\n');
      }, 20);
    });
    expect([r.code, r.err.slice(-400)]).toEqual([3, expect.stringContaining('[db.busy]')]);
    noStack(r.err);
    expect(r.err.trim().split('\n').pop()).toMatch(/^drucksachen: the run could not complete, writing to the database \S+: pid \d+ \(node\) kept the database busy past the busy time-out \(database is locked\) \[db\.busy\]; what was loaded before stays, the run is recorded as interrupted$/);
    await held;
    const d = openDb(db);
    try {
      expect(d.prepare('SELECT status FROM runs').all()).toEqual([{ status: 'interrupted' }]);
      expect(d.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(checkIntegrity(d)).toEqual([]);
      expect(d.prepare("SELECT count(*) AS n FROM meta WHERE key = 'held'").get()).toEqual({ n: 0 });
    } finally {
      d.close();
    }
  });
});

describe('outputs and logs', () => {
  it('a symlink in the CSV folder is replaced, not followed; temporary files of a killed run go', async () => {
    const csv = join(dir, 'links');
    mkdirSync(csv);
    const target = join(dir, 'precious.txt');
    writeFileSync(target, 'do not overwrite');
    symlinkSync(target, join(csv, 'v_documents.csv'));
    writeFileSync(join(csv, '.v_questions.csv.tmp-4242-abc'), 'left by a killed run');
    const r = await cli(['ingest', join(FIX, 'text', GOOD[0]), '--db', join(dir, 'links.sqlite'), '--csv', csv, '--quiet']);
    expect(r.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('do not overwrite');
    expect(lstatSync(join(csv, 'v_documents.csv')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(csv, 'v_documents.csv'), 'utf8')).toMatch(/^source_path,/);
    expect(readdirSync(csv).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('log lines escape newlines and terminal escapes in file names', async () => {
    const folder = join(dir, 'names');
    mkdirSync(folder);
    const evil = 'evil\nloaded fake.txt\x1b[31m.txt';
    writeFileSync(join(folder, evil), '');
    const r = await cli(['ingest', folder, '--db', join(dir, 'names.sqlite')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`failed ${folder}/evil\\nloaded fake.txt\\x1b[31m.txt: empty file (0 bytes)`);
    expect(r.err).not.toContain('\x1b');
    expect(r.err.split('\n').filter((l) => /^(?:\S+Z )?loaded/.test(l))).toEqual([]);
  });

  for (const cmd of ['ingest', 'watch'] as const) {
    it(`a second SIGINT stops ${cmd} at once with exit 130, the run recorded as interrupted`, async () => {
      const folder = goodInputs(join(dir, `twice-${cmd}`));
      for (const p of ['b', 'c']) for (const f of GOOD) writeFileSync(join(folder, `${p}-${f}`), `${readFileSync(join(folder, f), 'utf8')}\n${p}\n`); // a batch longer than what is in hand
      const db = join(dir, `twice-${cmd}.sqlite`);
      // Two readers: two documents are in hand when the first signal comes, so the second comes while one is written.
      const args = cmd === 'ingest' ? ['ingest', folder, '--db', db, '--jobs', '2'] : ['watch', folder, '--db', db, '--jobs', '2', '--every', '100ms'];
      const r = await cli(args, { DRUCKSACHEN_TEST_LOAD_DELAY_MS: '2500' }, (pid, err) => {
        let sent = 0;
        const kill = () => {
          try {
            process.kill(pid, 'SIGINT');
          } catch {
            // it ended already: the assertions below say so
          }
        };
        // The first once a document is loaded; the second once the first is acknowledged, while the
        // document in hand is still being written (2.5 s per document transaction).
        const t = setInterval(() => {
          if (sent === 0 && /^(?:\S+Z )?loaded /m.test(err())) {
            sent = 1;
            kill();
          } else if (sent === 1 && /stopping after the current document/.test(err())) {
            sent = 2;
            clearInterval(t);
            kill();
          }
        }, 20);
      });
      expect(r.code).toBe(130);
      expect(r.err).toContain('drucksachen: SIGINT again: stopping now');
      noStack(r.err);
      const d = openDb(db);
      try {
        expect(d.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(d.prepare('SELECT status FROM runs').all()).toEqual([{ status: 'interrupted' }]);
        expect(d.prepare('SELECT count(*) AS n FROM locks').get()).toEqual({ n: 0 });
      } finally {
        d.close();
      }
    });
  }
});
