import type { DocFile } from '../model.js';

export interface ProcessContext {
  /** Stop taking new files when aborted; the files in flight are finished and delivered. */
  signal?: AbortSignal | undefined;
  /** Per-file time limit in milliseconds: a file that takes longer becomes failed with that reason. */
  timeoutMs?: number | undefined;
}

/**
 * Process files with up to `jobs` in flight and hand each result to `onResult`
 * (the one writer), in the order of `paths`.
 */
export type Processor = (paths: string[], jobs: number, onResult: (f: DocFile) => void, ctx?: ProcessContext) => Promise<void>;

/** Per-file time limit when none is given: generous, only there against hangs. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export function timeoutReason(ms: number): string {
  const t = ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
  return `timed out: reading the file took longer than ${t} (damaged, or unusually large); it was given up`;
}
