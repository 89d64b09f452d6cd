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
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { CsvDialect } from '../load/csv.js';
import { openDb } from '../load/db.js';
import { LockBusyError } from '../run/lock.js';
import { defaultProcessor } from '../run/pool.js';
import type { Processor } from '../run/types.js';
import { collectInputs } from './files.js';
import { ingestInto, type IngestOptions, type IngestSummary } from './ingest.js';
import type { Io } from './progress.js';

export interface WatchDeps {
  processor?: Processor;
}

/**
 * Flags as parsed by the CLI (db, csv, csv-dialect, every, jobs, reparse, quiet),
 * plus, for tests and embedding: `signal` (AbortSignal: stop), `maxCycles`,
 * `settle` (ms between the two polls of a new or changed file; default
 * min(every, 2 s)), `onCycle(cycle, summary)` and `timeoutMs`.
 */
export async function watchCommand(dir: string, flags: Record<string, unknown>, io: Io, deps: WatchDeps = {}): Promise<number> {
  const root = resolve(dir);
  try {
    if (!statSync(root).isDirectory()) {
      io.err(`drucksachen: watch needs a folder, and ${dir} is a file\n`);
      return 2;
    }
  } catch (e) {
    io.err(`drucksachen: cannot watch ${dir}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (e as Error).message}\n`);
    return 2;
  }
  const every = (flags.every as number | undefined) ?? 600_000;
  const settle = (flags.settle as number | undefined) ?? Math.min(every, 2000);
  const maxCycles = flags.maxCycles as number | undefined;
  const onCycle = flags.onCycle as ((cycle: number, sum: IngestSummary | null) => void) | undefined;
  const quiet = (flags.quiet as boolean | undefined) ?? false;

  const stop = new AbortController();
  const external = flags.signal as AbortSignal | undefined;
  const onExternal = () => stop.abort();
  external?.addEventListener('abort', onExternal, { once: true });
  if (external?.aborted) stop.abort();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      io.err(`drucksachen: ${sig} again: stopping now\n`);
      process.exit(130);
    }
    io.err(`drucksachen: ${sig}: stopping after the current document (send it again to stop at once)\n`);
    stop.abort();
  };
  if (!external) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  const opts: IngestOptions = {
    db: (flags.db as string | undefined) ?? 'output/drucksachen.sqlite',
    csv: flags.csv as string | undefined,
    csvDialect: (flags['csv-dialect'] as CsvDialect | undefined) ?? 'rfc4180',
    jobs: (flags.jobs as number | undefined) ?? availableParallelism(),
    reparse: (flags.reparse as boolean | undefined) ?? false,
    quiet,
    timeoutMs: flags.timeoutMs as number | undefined,
    signal: stop.signal,
  };
  const processor = deps.processor ?? defaultProcessor();
  const db = openDb(opts.db);
  let reparse = opts.reparse; // --reparse applies to the first cycle only
  /** Last observed signature (size, mtime) per file. */
  const seen = new Map<string, string>();
  /** Signature with which a file was last handed to ingest. */
  const handled = new Map<string, string>();
  const reported = new Set<string>();
  if (!quiet) io.err(`watching ${root} every ${formatMs(every)} into ${opts.db} (Ctrl-C or SIGTERM to stop)\n`);
  try {
    for (let cycle = 1; !stop.signal.aborted; cycle++) {
      const found = collectInputs([root]);
      const ready: string[] = [];
      const changing: string[] = [];
      for (const f of found.files) {
        const sig = signature(f);
        if (sig === null || handled.get(f) === sig) continue;
        if (seen.get(f) === sig) ready.push(f);
        else changing.push(f);
        seen.set(f, sig);
      }
      const present = new Set(found.files);
      for (const f of [...seen.keys()]) {
        if (!present.has(f)) {
          seen.delete(f);
          handled.delete(f);
        }
      }
      if (changing.length && !stop.signal.aborted) {
        // New or changed since the last poll: look again shortly; stable ones go now, the rest next cycle.
        await sleep(settle, stop.signal);
        for (const f of changing) {
          const sig = signature(f);
          if (sig !== null && seen.get(f) === sig) ready.push(f);
          if (sig !== null) seen.set(f, sig);
        }
      }
      // A folder that cannot be read is reported once per reason, not every cycle.
      const problems = found.problems.filter((p) => !reported.has(`${p.path}\0${p.reason}`));
      for (const p of problems) reported.add(`${p.path}\0${p.reason}`);
      let sum: IngestSummary | null = null;
      if ((ready.length || problems.length) && !stop.signal.aborted) {
        ready.sort();
        try {
          sum = await ingestInto(db, ready, { ...opts, reparse }, io, processor, 'watch', { files: ready, problems, folders: [] });
          for (const f of ready) handled.set(f, seen.get(f)!);
          reparse = false;
        } catch (e) {
          if (e instanceof LockBusyError && stop.signal.aborted) break;
          io.err(`drucksachen: watch cycle ${cycle} failed: ${(e as Error).message}; trying again next cycle\n`);
        }
      }
      onCycle?.(cycle, sum);
      if (maxCycles !== undefined && cycle >= maxCycles) break;
      await sleep(every, stop.signal);
    }
  } finally {
    db.close();
    external?.removeEventListener('abort', onExternal);
    if (!external) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
  if (!quiet) io.err('watch stopped\n');
  return 0;
}

/** size:mtime, or null when the file is gone. */
function signature(path: string): string | null {
  try {
    const st = statSync(path);
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
