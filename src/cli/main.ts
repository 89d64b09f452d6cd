// The command line: flags parsed into typed values, one error path, exit codes
// 0 (all loaded), 1 (some input failed), 2 (bad usage). Testable in-process.
import { ingest, type Processor } from '../commands/ingest.js';
import type { Io } from '../commands/progress.js';
import { PARSER_VERSION } from '../version.js';
import { UsageError } from './args.js';
import { exportArgs, ingestArgs, layoutArgs, pruneArgs, reportArgs, searchArgs, syncArgs, tablesArgs, watchArgs, watchSyncArgs } from './options.js';
import { ExtractError } from '../extract/errors.js';
import { AppError, printable } from '../errors.js';
import { asRunError } from '../run/outputs.js';

/** Usage and description of every command: the one source of --help. */
const COMMANDS: Record<string, { usage: string; text: string }> = {
  ingest: {
    usage: `  drucksachen ingest <file|dir>... [--db FILE] [--csv DIR] [--csv-dialect rfc4180|excel-de]
                                   [--jobs N] [--reparse] [--retry-failed] [--timeout 5m] [--quiet]`,
    text: `ingest   Reads PDF (.pdf), text (.txt: form feed = page, tab = column) and Landtag
         portal pages (.html), files or folders (recursive), into the database
         (default output/drucksachen.sqlite), one transaction per document. Inputs
         are identified by the sha256 of their bytes: a file loaded before by the
         same parser version is skipped; --reparse reads it again. With --csv, every
         view is written as DIR/<view>.csv (UTF-8, header row; excel-de: semicolon,
         BOM and decimal comma for German Excel). --jobs N extracts in N worker
         threads (default: the number of cores); a file that takes longer than
         --timeout (default 5m) or its memory bound is recorded as failed with an
         error code and read again only after a back-off (1h, doubling, at most 7
         days) or with --retry-failed. Exit 0 when every input loaded, 1 when some
         failed, 2 on bad usage, 3 when the run could not complete (disk full, the
         database busy): one line says what and where.`,
  },
  tables: {
    usage: '  drucksachen tables <file.pdf> [--pages 1,3-4] [--no-stitch] [--json] [--csv N] [--timeout 5m]',
    text: `tables   Prints the tables found in any PDF, top to bottom per page. --json prints
         [{"page": 1, "rows": [[...]]}]; --no-stitch keeps the parts of a table that
         spans pages apart; --csv N prints table N (1-based) as CSV. The PDF is read
         under the limits of ingest (--timeout, memory): a file that exceeds one is
         one line with its code (limit.time, limit.memory) and exit 1.`,
  },
  layout: {
    usage: '  drucksachen layout <file.pdf> [--page N] [--timeout 5m]',
    text: `layout   Prints the lines of a PDF with their boxes, fonts and angles, and its
         ruling lines: for debugging the extractor. Read under the limits of ingest,
         as tables is.`,
  },
  watch: {
    usage: `  drucksachen watch <dir> [--db FILE] [--csv DIR] [--csv-dialect …] [--every 10m] [--jobs N]
                          [--reparse] [--retry-failed] [--timeout 5m] [--quiet]`,
    text: `watch    Ingests new and changed files in <dir> every --every (default 10m) until
         stopped (Ctrl-C / SIGTERM finish the current document first).
         watch --sync <source> runs \`sync <source>\` (with its flags) every --every instead.`,
  },
  sync: {
    usage: `  drucksachen sync nw|bt [--into DIR] [--db FILE] [--wp N] [--from 18/21000] [--since DATE]
                        [--limit N] [--rate 1/s] [--dry-run] [--no-ingest] [--base-url URL]
                        [--miss-run 50] [--types Antwort,Kleine Anfrage] [--api-key KEY]
                        [--contact URL] [--http-timeout 60s] [--retries 4] [--backoff 1s]
                        [--csv DIR] [--jobs N] [--quiet]
  drucksachen watch --sync nw|bt --every 1h [sync flags]`,
    text: `sync     Fetches new Drucksachen from the parliament's own server into --into (default
         output/downloads) and loads them (--no-ingest: only download). Sources:
         nw  Landtag NRW, PDFs by number (MMD{wp}-{n}.pdf): from the highest number
             known (or --from 18/N) upwards until --miss-run numbers in a row are
             missing; --wp chooses the Wahlperiode; robots.txt is honoured.
         bt  Bundestag, DIP API (drucksache-text): --types (default Antwort), changed
             since the last sync (or --since DATE), stored as text + DIP metadata;
             where the metadata and the text disagree: v_source_conflicts. Needs
             DRUCKSACHEN_DIP_KEY or --api-key.
         Every download goes to a temporary file, is checked and renamed into place;
         the downloads table records it (ETag, Last-Modified, sha256); re-checks are
         conditional GETs; a killed sync resumes. Polite: --rate requests (default
         1/s), User-Agent with --contact (or DRUCKSACHEN_CONTACT), back-off on 429/5xx
         honouring Retry-After, --retries then the number is recorded as failed and
         the run goes on. --dry-run only asks (HEAD, listings) and writes nothing.
         --base-url replaces the source's server (a mirror, tests). Exit 0 when all
         went well, 1 when some number or document failed, 2 on bad usage.`,
  },
  search: {
    usage: `  drucksachen search <query> [--db FILE] [--parliament NW] [--wp 18] [--ministry TEXT]
                           [--from 2024-01-01] [--to 2024-12-31] [--limit 20] [--all-versions] [--json]`,
    text: `search   Full-text search over titles, Vorbemerkungen, questions, answers, table
         cells and footnotes of the current versions (--all-versions: older ones too,
         marked). Ranked by bm25: whole words and prefixes (umlauts folded: "uber*"),
         then parts of words ("konferenz" finds "Videokonferenz-Tools"). Prints the
         Drucksache, date, who answered, where (question n, answer n, table n cell) and
         a snippet with the match in «». The query is FTS5 syntax: words, "a phrase",
         prefix*, AND, OR, NOT, NEAR(a b); a word with - / . in it (Covid-19) is
         searched as a phrase.`,
  },
  report: {
    usage: '  drucksachen report <dir> [--db FILE] [--quiet]',
    text: `report   Writes a static web site into <dir> (open <dir>/index.html, works from
         file://, nothing is loaded from the network): an index of the current
         documents (sort, filter, search box), one page per Drucksache (metadata,
         askers, questions and answers, tables, X-matrices as grids with marks,
         footnotes, versions and changes, source and page of each part) and an
         overview with charts.`,
  },
  export: {
    usage: `  drucksachen export [--db FILE] [--out output/export] [--format csv|json|ndjson]
                           [--csv-dialect rfc4180|excel-de] [--all-versions] [--metadata FILE]`,
    text: `export   Writes every view of the database (nothing is ingested) to --out: one file
         per view (<view>.csv, .json or .ndjson), current versions only unless
         --all-versions, and each extracted table as tables/<drucksache>-table-<n>.csv
         (the grid as printed; an X-matrix as a grid of its marks). rfc4180: comma,
         CRLF; excel-de: semicolon, BOM, decimal comma (open these in German Excel).
         --metadata FILE also writes the Datasette metadata (datasette DB -m FILE).`,
  },
  prune: {
    usage: '  drucksachen prune [--db FILE] [--missing] [--failed] [--dry-run]',
    text: `prune    Forgets sources: --missing those whose file is gone, --failed failed ones
         whose file loaded later (or that are no longer there); both when neither is
         given. --dry-run lists them and changes nothing.`,
  },
};

const SIGNALS = `Ctrl-C or SIGTERM during ingest finishes the documents in hand, records the run as
interrupted and exits 130 / 143; a second one stops at once, in ingest and watch
alike, with the same code (nothing half-written stays: every document is one
transaction). Exit 3: the run could not complete (see README "Error codes").
`;

export const HELP = `drucksachen ${PARSER_VERSION}: Drucksachen of German parliaments into SQLite and CSV

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
    return report(e, io);
  }
}

/** Every expected failure as one line and its exit code: 2 bad usage, 1 an input that cannot be read, 3 the run could not complete. */
function report(e: unknown, io: Io): number {
  if (e instanceof UsageError) {
    const hint = e.code === 'usage' || e.code === 'usage.pages' ? 'Run "drucksachen --help" for usage.\n' : '';
    io.err(`drucksachen: ${printable(e.message)}\n${hint}`);
    return 2;
  }
  if (e instanceof ExtractError) {
    io.err(`drucksachen: ${printable(e.message)} [${e.code}]\n`);
    return 1;
  }
  const output = outputProblem(e);
  if (output) {
    io.err(`drucksachen: ${printable(output)}\n`);
    return 2;
  }
  const run = e instanceof AppError ? e : asRunError(e, 'the run could not complete');
  if (run instanceof AppError) {
    io.err(`drucksachen: ${printable(run.message)} [${run.code}]${run.runNote ? `; ${run.runNote}` : ''}\n`);
    return 3;
  }
  throw e;
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
  const answered = helpOrVersion(cmd, rest, io);
  if (answered !== null) return answered;
  const run = RUNNERS.get(cmd);
  if (!run) throw new UsageError(`unknown command "${cmd}"`);
  return run(rest, io, deps);
}

/** The help and the version, before any command runs: null when argv asks for neither. */
function helpOrVersion(cmd: string | undefined, rest: string[], io: Io): number | null {
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(HELP);
    return cmd ? 0 : 2; // no command at all is bad usage
  }
  if (cmd === '--version') {
    io.out(`${PARSER_VERSION}\n`);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(cmd));
    return 0;
  }
  return null;
}

type Runner = (rest: string[], io: Io, deps: CliDeps) => Promise<number>;

/** Warnings of the option readers (a capped --jobs) go to stderr. */
const warnTo = (io: Io) => (s: string) => io.err(s);

// Each command: its flags read into typed options (options.ts), then the command, loaded only when it runs.
const RUNNERS = new Map<string, Runner>([
  ['ingest', async (rest, io, deps) => {
    const { paths, options } = ingestArgs(rest, warnTo(io));
    const sum = await ingest(paths, { ...options, signal: deps.signal }, io, deps.processor);
    return sum.failed ? 1 : 0;
  }],
  ['tables', async (rest, io) => {
    const { file, options } = tablesArgs(rest);
    const { tablesCommand } = await import('../commands/tables.js');
    return tablesCommand(file, options, io);
  }],
  ['layout', async (rest, io) => {
    const { file, page, timeoutMs } = layoutArgs(rest);
    const { layoutCommand } = await import('../commands/layout.js');
    io.out(await layoutCommand(file, { page, timeoutMs }));
    return 0;
  }],
  ['sync', async (rest, io, deps) => {
    const { SYNC_FLAGS, syncCommand } = await import('../commands/sync.js');
    const { positionals, flags } = syncArgs(rest, SYNC_FLAGS, warnTo(io));
    return syncCommand(positionals, flags, io, deps.processor, deps.signal);
  }],
  ['watch', runWatch],
  ['search', async (rest, io) => {
    const { query, options } = searchArgs(rest);
    const { searchCommand } = await import('../commands/search.js');
    return searchCommand(query, options, io);
  }],
  ['export', async (rest, io) => {
    const options = exportArgs(rest);
    const { exportCommand } = await import('../commands/export.js');
    return exportCommand(options, io);
  }],
  ['report', async (rest, io) => {
    const options = reportArgs(rest);
    const { reportCommand } = await import('../commands/report.js');
    return reportCommand(options, io);
  }],
  ['prune', async (rest, io) => {
    const options = pruneArgs(rest);
    const { pruneCommand } = await import('../commands/prune.js');
    return pruneCommand(options, io);
  }],
]);

/** watch a folder, or with --sync run a sync every --every. */
async function runWatch(rest: string[], io: Io, deps: CliDeps): Promise<number> {
  if (rest.some((a) => a === '--sync' || a.startsWith('--sync='))) {
    const { SYNC_FLAGS, watchSync } = await import('../commands/sync.js');
    return watchSync(watchSyncArgs(rest, SYNC_FLAGS, warnTo(io)), io, deps.processor);
  }
  const { dir, options } = watchArgs(rest, warnTo(io));
  const { watchCommand } = await import('../commands/watch.js');
  // watch handles SIGINT/SIGTERM itself (cli.ts does so for ingest only)
  return watchCommand(dir, options, io, { processor: deps.processor });
}
