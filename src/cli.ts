#!/usr/bin/env node
// Entry point: wires the real process (stdout, stderr, exit code) to main().
import { main } from './cli/main.js';

const io = {
  out: (s: string) => process.stdout.write(s),
  err: (s: string) => process.stderr.write(s),
  tty: process.stderr.isTTY === true,
};

main(process.argv.slice(2), io).then(
  (code) => { process.exitCode = code; },
  (e) => {
    process.stderr.write(`drucksachen: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 3;
  },
);
