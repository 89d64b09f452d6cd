// One error hierarchy with stable codes. The code is what programs act on
// (retry on the next run, exit status, `v_documents.error_code`); the message is
// for people and may change wording at any time. README "Error codes" lists them.

/** Why an input failed or is only partly loaded. Stable: stored in `sources.error_code`. */
export type DocErrorCode =
  // reading the bytes
  | 'io.read' // the file could not be read (permission, gone, I/O error): tried again next run
  | 'input.empty'
  | 'input.unsupported' // not a .pdf/.txt/.html, or binary data in a .txt
  | 'text.encoding'
  | 'text.no-text'
  | 'pdf.not-pdf'
  | 'pdf.corrupt'
  | 'pdf.encrypted'
  | 'pdf.too-large' // a stream that inflates past the cap, or graphics states nested too deep
  | 'pdf.no-text' // partial: no text layer (scanned)
  | 'html.not-portal'
  // the limits every reader runs under
  | 'limit.time'
  | 'limit.memory'
  | 'reader.crash' // the reader thread stopped for another reason
  | 'internal' // a bug: an exception the pipeline did not expect
  // partial: the document was read, but not all of it could be interpreted
  | 'meta.no-house-style' // a parliament the house-style data does not know: general rules missed parts
  | 'meta.house-style-unchecked' // a house style not yet checked on real papers missed parts
  | 'meta.plenarprotokoll'
  | 'meta.not-anfrage'
  | 'meta.no-drucksache'
  | 'qa.no-questions'
  | 'qa.no-answers'
  // warnings that do not change the status
  | 'tables.check' // a table's total differs from the sum of its rows, or the like
  | 'text.invalid-utf8' // bytes of a text input that are not UTF-8 were replaced by U+FFFD (counted)
  | 'text.latin1' // a text input that is clearly not UTF-8 was read as Windows-1252
  | 'tables.ambiguous' // a row of a space-aligned table whose numbers split into its columns more than one way: left empty
  | 'tables.destroyed' // a region the text rendition destroyed as a table (spelled out, one value per line): not read
  | 'tables.undecided' // a row of a table of words whose cells cannot be told apart (its text kept in the first cell)
  | 'qa.unanswered' // a question that no answer names (with its page)
  | 'furniture.no-running-head' // a page after the first without the running head its house style prints
  | 'furniture.no-page-number' // a page without a page number where the other pages print one
  | 'footnotes.no-body' // a footnote marker in the text with no footnote body found
  | 'footnotes.no-marker'; // a footnote body that no marker in the text refers to

/** Why a run could not start or complete (exit 2 or 3); never stored per document. */
export type RunErrorCode =
  | 'usage'
  | 'usage.pages'
  | 'output.db' // --db cannot be opened or created
  | 'output.csv' // --csv cannot be written
  | 'disk.full'
  | 'db.busy' // another program held the database past the busy time-out
  | 'db.locked' // another drucksachen run held the writer lock past --lock-wait
  | 'io.write';

export type ErrorCode = DocErrorCode | RunErrorCode;

/** The base of every error drucksachen raises on purpose. */
export class AppError extends Error {
  /** What became of the run, for the one line people read ("the run is recorded as interrupted"). */
  runNote?: string;
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
  }
}

/** Bad usage (exit 2): a flag, an argument, an output path that cannot be used as given. */
export class UsageError extends AppError {
  constructor(message: string, code: 'usage' | 'usage.pages' | 'output.db' | 'output.csv' = 'usage') {
    super(code, message);
    this.name = 'UsageError';
  }
}

/** The run could not complete (exit 3): disk full, the database held by another program, a write error. */
export class RunError extends AppError {
  constructor(code: RunErrorCode, message: string) {
    super(code, message);
    this.name = 'RunError';
  }
}

/**
 * Whether a failed input is read again depends on its code only. A read error
 * depends on the machine, not on the bytes: every run. A limit hit (time,
 * memory), a crashed reader or a bug may pass on another try but cost a full
 * read each time: only after a back-off (see RETRY), so a cron run does not pay
 * for them again and again. (A new parser version reads everything again.)
 * Everything else is decided by the bytes: not until they change.
 */
const RETRY_EVERY_RUN: ReadonlySet<string> = new Set<DocErrorCode>(['io.read']);
const RETRY_WITH_BACKOFF: ReadonlySet<string> = new Set<DocErrorCode>(['limit.time', 'limit.memory', 'reader.crash', 'internal']);

/** Back-off for inputs that hit a limit: first retry after `firstMs`, doubling per attempt, at most `maxMs`. */
export const RETRY = {
  firstMs: 60 * 60_000,
  maxMs: 7 * 24 * 60 * 60_000,
};

export type RetryPolicy = 'every-run' | 'backoff' | 'never';

/** Whether a failed input is read again on a later run, from its code alone. Unknown/legacy (null) codes: every run. */
export function retryPolicy(code: string | null): RetryPolicy {
  if (code === null || RETRY_EVERY_RUN.has(code)) return 'every-run';
  if (RETRY_WITH_BACKOFF.has(code)) return 'backoff';
  return 'never';
}

/** When an input that hit a limit `attempts` times (≥ 1), the last at `failedAt`, may be tried again. */
export function nextRetryAt(failedAt: Date, attempts: number): Date {
  const wait = Math.min(RETRY.maxMs, RETRY.firstMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return new Date(failedAt.getTime() + wait);
}

/** errno code → the words people read ("disk full"), or null when there are none better than the message. */
export function errnoText(code: string | undefined): string | null {
  switch (code) {
    case 'ENOSPC':
    case 'SQLITE_FULL':
      return 'no space left on the device (disk full)';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_READONLY_DBMOVED':
      return 'read-only file system or file';
    case 'EACCES':
    case 'EPERM':
    case 'SQLITE_PERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EEXIST':
      return 'a file of that name is in the way';
    case 'EIO':
    case 'SQLITE_IOERR':
      return 'input/output error';
    default:
      return null;
  }
}

/** Escape control characters (newlines, ESC, …) in a file name or other untrusted text for a log line. */
export function printable(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xdc80 && c <= 0xdcff) {
      out += `\\x${(c - 0xdc00).toString(16)}`; // a byte of a file name that is not UTF-8 (common/paths.ts)
    } else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0x2028 || c === 0x2029) {
      out += c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : `\\x${c.toString(16).padStart(2, '0')}`;
    } else out += ch;
  }
  return out;
}
