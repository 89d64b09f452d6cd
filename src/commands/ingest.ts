// `drucksachen ingest <file|dir>...`: every input through the pipeline into the
// database (one transaction per document) and, on request, CSV files.
//
// A batch: take the writer lock (two runs on one database never interleave),
// record the run, hash every input and skip those loaded already by this
// parser version, read the rest in bounded worker threads (--jobs 1 too) and
// load each result on the main thread, the one writer. Failures carry a code
// (src/errors.ts); whether a failed input is read again follows from it.
import type { DocFile } from '../model.js';
import { type DB, DB_SETTINGS, finishRun, recordRunCounts, knownSource, type KnownSource, loadDocFile, openDb, startRun } from '../load/db.js';
import { AppError, retryPolicy, UsageError } from '../errors.js';
import { asRunError, checkCsvDir, checkDbPath } from '../run/outputs.js';
import { onHardExit } from '../run/signals.js';
import { writeCsvs } from '../load/csv.js';
import { newDocFile } from '../pipeline.js';
import { reconcileLoaded } from '../load/enrich.js';
import { PARSER_VERSION } from '../version.js';
import { acquireLock, describeHolder, foreignHolders } from '../run/lock.js';
import { hashFile, pathKey } from '../run/plain.js';
import { defaultProcessor } from '../run/pool.js';
import type { Processor } from '../run/types.js';
import { testHooks } from '../run/test-hooks.js';
import { collectInputs, reasonOf, type Found } from './files.js';
import { Progress, type Io } from './progress.js';
import type { RunOptions } from '../cli/options.js';

export type { Processor, ProcessContext } from '../run/types.js';

/** The user's run options (cli/options.ts; timeoutMs: default 5 minutes, DRUCKSACHEN_TIMEOUT_MS overrides it) and what callers add. */
export interface IngestOptions extends RunOptions {
  /** Stop after the documents in flight (watch: SIGINT / SIGTERM). */
  signal?: AbortSignal | undefined;
  /** Wait at most this long for another run's lock (default: as long as it takes). */
  lockWaitMs?: number;
}

export interface IngestSummary {
  seen: number;
  loaded: number;
  skipped: number;
  /** Inputs in failed state: failed in this run, or failed before and unchanged (not read again). */
  failed: number;
  partial: number;
  /** Pages of the documents read in this run. */
  pages?: number;
  /** True when the run stopped early (signal). */
  interrupted?: boolean;
}

export async function ingest(paths: string[], opts: IngestOptions, io: Io, processor?: Processor, command = 'ingest'): Promise<IngestSummary> {
  checkDbPath(opts.db);
  if (opts.csv !== undefined) checkCsvDir(opts.csv);
  const db = openOutputDb(opts.db);
  try {
    return await ingestInto(db, paths, opts, io, processor ?? defaultProcessor(), command);
  } finally {
    db.close();
  }
}

/** Open (or create) the database of --db; a file that is no database is bad usage, a write error one line. */
export function openOutputDb(path: string): DB {
  try {
    return openDb(path);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_NOTADB') {
      throw new UsageError(`cannot use the database ${path}: ${(e as Error).message} (--db must name a SQLite file in a folder that can be written)`, 'output.db');
    }
    throw asRunError(e, `cannot open the database ${path}`, path);
  }
}

/** Test-only (DRUCKSACHEN_TEST_CSV_FAIL_AFTER=N): the CSV writer fails with ENOSPC after N files. */
function envCsvFailAfter(): number | undefined {
  const v = Number(process.env.DRUCKSACHEN_TEST_CSV_FAIL_AFTER);
  return process.env.DRUCKSACHEN_TEST_CSV_FAIL_AFTER !== undefined && Number.isInteger(v) && v >= 0 ? v : undefined;
}

function envTimeout(): number | undefined {
  const v = Number(process.env.DRUCKSACHEN_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

export async function ingestInto(
  db: DB, paths: string[], opts: IngestOptions, io: Io, processor: Processor = defaultProcessor(), command = 'ingest', found?: Found,
): Promise<IngestSummary> {
  const lock = await acquireLock(db, {
    command,
    waitMs: opts.lockWaitMs,
    signal: opts.signal,
    onWait: (h) => io.err(`waiting: ${describeHolder(h)} holds the writer lock on ${db.name}; this run starts when it ends\n`),
    onBusy: (h, bound) => io.err(`waiting: ${h} holds a write transaction on ${db.name}; this run waits for it at most ${Math.round(bound / 1000)} s\n`),
  });
  const sum: IngestSummary = { seen: 0, loaded: 0, skipped: 0, failed: 0, partial: 0, pages: 0 };
  let runId: number | null = null;
  let finished = false;
  // A second signal exits at once: record the run as interrupted and free the lock first.
  const removeHook = onHardExit(() => {
    if (runId !== null && !finished) finishRun(db, runId, sum, 'interrupted');
    lock.release();
  });
  try {
    runId = startRun(db, command, PARSER_VERSION, opts.jobs);
    lock.setRun(runId);
    const { files, problems, folders } = found ?? collectInputs(paths);
    forgetSolvedPathProblems(db, [...folders, ...files]);
    const progress = new Progress(io, files.length + problems.length, opts.quiet);
    // Skip what is loaded already by this parser version (same bytes).
    const known = await filterKnown(db, files, opts);
    const batch: Batch = { db, runId, opts, sum, progress };
    recordUnread(batch, problems, known);
    progress.reading(known.todo.length);
    await processor(known.todo.map((t) => t.path), opts.jobs, resultLoader(batch, known.todo), {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs ?? envTimeout(),
    });
    sum.interrupted = opts.signal?.aborted === true && sum.seen < files.length + problems.length;
    progress.finish(sum);
    if (opts.csv) {
      let written: string[];
      try {
        written = writeCsvs(db, opts.csv, opts.csvDialect, envCsvFailAfter());
      } catch (e) {
        throw asRunError(e, `cannot write the CSV files to ${opts.csv} (the previous CSV files stay as they were)`);
      }
      if (!opts.quiet) io.err(`wrote ${written.length} CSV files to ${opts.csv}\n`);
    }
    finishRun(db, runId, sum, sum.interrupted ? 'interrupted' : 'done');
    finished = true;
    return sum;
  } catch (e) {
    // The writer failed (disk full, …): record what was done; the caller reports the error.
    // (The error first: it names the holder of a busy database while it still holds it.)
    const err = asRunError(e, `the run could not complete, writing to the database ${db.name}`, db.name);
    if (runId !== null && !finished) {
      const note = (await markInterrupted(db, runId, sum, io))
        ? 'what was loaded before stays, the run is recorded as interrupted'
        : 'what was loaded before stays; the run could not be marked interrupted now, the next run does it';
      if (err instanceof AppError) err.runNote ??= note;
    }
    throw err;
  } finally {
    removeHook();
    lock.release();
  }
}

/**
 * Record a run that failed as interrupted. When another program keeps the
 * database busy, try again for a bounded time (it may be a short transaction),
 * so that no run stays `running`.
 */
async function markInterrupted(db: DB, runId: number, sum: IngestSummary, io: Io): Promise<boolean> {
  const started = Date.now();
  for (let told = false; ; told = true) {
    try {
      finishRun(db, runId, sum, 'interrupted');
      return true;
    } catch (e) {
      const busy = String((e as { code?: string }).code).startsWith('SQLITE_BUSY');
      if (!busy || Date.now() - started >= DB_SETTINGS.foreignWaitMs) return false;
      if (!told) io.err(`waiting: ${foreignHolders(db.name) ?? 'another program'} holds a write transaction on ${db.name}; this run is recorded as interrupted when it ends\n`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** What the steps of one ingest run share. */
interface Batch {
  db: DB;
  runId: number;
  opts: IngestOptions;
  sum: IngestSummary;
  progress: Progress;
}

/** Count and report the inputs that are not read in this run: unreadable, skipped, failed before. */
function recordUnread(b: Batch, problems: Found['problems'], known: Known): void {
  const { sum, progress } = b;
  for (const p of [...problems, ...known.unreadable]) {
    sum.seen++;
    sum.failed++;
    const f = newDocFile(p.path);
    f.sha256 = pathKey(p.path);
    f.fail('io.read', p.reason);
    reconcileLoaded(b.db, loadDocFile(b.db, f, b.runId, testHooks().inLoadTransaction));
    progress.done(f, 'failed');
  }
  for (const s of known.skipped) {
    sum.seen++;
    sum.skipped++;
    progress.skip(s.path, s.why);
  }
  for (const r of known.retried) progress.note(`reading again ${r.path}: ${r.why}`);
  for (const s of known.failedBefore) {
    sum.seen++;
    sum.failed++;
    progress.failedBefore(s.path, s.reason);
  }
  if (b.runId !== null) recordRunCounts(b.db, b.runId, sum);
}

/** The writer: loads each read document (in input order) and counts it. */
function resultLoader(b: Batch, todo: Known['todo']): (f: DocFile) => void {
  const { db, opts, sum, progress } = b;
  const expected = new Map(todo.map((t) => [t.path, t.sha]));
  const loadedNow = new Set<string>();
  return (f) => {
    sum.seen++;
    if (!f.sha256) f.sha256 = pathKey(f.path); // could not be read: identified by its path
    const hashed = expected.get(f.path);
    if ((hashed && hashed !== f.sha256) || loadedNow.has(f.sha256)) {
      // The file changed since it was hashed, or the same bytes came twice.
      const known = knownSource(db, f.sha256);
      if (loadedNow.has(f.sha256) || (known && known.parser_version === PARSER_VERSION && !opts.reparse)) {
        sum.skipped++;
        progress.skip(f.path, 'unchanged');
        return;
      }
    }
    reconcileLoaded(db, loadDocFile(db, f, b.runId, testHooks().inLoadTransaction));
    loadedNow.add(f.sha256);
    sum.pages! += f.layout?.pages.length ?? 0;
    if (f.status === 'failed') sum.failed++;
    else {
      sum.loaded++;
      if (f.status === 'partial') sum.partial++;
    }
    progress.done(f, f.status);
    if (b.runId !== null) recordRunCounts(db, b.runId, sum);
  };
}

/** A path that could not be read before and can be now: its failed `path:` row goes. */
function forgetSolvedPathProblems(db: DB, readable: string[]): void {
  const any = db.prepare("SELECT 1 FROM sources WHERE sha256 LIKE 'path:%' LIMIT 1").get();
  if (!any) return;
  const del = db.prepare('DELETE FROM sources WHERE sha256 = ?');
  db.transaction(() => {
    for (const p of readable) del.run(pathKey(p));
  })();
}

interface Known {
  todo: { path: string; sha: string }[];
  /** Files found but not readable (no permission, gone meanwhile). */
  unreadable: { path: string; reason: string }[];
  skipped: { path: string; why: string }[];
  failedBefore: { path: string; reason: string }[];
  /** Failed before with a limit and read again now (back-off over, or --retry-failed): said in the log. */
  retried: { path: string; why: string }[];
}

/** Hash every file once; drop those loaded by this parser version already, and repeats within the batch. */
async function filterKnown(db: DB, files: string[], opts: IngestOptions): Promise<Known> {
  const out: Known = { todo: [], unreadable: [], skipped: [], failedBefore: [], retried: [] };
  const firstPath = new Map<string, string>();
  const nowIso = new Date().toISOString();
  for (const f of files) {
    let sha: string;
    try {
      sha = await hashFile(f);
    } catch (e) {
      out.unreadable.push({ path: f, reason: reasonOf(e, 'file') });
      continue;
    }
    const first = firstPath.get(sha);
    if (first) {
      out.skipped.push({ path: f, why: `same bytes as ${first}` });
      continue;
    }
    firstPath.set(sha, f);
    const known = opts.reparse ? undefined : knownSource(db, sha);
    if (!known || known.parser_version !== PARSER_VERSION) out.todo.push({ path: f, sha });
    else if (known.status !== 'failed') out.skipped.push({ path: f, why: 'unchanged' });
    else decideRetry(out, f, sha, known, opts.retryFailed === true, nowIso);
  }
  return out;
}

/** Whether an input that failed before is read again: from its error code, never from the wording. */
function decideRetry(out: Known, path: string, sha: string, known: KnownSource, retryFailed: boolean, nowIso: string): void {
  const reason = known.error ?? 'failed';
  const policy = retryPolicy(known.error_code);
  const code = known.error_code ?? 'failed';
  if (policy === 'every-run') {
    out.todo.push({ path, sha }); // a read error or a crash: worth another try
  } else if (retryFailed) {
    out.todo.push({ path, sha });
    out.retried.push({ path, why: `failed before (${code}, ${known.loaded_at}); --retry-failed` });
  } else if (policy === 'backoff' && known.retry_after !== null && known.retry_after <= nowIso) {
    out.todo.push({ path, sha });
    out.retried.push({ path, why: `failed before (${code}, ${known.loaded_at}, attempt ${known.attempts ?? 1}); trying again` });
  } else if (policy === 'backoff') {
    out.failedBefore.push({
      path,
      reason: `${reason} [${code}, ${known.loaded_at}, attempt ${known.attempts ?? 1}; next try after ${known.retry_after ?? '?'}, or with --retry-failed]`,
    });
  } else {
    out.failedBefore.push({ path, reason });
  }
}
