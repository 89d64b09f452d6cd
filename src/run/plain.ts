// What crosses from the reader (a worker thread, or the sequential path) to the
// one writer: a DocFile as plain data, without the bulky layout (the writer
// only needs the page count from it). Both paths slim the same way, so the
// parallel and the sequential run load exactly the same thing.
import { sha256 as hashOf } from '../common/hash.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DocFile } from '../model.js';
import { kindOf } from '../pipeline.js';
import { PARSER_VERSION } from '../version.js';

/** Drop the words, lines and graphics of the layout; keep pages (number and size) and info. */
export function slimForLoad(f: DocFile): DocFile {
  if (f.layout) {
    f.layout = {
      kind: f.layout.kind,
      pages: f.layout.pages.map((p) => ({ number: p.number, width: p.width, height: p.height, rotation: p.rotation, lines: [], rulings: [], rects: [] })),
      ...(f.layout.info ? { info: f.layout.info } : {}),
    };
  }
  return f;
}

/** The sha256 that identifies an input that cannot be read: derived from its absolute path. */
export function pathKey(path: string): string {
  return `path:${hashOf(resolve(path))}`;
}

/**
 * A failed DocFile for an input whose reading went wrong outside the pipeline
 * (timed out, the reader crashed): identified by the sha256 of its bytes where
 * they can be read, so an unchanged file is recognised next time.
 */
export async function failedDocFile(path: string, reason: string): Promise<DocFile> {
  let sha256 = pathKey(path);
  let size = 0;
  try {
    const bytes = await readFile(path);
    sha256 = hashOf(bytes);
    size = bytes.length;
  } catch {
    // keep the path key
  }
  return {
    path, sha256, size, kind: kindOf(path), parserVersion: PARSER_VERSION,
    messages: [{ severity: 'error', stage: 'extract', text: reason }], status: 'failed', error: reason,
  };
}
