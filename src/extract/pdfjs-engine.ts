// pdf.js, loaded and configured once for the extractor and the benchmark alike
// (so the bench's "bare pdf.js" baseline runs the dependency the way we do).
//
// Two measured costs of the legacy build in Node are undone here (see the
// "Speed" section of the README for the numbers):
// - its core-js polyfills replace Array.prototype.push, JSON.parse and
//   JSON.stringify process-wide with slower versions: the native ones are put
//   back after pdf.js (display API and worker) has loaded;
// - with disableFontFace: true pdf.js builds a path for every glyph and sends it
//   across; we never render, so fonts are "loaded" into a no-op font set.
import { createRequire } from 'node:module';
import path from 'node:path';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** A FontFace that loads nothing: pdf.js only needs `loaded` to resolve. */
class NoFontFace {
  readonly loaded: Promise<NoFontFace>;
  constructor(readonly family: string) {
    this.loaded = Promise.resolve(this);
  }
  load(): Promise<NoFontFace> {
    return this.loaded;
  }
}

let pdfjsPromise: Promise<PdfJs> | null = null;

/** pdf.js is loaded on first use: it takes a while and not every command needs it. */
export function loadPdfjs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const saved = {
      push: Object.getOwnPropertyDescriptor(Array.prototype, 'push')!,
      parse: Object.getOwnPropertyDescriptor(JSON, 'parse')!,
      stringify: Object.getOwnPropertyDescriptor(JSON, 'stringify')!,
    };
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // The worker module installs the same polyfills when pdf.js loads it for the
    // first document: load it now (pdf.js then uses globalThis.pdfjsWorker).
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    Object.defineProperty(Array.prototype, 'push', saved.push);
    Object.defineProperty(JSON, 'parse', saved.parse);
    Object.defineProperty(JSON, 'stringify', saved.stringify);
    (globalThis as { FontFace?: unknown }).FontFace ??= NoFontFace;
    return lib;
  })();
  return pdfjsPromise;
}

let options: Record<string, unknown> | null = null;

/** The getDocument options (without `data`): standard fonts and CMaps from the package, no eval, no network. */
export function documentOptions(): Record<string, unknown> {
  if (!options) {
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    options = {
      standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
      cMapUrl: path.join(root, 'cmaps') + path.sep,
      cMapPacked: true,
      isEvalSupported: false,
      verbosity: 0,
      useSystemFonts: false,
      // Locked down: no fetching (fonts and CMaps are read from the package), no canvas or image
      // decoders of the platform, images above 16 megapixels are not decoded at all.
      useWorkerFetch: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      maxImageSize: 16 * 1024 * 1024,
      canvasMaxAreaInBytes: 64 * 1024 * 1024,
      disableAutoFetch: true,
      disableStream: true,
      disableRange: true,
      enableXfa: false,
      // Fonts go into a font set that loads nothing instead of being drawn as glyph paths.
      disableFontFace: false,
      ownerDocument: { fonts: new Set() },
    };
  }
  return options;
}
