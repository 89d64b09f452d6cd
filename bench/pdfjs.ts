// pdf.js for the benchmark: the extractor's own loader and options
// (src/extract/pdfjs-engine.ts), so the bare baseline runs pdf.js as we do.
import { documentOptions, loadPdfjs, type PdfJs } from '../src/extract/pdfjs-engine.js';

export { documentOptions, loadPdfjs, type PdfJs };

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
