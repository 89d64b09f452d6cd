// The downloads table (schema.sql) and the files in the --into folder: a number
// is recorded only after its checked bytes were renamed into place, so a run
// killed at any moment leaves either the old state or the new one.
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stmt, type DB } from '../load/db.js';
import { LocalWriteError, partName } from './http.js';
import { alive } from '../run/lock.js';
import { hashFile } from '../run/plain.js';

export interface DownloadRow {
  id: number;
  source: string;
  number: string;
  url: string;
  status: 'ok' | 'missing' | 'failed';
  reason: string | null;
  path: string | null;
  etag: string | null;
  last_modified: string | null;
  bytes: number | null;
  sha256: string | null;
  meta: string | null;
  attempts: number;
}

const now = () => new Date().toISOString();

export function getDownload(db: DB, source: string, number: string): DownloadRow | undefined {
  return stmt(db, 'SELECT * FROM downloads WHERE source = ? AND number = ?').get(source, number) as DownloadRow | undefined;
}

export interface OkRecord {
  url: string;
  path: string;
  etag: string | null;
  lastModified: string | null;
  bytes: number;
  sha256: string;
  meta?: string | null | undefined;
  /** False when the bytes are the ones recorded already (downloaded_at stays). */
  fresh: boolean;
}

export function recordOk(db: DB, source: string, number: string, r: OkRecord): void {
  const t = now();
  stmt(db, `INSERT INTO downloads (source, number, url, status, reason, path, etag, last_modified, bytes, sha256, meta, attempts, checked_at, downloaded_at)
            VALUES (?, ?, ?, 'ok', NULL, ?, ?, ?, ?, ?, ?, 1, ?, ?)
            ON CONFLICT (source, number) DO UPDATE SET url = excluded.url, status = 'ok', reason = NULL, path = excluded.path,
              etag = excluded.etag, last_modified = excluded.last_modified, bytes = excluded.bytes, sha256 = excluded.sha256,
              meta = coalesce(excluded.meta, meta), attempts = attempts + 1, checked_at = excluded.checked_at,
              downloaded_at = CASE WHEN ? THEN excluded.downloaded_at ELSE coalesce(downloaded_at, excluded.downloaded_at) END`)
    .run(source, number, r.url, r.path, r.etag, r.lastModified, r.bytes, r.sha256, r.meta ?? null, t, t, r.fresh ? 1 : 0);
}

/** A re-check that found the file unchanged (304). */
export function recordUnchanged(db: DB, id: number): void {
  stmt(db, 'UPDATE downloads SET checked_at = ?, attempts = attempts + 1 WHERE id = ?').run(now(), id);
}

/**
 * A number the server does not have (404), or one that failed after all tries.
 * A number downloaded before keeps its file and its ok row (the reason notes what happened).
 */
export function recordNotOk(db: DB, source: string, number: string, url: string, status: 'missing' | 'failed', reason: string): void {
  const t = now();
  stmt(db, `INSERT INTO downloads (source, number, url, status, reason, attempts, checked_at) VALUES (?, ?, ?, ?, ?, 1, ?)
            ON CONFLICT (source, number) DO UPDATE SET
              status = CASE WHEN status = 'ok' THEN 'ok' ELSE excluded.status END,
              reason = excluded.reason, attempts = attempts + 1, checked_at = excluded.checked_at`)
    .run(source, number, url, status, reason, t);
}

/** Downloaded files of a source not yet loaded (a run killed before its ingest, or --no-ingest). */
export function pendingIngest(db: DB, source: string): string[] {
  return (stmt(db, `SELECT path FROM downloads WHERE source = ? AND status = 'ok' AND path IS NOT NULL
                     AND sha256 NOT IN (SELECT sha256 FROM sources) ORDER BY id`).all(source) as { path: string }[])
    .map((r) => r.path)
    .filter((p) => existsSync(p));
}

/** The sha256 of a file, streamed (the one helper ingest uses too). */
export const sha256File = hashFile;

/** Where a download goes first: its own name when free, else a hidden staging name (compared before it is kept). */
export function downloadTarget(dir: string, name: string): { dest: string; canonical: string } {
  const canonical = join(dir, name);
  return { canonical, dest: existsSync(canonical) ? join(dir, `.${name}.got-${process.pid}`) : canonical };
}

/**
 * Put checked bytes at their final name: the canonical one when it was free or
 * holds the same bytes already; a different version is kept beside it as
 * NAME.<sha256 prefix>.EXT (the old version is never overwritten).
 */
export async function settle(dest: string, canonical: string, sha256: string): Promise<string> {
  if (dest === canonical) return canonical;
  if (existsSync(canonical) && (await sha256File(canonical)) === sha256) {
    rmSync(dest, { force: true });
    return canonical;
  }
  const dot = canonical.lastIndexOf('.');
  const alt = `${canonical.slice(0, dot)}.${sha256.slice(0, 12)}${canonical.slice(dot)}`;
  renameSync(dest, alt);
  return alt;
}

/** Write bytes we have in hand (DIP texts) the same way: temporary file, rename. */
export async function writeChecked(dir: string, name: string, bytes: Buffer, sha256: string): Promise<string> {
  const { dest, canonical } = downloadTarget(dir, name);
  const tmp = partName(dest);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, dest);
  } catch (e) {
    throw new LocalWriteError(dest, e);
  } finally {
    rmSync(tmp, { force: true });
  }
  return settle(dest, canonical, sha256);
}

/** Temporary files left by a sync that died (kill -9): hidden, named with a pid that no longer runs. */
export function removeLeftovers(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const n of names) {
    const m = /^\..+\.(?:part|got)-(\d+)$/.exec(n);
    if (!m || (Number(m[1]) !== process.pid && alive(Number(m[1])))) continue;
    rmSync(join(dir, n), { force: true });
    removed.push(n);
  }
  return removed;
}

