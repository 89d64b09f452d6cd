// Experiments behind the recommendations of the speed report: the bare pdf.js
// pass (as in measure.ts) in variants, one variant per process so that
// process-wide changes do not leak:
//
//   node build/bench/experiment.js <dir|file.pdf>... [--restore-builtins] [--font-face] [--text-only] [--ops-only]
//
//   --restore-builtins  put back Array.prototype.push / JSON.parse / JSON.stringify
//                       after loading pdf.js (its core-js polyfills replace them)
//   --font-face         disableFontFace: false with a no-op FontFace and document.fonts,
//                       so the worker does not build and send a path for every glyph
//   --text-only / --ops-only  only getTextContent / only getOperatorList
//
// Prints one JSON line: pages, seconds, pages/s, CPU seconds, and a digest of
// the text and of the font names (to check that a variant reads the same).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { documentOptions } from './pdfjs.js';

const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const inputs = args.filter((a) => !a.startsWith('--'));
const files: string[] = [];
for (const p of inputs) {
  if (statSync(p).isDirectory()) {
    for (const n of readdirSync(p).sort()) if (n.endsWith('.pdf')) files.push(join(p, n));
  } else files.push(p);
}

const saved = {
  push: Object.getOwnPropertyDescriptor(Array.prototype, 'push')!,
  parse: Object.getOwnPropertyDescriptor(JSON, 'parse')!,
  stringify: Object.getOwnPropertyDescriptor(JSON, 'stringify')!,
};
const lib = (await import('pdfjs-dist/legacy/build/pdf.mjs'));
if (flag('--restore-builtins')) {
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  Object.defineProperty(Array.prototype, 'push', saved.push);
  Object.defineProperty(JSON, 'parse', saved.parse);
  Object.defineProperty(JSON, 'stringify', saved.stringify);
}
const extra: Record<string, unknown> = {};
if (flag('--font-face')) {
  // pdf.js "loads" each font into the document's font set instead of drawing glyphs as paths.
  class NoFontFace {
    readonly loaded: Promise<NoFontFace>;
    constructor(readonly family: string) {
      this.loaded = Promise.resolve(this);
    }
    load() {
      return this.loaded;
    }
  }
  (globalThis as { FontFace?: unknown }).FontFace ??= NoFontFace;
  extra.disableFontFace = false;
  extra.ownerDocument = { fonts: new Set() };
}

const textOnly = flag('--text-only');
const opsOnly = flag('--ops-only');
const textHash = createHash('sha256');
const fontHash = createHash('sha256');
let pages = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (const f of files) {
  const task = lib.getDocument({ data: new Uint8Array(readFileSync(f)), ...documentOptions(), ...extra });
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      if (!textOnly) await page.getOperatorList();
      if (!opsOnly) {
        const text = await page.getTextContent();
        for (const it of text.items) {
          if (!('str' in it)) continue;
          textHash.update(it.str);
          if (!textOnly && page.commonObjs.has(it.fontName)) fontHash.update(String((page.commonObjs.get(it.fontName) as { name?: string }).name));
        }
      }
      page.cleanup();
      pages++;
    }
  } finally {
    await task.destroy();
  }
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({
  variant: args.filter((a) => a.startsWith('--')).join(' ') || 'baseline',
  files: files.length,
  pages,
  seconds: Math.round(seconds * 100) / 100,
  pagesPerSec: Math.round((pages / seconds) * 10) / 10,
  cpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
  text: textHash.digest('hex').slice(0, 12),
  fonts: fontHash.digest('hex').slice(0, 12),
}) + '\n');
