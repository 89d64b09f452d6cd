// The one handler of SIGINT / SIGTERM, for ingest and watch alike: the first
// signal stops after the documents in hand (the AbortSignal), a second one
// exits at once with 130 (SIGINT) or 143 (SIGTERM). Before that hard exit the
// registered hooks run (synchronously: mark the run interrupted, free the
// lock), so nothing is left `running`; an open document transaction is rolled
// back by SQLite.
import type { Io } from '../commands/progress.js';

export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

const hardExitHooks = new Set<() => void>();

/** Run `fn` before a hard exit on a second signal; returns the function that removes it again. */
export function onHardExit(fn: () => void): () => void {
  hardExitHooks.add(fn);
  return () => hardExitHooks.delete(fn);
}

export interface StopSignals {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * Listen for SIGINT / SIGTERM. `exitCodeOnStop`: the first signal also sets
 * process.exitCode (ingest: 130 / 143; watch: a stop is its normal end, 0).
 */
export function stopOnSignals(io: Io, exitCodeOnStop: boolean): StopSignals {
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    const code = SIGNAL_EXIT[sig as 'SIGINT' | 'SIGTERM'] ?? 130;
    signals++;
    if (signals > 1) {
      io.err(`drucksachen: ${sig} again: stopping now\n`);
      for (const hook of hardExitHooks) {
        try {
          hook();
        } catch {
          // the next run cleans up what is left
        }
      }
      process.exit(code);
    }
    io.err(`\ndrucksachen: ${sig}: stopping after the current document (send it again to stop at once)\n`);
    if (exitCodeOnStop) process.exitCode = code;
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: stop.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
