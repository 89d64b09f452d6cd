// `drucksachen sync <source>`: fetch new Drucksachen from a parliament's own
// server into a folder and load them (src/sync/); `watch --sync <source>` runs
// it again every --every.
import { availableParallelism } from 'node:os';
import type { CsvDialect } from '../load/csv.js';
import { type DB, openDb } from '../load/db.js';
import { UsageError, parseDuration } from '../cli/args.js';
import { LockBusyError } from '../run/lock.js';
import type { Processor } from '../run/types.js';
import { parseRate } from '../sync/http.js';
import { knownSources, runSync, type SyncRunOptions } from '../sync/run.js';
import { SyncError } from '../sync/types.js';
import type { Io } from './progress.js';

export const SYNC_FLAGS = {
  into: { type: 'string', default: 'output/downloads' },
  wp: { type: 'int' },
  from: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'int' },
  rate: { type: 'string', default: '1/s' },
  'dry-run': { type: 'boolean', default: false },
  ingest: { type: 'boolean', default: true },
  'base-url': { type: 'string' },
  'miss-run': { type: 'int' },
  types: { type: 'string' },
  'api-key': { type: 'string' },
  contact: { type: 'string' },
  'http-timeout': { type: 'duration' },
  retries: { type: 'string' },
  backoff: { type: 'string' },
} as const;

/** Flags (as parsed by the CLI) → the options of one sync. */
export function syncOptions(flags: Record<string, unknown>, signal?: AbortSignal): SyncRunOptions {
  const intervalMs = parseRate(flags.rate as string);
  if (intervalMs === null) throw new UsageError(`--rate takes requests per time like 1/s, 30/m or 0.5/s, not "${flags.rate as string}"`);
  let wp = flags.wp as number | undefined;
  let from: number | undefined;
  if (flags.from !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(flags.from as string);
    if (!m) throw new UsageError(`--from takes a Drucksache number like 18/21000, not "${flags.from as string}"`);
    if (wp !== undefined && wp !== Number(m[1])) throw new UsageError(`--from ${flags.from as string} is not in Wahlperiode ${wp} (--wp)`);
    wp = Number(m[1]);
    from = Number(m[2]);
  }
  const since = flags.since as string | undefined;
  if (since !== undefined && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(since)) {
    throw new UsageError(`--since takes a date like 2025-01-31 (or 2025-01-31T12:00:00), not "${since}"`);
  }
  const retries = flags.retries === undefined ? undefined : Number(flags.retries);
  if (retries !== undefined && !(Number.isInteger(retries) && retries >= 0 && retries <= 20)) throw new UsageError(`--retries takes a whole number 0..20, not "${flags.retries as string}"`);
  const backoffMs = flags.backoff === undefined ? undefined : parseDuration(flags.backoff as string);
  if (backoffMs === null) throw new UsageError(`--backoff takes a duration like 1s or 200ms, not "${flags.backoff as string}"`);
  const baseUrl = flags['base-url'] as string | undefined;
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError(`--base-url takes an http(s) URL, not "${baseUrl}"`);
  const quiet = (flags.quiet as boolean | undefined) ?? false;
  return {
    into: flags.into as string,
    wp, from, since,
    limit: flags.limit as number | undefined,
    dryRun: flags['dry-run'] as boolean,
    missRun: flags['miss-run'] as number | undefined,
    types: flags.types === undefined ? undefined : (flags.types as string).split(',').map((t) => t.trim()).filter(Boolean),
    apiKey: flags['api-key'] as string | undefined,
    quiet,
    baseUrl, intervalMs, retries, backoffMs,
    timeoutMs: flags['http-timeout'] as number | undefined,
    contact: (flags.contact as string | undefined) ?? process.env.DRUCKSACHEN_CONTACT,
    noIngest: !(flags.ingest as boolean),
    signal,
    ingest: {
      retryFailed: flags['retry-failed'] === true,
      csv: flags.csv as string | undefined,
      csvDialect: ((flags['csv-dialect'] as CsvDialect | undefined) ?? 'rfc4180'),
      jobs: (flags.jobs as number | undefined) ?? availableParallelism(),
      reparse: false,
      quiet,
      timeoutMs: flags.timeout as number | undefined,
      signal,
    },
  };
}

function checkSource(positionals: string[], cmd: string): string {
  if (positionals.length !== 1) throw new UsageError(`${cmd} needs exactly one source (${knownSources().join(', ')})`);
  return positionals[0];
}

/** One sync; exit 0 when all went well, 1 when a number or a document failed. */
export async function syncCommand(positionals: string[], flags: Record<string, unknown>, io: Io, processor?: Processor, signal?: AbortSignal): Promise<number> {
  const id = checkSource(positionals, 'sync');
  const o = syncOptions(flags, signal);
  if (o.since !== undefined && id === 'nw') throw new UsageError('nw finds new papers by number: use --from, not --since');
  let db: DB | null = null;
  try {
    db = openDb(flags.db as string);
    const r = await runSync(db, id, o, io, processor);
    return r.stats.failed || r.ingest?.failed ? 1 : 0;
  } catch (e) {
    if (e instanceof SyncError) {
      io.err(`drucksachen: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  } finally {
    db?.close();
  }
}

/**
 * `watch --sync <source> --every 1h`: a sync every --every until SIGINT / SIGTERM
 * (the first lets the current request and document finish). A failed cycle is
 * reported and tried again next time; a bad usage ends the watch at once.
 */
export async function watchSync(flags: Record<string, unknown>, io: Io, processor?: Processor, external?: AbortSignal): Promise<number> {
  const id = flags.sync as string;
  const every = (flags.every as number | undefined) ?? 600_000;
  const maxCycles = flags.maxCycles as number | undefined;
  const stop = new AbortController();
  let signals = 0;
  const onSignal = () => {
    if (++signals > 1 && !external) process.exit(130); // a second Ctrl-C: at once (every write is a transaction)
    if (!external) io.err('drucksachen: stopping after the current request or document (again to stop at once)\n');
    stop.abort();
  };
  external?.addEventListener('abort', onSignal, { once: true });
  if (!external) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  const o = syncOptions(flags, stop.signal);
  let db: DB | null = null;
  try {
    db = openDb(flags.db as string);
    if (!o.quiet) io.err(`syncing ${id} every ${Math.round(every / 1000)} s into ${flags.db as string} (Ctrl-C or SIGTERM to stop)\n`);
    for (let cycle = 1; !stop.signal.aborted; cycle++) {
      try {
        await runSync(db, id, o, io, processor);
      } catch (e) {
        if (e instanceof SyncError && e.exitCode === 2) {
          io.err(`drucksachen: ${e.message}\n`);
          return 2;
        }
        if (e instanceof LockBusyError && stop.signal.aborted) break;
        if (!(e instanceof SyncError)) throw e;
        io.err(`drucksachen: sync ${id} cycle ${cycle} failed: ${e.message}; trying again next cycle\n`);
      }
      if (maxCycles !== undefined && cycle >= maxCycles) break;
      await new Promise<void>((res) => {
        const t = setTimeout(done, every);
        function done() {
          clearTimeout(t);
          stop.signal.removeEventListener('abort', done);
          res();
        }
        stop.signal.addEventListener('abort', done, { once: true });
      });
    }
  } finally {
    db?.close();
    external?.removeEventListener('abort', onSignal);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return 0;
}
