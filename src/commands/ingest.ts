// `drucksachen ingest <file|dir>...`: every input through the pipeline into the
// database (one transaction per document) and, on request, CSV files.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { DocFile } from '../model.js';
import { type DB, finishRun, knownSource, loadDocFile, openDb, startRun } from '../load/db.js';
import { type CsvDialect, writeCsvs } from '../load/csv.js';
import { processFile } from '../pipeline.js';
import { PARSER_VERSION } from '../version.js';
import { collectInputs } from './files.js';
import { Progress, type Io } from './progress.js';

export interface IngestOptions {
  db: string;
  csv?: string;
  csvDialect: CsvDialect;
  jobs: number;
  reparse: boolean;
  quiet: boolean;
}

export interface IngestSummary {
  seen: number;
  loaded: number;
  skipped: number;
  failed: number;
  partial: number;
}

/** Process files with up to `jobs` in flight; results are loaded by the one writer. */
export type Processor = (paths: string[], jobs: number, onResult: (f: DocFile) => void) => Promise<void>;

const sequential: Processor = async (paths, _jobs, onResult) => {
  for (const p of paths) onResult(await processFile(p));
};

export async function ingest(paths: string[], opts: IngestOptions, io: Io, processor: Processor = sequential, command = 'ingest'): Promise<IngestSummary> {
  const db = openDb(opts.db);
  try {
    return await ingestInto(db, paths, opts, io, processor, command);
  } finally {
    db.close();
  }
}

export async function ingestInto(db: DB, paths: string[], opts: IngestOptions, io: Io, processor: Processor, command: string): Promise<IngestSummary> {
  const runId = startRun(db, command, PARSER_VERSION);
  const sum: IngestSummary = { seen: 0, loaded: 0, skipped: 0, failed: 0, partial: 0 };
  const { files, problems } = collectInputs(paths);
  const progress = new Progress(io, files.length + problems.length, opts.quiet);
  for (const p of problems) {
    sum.seen++;
    sum.failed++;
    const f: DocFile = {
      path: p.path, sha256: `path:${createHash('sha256').update(resolve(p.path)).digest('hex')}`, size: 0, kind: null,
      parserVersion: PARSER_VERSION, messages: [{ severity: 'error', stage: 'extract', text: p.reason }], status: 'failed', error: p.reason,
    };
    loadDocFile(db, f, runId);
    progress.done(f, 'failed');
  }
  // Skip what is loaded already by this parser version (same bytes).
  const { todo, skipped } = await filterKnown(db, files, opts.reparse);
  for (const s of skipped) {
    sum.seen++;
    sum.skipped++;
    progress.skip(s);
  }
  await processor(todo, opts.jobs, (f) => {
    sum.seen++;
    const known = knownSource(db, f.sha256);
    if (known && known.parser_version === PARSER_VERSION && !opts.reparse) {
      sum.skipped++;
      progress.skip(f.path);
      return;
    }
    loadDocFile(db, f, runId);
    if (f.status === 'failed') sum.failed++;
    else {
      sum.loaded++;
      if (f.status === 'partial') sum.partial++;
    }
    progress.done(f, f.status);
  });
  finishRun(db, runId, sum);
  progress.finish(sum);
  if (opts.csv) {
    const written = writeCsvs(db, opts.csv, opts.csvDialect);
    if (!opts.quiet) io.err(`wrote ${written.length} CSV files to ${opts.csv}\n`);
  }
  return sum;
}

/** Hash every file once and drop those loaded by this parser version already. */
async function filterKnown(db: DB, files: string[], reparse: boolean): Promise<{ todo: string[]; skipped: string[] }> {
  const { readFile } = await import('node:fs/promises');
  const todo: string[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    let sha: string;
    try {
      sha = createHash('sha256').update(await readFile(f)).digest('hex');
    } catch {
      todo.push(f); // processFile reports the reason
      continue;
    }
    const known = knownSource(db, sha);
    if (known && !reparse && known.parser_version === PARSER_VERSION) skipped.push(f);
    else todo.push(f);
  }
  return { todo, skipped };
}
