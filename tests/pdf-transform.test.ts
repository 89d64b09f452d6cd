// The transform stages on PDFs: running headers, page numbers and the archive
// notice removed, footnote bodies at the page foot, line-end hyphenation, and
// the same result for a PDF and the text layer of the same document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../src/extract/pdf.js';
import { extractText } from '../src/extract/text.js';
import { transform } from '../src/transform/index.js';
import { PdfWriter } from './support/pdf-writer.js';

const FIX = join(import.meta.dirname, 'fixtures');

/** A two-page answer in the NRW house style, built line by line. */
function houseStylePdf(): Uint8Array {
  const w = new PdfWriter();
  const p1 = w.page({ width: 595, height: 842 });
  let y = 40;
  const put = (page: typeof p1, s: string, o: { bold?: boolean; size?: number; gap?: number } = {}) => {
    page.text(71, y, s, { bold: o.bold, size: o.size ?? 11 });
    y += (o.size ?? 11) * 1.1 + (o.gap ?? 0);
  };
  put(p1, 'LANDTAG NORDRHEIN-WESTFALEN Drucksache 18/4242', { bold: true, size: 13 });
  put(p1, '18. Wahlperiode', { gap: 8 });
  put(p1, '02.03.2024', { gap: 14 });
  put(p1, 'Antwort', { bold: true, size: 20, gap: 8 });
  put(p1, 'der Landesregierung', { bold: true, gap: 8 });
  put(p1, 'auf die Kleine Anfrage 99 vom 1. Februar 2024');
  put(p1, 'des Abgeordneten Max Muster FDP');
  put(p1, 'Drucksache 18/4000', { gap: 12 });
  put(p1, 'Ein Titel', { bold: true, gap: 12 });
  put(p1, 'Der Minister für Verkehr hat die Kleine Anfrage 99 mit Schreiben vom 1. März 2024 namens', {});
  put(p1, 'der Landesregierung beantwortet.', { gap: 12 });
  put(p1, '1. Wie viele Maßnahmen gibt es?', { bold: true, gap: 12 });
  put(p1, 'Es gibt drei Maß-');
  put(p1, 'nahmen, alle mit An- und');
  put(p1, 'Abwesenheitserfassung.¹', { gap: 12 });
  p1.line(71, 700, 200, 700, 0.5);
  p1.text(71, 710, '¹ Siehe Drs. 18/1.', { size: 9 });
  p1.text(71, 800, 'Datum des Originals: 02.03.2024/Ausgegeben: 05.03.2024', { size: 8 });
  const p2 = w.page({ width: 595, height: 842 });
  p2.text(71, 36, 'LANDTAG NORDRHEIN-WESTFALEN - 18. Wahlperiode Drucksache 18/4242', { size: 10 });
  y = 71;
  put(p2, '2. Wann?', { bold: true, gap: 12 });
  put(p2, 'Im Jahr 2025.');
  p2.text(297, 805, '2', { size: 11 });
  return w.toBytes();
}

describe('transform on a PDF the test builds', async () => {
  const { doc } = transform(await extractPdf(houseStylePdf()));

  it('reads the header and the archive notice, and keeps the furniture out of the text', () => {
    const m = doc.meta;
    expect([m.drucksache, m.wahlperiode, m.date, m.dateOriginal, m.dateIssued, m.kaNumber, m.kaDrucksache, m.title, m.answeredBy, m.letterDate])
      .toEqual(['18/4242', 18, '2024-03-02', '2024-03-02', '2024-03-05', 99, '18/4000', 'Ein Titel', 'Minister für Verkehr', '2024-03-01']);
  });

  it('rebuilds questions and answers, repairs line-end hyphenation and keeps real hyphens', () => {
    expect(doc.questions.map((q) => [q.number, q.text, q.page])).toEqual([[1, 'Wie viele Maßnahmen gibt es?', 1], [2, 'Wann?', 2]]);
    expect(doc.answers.map((a) => [a.questions, a.text])).toEqual([
      [[1], 'Es gibt drei Maßnahmen, alle mit An- und Abwesenheitserfassung.¹'],
      [[2], 'Im Jahr 2025.'],
    ]);
  });

  it('takes the footnote body at the page foot as a footnote', () => {
    expect(doc.footnotes).toEqual([{ marker: '1', text: 'Siehe Drs. 18/1.', page: 1 }]);
  });
});

describe('the same document as PDF and as text layer', () => {
  it('gives the same questions, answers and footnotes (nrw-18-14087)', async () => {
    const pdf = transform(await extractPdf(new Uint8Array(readFileSync(join(FIX, 'pdf', 'nrw-18-14087-libreoffice.pdf'))))).doc;
    const txt = transform(extractText(readFileSync(join(FIX, 'text', 'nrw-18-14087.txt'))).layout).doc;
    const norm = (xs: { text: string }[]) => xs.map((x) => ({ ...x, text: x.text.replace(/\s+/g, ' '), page: undefined, pageEnd: undefined }));
    expect(pdf.questions.length).toBe(5);
    expect(norm(pdf.questions)).toEqual(norm(txt.questions));
    expect(norm(pdf.answers)).toEqual(norm(txt.answers));
    expect(norm(pdf.footnotes)).toEqual(norm(txt.footnotes));
  });
});
