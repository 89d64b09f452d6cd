// The pdf.js loader undoes the legacy build's process-wide polyfills and keeps
// glyphs from being built as paths, without changing what is read.
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../src/extract/pdf.js';
import { loadPdfjs } from '../src/extract/pdfjs-engine.js';
import { PdfWriter } from './support/pdf-writer.js';

// Taken before pdf.js loads (each test file runs in a fresh worker). core-js's
// replacements pretend to be native in toString, so compare identities.
const native = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };

describe('pdf.js engine', () => {
  it('leaves Array.prototype.push, JSON.parse and JSON.stringify native after pdf.js and its worker loaded', async () => {
    await loadPdfjs();
    const w = new PdfWriter();
    w.page().text(72, 72, 'Hallo');
    await extractPdf(w.toBytes()); // the first document would load the worker module
    expect([Array.prototype.push === native.push, JSON.parse === native.parse, JSON.stringify === native.stringify]).toEqual([true, true, true]);
  });

  it('still resolves real font names (bold) and text with fonts in the no-op font set', async () => {
    const w = new PdfWriter();
    const p = w.page();
    p.text(72, 72, 'Fett gesetzt', { bold: true });
    p.text(72, 100, 'Normal gesetzt');
    const layout = await extractPdf(w.toBytes());
    expect(layout.pages[0].lines.map((l) => [l.text, l.bold, l.words[0].fontName])).toEqual([
      ['Fett gesetzt', true, 'Helvetica-Bold'],
      ['Normal gesetzt', false, 'Helvetica'],
    ]);
  });
});
