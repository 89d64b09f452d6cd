// The one-file reads of `layout` and `tables`, as tasks a reader thread runs
// (run/worker.ts) under the same limits as ingest: the bytes go in, plain data
// comes out (the layout, or the tables found).
import type { Layout, Table } from '../model.js';
import { AppError } from '../errors.js';

export type ReadTask =
  | { kind: 'layout'; page?: number | undefined }
  | { kind: 'tables'; pages?: number[] | undefined; pageRanges?: [number, number][] | undefined; stitch: boolean };

export type ReadResult = { kind: 'layout'; layout: Layout } | { kind: 'tables'; tables: Table[] };

/** Run a task on the bytes of one PDF (in the reader thread, or in-process where no worker is built). */
export async function runReadTask(task: ReadTask, bytes: Uint8Array): Promise<ReadResult> {
  const { extractPdf } = await import('../extract/pdf.js');
  if (task.kind === 'layout') return { kind: 'layout', layout: await extractPdf(bytes, task.page !== undefined ? { pages: [task.page] } : {}) };
  const { findTables } = await import('../transform/tables/pdf/index.js');
  const layout = await extractPdf(bytes, task.pages?.length ? { pages: task.pages } : { pageRanges: task.pageRanges });
  return { kind: 'tables', tables: findTables(layout, { stitch: task.stitch }) };
}

/** An error as it crosses back from the reader thread. */
export interface PlainError {
  name: string;
  code?: string | undefined;
  message: string;
}

export function plainError(e: unknown): PlainError {
  const err = e as { name?: string; code?: string; message?: string };
  return { name: err?.name ?? 'Error', code: err instanceof AppError ? err.code : undefined, message: err?.message ?? String(e) };
}

