#!/usr/bin/env node
// Entry point: wires the real process (stdout, stderr, signals, exit code) to main().
import { main } from './cli/main.js';
import { stopOnSignals } from './run/signals.js';
import { setTestHooks, testHooksFromEnv } from './run/test-hooks.js';

// Test-only hooks (none in real use): read from the environment once, here, and nowhere else.
setTestHooks(testHooksFromEnv(process.env));

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
// interrupted; a second one stops at once. (watch installs the same handler itself.)
const stop = process.argv[2] === 'ingest' || process.argv[2] === 'sync' ? stopOnSignals(io, true) : null;

main(process.argv.slice(2), io, stop ? { signal: stop.signal } : {}).then(
  (code) => { if (!stop?.signal.aborted) process.exitCode = code; },
  (e) => {
    // main() turns every expected failure into one line; this is a bug. The stack only on request.
    io.err(`drucksachen: internal error (a bug): ${(e as Error).message ?? e}\n`);
    if (process.env.DRUCKSACHEN_DEBUG) io.err(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 3;
  },
);
