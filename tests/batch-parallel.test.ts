// --jobs N: worker threads read, the main thread writes. The database must be
// identical to the one of a sequential run; timeouts and crashed threads
// become failed inputs with a reason, and the batch goes on.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, type IngestOptions } from '../src/commands/ingest.js';
import type { DocFile } from '../src/model.js';
import { openDb } from '../src/load/db.js';
import { checkIntegrity } from '../src/run/integrity.js';
import { poolProcessor, sequentialProcessor, workerFile } from '../src/run/pool.js';
import { dumpDb, ensureBuilt } from './support/testing.js';
import { timeoutReason } from '../src/run/types.js';

const FIX = join(__dirname, 'fixtures');
const quiet = { out() {}, err() {} };
let dir: string;
let inputs: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'parallel-'));
  inputs = join(dir, 'in');
  mkdirSync(join(inputs, 'sub'), { recursive: true });
  for (const f of readdirSync(join(FIX, 'text'))) copyFileSync(join(FIX, 'text', f), join(inputs, f));
  for (const f of readdirSync(join(FIX, 'portal'))) copyFileSync(join(FIX, 'portal', f), join(inputs, f));
  for (const f of ['sample-17-10116.pdf', 'sample-18-14087.pdf']) copyFileSync(join(FIX, 'bad', f), join(inputs, f));
  // Versions of one Drucksache, a repeat, and a bad input among them.
  const seed = readFileSync(join(FIX, 'text', 'nrw-17-10116.txt'), 'utf8').replace(/^\n\n/, '\n');
  writeFileSync(join(inputs, 'sub', 'a-17-10116.txt'), `LANDTAG NORDRHEIN-WESTFALEN\nDrucksache 17/10116\n17. Wahlperiode\n${seed}`);
  writeFileSync(join(inputs, 'sub', 'b-17-10116-neudruck.txt'), `LANDTAG NORDRHEIN-WESTFALEN\nDrucksache 17/10116\n17. Wahlperiode\nNeudruck\n${seed}`);
  copyFileSync(join(FIX, 'text', 'nrw-18-14087.txt'), join(inputs, 'sub', 'copy.txt'));
  writeFileSync(join(inputs, 'sub', 'empty.pdf'), '');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opts = (db: string, jobs: number): IngestOptions => ({ db, csvDialect: 'rfc4180', jobs, reparse: false, quiet: true });

describe('parallel ingest', () => {
  it('loads exactly what the sequential run loads', async () => {
    expect(existsSync(workerFile())).toBe(true); // else the pool would fall back to the main thread
    const seqDb = join(dir, 'seq.sqlite');
    const parDb = join(dir, 'par.sqlite');
    const seq = await ingest([inputs, join(dir, 'missing.pdf')], opts(seqDb, 1), quiet, sequentialProcessor());
    const par = await ingest([inputs, join(dir, 'missing.pdf')], opts(parDb, 2), quiet, poolProcessor());
    expect(par).toEqual(seq);
    expect(seq).toMatchObject({ seen: 15, loaded: 12, skipped: 1, failed: 2 });
    const a = openDb(seqDb);
    const b = openDb(parDb);
    try {
      expect(dumpDb(b)).toEqual(dumpDb(a));
      expect(checkIntegrity(b)).toEqual([]);
      const runs = b.prepare('SELECT command, jobs, status, files_seen, loaded, skipped, failed FROM runs').all();
      expect(runs).toEqual([{ command: 'ingest', jobs: 2, status: 'done', files_seen: 15, loaded: 12, skipped: 1, failed: 2 }]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('turns a file that takes too long into a failed input with the reason, and goes on', async () => {
    const pdf = join(inputs, 'sample-17-10116.pdf');
    const txt = join(inputs, 'nrw-18-14087.txt');
    const got: DocFile[] = [];
    // pdf.js is loaded on the first PDF: far longer than 5 ms.
    await poolProcessor({ timeoutMs: 5 })([pdf, txt], 2, (f) => got.push(f));
    expect(got.map((f) => f.path)).toEqual([pdf, txt]);
    expect(got[0]).toMatchObject({ status: 'failed', error: 'timed out: reading the file took longer than 5 ms (damaged, or unusually large); it was given up' });
    expect(got[0].error).toBe(timeoutReason(5));
    expect(got[0].sha256).toMatch(/^[0-9a-f]{64}$/); // identified by its bytes all the same
  });

  it('survives threads that crash or run out of memory', async () => {
    // A stand-in reader: crashes on "crash", eats memory on "oom", else reads nothing.
    const fake = join(dir, 'fake-worker.mjs');
    writeFileSync(fake, `
      import { parentPort } from 'node:worker_threads';
      parentPort.postMessage({ ready: true });
      parentPort.on('message', ({ id, path }) => {
        if (path.includes('crash')) throw new Error('boom');
        if (path.includes('oom')) { const keep = []; for (;;) keep.push(new Array(1e5).fill({ x: Math.random() })); }
        parentPort.postMessage({ id, file: { path, sha256: 'x' + id, size: 1, kind: 'text', parserVersion: 't', messages: [], status: 'ok', error: null } });
      });`);
    const paths = ['a.txt', 'crash.txt', 'b.txt', 'oom.txt', 'c.txt'].map((p) => join(dir, p));
    for (const p of paths) writeFileSync(p, p);
    const got: DocFile[] = [];
    await poolProcessor({ workerFile: fake, maxHeapMb: 32 })(paths, 2, (f) => got.push(f));
    expect(got.map((f) => [f.path.slice(dir.length + 1), f.status, f.error])).toEqual([
      ['a.txt', 'ok', null],
      ['crash.txt', 'failed', 'the reader crashed: boom'],
      ['b.txt', 'ok', null],
      ['oom.txt', 'failed', 'the reader ran out of memory (limit 32 MB): the file is too large or damaged'],
      ['c.txt', 'ok', null],
    ]);
  });

  it('stops taking new files when aborted, and delivers the ones in flight', async () => {
    const stop = new AbortController();
    const some = readdirSync(inputs).filter((f) => f.endsWith('.txt') || f.endsWith('.html')).map((f) => join(inputs, f));
    const files = [...some, ...some, ...some, ...some];
    const got: string[] = [];
    await poolProcessor()(files, 2, (f) => {
      got.push(f.path);
      stop.abort();
    }, { signal: stop.signal });
    // At most the window of files read ahead (4 per thread, at least 8) and the ones in flight.
    expect(got.length).toBeGreaterThanOrEqual(1);
    expect(got.length).toBeLessThanOrEqual(8 + 2);
    expect(got).toEqual(files.slice(0, got.length)); // in order, no gaps
  });
});
