// pdf.js for the benchmark, loaded and configured exactly as src/extract/pdf.ts
// does it (legacy build, standard fonts and CMaps from the package, no eval).
import { createRequire } from 'node:module';
import path from 'node:path';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | null = null;
export function loadPdfjs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** The getDocument options of src/extract/pdf.ts, without `data`. */
export function documentOptions() {
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    cMapUrl: path.join(root, 'cmaps') + path.sep,
    cMapPacked: true,
    isEvalSupported: false,
    verbosity: 0,
    useSystemFonts: false,
    disableFontFace: true,
  };
}

/** Number of pages of a PDF. */
export async function countPages(bytes: Uint8Array): Promise<number> {
  const lib = await loadPdfjs();
  const task = lib.getDocument({ data: new Uint8Array(bytes), ...documentOptions() });
  try {
    const doc = await task.promise;
    return doc.numPages;
  } finally {
    await task.destroy();
  }
}
