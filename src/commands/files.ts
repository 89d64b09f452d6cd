// Input discovery: files and folders (recursive), inputs by extension.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kindOf } from '../pipeline.js';

export interface Found {
  files: string[];
  /** Paths that could not be read (missing, no permission), with the reason. */
  problems: { path: string; reason: string }[];
}

export function collectInputs(paths: string[]): Found {
  const found: Found = { files: [], problems: [] };
  const seen = new Set<string>();
  const add = (p: string) => {
    if (!seen.has(p)) { seen.add(p); found.files.push(p); }
  };
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      found.problems.push({ path: dir, reason: reasonOf(e, 'folder') });
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && kindOf(p)) add(p);
    }
  };
  for (const raw of paths) {
    const p = resolve(raw);
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      found.problems.push({ path: p, reason: reasonOf(e, 'path') });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else add(p);
  }
  return found;
}

export function reasonOf(e: unknown, what: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `no such ${what}`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied: the ${what} cannot be read`;
  return `cannot read the ${what}: ${(e as Error).message}`;
}
