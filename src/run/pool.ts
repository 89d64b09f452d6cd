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
  /** Heap limit of each reader thread in MB (default POOL_SETTINGS.maxHeapMb, 1536): a runaway file fails alone. */
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

/** The limits of a pool run, in one place. */
export const POOL_SETTINGS = {
  /** Heap limit of each reader thread (MB) unless PoolOptions.maxHeapMb says otherwise. */
  maxHeapMb: 1536,
  /** A thread that has not loaded its modules by then is a broken build (ms). */
  startupMs: 60_000,
  /** Tasks handed out ahead of the last delivered result (results wait for in-order delivery): this many per thread … */
  windowPerThread: 4,
  /** … but at least this many. */
  minWindow: 8,
};

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Cut a thread short that never reports ready. */
  startup?: NodeJS.Timeout;
  task?: { id: number; path: string; timer?: NodeJS.Timeout } | undefined;
  /** Why the thread is going down, when we know it better than its exit event. */
  cause?: string;
}

class StartupError extends Error {}

type WorkerMessage = { ready?: boolean; id?: number; file?: DocFile };

/**
 * One batch on worker threads. Tasks go out in input order to ready threads;
 * results come back in any order and are handed to `onResult` in input order.
 */
class ReaderPool {
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly threads: number;
  // Results wait here until all earlier ones are delivered; a bounded window keeps memory flat.
  private readonly window: number;
  private readonly results = new Map<number, DocFile>();
  private readonly slots = new Set<Slot>();
  private next = 0;
  private delivered = 0;
  private inFlight = 0;
  private fatal: unknown = null;
  private finished = false;
  private resolveAll: () => void = () => {};
  private rejectAll: (e: unknown) => void = () => {};
  private readonly onAbort = () => this.pump();

  constructor(
    private readonly paths: string[],
    jobs: number,
    private readonly onResult: (f: DocFile) => void,
    private readonly opts: PoolOptions,
  ) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxHeapMb = opts.maxHeapMb ?? POOL_SETTINGS.maxHeapMb;
    this.threads = Math.min(jobs, paths.length);
    this.window = Math.max(POOL_SETTINGS.windowPerThread * this.threads, POOL_SETTINGS.minWindow);
  }

  run(): Promise<void> {
    return new Promise<void>((resolveAll, rejectAll) => {
      this.resolveAll = resolveAll;
      this.rejectAll = rejectAll;
      this.opts.signal?.addEventListener('abort', this.onAbort);
      this.pump();
    });
  }

  private stopping(): boolean {
    return this.fatal !== null || this.opts.signal?.aborted === true;
  }

  /** Hand out work to idle ready threads, start threads for work still waiting; end when all is in. */
  private pump(): void {
    if (this.finished) return;
    if (!this.stopping()) {
      this.assignIdle();
      this.spawnForWaitingWork();
    }
    if (this.inFlight === 0 && (this.stopping() || this.next >= this.paths.length)) this.finish();
  }

  private assignIdle(): void {
    for (const s of this.slots) {
      if (!s.ready || s.task || s.cause) continue;
      if (this.next >= this.paths.length || this.next - this.delivered >= this.window) break;
      this.assign(s);
    }
  }

  /** Spawn threads for the work not yet taken (each picks a file up when ready). */
  private spawnForWaitingWork(): void {
    const live = [...this.slots].filter((s) => !s.cause);
    let free = live.filter((s) => !s.task).length;
    for (let n = live.length; n < this.threads && free < this.paths.length - this.next; n++, free++) this.spawn();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    const all = [...this.slots].map((s) => {
      s.cause = 'done';
      return s.worker.terminate();
    });
    void Promise.allSettled(all).then(() => (this.fatal ? this.rejectAll(this.fatal) : this.resolveAll()));
  }

  /** Pass on every result whose predecessors are all delivered. */
  private deliver(): void {
    while (this.results.has(this.delivered)) {
      const f = this.results.get(this.delivered)!;
      this.results.delete(this.delivered);
      this.delivered++;
      if (this.fatal) continue;
      try {
        this.onResult(f);
      } catch (e) {
        this.fatal = e; // the writer failed (disk full, …): stop the batch, let the caller report it
      }
    }
  }

  private settle(slot: Slot, f: DocFile): void {
    const t = slot.task!;
    clearTimeout(t.timer);
    slot.task = undefined;
    this.results.set(t.id, f);
    this.inFlight--;
    this.deliver();
    this.pump();
  }

  private failTask(slot: Slot, reason: string): void {
    const t = slot.task!;
    clearTimeout(t.timer);
    // Keep the slot's task set until the DocFile is built, so pump() does not reuse it.
    void failedDocFile(t.path, reason).then((f) => {
      this.slots.delete(slot);
      slot.task = t;
      this.settle(slot, f);
    });
  }

  // A thread gets work only once it is ready (its modules loaded), so a crash
  // with a task in hand is the file's doing, and the clock is the file's.
  private assign(slot: Slot): void {
    const id = this.next++;
    this.inFlight++;
    slot.task = { id, path: this.paths[id] };
    slot.task.timer = setTimeout(() => {
      slot.cause = timeoutReason(this.timeoutMs);
      void slot.worker.terminate();
    }, this.timeoutMs);
    slot.worker.postMessage({ id, path: this.paths[id] });
  }

  private spawn(): void {
    const worker = new Worker(this.opts.workerFile!, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    slot.startup = setTimeout(() => {
      slot.cause = `startup: the reader thread did not start within ${POOL_SETTINGS.startupMs / 1000} s`;
      void worker.terminate();
    }, POOL_SETTINGS.startupMs);
    worker.on('message', (m: WorkerMessage) => this.onMessage(slot, m));
    worker.on('error', (e: Error & { code?: string }) => this.onError(slot, e));
    worker.on('exit', (code) => this.onExit(slot, code));
  }

  private onMessage(slot: Slot, m: WorkerMessage): void {
    if (m.ready) {
      clearTimeout(slot.startup);
      slot.ready = true;
      this.pump();
      return;
    }
    if (slot.task && m.id === slot.task.id && m.file) this.settle(slot, m.file);
  }

  /** Remember why the thread fails; its exit event (which always follows) acts on it. */
  private onError(slot: Slot, e: Error & { code?: string }): void {
    if (slot.cause) return;
    if (!slot.ready) slot.cause = `startup: ${e.message}`;
    else if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') slot.cause = `the reader ran out of memory (limit ${this.maxHeapMb} MB): the file is too large or damaged`;
    else slot.cause = `the reader crashed: ${e.message}`;
  }

  private onExit(slot: Slot, code: number): void {
    clearTimeout(slot.startup);
    if (slot.cause === 'done') return;
    if (!slot.ready && !this.finished) {
      // The thread could not even load the pipeline: a broken build, not a broken file.
      this.slots.delete(slot);
      this.fatal ??= new StartupError(`cannot start the reader threads (${this.opts.workerFile}): ${slot.cause?.replace(/^startup: /, '') ?? `exit code ${code}`}`);
      this.pump();
      return;
    }
    slot.cause ??= `the reader stopped unexpectedly (exit code ${code})`;
    if (slot.task) this.failTask(slot, slot.cause);
    else {
      this.slots.delete(slot);
      this.pump();
    }
  }
}

function runPool(paths: string[], jobs: number, onResult: (f: DocFile) => void, opts: PoolOptions): Promise<void> {
  if (!paths.length) return Promise.resolve();
  return new ReaderPool(paths, jobs, onResult, opts).run();
}
