// The benchmark corpus: PDFs generated in the NRW house style (see
// generate.ts) plus byte-distinct copies of the sample PDFs in
// tests/fixtures/pdf when the clone has them. Deterministic for a seed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDrucksache } from './generate.js';
import { countPages } from './pdfjs.js';
import { Rng } from './rng.js';

/** The project root: above bench/ when run from source (tests), above build/bench/ when built. */
const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = existsSync(join(HERE, '..', 'package.json')) ? resolve(HERE, '..') : resolve(HERE, '..', '..');
export const FIXTURE_DIR = join(ROOT, 'tests', 'fixtures', 'pdf');

export interface CorpusFile {
  path: string;
  pages: number;
  bytes: number;
  origin: 'generated' | 'fixture';
  sha256: string;
}

export interface CorpusOptions {
  /** Folder to fill (emptied first). */
  dir: string;
  /** Stop generating once the corpus holds at least this many pages. */
  targetPages: number;
  seed?: number;
  /** Folder with sample PDFs to copy (default tests/fixtures/pdf; null: none). */
  fixtureDir?: string | null;
  /** Byte-distinct copies of each sample PDF (default 4). */
  fixtureCopies?: number;
  /** Largest page count of a generated file (default 20). */
  maxPages?: number;
}

export interface Corpus {
  dir: string;
  files: CorpusFile[];
  pages: number;
  bytes: number;
  generated: number;
  fixtures: number;
}

/** Page counts 1–20, most documents short as in the Landtag's output, a long tail. */
export function pickPageCount(rng: Rng, max = 20): number {
  const r = rng.next();
  const n = r < 0.4 ? rng.int(1, 4) : r < 0.75 ? rng.int(5, 10) : rng.int(11, 20);
  return Math.min(n, max);
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function buildCorpus(o: CorpusOptions): Promise<Corpus> {
  const seed = o.seed ?? 2025;
  rmSync(o.dir, { recursive: true, force: true });
  mkdirSync(o.dir, { recursive: true });
  const files: CorpusFile[] = [];
  const seen = new Set<string>();
  const add = (name: string, bytes: Uint8Array, pages: number, origin: CorpusFile['origin']) => {
    const h = sha(bytes);
    if (seen.has(h)) throw new Error(`corpus: ${name} has the same bytes as an earlier file`);
    seen.add(h);
    const path = join(o.dir, name);
    writeFileSync(path, bytes);
    files.push({ path, pages, bytes: bytes.length, origin, sha256: h });
  };

  // Sample PDFs: each copy differs by a comment after %%EOF (pdf.js and poppler ignore it).
  const fixtureDir = o.fixtureDir === undefined ? FIXTURE_DIR : o.fixtureDir;
  const copies = o.fixtureCopies ?? 4;
  let fixturePages = 0;
  if (fixtureDir && existsSync(fixtureDir) && copies > 0) {
    for (const name of readdirSync(fixtureDir).filter((n) => n.toLowerCase().endsWith('.pdf')).sort()) {
      const orig = new Uint8Array(readFileSync(join(fixtureDir, name)));
      const pages = await countPages(orig);
      for (let k = 0; k < copies; k++) {
        const bytes = k === 0 ? orig : Buffer.concat([orig, Buffer.from(`\n%bench copy ${k}\n`, 'latin1')]);
        add(`sample-${name.replace(/\.pdf$/i, '')}-${k + 1}.pdf`, bytes, pages, 'fixture');
        fixturePages += pages;
      }
    }
  }

  const rng = new Rng(seed);
  let total = fixturePages;
  for (let i = 1; total < o.targetPages; i++) {
    const pages = pickPageCount(rng, o.maxPages);
    const nr = 10000 + i;
    const g = generateDrucksache({ seed: seed * 100003 + i, pages, drucksache: nr });
    add(`gen-${String(i).padStart(4, '0')}-18-${nr}-p${String(pages).padStart(2, '0')}.pdf`, g.bytes, g.pages, 'generated');
    total += g.pages;
  }
  return {
    dir: o.dir,
    files,
    pages: total,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    generated: files.filter((f) => f.origin === 'generated').length,
    fixtures: files.filter((f) => f.origin === 'fixture').length,
  };
}
