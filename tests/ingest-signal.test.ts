// Ctrl-C during `ingest` (the real CLI): the documents in hand are finished, the
// run is recorded as interrupted, the lock is released, exit 130; nothing half-written.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/load/db.js';
import { checkIntegrity } from '../src/run/integrity.js';
import { CLI, ensureBuilt } from './support/testing.js';

const dir = mkdtempSync(join(tmpdir(), 'ingest-signal-'));
const inputs = join(dir, 'in');
const db = join(dir, 'db.sqlite');

beforeAll(() => {
  ensureBuilt();
  mkdirSync(inputs);
  const pdf = readFileSync(join(import.meta.dirname, 'fixtures', 'pdf', 'nrw-18-14087-libreoffice.pdf'));
  // Distinct bytes per file (a comment after %%EOF), so none is skipped as a duplicate.
  for (let i = 0; i < 60; i++) writeFileSync(join(inputs, `copy-${String(i).padStart(2, '0')}.pdf`), Buffer.concat([pdf, Buffer.from(`\n% copy ${i}\n`)]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ingest and SIGINT', () => {
  it('finishes the documents in hand, records the run as interrupted and exits 130', async () => {
    const child = spawn(process.execPath, [CLI, 'ingest', inputs, '--db', db, '--jobs', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (s: string) => {
        err += s;
        if (/^(?:\S+Z )?loaded /m.test(err)) resolve(); // log lines start with an ISO timestamp
      });
    });
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    expect(err).toContain('SIGINT: stopping after the current document');
    expect(err).toMatch(/stopped early: \d+ files: \d+ loaded/);
    const d = openDb(db);
    const run = d.prepare('SELECT status, files_seen, loaded FROM runs').get() as { status: string; files_seen: number; loaded: number };
    const sources = (d.prepare("SELECT count(*) AS n FROM sources WHERE status = 'ok'").get() as { n: number }).n;
    expect(run.status).toBe('interrupted');
    expect([run.loaded, sources]).toEqual([sources, run.files_seen]);
    expect(sources).toBeGreaterThan(0);
    expect(sources).toBeLessThan(60);
    expect(d.prepare('SELECT count(*) AS n FROM locks').get()).toEqual({ n: 0 });
    expect(checkIntegrity(d)).toEqual([]);
    d.close();
  });
});
