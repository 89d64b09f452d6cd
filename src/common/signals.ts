// SIGINT / SIGTERM for the commands that stop gently (ingest, watch): the
// first signal asks to stop after the documents in hand, a second one exits
// at once with the shell's code for the signal (130, 143).

export const signalExitCode = (sig: NodeJS.Signals): number => (sig === 'SIGINT' ? 130 : 143);

export interface StopSignals {
  /** Called on the first signal. */
  onStop(sig: NodeJS.Signals): void;
  /** Written before the process exits on the second signal. */
  onAgain?: ((sig: NodeJS.Signals) => void) | undefined;
}

/** Listen for SIGINT and SIGTERM; returns the function that removes the listeners. */
export function onStopSignals(h: StopSignals): () => void {
  let signals = 0;
  const handler = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      h.onAgain?.(sig);
      process.exit(signalExitCode(sig));
    }
    h.onStop(sig);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
