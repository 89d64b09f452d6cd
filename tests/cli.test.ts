// The command line, in-process: flags parsed into typed values, exact usage
// errors (exit 2), --help and --version; and the version constants.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArgs, parseDuration, parsePages, UsageError, type FlagSpec } from '../src/cli/args.js';
import { commandHelp, HELP, main } from '../src/cli/main.js';
import { PACKAGE_VERSION, PARSER_VERSION } from '../src/version.js';

const SPEC: Record<string, FlagSpec> = {
  db: { type: 'string', default: 'output/drucksachen.sqlite' },
  csv: { type: 'string' },
  'csv-dialect': { type: 'string', default: 'rfc4180', choices: ['rfc4180', 'excel-de'] },
  jobs: { type: 'int' },
  every: { type: 'duration', default: 600_000 },
  reparse: { type: 'boolean', default: false },
  stitch: { type: 'boolean', default: true },
};

/** The UsageError message of a parse, or null when it parses. */
function usageError(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}
const usage = (msg: string) => `drucksachen: ${msg}\nRun "drucksachen --help" for usage.\n`;

describe('parseArgs', () => {
  it('defaults only, for no flags', () => {
    expect(parseArgs(['a.txt'], SPEC)).toEqual({
      positionals: ['a.txt'],
      flags: { db: 'output/drucksachen.sqlite', 'csv-dialect': 'rfc4180', every: 600_000, reparse: false, stitch: true },
    });
  });

  it('typed values: strings, whole numbers, durations, booleans; "--name value" and "--name=value"', () => {
    expect(parseArgs(['in', '--db', 'x.sqlite', '--csv=out/csv', '--csv-dialect', 'excel-de', '--jobs', '4', '--every=90s', '--reparse', '--no-stitch', 'more'], SPEC)).toEqual({
      positionals: ['in', 'more'],
      flags: { db: 'x.sqlite', csv: 'out/csv', 'csv-dialect': 'excel-de', jobs: 4, every: 90_000, reparse: true, stitch: false },
    });
  });

  it('"--" ends the flags; a value may contain "="', () => {
    expect(parseArgs(['--db=a=b.sqlite', '--', '--jobs', '-x'], SPEC)).toEqual({
      positionals: ['--jobs', '-x'],
      flags: { db: 'a=b.sqlite', 'csv-dialect': 'rfc4180', every: 600_000, reparse: false, stitch: true },
    });
  });

  it('bad values and unknown flags: exact messages', () => {
    expect([
      ['--jobs', '0'], ['--jobs', 'x'], ['--jobs', '1.5'], ['--jobs', '-1'], ['--jobs=0'],
      ['--every', '0s'], ['--every', 'soon'], ['--csv-dialect', 'excel'],
      ['--frobnicate'], ['--no-db'], ['--reparse=yes'], ['--no-stitch=1'], ['--db'], ['--db', '--reparse'],
    ].map((argv) => usageError(() => parseArgs(argv, SPEC)))).toEqual([
      '--jobs takes a whole number of at least 1, not "0"',
      '--jobs takes a whole number of at least 1, not "x"',
      '--jobs takes a whole number of at least 1, not "1.5"',
      '--jobs takes a whole number of at least 1, not "-1"',
      '--jobs takes a whole number of at least 1, not "0"',
      '--every takes a duration like 30s, 10m or 1h, not "0s"',
      '--every takes a duration like 30s, 10m or 1h, not "soon"',
      '--csv-dialect takes one of rfc4180, excel-de, not "excel"',
      'unknown option --frobnicate',
      'unknown option --no-db',
      '--reparse takes no value',
      '--no-stitch takes no value',
      '--db needs a value',
      '--db needs a value',
    ]);
  });
});

describe('durations and page lists', () => {
  it('durations in milliseconds; a bare number is seconds', () => {
    expect(['10m', '30s', '2h', '500ms', '1.5s', '10', ' 5m ', 'x', '10 m', '-1s', 'm', ''].map(parseDuration))
      .toEqual([600_000, 30_000, 7_200_000, 500, 1500, 10_000, 300_000, null, null, null, null, null]);
  });

  it('--pages 1,3-4 and friends', () => {
    expect(parsePages('1,3-4')).toEqual([1, 3, 4]);
    expect(parsePages('4, 2 ,2-3')).toEqual([2, 3, 4]);
    expect(parsePages('7')).toEqual([7]);
    expect(['3-1', '0', '1,,2', 'a', '1-', ''].map((s) => usageError(() => parsePages(s))))
      .toEqual(['3-1', '0', '1,,2', 'a', '1-', ''].map((s) => `--pages takes page numbers like 1,3-4, not "${s}"`));
  });
});

describe('main()', () => {
  it('--help (also after a command) prints the usage and exits 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      expect(await cli(...argv)).toEqual({ code: 0, out: HELP, err: '' });
    }
    // After a command: that command's usage and description only.
    expect(await cli('ingest', '--help')).toEqual({ code: 0, out: commandHelp('ingest'), err: '' });
    expect(await cli('tables', 'x.pdf', '-h')).toEqual({ code: 0, out: commandHelp('tables'), err: '' });
    expect(commandHelp('tables')).toMatch(/^Usage:\n {2}drucksachen tables <file\.pdf> \[--pages 1,3-4\]/);
    expect(commandHelp('tables')).not.toContain('drucksachen ingest');
    expect(HELP).toContain('drucksachen ingest <file|dir>...');
    expect(HELP).toContain('--csv-dialect rfc4180|excel-de');
  });

  it('no command: the usage, exit 2', async () => {
    expect(await cli()).toEqual({ code: 2, out: HELP, err: '' });
  });

  it('--version prints the parser version', async () => {
    expect(await cli('--version')).toEqual({ code: 0, out: `${PARSER_VERSION}\n`, err: '' });
  });

  it('an unknown command is bad usage', async () => {
    expect(await cli('frobnicate', 'x')).toEqual({ code: 2, out: '', err: usage('unknown command "frobnicate"') });
  });

  it('bad flags of every command are bad usage, before anything is read', async () => {
    expect(await cli('ingest', 'in', '--jobs', '0')).toEqual({ code: 2, out: '', err: usage('--jobs takes a whole number of at least 1, not "0"') });
    expect(await cli('ingest', 'in', '--jobs', 'x')).toEqual({ code: 2, out: '', err: usage('--jobs takes a whole number of at least 1, not "x"') });
    expect(await cli('ingest')).toEqual({ code: 2, out: '', err: usage('ingest needs at least one file or folder') });
    expect(await cli('tables', 'a.pdf', '--pages', '3-1')).toEqual({ code: 2, out: '', err: usage('--pages takes page numbers like 1,3-4, not "3-1"') });
    expect(await cli('tables')).toEqual({ code: 2, out: '', err: usage('tables needs exactly one PDF file') });
    expect(await cli('tables', 'a.pdf', '--csv', '0')).toEqual({ code: 2, out: '', err: usage('--csv takes a whole number of at least 1, not "0"') });
    expect(await cli('layout', 'a.pdf', '--page', 'one')).toEqual({ code: 2, out: '', err: usage('--page takes a whole number of at least 1, not "one"') });
    expect(await cli('watch', 'in', '--every', '0s')).toEqual({ code: 2, out: '', err: usage('--every takes a duration like 30s, 10m or 1h, not "0s"') });
    expect(await cli('watch', 'a', 'b')).toEqual({ code: 2, out: '', err: usage('watch needs exactly one folder') });
  });
});

describe('version', () => {
  it('PACKAGE_VERSION is the version of package.json; the parser version builds on it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(PACKAGE_VERSION).toBe(pkg.version);
    expect(PARSER_VERSION).toMatch(new RegExp(`^${pkg.version.replace(/\./g, '\\.')}\\+p\\d+$`));
  });
});
