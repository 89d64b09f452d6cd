// Running ingest again on unchanged inputs changes nothing and is fast (the
// bytes are hashed, nothing is parsed); --reparse and a new parser version
// read sources again in place; repeats, resolved path problems and failures
// that may pass on another try are handled.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { ingest, type IngestOptions } from '../src/commands/ingest.js';
import { openDb } from '../src/load/db.js';
import { checkIntegrity } from '../src/run/integrity.js';
import { pathKey } from '../src/run/plain.js';
import { sequentialProcessor } from '../src/run/pool.js';
import type { Processor } from '../src/run/types.js';
import { dumpDb, dumpViews } from './support/testing.js';
import { PdfWriter } from './support/pdf-writer.js';

const FIX = join(__dirname, 'fixtures');
const quiet = { out() {}, err() {} };
let dir: string;
let pdfs: string;

function generated(n: number, pages: number): Uint8Array {
  const w = new PdfWriter({ info: { Title: `Testdokument ${n}` } });
  for (let p = 1; p <= pages; p++) {
    const page = w.page();
    page.text(72, 60, `LANDTAG NORDRHEIN-WESTFALEN   Drucksache 18/${9000 + n}   Seite ${p}`, { size: 9 });
    for (let l = 0; l < 30; l++) page.text(72, 90 + l * 22, `Absatz ${l + 1}: Die Landesregierung beantwortet die Kleine Anfrage ${n} wie folgt.`, { size: 10 });
  }
  return w.toBytes();
}

const opts = (db: string, o: Partial<IngestOptions> = {}): IngestOptions => ({ db, csvDialect: 'rfc4180', jobs: 1, reparse: false, quiet: true, ...o });
const dump = (db: string) => {
  const d = openDb(db);
  try {
    return dumpDb(d);
  } finally {
    d.close();
  }
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'idempotent-'));
  pdfs = join(dir, 'pdfs');
  mkdirSync(pdfs);
  for (const f of readdirSync(join(FIX, 'bad')).filter((f) => f.startsWith('sample-'))) copyFileSync(join(FIX, 'bad', f), join(pdfs, f));
  for (let n = 1; n <= 2; n++) writeFileSync(join(pdfs, `generated-${n}.pdf`), generated(n, 4));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('idempotent ingest', () => {
  // Speed is measured by `npm run bench` (as a ratio), never asserted here: this
  // test pins the behaviour that makes the re-run fast — nothing is read again.
  it('a second run over unchanged PDFs changes nothing and extracts nothing', async () => {
    const db = join(dir, 'speed.sqlite');
    const extracted: string[] = [];
    const spy = (): Processor => {
      const inner = sequentialProcessor();
      return (paths, jobs, onResult, ctx) => {
        extracted.push(...paths);
        return inner(paths, jobs, onResult, ctx);
      };
    };
    const first = await ingest([pdfs], opts(db), quiet, spy());
    expect(extracted.length).toBe(5);
    const before = dump(db);
    extracted.length = 0;
    const second = await ingest([pdfs], opts(db), quiet, spy());
    expect(first).toMatchObject({ seen: 5, loaded: 5, skipped: 0, failed: 0 });
    expect(second).toMatchObject({ seen: 5, loaded: 0, skipped: 5, failed: 0 });
    expect(extracted).toEqual([]);
    expect(dump(db)).toEqual(before);
  });

  it('--reparse reads every source again in place: same sources, same content, no duplicates', async () => {
    const db = join(dir, 'reparse.sqlite');
    const inputs = [join(pdfs, 'sample-18-14087.pdf'), join(FIX, 'text')];
    await ingest(inputs, opts(db), quiet, sequentialProcessor());
    const before = dump(db);
    const d = openDb(db);
    const views = dumpViews(d);
    d.close();
    const again = await ingest(inputs, opts(db, { reparse: true }), quiet, sequentialProcessor());
    expect(again).toMatchObject({ seen: 4, loaded: 4, skipped: 0 });
    const after = dump(db);
    expect(after.sources).toEqual(before.sources); // same ids: each source keeps its place among versions
    const e = openDb(db);
    expect(dumpViews(e)).toEqual(views);
    expect(checkIntegrity(e)).toEqual([]);
    e.close();
  });

  it('a source loaded by an older parser version is read again; the others are skipped', async () => {
    const db = join(dir, 'older.sqlite');
    await ingest([join(FIX, 'text')], opts(db), quiet, sequentialProcessor());
    const d = openDb(db);
    d.prepare("UPDATE sources SET parser_version = '0.0.1+p0' WHERE path LIKE '%nrw-18-13528.txt'").run();
    d.close();
    let err = '';
    const sum = await ingest([join(FIX, 'text')], opts(db, { quiet: false }), { out() {}, err: (s) => void (err += s) }, sequentialProcessor());
    expect(sum).toMatchObject({ seen: 3, loaded: 1, skipped: 2 });
    expect(err).toContain(`loaded ${join(FIX, 'text', 'nrw-18-13528.txt')}`);
    const e = openDb(db);
    expect(e.prepare('SELECT DISTINCT parser_version FROM sources').all()).toHaveLength(1);
    e.close();
  });

  it('the same bytes under two names are one source; the second is skipped and says why', async () => {
    const twins = join(dir, 'twins');
    mkdirSync(twins);
    copyFileSync(join(FIX, 'text', 'nrw-18-14087.txt'), join(twins, 'a.txt'));
    copyFileSync(join(FIX, 'text', 'nrw-18-14087.txt'), join(twins, 'b.txt'));
    let err = '';
    const db = join(dir, 'twins.sqlite');
    const sum = await ingest([twins], opts(db, { quiet: false }), { out() {}, err: (s) => void (err += s) }, sequentialProcessor());
    expect(sum).toMatchObject({ seen: 2, loaded: 1, skipped: 1 });
    expect(err).toContain(`skipped ${join(twins, 'b.txt')} (same bytes as ${join(twins, 'a.txt')})`);
    // --reparse does not load the twin over the first either.
    await ingest([twins], opts(db, { reparse: true }), quiet, sequentialProcessor());
    const d = openDb(db);
    expect(d.prepare('SELECT path FROM sources').all()).toEqual([{ path: join(twins, 'a.txt') }]);
    d.close();
  });

  it('a path that was missing and is there now: its failed row goes', async () => {
    const db = join(dir, 'late.sqlite');
    const late = join(dir, 'late');
    const code1 = await main(['ingest', late, '--db', db, '--jobs', '1', '--quiet'], quiet);
    expect(code1).toBe(1);
    let d = openDb(db);
    expect(d.prepare('SELECT sha256, status, error FROM sources').all()).toEqual([{ sha256: pathKey(late), status: 'failed', error: 'no such file or folder' }]);
    d.close();
    mkdirSync(late);
    copyFileSync(join(FIX, 'text', 'nrw-18-13528.txt'), join(late, 'x.txt'));
    const code2 = await main(['ingest', late, '--db', db, '--jobs', '1', '--quiet'], quiet);
    expect(code2).toBe(0);
    d = openDb(db);
    expect(d.prepare('SELECT path, status FROM sources').all()).toEqual([{ path: join(late, 'x.txt'), status: 'ok' }]);
    d.close();
  });

  it('a time-out costs once: not read again until its back-off is over or with --retry-failed; a real failure never', async () => {
    const db = join(dir, 'retry.sqlite');
    const folder = join(dir, 'retry');
    mkdirSync(folder);
    copyFileSync(join(FIX, 'bad', 'sample-18-14087.pdf'), join(folder, 'slow.pdf'));
    writeFileSync(join(folder, 'empty.txt'), '');
    await ingest([folder], opts(db, { timeoutMs: 1 }), quiet, sequentialProcessor());
    let d = openDb(db);
    expect(d.prepare('SELECT substr(path, -9) AS p, status, substr(error, 1, 9) AS e, error_code, attempts, retry_after > loaded_at AS later FROM sources ORDER BY path').all()).toEqual([
      { p: 'empty.txt', status: 'failed', e: 'empty fil', error_code: 'input.empty', attempts: null, later: null },
      { p: '/slow.pdf', status: 'failed', e: 'timed out', error_code: 'limit.time', attempts: 1, later: 1 },
    ]);
    d.close();
    let log = '';
    const again = await ingest([folder], opts(db, { quiet: false }), { out() {}, err: (s) => void (log += s) }, sequentialProcessor());
    expect(again).toMatchObject({ seen: 2, loaded: 0, failed: 2 });
    expect(log).toMatch(/failed \S*slow\.pdf: timed out.*\[limit\.time, .*attempt 1; next try after .*, or with --retry-failed\]/);
    const sum = await ingest([folder], opts(db, { quiet: false, retryFailed: true }), { out() {}, err: (s) => void (log += s) }, sequentialProcessor());
    expect(sum).toMatchObject({ seen: 2, loaded: 1, failed: 1 });
    expect(log).toMatch(/reading again \S*slow\.pdf: failed before \(limit\.time, .*\); --retry-failed/);
    d = openDb(db);
    expect(d.prepare("SELECT status FROM sources WHERE path LIKE '%slow.pdf'").get()).toEqual({ status: 'ok' });
    expect(checkIntegrity(d)).toEqual([]);
    d.close();
  });

  it('a file renamed between runs is recognised by its bytes', async () => {
    const db = join(dir, 'rename.sqlite');
    const folder = join(dir, 'rename');
    mkdirSync(folder);
    writeFileSync(join(folder, 'old-name.txt'), readFileSync(join(FIX, 'text', 'nrw-18-14087.txt')));
    await ingest([folder], opts(db), quiet, sequentialProcessor());
    renameSync(join(folder, 'old-name.txt'), join(folder, 'new-name.txt'));
    const sum = await ingest([folder], opts(db), quiet, sequentialProcessor());
    expect(sum).toMatchObject({ seen: 1, loaded: 0, skipped: 1 });
  });
});
