// Progress on long runs: a live line on a terminal, plain log lines otherwise.
import type { DocFile } from '../model.js';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** True when stderr is a terminal (live progress line). */
  tty?: boolean;
}

export class Progress {
  private n = 0;
  private failed = 0;
  private pages = 0;
  private readonly started = Date.now();
  constructor(private io: Io, private total: number, private quiet: boolean) {}

  private line(): string {
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = this.n ? ((this.total - this.n) * elapsed) / this.n : 0;
    const pct = this.total ? Math.round((100 * this.n) / this.total) : 100;
    return `[${this.n}/${this.total} files ${pct}%] ${this.pages} pages, ${this.failed} failed, ETA ${Math.round(eta)}s`;
  }

  private tick(text: string) {
    if (this.quiet) return;
    if (this.io.tty) this.io.err(`\r\x1b[K${this.line()}`);
    else this.io.err(`${text}\n`);
  }

  skip(path: string) {
    this.n++;
    this.tick(`skipped ${path} (unchanged)`);
  }

  done(f: DocFile, status: string) {
    this.n++;
    if (status === 'failed') this.failed++;
    this.pages += f.layout?.pages.length ?? 0;
    if (status !== 'ok' && this.io.tty && !this.quiet) this.io.err(`\r\x1b[K${status} ${f.path}: ${f.error}\n`);
    this.tick(`${status === 'ok' ? 'loaded' : status} ${f.path}${f.error ? `: ${f.error}` : ''}`);
  }

  finish(sum: { seen: number; loaded: number; skipped: number; failed: number; partial: number }) {
    if (this.quiet && !sum.failed) return;
    if (this.io.tty && !this.quiet) this.io.err('\r\x1b[K');
    const secs = ((Date.now() - this.started) / 1000).toFixed(1);
    this.io.err(`${sum.seen} files: ${sum.loaded} loaded (${sum.partial} partial), ${sum.skipped} skipped (unchanged), ${sum.failed} failed, ${this.pages} pages in ${secs}s\n`);
  }
}
