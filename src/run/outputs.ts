// The outputs of a run, checked before any work (a bad --db or --csv is bad
// usage, exit 2, not a failure after an hour of reading), and the errors of
// writing them turned into one line for people (exit 3: the run could not
// complete).
import { accessSync, constants, mkdirSync, statfsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError, errnoText, RunError, UsageError } from '../errors.js';
import { foreignHolders } from './lock.js';

function errnoOf(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

function why(e: unknown): string {
  return errnoText(errnoOf(e)) ?? (e as Error).message;
}

/** Why the nearest existing folder above `dir` cannot be written (a read-only file system says ENOENT on mkdir -p). */
function ancestorProblem(dir: string): unknown {
  for (let d = dirname(dir); ; d = dirname(d)) {
    try {
      statSync(d);
      accessSync(d, constants.W_OK);
      return null;
    } catch (e) {
      if (errnoOf(e) !== 'ENOENT') return e;
    }
    if (dirname(d) === d) return null;
  }
}

/** A folder that exists or can be made, and can be written; else the reason. */
function writableFolder(dir: string): string | null {
  try {
    if (!statSync(dir).isDirectory()) return 'it is a file, not a folder';
  } catch (e) {
    if (errnoOf(e) === 'ENOTDIR') return `the folder cannot be made: ${why(e)}`;
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e2) {
      return `the folder cannot be made: ${why(ancestorProblem(dir) ?? e2)}`;
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    return `the folder cannot be written: ${why(e)}`;
  }
  return null;
}

/** --db: not empty, not a folder, in a folder that exists or can be made and can be written. */
export function checkDbPath(db: string): void {
  if (db === '') throw new UsageError('--db needs a file name, not ""', 'output.db');
  if (db === ':memory:') return;
  const path = resolve(db);
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`cannot use the database ${db}: it is a folder (--db must name a SQLite file)`, 'output.db');
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  const problem = writableFolder(dirname(path));
  if (problem) throw new UsageError(`cannot use the database ${db}: ${problem} (${dirname(path)})`, 'output.db');
}

/** --csv: a folder that exists or can be made, and can be written. */
export function checkCsvDir(dir: string): void {
  if (dir === '') throw new UsageError('--csv needs a folder name, not ""', 'output.csv');
  const problem = writableFolder(resolve(dir));
  if (problem) throw new UsageError(`cannot write the CSV files to ${dir}: ${problem}`, 'output.csv');
}

/** True when the file system of `file` has (almost) no space left. */
function diskFull(file: string): boolean {
  try {
    const st = statfsSync(dirname(resolve(file)));
    return st.bavail * st.bsize < 64 * 1024;
  } catch {
    return false;
  }
}

/**
 * An error while writing `where` (the database, the CSV folder) as a RunError
 * with a code and one line; AppErrors pass as they are; anything without an
 * errno / SQLite code is left alone (a bug: main() reports it as internal).
 */
export function asRunError(e: unknown, where: string, file?: string): unknown {
  if (e instanceof AppError) return e;
  const code = errnoOf(e);
  if (!code) return e;
  const base = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  // SQLite reports some writes on a full disk as I/O errors (the WAL index, a journal): ask the file system.
  if (base === 'ENOSPC' || base === 'EDQUOT' || base === 'SQLITE_FULL' || (base === 'SQLITE_IOERR' && file !== undefined && diskFull(file))) {
    return new RunError('disk.full', `${where}: ${errnoText('ENOSPC')}`);
  }
  if (base === 'SQLITE_BUSY' || base === 'SQLITE_LOCKED') {
    const holder = file !== undefined ? foreignHolders(file) : null;
    return new RunError('db.busy', `${where}: ${holder ?? 'another program'} kept the database busy past the busy time-out (${(e as Error).message})`);
  }
  if (/^E[A-Z]+$/.test(base) || base.startsWith('SQLITE_')) {
    return new RunError('io.write', `${where}: ${errnoText(base) ?? errnoText(code) ?? (e as Error).message}`);
  }
  return e;
}
