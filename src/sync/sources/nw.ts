// Numbered PDFs (Landtag NRW: MMD{wp}-{n}.pdf). Numbers are given out in
// sequence within a Wahlperiode, so new papers are found by asking for the
// numbers after the highest one known, until `missRun` numbers in a row are
// missing. Gaps below (missing or failed before) are asked for again.
// Any Landtag that publishes numbered files can use this module through
// src/data/sync-sources.json ("path" and "file" with {wp} and {n}).
import { existsSync } from 'node:fs';
import { stmt } from '../../load/db.js';
import { HttpFailure } from '../http.js';
import { robotsFromAnswer, type Robots } from '../robots.js';
import { downloadTarget, getDownload, recordNotOk, recordOk, recordUnchanged, settle } from '../store.js';
import { SyncError, type SourceModule, type SyncContext } from '../types.js';

/** RFC 9309: crawlers read at least 500 KiB of robots.txt; more is not needed. */
const ROBOTS_MAX_BYTES = 512 * 1024;

/** Failed numbers in a row (after all retries) that end the scan. */
const FAILED_IN_ROW_STOP = 3;

type Outcome = 'new' | 'changed' | 'unchanged' | 'missing' | 'failed';

const fill = (pattern: string, wp: number, n: number) => pattern.replaceAll('{wp}', String(wp)).replaceAll('{n}', String(n));

export const numbered: SourceModule = {
  async fetch(ctx) {
    const { def, opts } = ctx;
    if (!def.path) throw new SyncError(`source ${ctx.id} has no "path" in sync-sources.json`);
    const wp = opts.wp ?? def.wahlperiode;
    if (!wp) throw new SyncError(`${ctx.id} needs --wp`, 2);
    const missRun = opts.missRun ?? def.missRun ?? 50;
    const robots = await readRobots(ctx);
    const highest = highestKnown(ctx, wp);
    const start = opts.from ?? (highest === null ? null : highest + 1);
    if (start === null) {
      throw new SyncError(`no ${def.parliament} Drucksache of Wahlperiode ${wp} is known yet: start with --from ${wp}/N`, 2);
    }
    ctx.log(`${ctx.id}: asking for ${wp}/${start} upwards (stops after ${missRun} missing in a row)`);
    let downloads = 0;
    const limited = () => opts.limit !== undefined && downloads >= opts.limit;
    const probe = async (n: number): Promise<Outcome> => {
      const r = await fetchNumber(ctx, robots, wp, n);
      if (r === 'new' || r === 'changed') downloads++;
      ctx.stats[r]++;
      return r;
    };
    // Gaps below the start that were missing or failed before: maybe there now.
    for (const n of retryable(ctx, wp, start, missRun)) {
      if (limited() || ctx.signal?.aborted) return;
      await probe(n);
    }
    let misses = 0;
    let failedInRow = 0;
    for (let n = start; misses < missRun; n++) {
      if (limited() || ctx.signal?.aborted) return;
      const r = await probe(n);
      misses = r === 'missing' || r === 'failed' ? misses + 1 : 0;
      failedInRow = r === 'failed' ? failedInRow + 1 : 0;
      if (failedInRow >= FAILED_IN_ROW_STOP) {
        // The server is down or refuses us: no use asking for the next numbers; the next run asks again.
        ctx.warn(`${ctx.id}: ${failedInRow} numbers in a row failed: stopping here, the next sync tries them again`);
        return;
      }
    }
  },
};

/** robots.txt of the server; a path it disallows stops the sync before any request for it. */
async function readRobots(ctx: SyncContext): Promise<Robots> {
  const url = new URL('/robots.txt', ctx.base).href;
  try {
    const r = await ctx.http.getText(url, {}, ROBOTS_MAX_BYTES);
    const robots = robotsFromAnswer(r.status, r.text);
    if ('error' in robots) throw new SyncError(`${url}: ${robots.error}; not fetching anything (try again later)`);
    return robots;
  } catch (e) {
    if (e instanceof HttpFailure) throw new SyncError(`cannot read ${url}: ${e.reason}`);
    throw e;
  }
}

/** The highest number of this Wahlperiode downloaded or loaded before (parliament by code or name), or null. */
function highestKnown(ctx: SyncContext, wp: number): number | null {
  const prefix = `${wp}/`;
  const fromDownloads = stmt(ctx.db, `SELECT max(CAST(substr(number, ?) AS INTEGER)) AS n FROM downloads
                                     WHERE source = ? AND status = 'ok' AND number LIKE ? || '%'`)
    .get(prefix.length + 1, ctx.id, prefix) as { n: number | null };
  const fromDocuments = stmt(ctx.db, `SELECT max(CAST(substr(drucksache, ?) AS INTEGER)) AS n FROM documents
                                     WHERE parliament IN (?, ?) AND drucksache LIKE ? || '%'`)
    .get(prefix.length + 1, ctx.def.parliament, ctx.def.name, prefix) as { n: number | null };
  const ns = [fromDownloads.n, fromDocuments.n].filter((n): n is number => typeof n === 'number' && n > 0);
  return ns.length ? Math.max(...ns) : null;
}

/** Numbers below `start` recorded missing or failed: the most recent `max` of them. */
function retryable(ctx: SyncContext, wp: number, start: number, max: number): number[] {
  const prefix = `${wp}/`;
  const rows = stmt(ctx.db, `SELECT CAST(substr(number, ?) AS INTEGER) AS n FROM downloads
                             WHERE source = ? AND status IN ('missing', 'failed') AND number LIKE ? || '%'
                             AND CAST(substr(number, ?) AS INTEGER) < ? ORDER BY n DESC LIMIT ?`)
    .all(prefix.length + 1, ctx.id, prefix, prefix.length + 1, start, max) as { n: number }[];
  return rows.map((r) => r.n).reverse();
}

/** Ask for one number: download it when new or changed (conditional GET when we have it). */
async function fetchNumber(ctx: SyncContext, robots: Robots, wp: number, n: number): Promise<Outcome> {
  const number = `${wp}/${n}`;
  const url = `${ctx.base.replace(/\/+$/, '')}${fill(ctx.def.path!, wp, n)}`; // a mirror may live below a path
  const path = new URL(url).pathname;
  if (!robots.allowed(path)) throw new SyncError(`robots.txt of ${new URL(url).host} disallows ${path}: not fetching it`);
  const row = getDownload(ctx.db, ctx.id, number);
  const have = row?.status === 'ok' && row.path !== null && existsSync(row.path);
  const headers: Record<string, string> = {};
  if (have && row.etag) headers['if-none-match'] = row.etag;
  if (have && row.last_modified) headers['if-modified-since'] = row.last_modified;
  if (ctx.opts.dryRun) return dryProbe(ctx, url, number, headers);
  const { dest, canonical } = downloadTarget(ctx.dir, fill(ctx.def.file, wp, n));
  let got;
  try {
    got = await ctx.http.download(url, dest, headers, { pdf: true });
  } catch (e) {
    if (!(e instanceof HttpFailure)) throw e;
    recordNotOk(ctx.db, ctx.id, number, url, 'failed', e.reason);
    ctx.warn(`${number}: failed: ${e.reason}`);
    return 'failed';
  }
  if (got.status === 304 && have) {
    recordUnchanged(ctx.db, row.id);
    return 'unchanged';
  }
  if (got.status === 404 || got.status === 410) {
    recordNotOk(ctx.db, ctx.id, number, url, 'missing', `HTTP ${got.status}`);
    return 'missing';
  }
  if (got.status !== 200) {
    recordNotOk(ctx.db, ctx.id, number, url, 'failed', `HTTP ${got.status}`);
    ctx.warn(`${number}: failed: HTTP ${got.status}`);
    return 'failed';
  }
  const final = await settle(dest, canonical, got.sha256!);
  const same = row?.status === 'ok' && row.sha256 === got.sha256;
  recordOk(ctx.db, ctx.id, number, {
    url, path: final, etag: got.headers.get('etag'), lastModified: got.headers.get('last-modified'),
    bytes: got.bytes!, sha256: got.sha256!, fresh: !same,
  });
  if (same) return 'unchanged';
  const changed = row?.status === 'ok';
  ctx.log(`${number}: ${changed ? 'changed, new version' : 'downloaded'} ${final} (${got.bytes} bytes)`);
  return changed ? 'changed' : 'new';
}

/** --dry-run: HEAD only, nothing written. */
async function dryProbe(ctx: SyncContext, url: string, number: string, headers: Record<string, string>): Promise<Outcome> {
  try {
    const r = await ctx.http.head(url, headers);
    if (r.status === 304) return 'unchanged';
    if (r.status === 200) {
      ctx.log(`${number}: would download ${url}`);
      return 'new';
    }
    return r.status === 404 || r.status === 410 ? 'missing' : 'failed';
  } catch (e) {
    if (!(e instanceof HttpFailure)) throw e;
    ctx.log(`${number}: ${e.reason}`);
    return 'failed';
  }
}
