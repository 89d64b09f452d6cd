#!/usr/bin/env node
// Entry point: wires the real process (stdout, stderr, signals, exit code) to main().
import { main } from './cli/main.js';
import { onStopSignals, signalExitCode } from './common/signals.js';

// A reader that goes away (`… | head`) is no error: stop printing, keep working.
let stdoutClosed = false;
let stderrClosed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') stdoutClosed = true;
  else throw e;
});
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') stderrClosed = true;
  else throw e;
});

const io = {
  out: (s: string) => { if (!stdoutClosed) process.stdout.write(s); },
  err: (s: string) => { if (!stderrClosed) process.stderr.write(s); },
  tty: process.stderr.isTTY === true,
};

// ingest: the first SIGINT/SIGTERM finishes the documents in hand and records the run as
// interrupted; a second one stops at once. (watch handles its signals itself.)
const controller = new AbortController();
if (process.argv[2] === 'ingest') {
  onStopSignals({
    onStop: (sig) => {
      io.err(`\n${sig}: stopping after the current document (again to stop at once)\n`);
      process.exitCode = signalExitCode(sig);
      controller.abort();
    },
  });
}

main(process.argv.slice(2), io, { signal: controller.signal }).then(
  (code) => { if (!controller.signal.aborted) process.exitCode = code; },
  (e) => {
    io.err(`drucksachen: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 3;
  },
);
