// Readers for a batch: N worker threads (one document per task; each thread
// loads pdf.js once and stays alive for the batch), or the sequential path for
// --jobs 1. Either way the results reach the one writer in the order of the
// inputs, so a parallel run loads exactly what a sequential run loads (same
// ids, same versions).
//
// Safety: a file that takes longer than the time limit, or that crashes its
// thread (out of memory, …), becomes a failed DocFile with the reason; the
// thread is replaced and the batch goes on.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocFile } from '../model.js';
import { processFile } from '../pipeline.js';
import { failedDocFile, slimForLoad } from './plain.js';
import { DEFAULT_TIMEOUT_MS, type ProcessContext, type Processor, timeoutReason } from './types.js';

export interface PoolOptions extends ProcessContext {
  /** Heap limit of each reader thread in MB (default 1536): a runaway file fails alone. */
  maxHeapMb?: number;
  /** The worker entry (default: run/worker.js next to this module, or in dist/ when running from src/). */
  workerFile?: string;
}

/** The compiled worker entry: next to this file in dist/, or dist/run/worker.js when running from src/ (tests). */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'worker.js');
  return resolve(dirname(here), '..', '..', 'dist', 'run', 'worker.js');
}

/** --jobs 1: no thread, the pipeline on the main thread (a hang that never yields cannot be cut short here). */
export function sequentialProcessor(defaults: ProcessContext = {}): Processor {
  return async (paths, _jobs, onResult, ctx = {}) => {
    const timeoutMs = ctx.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = ctx.signal ?? defaults.signal;
    for (const p of paths) {
      // Let pending events (a SIGINT that came during the last document) run before the next one starts.
      // (Two turns of the event loop: the signal arrives in the poll phase between them.)
      if (signal) await new Promise((r) => setImmediate(() => setImmediate(r)));
      if (signal?.aborted) return;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<DocFile>((res) => {
        timer = setTimeout(() => res(failedDocFile(p, timeoutReason(timeoutMs))), timeoutMs);
      });
      const f = await Promise.race([processFile(p), timedOut]);
      clearTimeout(timer);
      onResult(slimForLoad(f));
    }
  };
}

/** Worker threads; falls back to the sequential path when the compiled worker is missing. */
export function poolProcessor(defaults: PoolOptions = {}): Processor {
  return async (paths, jobs, onResult, ctx = {}) => {
    const opts: PoolOptions = { ...defaults, ...ctx };
    const file = opts.workerFile ?? workerFile();
    if (jobs <= 1 || !existsSync(file)) return sequentialProcessor(opts)(paths, jobs, onResult, ctx);
    return runPool(paths, jobs, onResult, { ...opts, workerFile: file });
  };
}

/** The processor ingest and watch use: threads for --jobs > 1, the main thread for --jobs 1. */
export function defaultProcessor(opts: PoolOptions = {}): Processor {
  const seq = sequentialProcessor(opts);
  const pool = poolProcessor(opts);
  return (paths, jobs, onResult, ctx) => (jobs <= 1 ? seq : pool)(paths, jobs, onResult, ctx);
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: { id: number; path: string; timer?: NodeJS.Timeout };
  /** Why the thread is going down, when we know it better than its exit event. */
  cause?: string;
}

class StartupError extends Error {}

function runPool(paths: string[], jobs: number, onResult: (f: DocFile) => void, opts: PoolOptions): Promise<void> {
  if (!paths.length) return Promise.resolve();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxHeapMb = opts.maxHeapMb ?? 1536;
  const threads = Math.min(jobs, paths.length);
  // Results wait here until all earlier ones are delivered; a bounded window keeps memory flat.
  const window = Math.max(4 * threads, 8);
  const results = new Map<number, DocFile>();
  let next = 0;
  let delivered = 0;
  let inFlight = 0;
  let fatal: unknown = null;
  const slots = new Set<Slot>();

  return new Promise<void>((resolveAll, rejectAll) => {
    let finished = false;
    const stopping = () => fatal !== null || opts.signal?.aborted === true;
    const onAbort = () => pump();
    opts.signal?.addEventListener('abort', onAbort);

    const finish = () => {
      if (finished) return;
      finished = true;
      opts.signal?.removeEventListener('abort', onAbort);
      const all = [...slots].map((s) => {
        s.cause = 'done';
        return s.worker.terminate();
      });
      Promise.allSettled(all).then(() => (fatal ? rejectAll(fatal) : resolveAll()));
    };

    const deliver = () => {
      while (results.has(delivered)) {
        const f = results.get(delivered)!;
        results.delete(delivered);
        delivered++;
        if (fatal) continue;
        try {
          onResult(f);
        } catch (e) {
          fatal = e; // the writer failed (disk full, …): stop the batch, let the caller report it
        }
      }
    };

    const settle = (slot: Slot, f: DocFile) => {
      const t = slot.task!;
      clearTimeout(t.timer);
      slot.task = undefined;
      results.set(t.id, f);
      inFlight--;
      deliver();
      pump();
    };

    const failTask = (slot: Slot, reason: string) => {
      const t = slot.task!;
      clearTimeout(t.timer);
      // Keep the slot's task set until the DocFile is built, so pump() does not reuse it.
      failedDocFile(t.path, reason).then((f) => {
        slots.delete(slot);
        slot.task = t;
        settle(slot, f);
      });
    };

    // A thread gets work only once it is ready (its modules loaded), so a crash
    // with a task in hand is the file's doing, and the clock is the file's.
    const assign = (slot: Slot) => {
      const id = next++;
      inFlight++;
      slot.task = { id, path: paths[id] };
      slot.task.timer = setTimeout(() => {
        slot.cause = timeoutReason(timeoutMs);
        void slot.worker.terminate();
      }, timeoutMs);
      slot.worker.postMessage({ id, path: paths[id] });
    };

    const spawn = (): Slot => {
      const worker = new Worker(opts.workerFile!, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
      const slot: Slot = { worker, ready: false };
      slots.add(slot);
      const startup = setTimeout(() => {
        slot.cause = 'startup: the reader thread did not start within 60 s';
        void worker.terminate();
      }, 60_000);
      worker.on('message', (m: { ready?: boolean; id?: number; file?: DocFile }) => {
        if (m.ready) {
          clearTimeout(startup);
          slot.ready = true;
          pump();
          return;
        }
        if (slot.task && m.id === slot.task.id && m.file) settle(slot, m.file);
      });
      worker.on('error', (e: Error & { code?: string }) => {
        if (slot.cause) return;
        if (!slot.ready) slot.cause = `startup: ${e.message}`;
        else if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') slot.cause = `the reader ran out of memory (limit ${maxHeapMb} MB): the file is too large or damaged`;
        else slot.cause = `the reader crashed: ${e.message}`;
      });
      worker.on('exit', (code) => {
        clearTimeout(startup);
        if (slot.cause === 'done') return;
        if (!slot.ready && !finished) {
          // The thread could not even load the pipeline: a broken build, not a broken file.
          slots.delete(slot);
          fatal ??= new StartupError(`cannot start the reader threads (${opts.workerFile}): ${slot.cause?.replace(/^startup: /, '') ?? `exit code ${code}`}`);
          pump();
          return;
        }
        slot.cause ??= `the reader stopped unexpectedly (exit code ${code})`;
        if (slot.task) failTask(slot, slot.cause);
        else {
          slots.delete(slot);
          pump();
        }
      });
      return slot;
    };

    function pump() {
      if (finished) return;
      if (!stopping()) {
        for (const s of slots) {
          if (!s.ready || s.task || s.cause) continue;
          if (next >= paths.length || next - delivered >= window) break;
          assign(s);
        }
        // Spawn threads for the work not yet taken (each picks a file up when ready).
        const live = [...slots].filter((s) => !s.cause);
        let free = live.filter((s) => !s.task).length;
        for (let n = live.length; n < threads && free < paths.length - next; n++, free++) spawn();
      }
      if (inFlight === 0 && (stopping() || next >= paths.length)) finish();
    }

    pump();
  });
}
