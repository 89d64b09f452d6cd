// What the sync orchestrator (run.ts) and the source modules (sources/*.ts) share.
import type { DB } from '../load/db.js';
import type { Io } from '../commands/progress.js';
import type { Http } from './http.js';

/** One entry of src/data/sync-sources.json. */
export interface SourceDef {
  /** The module in src/sync/sources/ that speaks this source's protocol. */
  module: string;
  parliament: string;
  name: string;
  baseUrl: string;
  /** URL path of a numbered file ({wp}, {n}), for numbered-file sources. */
  path?: string | undefined;
  /** File name in the --into folder ({wp}, {n}). */
  file: string;
  /** Default Wahlperiode. */
  wahlperiode?: number | undefined;
  /** Missing numbers in a row that end a scan. */
  missRun?: number | undefined;
  /** Document types fetched by default (DIP). */
  types?: string[] | undefined;
  /** Environment variable holding the API key. */
  keyEnv?: string | undefined;
}

export interface SyncOptions {
  into: string;
  wp?: number | undefined;
  /** --from 18/21000: the first number to ask for (its Wahlperiode is in `wp`). */
  from?: number | undefined;
  /** --since: changed since this date (DIP). */
  since?: string | undefined;
  limit?: number | undefined;
  dryRun: boolean;
  missRun?: number | undefined;
  types?: string[] | undefined;
  apiKey?: string | undefined;
  quiet: boolean;
}

export interface SyncStats {
  requests: number;
  new: number;
  changed: number;
  unchanged: number;
  missing: number;
  failed: number;
}

export interface SyncContext {
  id: string;
  def: SourceDef;
  db: DB;
  http: Http;
  opts: SyncOptions;
  io: Io;
  /** Base URL (the source's, or --base-url). */
  base: string;
  /** The --into folder (absolute). */
  dir: string;
  stats: SyncStats;
  signal?: AbortSignal | undefined;
  log(line: string): void;
  /** A failure: printed also with --quiet. */
  warn(line: string): void;
}

export interface SourceModule {
  /** Find and download what is new (the writer lock is held). */
  fetch(ctx: SyncContext): Promise<void>;
  /** After ingest (lock held again): attach the source's metadata to the loaded documents. */
  afterIngest?(ctx: SyncContext): void;
}

/** A problem that ends the sync with one line for people (exit code 1, or 2 for bad usage). */
export class SyncError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'SyncError';
  }
}
