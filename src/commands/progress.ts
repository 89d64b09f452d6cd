// Progress on long runs: a live line on a terminal (files, pages, failures,
// ETA), plain log lines with an ISO timestamp otherwise (cron, systemd, a
// pipe); --quiet prints only the failures and then the summary, and nothing
// when nothing failed.
import { printable } from '../errors.js';
import type { DocFile } from '../model.js';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** True when stderr is a terminal (live progress line). */
  tty?: boolean;
}

export interface ProgressSummary {
  seen: number;
  loaded: number;
  skipped: number;
  failed: number;
  partial: number;
  interrupted?: boolean;
}

/** The live line is redrawn at most this often (ms). */
const REDRAW_MS = 100;

export class Progress {
  private n = 0;
  private failed = 0;
  private pages = 0;
  private todo = 0;
  private read = 0;
  private readStarted = 0;
  private lastDraw = 0;
  private drawn = false;
  private readonly started: number;
  /** Inputs that failed in an earlier run and were not read again (already reported then). */
  private knownBad = 0;

  constructor(private io: Io, private total: number, private quiet: boolean, private clock: () => number = Date.now) {
    this.started = clock();
  }

  private live(): boolean {
    return this.io.tty === true && !this.quiet;
  }

  /** "[12/40 files 30%] 96 pages, 1 failed, ETA 42s" */
  line(): string {
    const pct = this.total ? Math.round((100 * this.n) / this.total) : 100;
    let eta = '';
    if (this.read > 0 && this.todo > this.read) {
      const perFile = (this.clock() - this.readStarted) / this.read;
      eta = `, ETA ${formatSeconds((perFile * (this.todo - this.read)) / 1000)}`;
    }
    return `[${this.n}/${this.total} files ${pct}%] ${this.pages} pages, ${this.failed} failed${eta}`;
  }

  private draw(force = false) {
    if (!this.live()) return;
    const t = this.clock();
    if (!force && t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    this.drawn = true;
    this.io.err(`\r\x1b[K${this.line()}`);
  }

  /** A line that stays: printed above the live line on a terminal. */
  private log(text: string, always = false) {
    if (this.quiet && !always) return;
    if (this.live() && this.drawn) this.io.err('\r\x1b[K');
    // File names and reasons are untrusted: one log line stays one line, without terminal escapes.
    this.io.err(`${this.stamp()}${printable(text)}\n`);
    if (this.live()) this.draw(true);
  }

  /** Log lines (not a terminal) start with an ISO timestamp, for cron mails and log files. */
  private stamp(): string {
    return this.io.tty ? '' : `${new Date(this.clock()).toISOString()} `;
  }

  /** A line for the log (not counted): e.g. an input read again after it failed before. */
  note(text: string) {
    this.log(text);
  }

  /** The number of files that will actually be read (for the ETA). */
  reading(todo: number) {
    this.todo = todo;
    this.readStarted = this.clock();
  }

  skip(path: string, why = 'unchanged') {
    this.n++;
    if (this.live()) this.draw();
    else this.log(`skipped ${path} (${why})`);
  }

  /** An unchanged input that failed in an earlier run: not read again, still a failure. */
  failedBefore(path: string, reason: string) {
    this.n++;
    this.failed++;
    this.knownBad++;
    // Reported when it failed; --quiet (cron) does not report it again on every run.
    this.log(`failed ${path}: ${reason} (unchanged since an earlier run; not read again)`);
  }

  done(f: DocFile, status: string) {
    this.n++;
    if (f.kind !== null || status !== 'failed') this.read++;
    if (status === 'failed') this.failed++;
    const pages = f.layout?.pages.length ?? 0;
    this.pages += pages;
    if (status === 'failed') this.log(`failed ${f.path}: ${f.error}`, true);
    else if (status === 'partial') this.log(`partial ${f.path}: ${f.error}`);
    else if (this.live()) this.draw();
    else this.log(`loaded ${f.path}${pages ? ` (${pages} page${pages === 1 ? '' : 's'})` : ''}`);
  }

  finish(sum: ProgressSummary) {
    if (this.live() && this.drawn) this.io.err('\r\x1b[K');
    // --quiet: nothing at all when nothing went wrong (cron mails only failures).
    if (this.quiet && sum.failed <= this.knownBad && !sum.interrupted) return;
    const secs = ((this.clock() - this.started) / 1000).toFixed(1);
    this.io.err(
      `${this.stamp()}${sum.interrupted ? 'stopped early: ' : ''}${sum.seen} files: ${sum.loaded} loaded (${sum.partial} partial), ` +
        `${sum.skipped} skipped (unchanged), ${sum.failed} failed, ${this.pages} pages in ${secs}s\n`,
    );
  }
}

/** A log line for a log (not a terminal): with an ISO timestamp in front. */
export function logLine(io: Io, text: string, clock: () => number = Date.now): string {
  return io.tty ? text : `${new Date(clock()).toISOString()} ${text}`;
}

function formatSeconds(s: number): string {
  if (s < 90) return `${Math.max(1, Math.round(s))}s`;
  if (s < 5400) return `${Math.round(s / 60)}m`;
  return `${(s / 3600).toFixed(1)}h`;
}
