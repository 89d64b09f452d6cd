// The options of the commands: flags parsed into typed values, with their
// defaults in one place. ingest and watch share the run options (and the
// --jobs cap); tables has its own. What only tests and embedders set (a stop
// signal, a cycle limit) is not here: it goes in the commands' deps.
import { availableParallelism } from 'node:os';
import { CSV_DIALECTS, type CsvDialect } from '../load/csv.js';
import { parseArgs, parsePageRanges, UsageError, type FlagSpec } from './args.js';

export const DEFAULTS = {
  db: 'output/drucksachen.sqlite',
  csvDialect: 'rfc4180' as CsvDialect,
  /** watch: poll every 10 minutes. */
  everyMs: 600_000,
};

/** More reader threads than twice the cores only cost memory (each loads pdf.js). */
export const MAX_JOBS_PER_CORE = 2;

/** What a user sets for a run of ingest (and of every watch cycle). */
export interface RunOptions {
  db: string;
  csv?: string | undefined;
  csvDialect: CsvDialect;
  jobs: number;
  reparse: boolean;
  quiet: boolean;
  /** Per-file time limit in ms (default: the pipeline's). */
  timeoutMs?: number | undefined;
  /** Read inputs that failed on a limit again now, without waiting for their back-off. */
  retryFailed?: boolean | undefined;
}

export interface WatchOptions extends RunOptions {
  everyMs: number;
}

export interface TablesOptions {
  pages?: number[] | undefined;
  /** --pages as given: clamped to the document's pages. */
  pageRanges?: [number, number][] | undefined;
  stitch: boolean;
  json: boolean;
  csv?: number | undefined;
  /** Time limit of the read in ms (default: the one of ingest). */
  timeoutMs?: number | undefined;
}

export const RUN_FLAGS: Record<string, FlagSpec> = {
  db: { type: 'string', default: DEFAULTS.db },
  csv: { type: 'string' },
  'csv-dialect': { type: 'string', default: DEFAULTS.csvDialect, choices: CSV_DIALECTS },
  jobs: { type: 'int' },
  reparse: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  timeout: { type: 'duration' },
  'retry-failed': { type: 'boolean', default: false },
};

export const WATCH_FLAGS: Record<string, FlagSpec> = { ...RUN_FLAGS, every: { type: 'duration', default: DEFAULTS.everyMs } };

export const TABLES_FLAGS: Record<string, FlagSpec> = {
  pages: { type: 'string' }, stitch: { type: 'boolean', default: true }, json: { type: 'boolean', default: false }, csv: { type: 'int' },
  timeout: { type: 'duration' },
};

export const LAYOUT_FLAGS: Record<string, FlagSpec> = { page: { type: 'int' }, timeout: { type: 'duration' } };

/** --jobs, capped at MAX_JOBS_PER_CORE per core (said on stderr); the number of cores when not given. */
export function jobsFor(asked: number | undefined, warn: (s: string) => void, cores = availableParallelism()): number {
  if (asked === undefined) return cores;
  const max = cores * MAX_JOBS_PER_CORE;
  if (asked > max) {
    warn(`drucksachen: --jobs ${asked} is more than this machine can use; using ${max} (${MAX_JOBS_PER_CORE} per core)\n`);
    return max;
  }
  return asked;
}

// parseArgs checked every flag against its spec (type, choices) and filled the defaults:
// the reads below only give the values their types.
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const bool = (v: unknown): boolean => v === true;

function runOptions(flags: Record<string, unknown>, warn: (s: string) => void): RunOptions {
  return {
    db: str(flags.db) ?? DEFAULTS.db,
    csv: str(flags.csv),
    csvDialect: (str(flags['csv-dialect']) as CsvDialect | undefined) ?? DEFAULTS.csvDialect,
    jobs: jobsFor(num(flags.jobs), warn),
    reparse: bool(flags.reparse),
    quiet: bool(flags.quiet),
    timeoutMs: num(flags.timeout),
    retryFailed: bool(flags['retry-failed']),
  };
}

export function ingestArgs(argv: string[], warn: (s: string) => void): { paths: string[]; options: RunOptions } {
  const { positionals, flags } = parseArgs(argv, RUN_FLAGS);
  if (!positionals.length) throw new UsageError('ingest needs at least one file or folder');
  return { paths: positionals, options: runOptions(flags, warn) };
}

export function watchArgs(argv: string[], warn: (s: string) => void): { dir: string; options: WatchOptions } {
  const { positionals, flags } = parseArgs(argv, WATCH_FLAGS);
  const [dir] = positionals;
  if (positionals.length !== 1 || dir === undefined) throw new UsageError('watch needs exactly one folder');
  return { dir, options: { ...runOptions(flags, warn), everyMs: num(flags.every) ?? DEFAULTS.everyMs } };
}

export function tablesArgs(argv: string[]): { file: string; options: TablesOptions } {
  const { positionals, flags } = parseArgs(argv, TABLES_FLAGS);
  const [file] = positionals;
  if (positionals.length !== 1 || file === undefined) throw new UsageError('tables needs exactly one PDF file');
  if (flags.json && flags.csv !== undefined) throw new UsageError('tables prints either --json or --csv N, not both');
  const pages = str(flags.pages);
  return {
    file,
    options: { pageRanges: pages ? parsePageRanges(pages) : undefined, stitch: bool(flags.stitch), json: bool(flags.json), csv: num(flags.csv), timeoutMs: num(flags.timeout) },
  };
}

export function layoutArgs(argv: string[]): { file: string; page: number | undefined; timeoutMs: number | undefined } {
  const { positionals, flags } = parseArgs(argv, LAYOUT_FLAGS);
  const [file] = positionals;
  if (positionals.length !== 1 || file === undefined) throw new UsageError('layout needs exactly one PDF file');
  return { file, page: num(flags.page), timeoutMs: num(flags.timeout) };
}
