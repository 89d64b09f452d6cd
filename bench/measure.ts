// The measurements of the benchmark: the bare pdf.js pass (in this process),
// pdftotext (when poppler is installed), and `drucksachen ingest` as a child
// process with its peak RSS and CPU time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { documentOptions, loadPdfjs } from './pdfjs.js';
import { round, spread, type Spread } from './stats.js';

export interface FileTiming {
  path: string;
  pages: number;
  ms: number;
}

export interface PassResult {
  files: number;
  pages: number;
  seconds: number;
  pagesPerSec: number;
  /** Per-file ms ÷ pages. */
  msPerPage: Spread;
  failures: { path: string; error: string }[];
}

function summarise(timings: FileTiming[], wallMs: number, failures: PassResult['failures']): PassResult {
  const pages = timings.reduce((s, t) => s + t.pages, 0);
  return {
    files: timings.length,
    pages,
    seconds: round(wallMs / 1000, 2),
    pagesPerSec: round(pages / (wallMs / 1000), 1),
    msPerPage: spread(timings.filter((t) => t.pages > 0).map((t) => t.ms / t.pages)),
    failures,
  };
}

/**
 * (a) pdf.js alone: open every file, getOperatorList + getTextContent of every
 * page (the extractor's order), page.cleanup, destroy. Nothing else; one core.
 * The file is read before the clock starts.
 */
export async function barePdfjs(paths: string[]): Promise<PassResult & { perFile: FileTiming[] }> {
  const lib = await loadPdfjs();
  const opts = documentOptions();
  const timings: FileTiming[] = [];
  const failures: PassResult['failures'] = [];
  let wall = 0;
  for (const path of paths) {
    const bytes = new Uint8Array(readFileSync(path));
    const t0 = performance.now();
    const task = lib.getDocument({ data: bytes, ...opts });
    let pages = 0;
    try {
      const doc = await task.promise;
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        await page.getOperatorList();
        await page.getTextContent();
        page.cleanup();
        pages++;
      }
    } catch (e) {
      failures.push({ path, error: (e as Error).message });
    } finally {
      await task.destroy();
    }
    const ms = performance.now() - t0;
    wall += ms;
    timings.push({ path, pages, ms });
  }
  return { ...summarise(timings, wall, failures), perFile: timings };
}

export function hasPdftotext(): boolean {
  const r = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' });
  return !r.error;
}

/** (b) `pdftotext -bbox-layout FILE /dev/null` per file, one process at a time. */
export function pdftotextPass(files: { path: string; pages: number }[]): PassResult {
  const timings: FileTiming[] = [];
  const failures: PassResult['failures'] = [];
  let wall = 0;
  for (const f of files) {
    const t0 = performance.now();
    const r = spawnSync('pdftotext', ['-q', '-bbox-layout', f.path, devNull], { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = performance.now() - t0;
    wall += ms;
    if (r.status !== 0) failures.push({ path: f.path, error: `exit ${r.status}: ${String(r.stderr).trim()}` });
    timings.push({ path: f.path, pages: f.pages, ms });
  }
  return summarise(timings, wall, failures);
}

export const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const TIME = '/usr/bin/time';

export interface ChildUsage {
  wallMs: number;
  exitCode: number | null;
  /** getrusage(RUSAGE_SELF).ru_maxrss of the CLI process, from the wrapper (MB). */
  maxRssMb: number | null;
  /** The same peak as GNU time reports it (MB), when /usr/bin/time is installed. */
  maxRssTimeMb: number | null;
  cpuMs: number | null;
  stderr: string;
}

/** Run `drucksachen <args>` (through the wrapper) and measure it. */
export function runCli(args: string[], tmpDir: string, tag: string, nodeFlags: string[] = []): Promise<ChildUsage> {
  const usageFile = join(tmpDir, `usage-${tag}.json`);
  rmSync(usageFile, { force: true });
  const useTime = existsSync(TIME) && spawnSync(TIME, ['-v', 'true'], { stdio: 'ignore' }).status === 0;
  const argv = [...nodeFlags, CHILD, ...args];
  const [cmd, cmdArgs] = useTime ? [TIME, ['-v', process.execPath, ...argv]] : [process.execPath, argv];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BENCH_USAGE_FILE: usageFile } });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      stderr += s;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      let usage: { maxRssKb?: number; userMs?: number; systemMs?: number } = {};
      try {
        usage = JSON.parse(readFileSync(usageFile, 'utf8')) as typeof usage;
      } catch {
        // the child died before its exit handler ran
      }
      const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr);
      if (useTime) stderr = stderr.replace(/\n?\tCommand being timed:[^]*$/, '').replace(/^\s*Command (exited|terminated)[^\n]*\n?/m, '');
      resolve({
        wallMs,
        exitCode: code,
        maxRssMb: usage.maxRssKb ? round(usage.maxRssKb / 1024, 1) : null,
        maxRssTimeMb: m ? round(Number(m[1]) / 1024, 1) : null,
        cpuMs: usage.userMs !== undefined ? round(usage.userMs + (usage.systemMs ?? 0), 0) : null,
        stderr: stderr.trim(),
      });
    });
  });
}

export interface RunRow {
  id: number;
  started_at: string;
  ended_at: string | null;
  files_seen: number;
  loaded: number;
  skipped: number;
  failed: number;
  partial: number;
}

export interface RunStats {
  run: RunRow | null;
  /** Sources loaded by that run, by status. */
  statuses: Record<string, number>;
  pages: number;
  /**
   * ms/page per file from the gaps between consecutive sources.loaded_at of the
   * run (the pipeline records no per-file timings); meaningful with one worker.
   * The first file is left out (its gap holds start-up and hashing).
   */
  perFile: { pages: number; ms: number }[];
}

/** The id of the newest run in `dbPath` (0 when there is no database yet). */
export function lastRunId(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT max(id) AS id FROM runs').get() as { id: number | null }).id ?? 0;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/** What the last run in `dbPath` did, read from the runs and sources tables. */
export function readLastRun(dbPath: string): RunStats {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const run = (db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT 1').get() as RunRow | undefined) ?? null;
    if (!run) return { run, statuses: {}, pages: 0, perFile: [] };
    const rows = db.prepare('SELECT pages, status, loaded_at FROM sources WHERE run_id = ? ORDER BY id').all(run.id) as {
      pages: number | null;
      status: string;
      loaded_at: string;
    }[];
    const statuses: Record<string, number> = {};
    for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const perFile: RunStats['perFile'] = [];
    for (let i = 1; i < rows.length; i++) {
      const ms = Date.parse(rows[i].loaded_at) - Date.parse(rows[i - 1].loaded_at);
      if (rows[i].pages && Number.isFinite(ms)) perFile.push({ pages: rows[i].pages!, ms });
    }
    return { run, statuses, pages: rows.reduce((s, r) => s + (r.pages ?? 0), 0), perFile };
  } finally {
    db.close();
  }
}

/** Busy CPU seconds of the whole machine so far (all cores, from /proc/stat); null where there is none. */
export function machineBusySeconds(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: busy = all but idle and iowait. USER_HZ = 100.
    const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
    return busy / 100;
  } catch {
    return null;
  }
}

/**
 * CPU that other processes used during a stage, in cores (busy CPU of the
 * machine minus our own ÷ wall time): other work on the machine (tests, builds)
 * slows the stage down and makes the numbers unreliable.
 */
export function otherLoad(busy0: number | null, busy1: number | null, ownCpuSeconds: number | null, wallSeconds: number): number | null {
  if (busy0 === null || busy1 === null || ownCpuSeconds === null || !(wallSeconds > 0)) return null;
  return round(Math.max(0, busy1 - busy0 - ownCpuSeconds) / wallSeconds, 2);
}

/**
 * How much parallel CPU the machine gives right now: the same CPU-bound JS
 * loop in 1 worker thread, then in `n` at once; returns throughput(n) ÷
 * throughput(1). On an idle machine with n real cores it is close to n; other
 * load, SMT siblings or a throttled VM make it smaller, and no pipeline can
 * scale better than this.
 */
export async function parallelCeiling(n: number, iterations = 20_000_000): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    let h = 0x811c9dc5, a = [];
    const t0 = performance.now();
    for (let i = 0; i < workerData; i++) {
      h = Math.imul(h ^ (i & 255), 16777619) >>> 0;
      if ((i & 1023) === 0) { a = []; }
      a.push(h);
    }
    parentPort.postMessage({ ms: performance.now() - t0, h });`;
  const run = async (k: number): Promise<number> => {
    const workers = Array.from({ length: k }, () => new Worker(code, { eval: true, workerData: iterations }));
    const t0 = performance.now();
    await Promise.all(workers.map((w) => new Promise((res, rej) => { w.once('message', res); w.once('error', rej); })));
    const ms = performance.now() - t0;
    await Promise.all(workers.map((w) => w.terminate()));
    return (k * iterations) / ms;
  };
  await run(1); // warm-up
  const one = await run(1);
  const many = await run(n);
  return round(many / one, 2);
}
