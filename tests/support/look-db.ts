// A database for the search/report/export/prune tests: the text fixtures
// through the real CLI, plus a second version of 18/14087 (one word changed),
// so current-only results can be told from all versions.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';

export const TEXT = resolve('tests/fixtures/text');
/** The word of 18/14087 that its second version replaces. */
export const OLD_WORD = 'mündlich';
export const NEW_WORD = 'schriftlich';

export interface Cli { code: number; out: string; err: string }

export async function cli(...argv: string[]): Promise<Cli> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

/** A fresh folder with the inputs and a database loaded from them. */
export async function lookDb(): Promise<{ dir: string; inputs: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'drucksachen-look-'));
  const inputs = join(dir, 'in');
  mkdirSync(join(inputs, 'v2'), { recursive: true });
  for (const f of ['nrw-17-10116.txt', 'nrw-18-13528.txt', 'nrw-18-14087.txt']) writeFileSync(join(inputs, f), readFileSync(join(TEXT, f)));
  const db = join(dir, 'd.sqlite');
  const first = await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet');
  if (first.code !== 0) throw new Error(`ingest failed: ${first.err}`);
  // The second version is loaded later, so it is current.
  const v2 = readFileSync(join(TEXT, 'nrw-18-14087.txt'), 'utf8').replace(`${OLD_WORD} geäußert`, `${NEW_WORD} geäußert`);
  writeFileSync(join(inputs, 'v2', 'nrw-18-14087-v2.txt'), v2);
  const second = await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet');
  if (second.code !== 0) throw new Error(`ingest failed: ${second.err}`);
  return { dir, inputs, db };
}
