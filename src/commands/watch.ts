// `drucksachen watch <dir>`: ingest new and changed files in a folder, every
// --every (default 10 minutes), until stopped.
//
// - A file is read only once its size and mtime stayed the same over two polls
//   (a file still being copied waits for the next cycle).
// - Each cycle with something to do is one run (runs table), under the writer
//   lock, so a cron ingest on the same database waits for it and vice versa.
// - Bad files become failed sources; the watch goes on and does not read them
//   again until they change.
// - SIGINT / SIGTERM: the documents in flight are finished and loaded, then it
//   exits 0. A second signal exits at once (safe too: one transaction per
//   document).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WatchOptions } from '../cli/options.js';
import type { DB } from '../load/db.js';
import { AppError, printable } from '../errors.js';
import { checkCsvDir, checkDbPath } from '../run/outputs.js';
import { LockBusyError } from '../run/lock.js';
import { defaultProcessor } from '../run/pool.js';
import { stopOnSignals } from '../run/signals.js';
import type { Processor } from '../run/types.js';
import { collectInputs, type Found } from './files.js';
import { ingestInto, type IngestOptions, type IngestSummary, openOutputDb } from './ingest.js';
import { logLine, type Io } from './progress.js';
import { errnoReason } from '../common/errno.js';
import { fsPath } from '../common/paths.js';

/** What tests and embedders set beside the user's options. */
export interface WatchDeps {
  processor?: Processor | undefined;
  /** Stop (as SIGINT would); when given, the process's signals are left alone. */
  signal?: AbortSignal | undefined;
  /** Stop after this many cycles. */
  maxCycles?: number | undefined;
  /** ms between the two polls of a new or changed file (default min(every, 2 s)). */
  settleMs?: number | undefined;
  onCycle?: ((cycle: number, sum: IngestSummary | null) => void) | undefined;
}

/** How and how long to watch. */
interface WatchConfig {
  every: number;
  settle: number;
  maxCycles?: number | undefined;
  onCycle?: ((cycle: number, sum: IngestSummary | null) => void) | undefined;
  quiet: boolean;
}

/** The user's options (cli/options.ts: the same run options as ingest, with its --jobs cap, and --every). */
export async function watchCommand(dir: string, options: WatchOptions, io: Io, deps: WatchDeps = {}): Promise<number> {
  const root = resolve(dir);
  const notAFolder = folderProblem(root, dir);
  if (notAFolder) {
    io.err(notAFolder);
    return 2;
  }
  const cfg: WatchConfig = {
    every: options.everyMs,
    settle: deps.settleMs ?? Math.min(options.everyMs, 2000),
    maxCycles: deps.maxCycles,
    onCycle: deps.onCycle,
    quiet: options.quiet,
  };
  const stop = stopOn(deps.signal, io);
  const { everyMs: _every, ...run } = options;
  const opts: IngestOptions = { ...run, signal: stop.signal };
  const processor = deps.processor ?? defaultProcessor();
  let db: DB | null = null;
  try {
    checkDbPath(opts.db);
    if (opts.csv !== undefined) checkCsvDir(opts.csv);
    db = openOutputDb(opts.db);
    if (!cfg.quiet) io.err(`${logLine(io, `watching ${printable(root)} every ${formatMs(cfg.every)} into ${printable(opts.db)} (Ctrl-C or SIGTERM to stop)`)}\n`);
    await runCycles(new FolderPoller(root), db, opts, processor, io, cfg);
  } finally {
    db?.close();
    stop.dispose();
  }
  if (!cfg.quiet) io.err(`${logLine(io, 'watch stopped')}\n`);
  return 0;
}

/** The error message when `root` is not a folder that can be watched, else null. */
function folderProblem(root: string, dir: string): string | null {
  try {
    if (!statSync(root).isDirectory()) return `drucksachen: watch needs a folder, and ${dir} is a file\n`;
  } catch (e) {
    return `drucksachen: cannot watch ${dir}: ${errnoReason(e, 'folder')}\n`;
  }
  return null;
}

/**
 * The stop signal: the caller's AbortSignal when given, else SIGINT / SIGTERM
 * through the one handler of run/signals.ts (the first finishes the documents
 * in flight, a second exits at once, 130 / 143, as in ingest).
 */
function stopOn(external: AbortSignal | undefined, io: Io): { signal: AbortSignal; dispose: () => void } {
  if (!external) return stopOnSignals(io, false);
  const stop = new AbortController();
  const onExternal = () => stop.abort();
  external.addEventListener('abort', onExternal, { once: true });
  if (external.aborted) stop.abort();
  return { signal: stop.signal, dispose: () => external.removeEventListener('abort', onExternal) };
}

/** Poll, ingest what is ready, wait; until stopped or after cfg.maxCycles. */
async function runCycles(poller: FolderPoller, db: DB, opts: IngestOptions, processor: Processor, io: Io, cfg: WatchConfig): Promise<void> {
  const signal = opts.signal!;
  let reparse = opts.reparse; // --reparse and --retry-failed apply to the first cycle only
  let retryFailed = opts.retryFailed;
  for (let cycle = 1; !signal.aborted; cycle++) {
    const { ready, problems } = await poller.poll(cfg.settle, signal);
    let sum: IngestSummary | null = null;
    if ((ready.length || problems.length) && !signal.aborted) {
      ready.sort();
      try {
        sum = await ingestInto(db, ready, { ...opts, reparse, retryFailed }, io, processor, 'watch', { files: ready, problems, folders: [] });
        poller.markHandled(ready);
        reparse = false;
        retryFailed = false;
      } catch (e) {
        if (e instanceof LockBusyError && signal.aborted) break;
        io.err(`${logLine(io, `drucksachen: watch cycle ${cycle} failed: ${printable((e as Error).message)}${e instanceof AppError ? ` [${e.code}]` : ''}; trying again next cycle`)}\n`);
      }
    }
    cfg.onCycle?.(cycle, sum);
    if (cfg.maxCycles !== undefined && cycle >= cfg.maxCycles) break;
    await sleep(cfg.every, signal);
  }
}

/** What the folder holds from poll to poll: files ready to read, and problems not yet reported. */
class FolderPoller {
  /** Last observed signature (size, mtime) per file. */
  private readonly seen = new Map<string, string>();
  /** Signature with which a file was last handed to ingest. */
  private readonly handled = new Map<string, string>();
  private readonly reported = new Set<string>();

  constructor(private readonly root: string) {}

  /** Files whose signature held over two polls (not handled with it yet), and new problems. */
  async poll(settle: number, signal: AbortSignal): Promise<{ ready: string[]; problems: Found['problems'] }> {
    const found = collectInputs([this.root]);
    const ready: string[] = [];
    const changing: string[] = [];
    for (const f of found.files) {
      const sig = signature(f);
      if (sig === null || this.handled.get(f) === sig) continue;
      if (this.seen.get(f) === sig) ready.push(f);
      else changing.push(f);
      this.seen.set(f, sig);
    }
    this.forgetGone(new Set(found.files));
    if (changing.length && !signal.aborted) {
      // New or changed since the last poll: look again shortly; stable ones go now, the rest next cycle.
      await sleep(settle, signal);
      for (const f of changing) {
        const sig = signature(f);
        if (sig !== null && this.seen.get(f) === sig) ready.push(f);
        if (sig !== null) this.seen.set(f, sig);
      }
    }
    return { ready, problems: this.unreported(found.problems) };
  }

  markHandled(files: readonly string[]): void {
    for (const f of files) this.handled.set(f, this.seen.get(f)!);
  }

  private forgetGone(present: Set<string>): void {
    for (const f of [...this.seen.keys()]) {
      if (!present.has(f)) {
        this.seen.delete(f);
        this.handled.delete(f);
      }
    }
  }

  /** A folder that cannot be read is reported once per reason, not every cycle. */
  private unreported(problems: Found['problems']): Found['problems'] {
    const fresh = problems.filter((p) => !this.reported.has(`${p.path}\0${p.reason}`));
    for (const p of fresh) this.reported.add(`${p.path}\0${p.reason}`);
    return fresh;
  }
}

/** size:mtime, or null when the file is gone. */
function signature(path: string): string | null {
  try {
    const st = statSync(fsPath(path));
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((res) => {
    if (signal.aborted) return res();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      res();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
