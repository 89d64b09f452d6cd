// Input discovery: files and folders (recursive), inputs by extension.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kindOf } from '../pipeline.js';
import { errnoCode, errnoReason } from '../common/errno.js';
import { fsPath, nameFromBytes } from '../common/paths.js';

export interface Found {
  files: string[];
  /** Paths that could not be read (missing, no permission), with the reason. */
  problems: { path: string; reason: string }[];
  /** Folders that were read (the given ones and those below them). */
  folders: string[];
}

export function collectInputs(paths: string[]): Found {
  const found: Found = { files: [], problems: [], folders: [] };
  const seen = new Set<string>();
  const add = (p: string) => {
    if (!seen.has(p)) { seen.add(p); found.files.push(p); }
  };
  const walked = new Set<string>();
  const walk = (dir: string) => {
    let real = dir;
    try {
      real = realpathSync(fsPath(dir), { encoding: 'buffer' }).toString('latin1'); // a key only: bytes kept
    } catch {
      // readdir below reports it
    }
    if (walked.has(real)) return; // a link back up the tree
    walked.add(real);
    let entries: import('node:fs').Dirent<Buffer>[];
    try {
      // Names as bytes: a name that is not valid UTF-8 is still read (see common/paths.ts).
      entries = readdirSync(fsPath(dir), { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      found.problems.push({ path: dir, reason: reasonOf(e, 'folder') });
      return;
    }
    found.folders.push(dir);
    const named = entries.map((e) => ({ e, name: nameFromBytes(e.name) }));
    for (const { e, name } of named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(fsPath(p));
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) walk(p);
      else if (isFile && kindOf(p)) add(p);
    }
  };
  for (const raw of paths) {
    const p = resolve(raw);
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      found.problems.push({ path: p, reason: reasonOf(e, 'file or folder') });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else add(p);
  }
  return found;
}

/** The reason, for people, why a path cannot be read. */
export function reasonOf(e: unknown, what: string): string {
  const code = errnoCode(e);
  if (code === 'ENOENT' || code === 'ENOTDIR') return errnoReason(e, what);
  if (code === 'EACCES' || code === 'EPERM') return `permission denied: the ${what} cannot be read`;
  return `cannot read the ${what}: ${errnoReason(e, what)}`;
}
