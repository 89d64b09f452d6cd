// What crosses from the reader (a worker thread, or the sequential path) to the
// one writer: a DocFile as plain data, without the bulky layout (the writer
// only needs the page count from it). Both paths slim the same way, so the
// parallel and the sequential run load exactly the same thing.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { sha256 as hashOf } from '../common/hash.js';
import { fsPath } from '../common/paths.js';
import { resolve } from 'node:path';
import type { DocErrorCode } from '../errors.js';
import type { DocFile } from '../model.js';
import { newDocFile } from '../pipeline.js';

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

/** The sha256 of a file, streamed: the writer's thread never holds a whole input in memory. */
export async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(fsPath(path), { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * A failed DocFile for an input whose reading went wrong outside the pipeline
 * (timed out, the reader crashed): identified by the sha256 of its bytes where
 * they can be read, so an unchanged file is recognised next time.
 */
export async function failedDocFile(path: string, code: DocErrorCode, reason: string): Promise<DocFile> {
  const f = newDocFile(path);
  f.sha256 = pathKey(path);
  try {
    f.sha256 = await hashFile(path);
    f.size = (await stat(fsPath(path))).size;
  } catch {
    // keep the path key
  }
  return f.fail(code, reason);
}
