// The polite HTTP client of `sync`: one request at a time, at most --rate per
// second, a User-Agent that names the program and a contact, a time-out per
// request, back-off on 429 / 5xx / broken connections (Retry-After honoured),
// and at most N retries; after that the caller gets an HttpFailure with the
// reason and goes on with the next number.
//
// Downloads go to a temporary file next to the target, are checked (length as
// announced, PDF header, Content-MD5 or the source's MD5 when given) and only
// then renamed into place: the folder never holds a half file under a real name.
import { createHash } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { PARSER_VERSION } from '../version.js';

export interface HttpOptions {
  /** Minimum milliseconds between the starts of two requests (1000 = 1 request per second). */
  intervalMs: number;
  /** Time-out of one request, body included. */
  timeoutMs: number;
  /** Retries after the first try (429, 5xx, time-out, connection broken, body cut short). */
  retries: number;
  /** First back-off; doubled for every further retry (1 s, 2 s, 4 s, …). */
  backoffMs: number;
  /** A Retry-After longer than this is not waited for: the request counts as failed. */
  maxRetryAfterMs: number;
  userAgent: string;
  signal?: AbortSignal | undefined;
  /** Called before each wait for a retry (for progress output). */
  onRetry?: (url: string, reason: string, waitMs: number) => void;
}

export const HTTP_DEFAULTS = { intervalMs: 1000, timeoutMs: 60_000, retries: 4, backoffMs: 1000, maxRetryAfterMs: 10 * 60_000 };

/** "drucksachen/0.1.0+p5 (+https://example.org/contact)". */
export function userAgent(contact: string | undefined): string {
  return `drucksachen/${PARSER_VERSION} (${contact ? `+${contact}` : 'Drucksachen to SQLite; no contact given'})`;
}

/** "1/s", "30/m", "2/h", "0.5/s" → milliseconds between requests. */
export function parseRate(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*\/\s*(s|m|h)$/.exec(s.trim());
  if (!m || Number(m[1]) <= 0) return null;
  return Math.ceil({ s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'] / Number(m[1]));
}

/** A request that did not succeed after all tries; `reason` is one line for people and the downloads table. */
export class HttpFailure extends Error {
  constructor(readonly url: string, readonly reason: string, readonly status?: number, readonly body?: string) {
    super(`${url}: ${reason}`);
    this.name = 'HttpFailure';
  }
}

/** A request that was stopped by the caller's signal. */
export class StoppedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'StoppedError';
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  url: string;
}

export interface FetchedText extends Answer {
  text: string;
}

export interface DownloadCheck {
  /** Expect a PDF: the bytes must start with %PDF-. */
  pdf?: boolean | undefined;
  /** MD5 (hex) the source gives for the bytes. */
  md5?: string | undefined;
}

export interface Downloaded extends Answer {
  /** Only for status 200: the checked bytes are at `dest`. */
  bytes?: number | undefined;
  sha256?: string | undefined;
}

/** Statuses worth another try. */
const RETRY = (s: number) => s === 429 || s === 408 || (s >= 500 && s <= 599);

export class Http {
  private next = 0;
  requests = 0;

  constructor(private readonly o: HttpOptions) {}

  /** GET a text (API answers, robots.txt); 4xx answers come back for the caller to judge. */
  async getText(url: string, headers: Record<string, string> = {}, maxBytes = MAX_TEXT_BYTES): Promise<FetchedText> {
    return this.withRetries(url, headers, async (res) => ({ ...answer(res), text: await boundedText(res, url, maxBytes) }));
  }

  /** HEAD: does the file exist (status), without its body. */
  async head(url: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.withRetries(url, headers, (res) => Promise.resolve(answer(res)), 'HEAD');
  }

  /**
   * GET url into `dest` (temporary file, checks, rename). Status 200: written;
   * 304 (conditional GET) and 404 etc.: nothing written.
   */
  async download(url: string, dest: string, headers: Record<string, string>, check: DownloadCheck): Promise<Downloaded> {
    const tmp = partName(dest);
    try {
      return await this.withRetries(url, headers, async (res) => {
        if (res.status !== 200) {
          await res.body?.cancel();
          return answer(res);
        }
        const got = await toFile(res, tmp, check);
        try {
          renameSync(tmp, dest);
        } catch (e) {
          throw new LocalWriteError(dest, e);
        }
        return { ...answer(res), ...got };
      });
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  private async pace(): Promise<void> {
    const wait = this.next - Date.now();
    if (wait > 0) await sleep(wait, this.o.signal);
    if (this.o.signal?.aborted) throw new StoppedError();
    this.next = Date.now() + this.o.intervalMs;
  }

  private async withRetries<T>(url: string, headers: Record<string, string>, use: (res: Response) => Promise<T>, method = 'GET'): Promise<T> {
    let reason: string;
    for (let attempt = 0; ; attempt++) {
      await this.pace();
      let retryAfter: number | null = null;
      const timeout = AbortSignal.timeout(this.o.timeoutMs);
      const signal = this.o.signal ? AbortSignal.any([timeout, this.o.signal]) : timeout;
      try {
        this.requests++;
        const res = await fetch(url, {
          method, signal, redirect: 'follow',
          headers: { 'user-agent': this.o.userAgent, 'accept-encoding': 'identity', ...headers },
        });
        if (!RETRY(res.status)) return await use(res);
        retryAfter = parseRetryAfter(res.headers.get('retry-after'));
        reason = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
        await res.body?.cancel();
        if (retryAfter !== null && retryAfter > this.o.maxRetryAfterMs) {
          throw new HttpFailure(url, `${reason}, Retry-After ${Math.round(retryAfter / 1000)} s is too long`, res.status);
        }
      } catch (e) {
        if (e instanceof HttpFailure || e instanceof LocalWriteError) throw e;
        if (this.o.signal?.aborted) throw new StoppedError();
        if (timeout.aborted) reason = `no complete answer within ${Math.round(this.o.timeoutMs / 100) / 10} s`;
        else if (e instanceof CheckFailure) {
          reason = e.message;
          if (!e.retry) throw new HttpFailure(url, reason);
        } else reason = networkReason(e);
      }
      if (attempt >= this.o.retries) throw new HttpFailure(url, `${reason} (${attempt + 1} tries)`);
      const wait = Math.max(retryAfter ?? 0, this.o.backoffMs * 2 ** attempt);
      this.o.onRetry?.(url, reason, wait);
      // The pause counts from now; pace() then adds nothing when it is longer than the interval.
      this.next = Math.max(this.next, Date.now() + wait);
    }
  }
}

/** An answer read into memory (API pages, robots.txt) larger than this is refused. */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

async function boundedText(res: Response, url: string, maxBytes: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let n = 0;
  const reader = res.body?.getReader();
  for (;;) {
    let r;
    try {
      r = await reader?.read();
    } catch (e) {
      throw new CheckFailure(`body cut short after ${n} bytes (${networkReason(e)})`, true);
    }
    if (!r || r.done) break;
    n += r.value.length;
    if (n > maxBytes) {
      await reader?.cancel();
      throw new HttpFailure(url, `answer larger than ${maxBytes} bytes`, res.status);
    }
    parts.push(r.value);
  }
  return Buffer.concat(parts).toString('utf8');
}

function answer(res: Response): Answer {
  return { status: res.status, headers: res.headers, url: res.url };
}

/** A download that arrived but failed a check; `retry` when another try may help (cut short). */
class CheckFailure extends Error {
  constructor(message: string, readonly retry: boolean) {
    super(message);
  }
}

/** The --into folder cannot be written (no permission, disk full): ends the sync (exit 2), no retry. */
export class LocalWriteError extends Error {
  constructor(path: string, e: unknown) {
    super(`cannot write ${path}: ${(e as Error).message}`);
    this.name = 'OutputError';
  }
}

/** Stream the body into `tmp` (bounded memory), hashing as it goes; then the checks. */
async function toFile(res: Response, tmp: string, check: DownloadCheck): Promise<{ bytes: number; sha256: string }> {
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  let fh: FileHandle;
  try {
    fh = await open(tmp, 'w');
  } catch (e) {
    throw new LocalWriteError(tmp, e);
  }
  let bytes = 0;
  let head = Buffer.alloc(0);
  try {
    const reader = res.body?.getReader();
    for (;;) {
      let chunk: Uint8Array | undefined;
      try {
        const r = await reader?.read();
        if (!r || r.done) break;
        chunk = r.value;
      } catch (e) {
        throw new CheckFailure(`body cut short after ${bytes} bytes (${networkReason(e)})`, true);
      }
      bytes += chunk.length;
      sha.update(chunk);
      md5.update(chunk);
      if (head.length < 5) head = Buffer.concat([head, Buffer.from(chunk.subarray(0, 5))]);
      try {
        await fh.write(chunk);
      } catch (e) {
        throw new LocalWriteError(tmp, e);
      }
    }
    try {
      await fh.sync(); // on disk before the rename makes it visible
    } catch (e) {
      throw new LocalWriteError(tmp, e);
    }
  } finally {
    await fh.close().catch(() => {});
  }
  const announced = res.headers.get('content-length');
  if (announced !== null && /^\d+$/.test(announced) && Number(announced) !== bytes) {
    throw new CheckFailure(`body cut short: ${bytes} of ${announced} bytes`, true);
  }
  if (bytes === 0) throw new CheckFailure('empty answer', true);
  if (check.pdf && head.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new CheckFailure('not a PDF (the answer does not start with %PDF-)', false);
  }
  const md5hex = md5.digest('hex');
  const contentMd5 = res.headers.get('content-md5');
  if (contentMd5 && Buffer.from(contentMd5, 'base64').toString('hex') !== md5hex) {
    throw new CheckFailure('MD5 differs from the Content-MD5 header', true);
  }
  if (check.md5 && check.md5.toLowerCase() !== md5hex) throw new CheckFailure(`MD5 ${md5hex} differs from the source's ${check.md5}`, true);
  return { bytes, sha256: sha.digest('hex') };
}

/** The temporary name of a download: hidden, next to the target, marked with our pid. */
export function partName(dest: string): string {
  const slash = dest.lastIndexOf('/') + 1;
  return `${dest.slice(0, slash)}.${dest.slice(slash)}.part-${process.pid}`;
}

/** Retry-After: seconds or an HTTP date → milliseconds (null when absent or unreadable). */
export function parseRetryAfter(v: string | null, now = Date.now()): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}

function networkReason(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err?.cause?.code ?? err?.cause?.message;
  return `${err?.message ?? String(e)}${cause ? ` (${cause})` : ''}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((res) => {
    if (signal?.aborted) return res();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      res();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
