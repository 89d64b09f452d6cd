// `watch <dir>`: new and changed files are picked up, files still being copied
// wait until size and mtime hold still over two polls, bad files do not stop
// it, and SIGINT / SIGTERM stop it cleanly (exit 0) after the current document.
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchCommand } from '../src/commands/watch.js';
import { openDb } from '../src/load/db.js';
import { sha256Of } from '../src/pipeline.js';
import { checkIntegrity } from '../src/run/integrity.js';
import { sequentialProcessor } from '../src/run/pool.js';
import { CLI, ensureBuilt } from './support/testing.js';
import type { WatchOptions } from '../src/cli/options.js';

/** The user's options with the CLI's defaults. */
const options = (o: Partial<WatchOptions> & { db: string; everyMs: number }): WatchOptions =>
  ({ csvDialect: 'rfc4180', jobs: 1, reparse: false, quiet: true, ...o });

const FIX = join(__dirname, 'fixtures');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'watch-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function query<T>(db: string, sql: string, ...args: unknown[]): T[] {
  try {
    const d = openDb(db);
    try {
      return d.prepare(sql).all(...args) as T[];
    } finally {
      d.close();
    }
  } catch {
    return [];
  }
}

async function waitFor(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('watch', () => {
  it('picks up new and changed files, waits for files being copied, goes on after bad ones', async () => {
    const folder = join(dir, 'inbox');
    mkdirSync(folder);
    const db = join(dir, 'watch.sqlite');
    copyFileSync(join(FIX, 'text', 'nrw-18-13528.txt'), join(folder, 'a.txt'));
    const stop = new AbortController();
    const cycles: number[] = [];
    let err = '';
    const running = watchCommand(folder, options({ db, everyMs: 150, quiet: false }),
      { out() {}, err: (s) => void (err += s) }, { processor: sequentialProcessor(), signal: stop.signal, onCycle: (c: number) => cycles.push(c) });
    const paths = () => query<{ path: string; status: string; sha256: string }>(db, 'SELECT path, status, sha256 FROM sources ORDER BY id');
    await waitFor('a.txt', () => paths().length === 1);

    // A file being copied slowly: it grows for about a second; only the whole file is read.
    const full = readFileSync(join(FIX, 'text', 'nrw-18-14087.txt'));
    const b = join(folder, 'b.txt');
    const chunks = 16;
    for (let i = 0; i < chunks; i++) {
      const part = full.subarray(Math.floor((i * full.length) / chunks), Math.floor(((i + 1) * full.length) / chunks));
      if (i === 0) writeFileSync(b, part);
      else appendFileSync(b, part);
      await sleep(60);
    }
    await waitFor('b.txt', () => paths().some((p) => p.path === b));
    expect(paths().filter((p) => p.path === b)).toEqual([{ path: b, status: 'ok', sha256: sha256Of(full) }]);

    // A bad file: recorded as failed, and the watch goes on.
    writeFileSync(join(folder, 'broken.pdf'), '%PDF-1.4 nothing else');
    copyFileSync(join(FIX, 'portal', 'portal-detail.html'), join(folder, 'c.html'));
    await waitFor('broken.pdf and c.html', () => paths().length === 4);
    expect(paths().map((p) => [p.path.slice(folder.length + 1), p.status])).toEqual([['a.txt', 'ok'], ['b.txt', 'ok'], ['broken.pdf', 'failed'], ['c.html', 'ok']]);

    // Nothing new: cycles go by without runs (and the bad file is not read again).
    const runs = () => query<{ n: number }>(db, 'SELECT count(*) AS n FROM runs')[0]?.n ?? 0;
    const before = runs();
    const c0 = cycles.length;
    await waitFor('three idle cycles', () => cycles.length >= c0 + 3);
    expect(runs()).toBe(before);

    // A changed file is a new source (a new version of its document).
    appendFileSync(join(folder, 'a.txt'), '\n');
    await waitFor('changed a.txt', () => paths().length === 5);

    stop.abort();
    expect(await running).toBe(0);
    expect(err).toContain(`watching ${folder} every 150ms into ${db}`);
    expect(err).toMatch(/watch stopped\n$/);
    const d = openDb(db);
    try {
      expect(checkIntegrity(d)).toEqual([]);
      const r = d.prepare('SELECT DISTINCT command, status FROM runs').all();
      expect(r).toEqual([{ command: 'watch', status: 'done' }]);
      expect(d.prepare("SELECT version, is_current FROM v_documents WHERE drucksache = '18/13528' ORDER BY version").all())
        .toEqual([{ version: 1, is_current: 0 }, { version: 2, is_current: 1 }]);
    } finally {
      d.close();
    }
  });

  it('stops after maxCycles, and refuses a folder that is not there (exit 2)', async () => {
    const folder = join(dir, 'empty');
    mkdirSync(folder);
    expect(await watchCommand(folder, options({ db: join(dir, 'e.sqlite'), everyMs: 10 }), { out() {}, err() {} }, { maxCycles: 3 })).toBe(0);
    let err = '';
    expect(await watchCommand(join(dir, 'nope'), options({ db: join(dir, 'e.sqlite'), everyMs: 10 }), { out() {}, err: (s) => void (err += s) })).toBe(2);
    expect(err).toBe(`drucksachen: cannot watch ${join(dir, 'nope')}: no such folder\n`);
  });

  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    it(`the CLI stops cleanly on ${sig} after the current document (exit 0)`, async () => {
      const folder = join(dir, `cli-${sig}`);
      mkdirSync(folder);
      for (const f of ['nrw-17-10116.txt', 'nrw-18-13528.txt', 'nrw-18-14087.txt']) {
        copyFileSync(join(FIX, 'text', f), join(folder, f));
        // A second copy with other bytes: the reader thread works ahead of the writer, so the batch must be longer than what is in hand.
        writeFileSync(join(folder, `b-${f}`), `${readFileSync(join(FIX, 'text', f), 'utf8')}\n`);
      }
      const db = join(dir, `cli-${sig}.sqlite`);
      const child = spawn(process.execPath, [CLI, 'watch', folder, '--db', db, '--every', '200ms', '--jobs', '1'], {
        env: { ...process.env, DRUCKSACHEN_TEST_LOAD_DELAY_MS: '300' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (b) => (err += b));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      await waitFor('the first document', () => (query<{ n: number }>(db, 'SELECT count(*) AS n FROM sources')[0]?.n ?? 0) >= 1);
      child.kill(sig);
      expect(await exited).toBe(0);
      expect(err).toContain(`drucksachen: ${sig}: stopping after the current document`);
      expect(err).toMatch(/stopped early: \d files: /);
      const d = openDb(db);
      try {
        expect(checkIntegrity(d)).toEqual([]);
        const n = (d.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
        expect(n).toBeGreaterThanOrEqual(1);
        expect(n).toBeLessThan(6); // it did not go on with the batch
        expect(d.prepare('SELECT status FROM runs').all()).toEqual([{ status: 'interrupted' }]);
        expect(d.prepare('SELECT count(*) AS n FROM locks').get()).toEqual({ n: 0 });
      } finally {
        d.close();
      }
    });
  }
});
