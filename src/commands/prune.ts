// `drucksachen prune`: forget sources whose file is gone (--missing) and failed
// sources whose file loaded later (--failed). Their rows go with them (cascade,
// the search index by trigger); the remaining versions of a Drucksache are
// renumbered, so an older version becomes current again when the newer is gone.
import { existsSync } from 'node:fs';
import { UsageError } from '../cli/args.js';
import { openDb, renumberVersions, type DB } from '../load/db.js';
import { reconcile } from '../load/enrich.js';
import { acquireLock, describeHolder } from '../run/lock.js';
import type { Io } from './progress.js';

export interface PruneOptions {
  db: string;
  missing: boolean;
  failed: boolean;
  dryRun: boolean;
  quiet?: boolean | undefined;
}

export interface PruneCandidate {
  id: number;
  path: string;
  status: string;
  reason: 'missing' | 'failed, loaded later' | 'failed, file gone';
}

/** The sources prune would forget, oldest first. */
export function pruneCandidates(db: DB, o: { missing: boolean; failed: boolean }): PruneCandidate[] {
  const rows = db.prepare('SELECT id, path, status FROM sources ORDER BY id').all() as { id: number; path: string; status: string }[];
  // Later only: a file that loaded and then was replaced by a broken copy still fails; forgetting that
  // failure would report it again on every run.
  const loadedLater = db.prepare("SELECT 1 FROM sources WHERE path = ? AND id > ? AND status <> 'failed' LIMIT 1");
  const out: PruneCandidate[] = [];
  for (const r of rows) {
    const gone = !existsSync(r.path);
    if (r.status === 'failed' && o.failed) {
      if (loadedLater.get(r.path, r.id)) { out.push({ ...r, reason: 'failed, loaded later' }); continue; }
      if (gone) { out.push({ ...r, reason: 'failed, file gone' }); continue; }
    }
    if (gone && o.missing) out.push({ ...r, reason: 'missing' });
  }
  return out;
}

/** Forget these sources in one transaction; returns how many. */
export function forgetSources(db: DB, ids: number[]): number {
  return db.transaction(() => {
    const touched = new Set<string>();
    const names = db.prepare(
      `SELECT drucksache FROM documents WHERE source_id = ? AND drucksache IS NOT NULL
       UNION SELECT drucksache FROM portal_entries WHERE source_id = ?`,
    );
    const del = db.prepare('DELETE FROM sources WHERE id = ?');
    let n = 0;
    for (const id of ids) {
      for (const r of names.all(id, id) as { drucksache: string }[]) touched.add(r.drucksache);
      n += del.run(id).changes;
    }
    for (const d of touched) renumberVersions(db, d);
    reconcile(db, touched);
    return n;
  }).immediate();
}

export async function pruneCommand(o: PruneOptions, io: Io): Promise<number> {
  if (!existsSync(o.db)) throw new UsageError(`no database at ${o.db} (give --db)`);
  const which = o.missing || o.failed ? { missing: o.missing, failed: o.failed } : { missing: true, failed: true };
  const db = openDb(o.db);
  try {
    if (o.dryRun) {
      const c = pruneCandidates(db, which);
      for (const x of c) io.out(`would forget ${x.path} (${x.reason})\n`);
      if (!o.quiet) io.err(`${c.length} source${c.length === 1 ? '' : 's'} would be forgotten (dry run: nothing changed)\n`);
      return 0;
    }
    const lock = await acquireLock(db, {
      command: 'prune',
      onWait: (h) => io.err(`waiting: ${describeHolder(h)} holds the writer lock on ${db.name}\n`),
    });
    try {
      const c = pruneCandidates(db, which);
      const n = forgetSources(db, c.map((x) => x.id));
      for (const x of c) io.out(`forgot ${x.path} (${x.reason})\n`);
      if (!o.quiet) io.err(`${n} source${n === 1 ? '' : 's'} forgotten\n`);
      return 0;
    } finally {
      lock.release();
    }
  } finally {
    db.close();
  }
}
