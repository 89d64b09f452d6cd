// An operator's day: --quiet prints nothing when nothing went wrong (cron mails
// only failures); log lines carry an ISO timestamp.
import { mkdtempSync, writeFileSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, TEXT } from './support/look-db.js';

describe('--quiet and log lines', () => {
  it('nothing at all for a run without failures, the failure and the summary for one with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drucksachen-quiet-'));
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    copyFileSync(join(TEXT, 'nrw-18-14087.txt'), join(inputs, 'a.txt'));
    const db = join(dir, 'd.sqlite');
    expect(await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet', '--csv', join(dir, 'csv'))).toEqual({ code: 0, out: '', err: '' });
    expect(await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet')).toEqual({ code: 0, out: '', err: '' });
    expect(await cli('export', '--db', db, '--out', join(dir, 'x'), '--quiet')).toEqual({ code: 0, out: '', err: '' });
    expect(await cli('report', join(dir, 'site'), '--db', db, '--quiet')).toEqual({ code: 0, out: '', err: '' });
    writeFileSync(join(inputs, 'empty.txt'), '');
    const bad = await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet');
    expect(bad.code).toBe(1);
    const lines = bad.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z failed .*empty\.txt: /);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z 2 files: 0 loaded \(0 partial\), 1 skipped \(unchanged\), 1 failed/);
  });
});

describe('--quiet and inputs that failed before', () => {
  it('reports a known-bad unchanged input once, not on every run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiet-once-'));
    try {
      writeFileSync(join(dir, 'empty.txt'), '');
      const db = join(dir, 'q.sqlite');
      const run = async () => {
        let err = '';
        const code = await main(['ingest', dir, '--db', db, '--quiet', '--jobs', '1'], { out() {}, err: (s) => void (err += s) });
        return { code, err };
      };
      const first = await run();
      expect(first.code).toBe(1);
      expect(first.err).toContain('empty file (0 bytes)');
      const second = await run();
      expect(second.code).toBe(1); // still a failed input (the exit code says so)
      expect(second.err).toBe(''); // but nothing for cron to mail again
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
