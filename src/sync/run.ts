// One sync: under the writer lock, a source module finds and downloads what is
// new into the --into folder (recorded in the downloads table); then the files
// not yet loaded are ingested like `ingest` would (its own run, same lock), and
// the source may attach its metadata to the loaded documents.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from '../commands/progress.js';
import { ingestInto, type IngestOptions, type IngestSummary } from '../commands/ingest.js';
import type { DB } from '../load/db.js';
import { acquireLock, describeHolder } from '../run/lock.js';
import type { Processor } from '../run/types.js';
import { Http, HTTP_DEFAULTS, StoppedError, userAgent } from './http.js';
import { MODULES, SOURCES } from './sources/index.js';
import { pendingIngest, removeLeftovers } from './store.js';
import { SyncError, type SyncContext, type SyncOptions, type SyncStats } from './types.js';

export interface SyncRunOptions extends SyncOptions {
  baseUrl?: string | undefined;
  intervalMs?: number | undefined;
  timeoutMs?: number | undefined;
  retries?: number | undefined;
  backoffMs?: number | undefined;
  contact?: string | undefined;
  noIngest: boolean;
  ingest: Omit<IngestOptions, 'db'>;
  signal?: AbortSignal | undefined;
}

export interface SyncResult {
  stats: SyncStats;
  ingest: IngestSummary | null;
}

export function knownSources(): string[] {
  return Object.keys(SOURCES);
}

export async function runSync(db: DB, id: string, o: SyncRunOptions, io: Io, processor?: Processor): Promise<SyncResult> {
  const def = SOURCES[id];
  const mod = def && MODULES[def.module];
  if (!def || !mod) throw new SyncError(`unknown sync source "${id}" (known: ${knownSources().join(', ')})`, 2);
  const dir = resolve(o.into);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new SyncError(`cannot use --into ${o.into}: ${(e as Error).message}`, 2);
  }
  const stats: SyncStats = { requests: 0, new: 0, changed: 0, unchanged: 0, missing: 0, failed: 0 };
  const log = (line: string) => { if (!o.quiet) io.err(`${line}\n`); };
  const warn = (line: string) => io.err(`${line}\n`);
  const http = new Http({
    intervalMs: o.intervalMs ?? HTTP_DEFAULTS.intervalMs,
    timeoutMs: o.timeoutMs ?? HTTP_DEFAULTS.timeoutMs,
    retries: o.retries ?? HTTP_DEFAULTS.retries,
    backoffMs: o.backoffMs ?? HTTP_DEFAULTS.backoffMs,
    maxRetryAfterMs: HTTP_DEFAULTS.maxRetryAfterMs,
    userAgent: userAgent(o.contact),
    signal: o.signal,
    onRetry: (url, reason, ms) => log(`${url}: ${reason}; trying again in ${Math.round(ms / 100) / 10} s`),
  });
  const ctx: SyncContext = { id, def, db, http, opts: o, io, base: o.baseUrl ?? def.baseUrl, dir, stats, signal: o.signal, log, warn };
  const lockWait = { command: `sync ${id}`, signal: o.signal, onWait: (h: Parameters<typeof describeHolder>[0]) => io.err(`waiting: ${describeHolder(h)} holds the writer lock on ${db.name}; this sync starts when it ends\n`) };

  if (o.dryRun) {
    await fetchStopping(mod.fetch.bind(mod), ctx);
  } else {
    const lock = await acquireLock(db, lockWait);
    try {
      for (const f of removeLeftovers(dir)) log(`removed ${f} (left by a sync that was killed)`);
      await fetchStopping(mod.fetch.bind(mod), ctx);
    } finally {
      lock.release();
    }
  }
  stats.requests = http.requests;
  // --quiet: the summary only when something failed (cron mails only failures).
  (stats.failed ? warn : log)(`sync ${id}: ${stats.new} new, ${stats.changed} changed, ${stats.unchanged} unchanged, ${stats.missing} missing, ${stats.failed} failed (${stats.requests} requests)`);
  if (o.dryRun || o.noIngest || o.signal?.aborted) return { stats, ingest: null };

  const todo = pendingIngest(db, id);
  let sum: IngestSummary | null = null;
  if (todo.length) sum = await ingestInto(db, todo, { ...o.ingest, db: db.name }, io, processor, `sync ${id}`);
  if (mod.afterIngest) {
    const lock = await acquireLock(db, lockWait);
    try {
      mod.afterIngest(ctx);
    } finally {
      lock.release();
    }
  }
  return { stats, ingest: sum };
}

/** A stop (Ctrl-C) ends the fetching quietly: what is recorded stays, the rest comes next time. */
async function fetchStopping(fetch: (ctx: SyncContext) => Promise<void>, ctx: SyncContext): Promise<void> {
  try {
    await fetch(ctx);
  } catch (e) {
    if (!(e instanceof StoppedError)) throw e;
  }
}
