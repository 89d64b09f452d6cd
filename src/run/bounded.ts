// One read of one file in a reader thread, under the limits every ingest read
// runs under (run/pool.ts): the heap limit of the thread, the memory bound of
// the process and the time-out. `layout` and `tables` read this way, so a
// hostile PDF ends in one coded line (limit.memory, limit.time), not in V8's
// out-of-memory trace. Where no worker is built (tests from src/), the task
// runs in-process, as the pool does.
import { existsSync } from 'node:fs';
import { type DocErrorCode, UsageError } from '../errors.js';
import { ExtractError } from '../extract/errors.js';
import { memoryReason, POOL_SETTINGS, poolLimits, readerThread, workerFile } from './pool.js';
import { runReadTask, type PlainError, type ReadResult, type ReadTask } from './read-task.js';
import { DEFAULT_TIMEOUT_MS, timeoutReason } from './types.js';

export interface BoundedOptions {
  /** Time limit in ms (default: the one of ingest). */
  timeoutMs?: number | undefined;
  maxHeapMb?: number | undefined;
  maxRssMb?: number | undefined;
  workerFile?: string | undefined;
}

/** The error again, of its class where it is one of ours (the code decides the exit status). */
function revive(p: PlainError): Error {
  if (p.name === 'ExtractError' && p.code) return new ExtractError(p.code as DocErrorCode, p.message);
  if (p.name === 'UsageError') return new UsageError(p.message, p.code === 'usage.pages' ? 'usage.pages' : 'usage');
  return new ExtractError('internal', `internal error while reading the file: ${p.message}`);
}

type Reply = { ready?: boolean; id?: number; result?: ReadResult; error?: PlainError };

/** Run `task` on `bytes` in a reader thread, bounded; a limit hit throws an ExtractError with its code. */
export function readBounded(task: ReadTask, bytes: Uint8Array, opts: BoundedOptions = {}): Promise<ReadResult> {
  const file = opts.workerFile ?? workerFile();
  if (!existsSync(file)) return runReadTask(task, bytes);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { maxHeapMb, maxRssMb } = poolLimits(opts);
  return new Promise<ReadResult>((resolve, reject) => {
    const worker = readerThread(file, maxHeapMb);
    let cause: Error | null = null;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const stop = (why: Error) => {
      cause ??= why;
      void worker.terminate();
    };
    const startup = setTimeout(() => stop(new Error(`cannot start the reader thread (${file}) within ${POOL_SETTINGS.startupMs / 1000} s`)), POOL_SETTINGS.startupMs);
    const watchdog = setInterval(() => {
      if (process.memoryUsage.rss() / 2 ** 20 > maxRssMb) stop(new ExtractError('limit.memory', memoryReason(`the process went over ${maxRssMb} MB`)));
    }, POOL_SETTINGS.watchdogMs);
    watchdog.unref();
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(startup);
      clearTimeout(timer);
      clearInterval(watchdog);
      void worker.terminate();
      f();
    };
    worker.on('message', (m: Reply) => {
      if (m.ready) {
        clearTimeout(startup);
        timer = setTimeout(() => stop(new ExtractError('limit.time', timeoutReason(timeoutMs))), timeoutMs);
        worker.postMessage({ id: 0, read: task, bytes });
        return;
      }
      if (m.error) settle(() => reject(revive(m.error!)));
      else if (m.result) {
        const result = m.result;
        settle(() => resolve(result));
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') cause ??= new ExtractError('limit.memory', memoryReason(`limit ${maxHeapMb} MB`));
      else cause ??= new ExtractError('reader.crash', `the reader crashed: ${e.message}`);
    });
    worker.on('exit', (code) => settle(() => reject(cause ?? new ExtractError('reader.crash', `the reader stopped unexpectedly (exit code ${code})`))));
  });
}
