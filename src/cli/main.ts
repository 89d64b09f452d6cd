// The command line: flags parsed into typed values, one error path, exit codes
// 0 (all loaded), 1 (some input failed), 2 (bad usage). Testable in-process.
import { CSV_DIALECTS, type CsvDialect } from '../load/csv.js';
import { ingest, type Processor } from '../commands/ingest.js';
import type { Io } from '../commands/progress.js';
import { PARSER_VERSION } from '../version.js';
import { parseArgs, parsePageRanges, UsageError, type FlagSpec } from './args.js';
import { availableParallelism } from 'node:os';
import { ExtractError } from '../extract/errors.js';

/** Usage and description of every command: the one source of --help. */
const COMMANDS: Record<string, { usage: string; text: string }> = {
  ingest: {
    usage: `  drucksachen ingest <file|dir>... [--db FILE] [--csv DIR] [--csv-dialect rfc4180|excel-de]
                                   [--jobs N] [--reparse] [--timeout 5m] [--quiet]`,
    text: `ingest   Reads PDF (.pdf), text (.txt: form feed = page, tab = column) and Landtag
         portal pages (.html), files or folders (recursive), into the database
         (default output/drucksachen.sqlite), one transaction per document. Inputs
         are identified by the sha256 of their bytes: a file loaded before by the
         same parser version is skipped; --reparse reads it again. With --csv, every
         view is written as DIR/<view>.csv (UTF-8, header row; excel-de: semicolon,
         BOM and decimal comma for German Excel). --jobs N extracts in N worker
         threads (default: the number of cores); a file that takes longer than
         --timeout (default 5m) is recorded as failed. Exit 0 when every input loaded,
         1 when some failed, 2 on bad usage.`,
  },
  tables: {
    usage: '  drucksachen tables <file.pdf> [--pages 1,3-4] [--no-stitch] [--json] [--csv N]',
    text: `tables   Prints the tables found in any PDF, top to bottom per page. --json prints
         [{"page": 1, "rows": [[...]]}]; --no-stitch keeps the parts of a table that
         spans pages apart; --csv N prints table N (1-based) as CSV.`,
  },
  layout: {
    usage: '  drucksachen layout <file.pdf> [--page N]',
    text: `layout   Prints the lines of a PDF with their boxes, fonts and angles, and its
         ruling lines: for debugging the extractor.`,
  },
  watch: {
    usage: `  drucksachen watch <dir> [--db FILE] [--csv DIR] [--csv-dialect …] [--every 10m] [--jobs N]
                          [--reparse] [--timeout 5m] [--quiet]`,
    text: `watch    Ingests new and changed files in <dir> every --every (default 10m) until
         stopped (Ctrl-C / SIGTERM finish the current document first).`,
  },
};

const SIGNALS = `Ctrl-C or SIGTERM during ingest finishes the documents in hand, records the run as
interrupted and exits 130 / 143; a second one stops at once (nothing half-written
stays: every document is one transaction). Exit 3 means an internal error (a bug).
`;

export const HELP = `drucksachen ${PARSER_VERSION}: Drucksachen of the Landtag NRW into SQLite and CSV

Usage:
${Object.values(COMMANDS).map((c) => c.usage).join('\n')}
  drucksachen --help | --version

${Object.values(COMMANDS).map((c) => c.text).join('\n')}

${SIGNALS}`;

/** The help of one command (`drucksachen ingest --help`). */
export function commandHelp(cmd: string): string {
  const c = COMMANDS[cmd];
  return c ? `Usage:\n${c.usage}\n\n${c.text}\n\n${SIGNALS}` : HELP;
}

const INGEST_FLAGS: Record<string, FlagSpec> = {
  db: { type: 'string', default: 'output/drucksachen.sqlite' },
  csv: { type: 'string' },
  'csv-dialect': { type: 'string', default: 'rfc4180', choices: CSV_DIALECTS },
  jobs: { type: 'int' },
  reparse: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  timeout: { type: 'duration' },
};

export interface CliDeps {
  /** The processor for ingest/watch (worker pool); sequential when absent. */
  processor?: Processor;
  /** ingest stops after the documents in hand when this aborts (SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

export async function main(argv: string[], io: Io, deps: CliDeps = {}): Promise<number> {
  try {
    return await dispatch(argv, io, deps);
  } catch (e) {
    if (e instanceof UsageError || e instanceof RangeError) {
      io.err(`drucksachen: ${e.message}\nRun "drucksachen --help" for usage.\n`);
      return 2;
    }
    if (e instanceof ExtractError) {
      io.err(`drucksachen: ${e.message}\n`);
      return 1;
    }
    const output = outputProblem(e);
    if (output) {
      io.err(`drucksachen: ${output}\n`);
      return 2;
    }
    throw e;
  }
}

/** More reader threads than twice the cores only cost memory (each loads pdf.js). */
const MAX_JOBS_PER_CORE = 2;

function jobsFor(asked: number | undefined, io: Io): number {
  const cores = availableParallelism();
  if (asked === undefined) return cores;
  const max = cores * MAX_JOBS_PER_CORE;
  if (asked > max) {
    io.err(`drucksachen: --jobs ${asked} is more than this machine can use; using ${max} (${MAX_JOBS_PER_CORE} per core)\n`);
    return max;
  }
  return asked;
}

/** A database or output folder that cannot be used, as one line for people; else null. */
function outputProblem(e: unknown): string | null {
  const err = e as { code?: string; message?: string; path?: string; name?: string };
  if (err?.name === 'SqliteError' && /unable to open database file|file is not a database|not a database/i.test(err.message ?? '')) {
    return `cannot use the database: ${err.message} (--db must name a SQLite file in a folder that can be written)`;
  }
  if (err?.name === 'OutputError') return err.message ?? null;
  return null;
}

async function dispatch(argv: string[], io: Io, deps: CliDeps): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(HELP);
    return cmd ? 0 : 2;
  }
  if (cmd === '--version') {
    io.out(`${PARSER_VERSION}\n`);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(cmd));
    return 0;
  }
  switch (cmd) {
    case 'ingest': {
      const { positionals, flags } = parseArgs(rest, INGEST_FLAGS);
      if (!positionals.length) throw new UsageError('ingest needs at least one file or folder');
      const sum = await ingest(positionals, {
        db: flags.db as string,
        csv: flags.csv as string | undefined,
        csvDialect: flags['csv-dialect'] as CsvDialect,
        jobs: jobsFor(flags.jobs as number | undefined, io),
        reparse: flags.reparse as boolean,
        quiet: flags.quiet as boolean,
        timeoutMs: flags.timeout as number | undefined,
        signal: deps.signal,
      }, io, deps.processor);
      return sum.failed ? 1 : 0;
    }
    case 'tables': {
      const { positionals, flags } = parseArgs(rest, {
        pages: { type: 'string' }, stitch: { type: 'boolean', default: true }, json: { type: 'boolean', default: false },
        csv: { type: 'int' },
      });
      if (positionals.length !== 1) throw new UsageError('tables needs exactly one PDF file');
      if (flags.json && flags.csv !== undefined) throw new UsageError('tables prints either --json or --csv N, not both');
      const pageRanges = flags.pages ? parsePageRanges(flags.pages as string) : undefined;
      const { tablesCommand } = await import('../commands/tables.js' as string);
      return tablesCommand(positionals[0], { pageRanges, stitch: flags.stitch as boolean, json: flags.json as boolean, csv: flags.csv as number | undefined }, io);
    }
    case 'layout': {
      const { positionals, flags } = parseArgs(rest, { page: { type: 'int' } });
      if (positionals.length !== 1) throw new UsageError('layout needs exactly one PDF file');
      const { layoutCommand } = await import('../commands/layout.js' as string);
      io.out(await layoutCommand(positionals[0], { page: flags.page as number | undefined }));
      return 0;
    }
    case 'watch': {
      const { positionals, flags } = parseArgs(rest, { ...INGEST_FLAGS, every: { type: 'duration', default: 600_000 } });
      if (positionals.length !== 1) throw new UsageError('watch needs exactly one folder');
      const { watchCommand } = await import('../commands/watch.js');
      return watchCommand(positionals[0], { ...flags, timeoutMs: flags.timeout }, io, deps);
    }
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}
