// The options of the commands: flags parsed into typed values, with their
// defaults in one place. ingest and watch share the run options (and the
// --jobs cap); tables has its own. What only tests and embedders set (a stop
// signal, a cycle limit) is not here: it goes in the commands' deps.
import { availableParallelism } from 'node:os';
import { CSV_DIALECTS, type CsvDialect } from '../load/csv.js';
import type { ExportFormat, ExportOptions } from '../commands/export.js';
import type { PruneOptions } from '../commands/prune.js';
import type { ReportOptions } from '../commands/report.js';
import type { SearchOptions } from '../commands/search.js';
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

export const SEARCH_FLAGS: Record<string, FlagSpec> = {
  db: RUN_FLAGS.db, parliament: { type: 'string' }, wp: { type: 'int' }, ministry: { type: 'string' },
  from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'int', default: 20 },
  json: { type: 'boolean', default: false }, 'all-versions': { type: 'boolean', default: false },
};

export const EXPORT_FLAGS: Record<string, FlagSpec> = {
  db: RUN_FLAGS.db, out: { type: 'string', default: 'output/export' },
  format: { type: 'string', default: 'csv', choices: ['csv', 'json', 'ndjson'] },
  'csv-dialect': RUN_FLAGS['csv-dialect'], 'all-versions': { type: 'boolean', default: false },
  metadata: { type: 'string' }, quiet: { type: 'boolean', default: false },
};

export const REPORT_FLAGS: Record<string, FlagSpec> = { db: RUN_FLAGS.db, quiet: { type: 'boolean', default: false } };

export const PRUNE_FLAGS: Record<string, FlagSpec> = {
  db: RUN_FLAGS.db, missing: { type: 'boolean', default: false }, failed: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false },
};

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

// sync's own flags live with the command (loaded only when it runs): they come in as `syncFlags`.
// Its options are read from the flags by the command itself (syncOptions); here only --jobs is capped.

export function syncArgs(argv: string[], syncFlags: Record<string, FlagSpec>, warn: (s: string) => void): { positionals: string[]; flags: Record<string, unknown> } {
  const { positionals, flags } = parseArgs(argv, { ...RUN_FLAGS, ...syncFlags });
  return { positionals, flags: { ...flags, jobs: jobsFor(num(flags.jobs), warn) } };
}

/** `watch --sync <source>`: the sync flags, --sync and --every; no folder. */
export function watchSyncArgs(argv: string[], syncFlags: Record<string, FlagSpec>, warn: (s: string) => void): Record<string, unknown> {
  const { positionals, flags } = parseArgs(argv, { ...RUN_FLAGS, ...syncFlags, sync: { type: 'string' }, every: { type: 'duration', default: DEFAULTS.everyMs } });
  if (positionals.length) throw new UsageError('watch --sync takes no folder (the files go to --into)');
  return { ...flags, jobs: jobsFor(num(flags.jobs), warn) };
}

export function searchArgs(argv: string[]): { query: string; options: SearchOptions } {
  const { positionals, flags } = parseArgs(argv, SEARCH_FLAGS);
  const [query] = positionals;
  if (positionals.length !== 1 || query === undefined) throw new UsageError('search needs exactly one query (quote it: drucksachen search "a b")');
  return {
    query,
    options: {
      db: str(flags.db) ?? DEFAULTS.db, parliament: str(flags.parliament), wp: num(flags.wp), ministry: str(flags.ministry),
      from: str(flags.from), to: str(flags.to), limit: num(flags.limit) ?? 20, json: bool(flags.json), allVersions: bool(flags['all-versions']),
    },
  };
}

export function exportArgs(argv: string[]): ExportOptions {
  const { positionals, flags } = parseArgs(argv, EXPORT_FLAGS);
  if (positionals.length) throw new UsageError('export takes no files (it writes the database as it is; see --out)');
  return {
    db: str(flags.db) ?? DEFAULTS.db, out: str(flags.out) ?? 'output/export', format: (str(flags.format) ?? 'csv') as ExportFormat,
    csvDialect: (str(flags['csv-dialect']) as CsvDialect | undefined) ?? DEFAULTS.csvDialect, allVersions: bool(flags['all-versions']),
    metadata: str(flags.metadata), quiet: bool(flags.quiet),
  };
}

export function reportArgs(argv: string[]): ReportOptions {
  const { positionals, flags } = parseArgs(argv, REPORT_FLAGS);
  const [out] = positionals;
  if (positionals.length !== 1 || out === undefined) throw new UsageError('report needs exactly one folder to write the site to');
  return { db: str(flags.db) ?? DEFAULTS.db, out, quiet: bool(flags.quiet) };
}

export function pruneArgs(argv: string[]): PruneOptions {
  const { positionals, flags } = parseArgs(argv, PRUNE_FLAGS);
  if (positionals.length) throw new UsageError('prune takes no files (it looks at the sources the database knows)');
  return { db: str(flags.db) ?? DEFAULTS.db, missing: bool(flags.missing), failed: bool(flags.failed), dryRun: bool(flags['dry-run']), quiet: bool(flags.quiet) };
}
