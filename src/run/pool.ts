// Readers for a batch: N worker threads (one document per task; each thread
// loads pdf.js once and stays alive for the batch), also for --jobs 1: no file
// is ever read on the writer's thread. The results reach the one writer in the
// order of the inputs, so a parallel run loads exactly what a sequential run
// loads (same ids, same versions).
//
// Safety: every reader runs bounded — a heap limit per thread, a watchdog on
// the memory of the whole process (pdf.js buffers live outside the heap) and
// the per-file time limit. A file that exceeds one becomes a failed DocFile
// with the reason and its code (limit.time, limit.memory, reader.crash); the
// thread is replaced and the batch goes on.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { DocErrorCode } from '../errors.js';
import { DocFile } from '../model.js';
import { processFile } from '../pipeline.js';
import { failedDocFile, slimForLoad } from './plain.js';
import { DEFAULT_TIMEOUT_MS, type ProcessContext, type Processor, timeoutReason } from './types.js';

export interface PoolOptions extends ProcessContext {
  /** Heap limit of each reader thread in MB (default POOL_SETTINGS.maxHeapMb): a runaway file fails alone. */
  maxHeapMb?: number;
  /** Memory (RSS) of the whole process in MB above which the longest-running reader is stopped (default POOL_SETTINGS.maxRssMb). */
  maxRssMb?: number;
  /** The worker entry (default: run/worker.js next to this module, or in dist/ when running from src/). */
  workerFile?: string;
}

/** The compiled worker entry: next to this file in dist/, or dist/run/worker.js when running from src/ (tests). */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'worker.js');
  return resolve(dirname(here), '..', '..', 'dist', 'run', 'worker.js');
}

/**
 * In-process reading, for tests and embedding only (the CLI always reads in
 * worker threads): no memory bound, and a hang that never yields cannot be cut
 * short here.
 */
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
        timer = setTimeout(() => res(failedDocFile(p, 'limit.time', timeoutReason(timeoutMs))), timeoutMs);
      });
      const f = await Promise.race([processFile(p), timedOut]);
      clearTimeout(timer);
      onResult(slimForLoad(f));
    }
  };
}

/**
 * The processor ingest and watch use: reader threads for every --jobs, 1
 * included (bounded in memory and time). Only a build without the compiled
 * worker (tests run from src/) reads on the main thread.
 */
export function poolProcessor(opts: PoolOptions = {}): Processor {
  return (paths, jobs, onResult, ctx = {}) => {
    const o: PoolOptions = { ...opts, ...ctx };
    const file = o.workerFile ?? workerFile();
    if (!existsSync(file)) return sequentialProcessor(o)(paths, jobs, onResult, ctx);
    return runPool(paths, Math.max(1, jobs), onResult, { ...o, workerFile: file });
  };
}

export const defaultProcessor = poolProcessor;

/**
 * Test-only: smaller limits through the environment, so the tests of hostile
 * inputs stay fast (DRUCKSACHEN_TEST_HEAP_MB, DRUCKSACHEN_TEST_RSS_MB). Read
 * once, when a pool starts; not meant for users.
 */
function envMb(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/**
 * A reader thread with its heap limit. The initial old space is a V8 flag, so it is set for the
 * process (it applies to the isolates made after it: the readers), never above a quarter of the limit.
 */
export function readerThread(file: string, maxHeapMb: number): Worker {
  setFlagsFromString(`--initial-old-space-size=${Math.max(1, Math.min(POOL_SETTINGS.initialHeapMb, Math.floor(maxHeapMb / 4)))}`);
  return new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
}

/** The memory limits of a read: the options, else the test environment, else POOL_SETTINGS. */
export function poolLimits(opts: { maxHeapMb?: number | undefined; maxRssMb?: number | undefined }): { maxHeapMb: number; maxRssMb: number } {
  return {
    maxHeapMb: opts.maxHeapMb ?? envMb('DRUCKSACHEN_TEST_HEAP_MB') ?? POOL_SETTINGS.maxHeapMb,
    maxRssMb: opts.maxRssMb ?? envMb('DRUCKSACHEN_TEST_RSS_MB') ?? POOL_SETTINGS.maxRssMb,
  };
}

/** The limits of a pool run, in one place. */
export const POOL_SETTINGS = {
  /** Heap limit of each reader thread (MB) unless PoolOptions.maxHeapMb says otherwise. */
  maxHeapMb: 512,
  /**
   * Old space a reader starts with (MB; at most a quarter of its limit). V8 derives the first GC
   * thresholds from the limit: with 512 MB a reader ran about 30 full collections where an
   * unlimited one ran 5. 64 MB: the bench corpus in 10 % less time for about 20 MB more memory
   * (128 MB: 13 % less, 70 MB more).
   */
  initialHeapMb: 64,
  /** The whole process stays under about this much memory (MB): above it the longest-running reader is stopped. */
  maxRssMb: 1024,
  /** How often the memory watchdog looks (ms). */
  watchdogMs: 100,
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
  task?: { id: number; path: string; timer?: NodeJS.Timeout; started: number } | undefined;
  /** Why the thread is going down, when we know it better than its exit event. */
  cause?: Cause;
}

/** Why a reader thread went down: 'done' at the end of the batch, 'startup' when it never became ready. */
type Cause = { code: DocErrorCode | 'done' | 'startup'; text: string };

class StartupError extends Error {}

type WorkerMessage = { ready?: boolean; id?: number; file?: DocFile };

/**
 * One batch on worker threads. Tasks go out in input order to ready threads;
 * results come back in any order and are handed to `onResult` in input order.
 */
class ReaderPool {
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly maxRssMb: number;
  private watchdog?: NodeJS.Timeout;
  private readonly threads: number;
  // Results wait here until all earlier ones are delivered; a bounded window keeps memory flat.
  private readonly window: number;
  private readonly results = new Map<number, DocFile>();
  private readonly slots = new Set<Slot>();
  private next = 0;
  private delivered = 0;
  private inFlight = 0;
  /** A delivery is scheduled for the next turn of the event loop. */
  private delivering = false;
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
    ({ maxHeapMb: this.maxHeapMb, maxRssMb: this.maxRssMb } = poolLimits(opts));
    this.threads = Math.min(jobs, paths.length);
    this.window = Math.max(POOL_SETTINGS.windowPerThread * this.threads, POOL_SETTINGS.minWindow);
  }

  run(): Promise<void> {
    return new Promise<void>((resolveAll, rejectAll) => {
      this.resolveAll = resolveAll;
      this.rejectAll = rejectAll;
      this.opts.signal?.addEventListener('abort', this.onAbort);
      this.watchdog = setInterval(() => this.checkMemory(), POOL_SETTINGS.watchdogMs);
      this.watchdog.unref();
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
    const idle = this.inFlight === 0 && this.results.size === 0 && !this.delivering;
    if (idle && (this.stopping() || this.next >= this.paths.length)) this.finish();
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
    clearInterval(this.watchdog);
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    const all = [...this.slots].map((s) => {
      s.cause = { code: 'done', text: 'done' };
      return s.worker.terminate();
    });
    void Promise.allSettled(all).then(() => (this.fatal ? this.rejectAll(this.fatal) : this.resolveAll()));
  }

  /**
   * Pass on the results whose predecessors are all delivered, one per turn of
   * the event loop and never from inside a thread's message event: a full
   * poll phase lies between two documents, so a signal (Ctrl-C) is seen
   * between them even when several results wait.
   */
  private deliver(): void {
    if (this.delivering || !this.results.has(this.delivered)) return;
    this.delivering = true;
    setImmediate(() => setImmediate(() => {
      this.delivering = false;
      const f = this.results.get(this.delivered)!;
      this.results.delete(this.delivered);
      this.delivered++;
      if (!this.fatal) {
        try {
          this.onResult(f);
        } catch (e) {
          this.fatal = e; // the writer failed (disk full, …): stop the batch, let the caller report it
        }
      }
      this.deliver();
      this.pump();
    }));
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

  /**
   * The memory watchdog: heap limits do not cover the buffers pdf.js decodes
   * into, so the memory of the whole process is watched too. Above the bound,
   * the reader that has been at its file longest is stopped (a hostile file
   * grows while good ones come and go); one at a time, until its exit.
   */
  private checkMemory(): void {
    if (process.memoryUsage.rss() / 2 ** 20 <= this.maxRssMb) return;
    const busy = [...this.slots].filter((s) => s.task && !s.cause);
    if (!busy.length || [...this.slots].some((s) => s.cause?.code === 'limit.memory')) return;
    const victim = busy.reduce((a, b) => (b.task!.started < a.task!.started ? b : a));
    victim.cause = { code: 'limit.memory', text: memoryReason(`the process went over ${this.maxRssMb} MB`) };
    void victim.worker.terminate();
  }

  private failTask(slot: Slot, cause: Cause): void {
    const t = slot.task!;
    clearTimeout(t.timer);
    const code = cause.code === 'done' || cause.code === 'startup' ? 'reader.crash' : cause.code;
    // Keep the slot's task set until the DocFile is built, so pump() does not reuse it.
    void failedDocFile(t.path, code, cause.text).then((f) => {
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
    slot.task = { id, path: this.paths[id], started: performance.now() };
    slot.task.timer = setTimeout(() => {
      slot.cause = { code: 'limit.time', text: timeoutReason(this.timeoutMs) };
      void slot.worker.terminate();
    }, this.timeoutMs);
    slot.worker.postMessage({ id, path: this.paths[id] });
  }

  private spawn(): void {
    const worker = readerThread(this.opts.workerFile!, this.maxHeapMb);
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    slot.startup = setTimeout(() => {
      slot.cause = { code: 'startup', text: `the reader thread did not start within ${POOL_SETTINGS.startupMs / 1000} s` };
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
    if (slot.task && m.id === slot.task.id && m.file) this.settle(slot, DocFile.revive(m.file));
  }

  /** Remember why the thread fails; its exit event (which always follows) acts on it. */
  private onError(slot: Slot, e: Error & { code?: string }): void {
    if (slot.cause) return;
    if (!slot.ready) slot.cause = { code: 'startup', text: e.message };
    else if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') slot.cause = { code: 'limit.memory', text: memoryReason(`limit ${this.maxHeapMb} MB`) };
    else slot.cause = { code: 'reader.crash', text: `the reader crashed: ${e.message}` };
  }

  private onExit(slot: Slot, code: number): void {
    clearTimeout(slot.startup);
    if (slot.cause?.code === 'done') return;
    if (!slot.ready && !this.finished) {
      // The thread could not even load the pipeline: a broken build, not a broken file.
      this.slots.delete(slot);
      this.fatal ??= new StartupError(`cannot start the reader threads (${this.opts.workerFile}): ${slot.cause?.text ?? `exit code ${code}`}`);
      this.pump();
      return;
    }
    slot.cause ??= { code: 'reader.crash', text: `the reader stopped unexpectedly (exit code ${code})` };
    if (slot.task) this.failTask(slot, slot.cause);
    else {
      this.slots.delete(slot);
      this.pump();
    }
  }
}

export function memoryReason(limit: string): string {
  return `the reader ran out of memory (${limit}): the file is too large or damaged`;
}

function runPool(paths: string[], jobs: number, onResult: (f: DocFile) => void, opts: PoolOptions): Promise<void> {
  if (!paths.length) return Promise.resolve();
  return new ReaderPool(paths, jobs, onResult, opts).run();
}
