// Progress: a live line on a terminal (files, pages, failures, ETA), plain log
// lines otherwise, --quiet prints only failures and the summary; the runs
// table records each run.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, type IngestOptions } from '../src/commands/ingest.js';
import { Progress } from '../src/commands/progress.js';
import { openDb } from '../src/load/db.js';
import type { DocFile } from '../src/model.js';
import { sequentialProcessor } from '../src/run/pool.js';
import { PARSER_VERSION } from '../src/version.js';
import { docFile } from './support/docfile.js';

const FIX = join(__dirname, 'fixtures');
let dir: string;
let inputs: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'progress-'));
  inputs = join(dir, 'in');
  mkdirSync(inputs);
  copyFileSync(join(FIX, 'text', 'nrw-18-13528.txt'), join(inputs, 'a.txt'));
  copyFileSync(join(FIX, 'text', 'nrw-18-14087.txt'), join(inputs, 'b.txt'));
  writeFileSync(join(inputs, 'c.pdf'), '');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opts = (db: string, quiet: boolean): IngestOptions => ({ db, csvDialect: 'rfc4180', jobs: 1, reparse: false, quiet });
const capture = (tty: boolean) => {
  let text = '';
  return { io: { out() {}, err: (s: string) => void (text += s), tty }, text: () => text };
};

const doc = (path: string, status: 'ok' | 'failed', pages: number): DocFile => docFile({
  path, sha256: 'x', size: 1, kind: 'pdf', parserVersion: PARSER_VERSION, messages: [], status, error: status === 'failed' ? 'corrupt PDF: broken' : null,
  layout: { kind: 'pdf', pages: Array.from({ length: pages }, (_, i) => ({ number: i + 1, width: 1, height: 1, rotation: 0, lines: [], rulings: [], rects: [] })) },
});

describe('progress', () => {
  it('on a terminal: one live line with files, pages, failures and ETA; failures stay on screen', () => {
    let now = 0;
    const c = capture(true);
    const p = new Progress(c.io, 4, false, () => now);
    p.reading(4);
    now = 2000;
    p.done(doc('/x/a.pdf', 'ok', 3), 'ok');
    now = 4000;
    p.done(doc('/x/b.pdf', 'failed', 0), 'failed');
    expect(p.line()).toBe('[2/4 files 50%] 3 pages, 1 failed, ETA 4s');
    now = 6000;
    p.finish({ seen: 2, loaded: 1, skipped: 0, failed: 1, partial: 0 });
    expect(c.text()).toBe(
      '\r\x1b[K[1/4 files 25%] 3 pages, 0 failed, ETA 6s' +
        '\r\x1b[Kfailed /x/b.pdf: corrupt PDF: broken\n' +
        '\r\x1b[K[2/4 files 50%] 3 pages, 1 failed, ETA 4s' +
        '\r\x1b[K' +
        '2 files: 1 loaded (0 partial), 0 skipped (unchanged), 1 failed, 3 pages in 6.0s\n',
    );
  });

  it('in a log: one plain line per file and the summary', async () => {
    const c = capture(false);
    const sum = await ingest([inputs], opts(join(dir, 'log.sqlite'), false), c.io, sequentialProcessor());
    expect(sum).toMatchObject({ seen: 3, loaded: 2, failed: 1 });
    const raw = c.text().split('\n');
    // every line starts with an ISO timestamp (cron mails, log files)
    expect(raw.slice(0, -1).every((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /.test(l))).toBe(true);
    const lines = raw.map((l) => l.replace(/^\S+Z /, ''));
    expect(lines).toEqual([
      `loaded ${join(inputs, 'a.txt')} (3 pages)`,
      `loaded ${join(inputs, 'b.txt')} (3 pages)`,
      `failed ${join(inputs, 'c.pdf')}: empty file (0 bytes)`,
      expect.stringMatching(/^3 files: 2 loaded \(0 partial\), 0 skipped \(unchanged\), 1 failed, 6 pages in \d+\.\ds$/),
      '',
    ]);
  });

  it('--quiet: only the failures and the summary', async () => {
    const c = capture(true);
    await ingest([inputs], opts(join(dir, 'quiet.sqlite'), true), c.io, sequentialProcessor());
    expect(c.text()).toMatch(new RegExp(`^failed ${join(inputs, 'c.pdf').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: empty file \\(0 bytes\\)\\n3 files: 2 loaded \\(0 partial\\), 0 skipped \\(unchanged\\), 1 failed, 6 pages in \\d+\\.\\ds\\n$`));
  });

  it('the runs table records each run', async () => {
    const db = join(dir, 'runs.sqlite');
    const t0 = new Date().toISOString();
    await ingest([inputs], opts(db, true), capture(false).io, sequentialProcessor());
    await ingest([inputs], { ...opts(db, true), jobs: 2 }, capture(false).io, sequentialProcessor());
    const d = openDb(db);
    const runs = d.prepare('SELECT * FROM runs ORDER BY id').all() as Record<string, unknown>[];
    d.close();
    expect(runs).toEqual([
      expect.objectContaining({ command: 'ingest', parser_version: PARSER_VERSION, status: 'done', files_seen: 3, loaded: 2, skipped: 0, failed: 1, partial: 0, jobs: 1, pid: process.pid }),
      expect.objectContaining({ command: 'ingest', parser_version: PARSER_VERSION, status: 'done', files_seen: 3, loaded: 0, skipped: 2, failed: 1, partial: 0, jobs: 2 }),
    ]);
    for (const r of runs) {
      expect(String(r.started_at) >= t0).toBe(true);
      expect(String(r.ended_at) >= String(r.started_at)).toBe(true);
    }
  });
});
