// `drucksachen ingest <file|dir>...`: every input through the pipeline into the
// database (one transaction per document) and, on request, CSV files.
//
// A batch: take the writer lock (two runs on one database never interleave),
// record the run, hash every input and skip those loaded already by this
// parser version, read the rest (worker threads, or the main thread for
// --jobs 1) and load each result on the main thread, the one writer.
import { sha256 } from '../common/hash.js';
import { readFile } from 'node:fs/promises';
import type { DocFile } from '../model.js';
import { type DB, finishRun, knownSource, loadDocFile, openDb, startRun } from '../load/db.js';
import { reconcileLoaded } from '../load/enrich.js';
import { writeCsvs } from '../load/csv.js';
import { kindOf } from '../pipeline.js';
import { PARSER_VERSION } from '../version.js';
import { acquireLock, describeHolder } from '../run/lock.js';
import { pathKey } from '../run/plain.js';
import { defaultProcessor } from '../run/pool.js';
import type { Processor } from '../run/types.js';
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

/** Failures that may go away on another try (a busy machine): such inputs are read again. */
const TRANSIENT = /^(timed out|the reader (crashed|ran out of memory|stopped unexpectedly)|internal error)/;

export async function ingest(paths: string[], opts: IngestOptions, io: Io, processor?: Processor, command = 'ingest'): Promise<IngestSummary> {
  const db = openDb(opts.db);
  try {
    return await ingestInto(db, paths, opts, io, processor ?? defaultProcessor(), command);
  } finally {
    db.close();
  }
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
  });
  const sum: IngestSummary = { seen: 0, loaded: 0, skipped: 0, failed: 0, partial: 0, pages: 0 };
  let runId: number | null = null;
  let finished = false;
  try {
    runId = startRun(db, command, PARSER_VERSION, opts.jobs);
    lock.setRun(runId);
    const { files, problems, folders } = found ?? collectInputs(paths);
    forgetSolvedPathProblems(db, [...folders, ...files]);
    const progress = new Progress(io, files.length + problems.length, opts.quiet);
    // Skip what is loaded already by this parser version (same bytes).
    const known = await filterKnown(db, files, opts.reparse);
    const batch: Batch = { db, runId, opts, sum, progress };
    recordUnread(batch, problems, known);
    progress.reading(known.todo.length);
    await processor(known.todo.map((t) => t.path), opts.jobs, resultLoader(batch, known.todo), {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs ?? envTimeout(),
    });
    sum.interrupted = opts.signal?.aborted === true && sum.seen < files.length + problems.length;
    finishRun(db, runId, sum, sum.interrupted ? 'interrupted' : 'done');
    finished = true;
    progress.finish(sum);
    if (opts.csv) {
      const written = writeCsvs(db, opts.csv, opts.csvDialect);
      if (!opts.quiet) io.err(`wrote ${written.length} CSV files to ${opts.csv}\n`);
    }
    return sum;
  } catch (e) {
    // The writer failed (disk full, …): record what was done; the caller reports the error.
    if (runId !== null && !finished) {
      try {
        finishRun(db, runId, sum, 'interrupted');
      } catch {
        // the next run marks it interrupted
      }
    }
    throw e;
  } finally {
    lock.release();
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
    const f: DocFile = {
      path: p.path, sha256: pathKey(p.path), size: 0, kind: kindOf(p.path),
      parserVersion: PARSER_VERSION, messages: [{ severity: 'error', stage: 'extract', text: p.reason }], status: 'failed', error: p.reason,
    };
    reconcileLoaded(b.db, loadDocFile(b.db, f, b.runId));
    progress.done(f, 'failed');
  }
  for (const s of known.skipped) {
    sum.seen++;
    sum.skipped++;
    progress.skip(s.path, s.why);
  }
  for (const s of known.failedBefore) {
    sum.seen++;
    sum.failed++;
    progress.failedBefore(s.path, s.reason);
  }
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
    reconcileLoaded(db, loadDocFile(db, f, b.runId));
    loadedNow.add(f.sha256);
    sum.pages! += f.layout?.pages.length ?? 0;
    if (f.status === 'failed') sum.failed++;
    else {
      sum.loaded++;
      if (f.status === 'partial') sum.partial++;
    }
    progress.done(f, f.status);
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
}

/** Hash every file once; drop those loaded by this parser version already, and repeats within the batch. */
async function filterKnown(db: DB, files: string[], reparse: boolean): Promise<Known> {
  const out: Known = { todo: [], unreadable: [], skipped: [], failedBefore: [] };
  const firstPath = new Map<string, string>();
  for (const f of files) {
    let sha: string;
    try {
      sha = sha256(await readFile(f));
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
    const known = reparse ? undefined : knownSource(db, sha);
    if (!known || known.parser_version !== PARSER_VERSION) out.todo.push({ path: f, sha });
    else if (known.status !== 'failed') out.skipped.push({ path: f, why: 'unchanged' });
    else {
      const reason = (db.prepare('SELECT error FROM sources WHERE id = ?').get(known.id) as { error: string | null }).error ?? 'failed';
      if (TRANSIENT.test(reason)) out.todo.push({ path: f, sha }); // worth another try
      else out.failedBefore.push({ path: f, reason });
    }
  }
  return out;
}
