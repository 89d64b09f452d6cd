// One options module: flags → typed options with the defaults in one place;
// ingest and watch share the run options and the --jobs cap.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/args.js';
import { DEFAULTS, ingestArgs, jobsFor, MAX_JOBS_PER_CORE, tablesArgs, watchArgs } from '../src/cli/options.js';

describe('options', () => {
  it('ingest: typed values and the defaults', () => {
    const warn: string[] = [];
    const { paths, options } = ingestArgs(['a', 'b', '--csv', 'out', '--timeout', '30s', '--reparse'], (s) => warn.push(s));
    expect(paths).toEqual(['a', 'b']);
    expect(options).toEqual({ db: DEFAULTS.db, csv: 'out', csvDialect: 'rfc4180', jobs: availableParallelism(), reparse: true, quiet: false, timeoutMs: 30_000, retryFailed: false });
    expect(warn).toEqual([]);
  });

  it('watch has the same --jobs cap as ingest, and --every', () => {
    const big = String(availableParallelism() * MAX_JOBS_PER_CORE + 5);
    const warnIngest: string[] = [];
    const warnWatch: string[] = [];
    const ingest = ingestArgs(['a', '--jobs', big], (s) => warnIngest.push(s)).options;
    const watch = watchArgs(['dir', '--jobs', big, '--every', '5m'], (s) => warnWatch.push(s)).options;
    expect(watch.jobs).toBe(availableParallelism() * MAX_JOBS_PER_CORE);
    expect(watch.jobs).toBe(ingest.jobs);
    expect(warnWatch).toEqual(warnIngest);
    expect(warnWatch[0]).toMatch(/--jobs \d+ is more than this machine can use/);
    expect(watch.everyMs).toBe(300_000);
    expect(watchArgs(['dir'], () => undefined).options.everyMs).toBe(DEFAULTS.everyMs);
  });

  it('jobsFor: the cores when not asked, the ask when it fits', () => {
    expect(jobsFor(undefined, () => undefined, 4)).toBe(4);
    expect(jobsFor(3, () => undefined, 4)).toBe(3);
    expect(jobsFor(100, () => undefined, 4)).toBe(8);
  });

  it('tables: pages, stitch, json/csv', () => {
    expect(tablesArgs(['x.pdf', '--pages', '1,3-4', '--no-stitch']).options).toEqual({ pageRanges: [[1, 1], [3, 4]], stitch: false, json: false, csv: undefined });
    expect(() => tablesArgs(['x.pdf', '--json', '--csv', '1'])).toThrow(UsageError);
    expect(() => watchArgs([], () => undefined)).toThrow(/exactly one folder/);
  });
});
