// PDFs as producers make them: letter-spaced headings, two columns side by side, the footer block of
// page 1. Built with the test PDF writer and read by the real extractor.
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../src/extract/pdf.js';
import { PdfWriter, type PdfPage } from './support/pdf-writer.js';

// Helvetica advance widths (1/1000 em) of the characters used here.
const HELV: Record<string, number> = {
  A: 667, '.': 278, Z: 611, i: 222, e: 556, l: 222, s: 500, t: 278, z: 500, u: 556, n: 556, g: 556,
  V: 667, o: 556, r: 333, b: 556, m: 833, k: 500, d: 556, B: 667, R: 722, X: 667,
};

/** Draw `text` letter by letter with `spacing` em between letters (a space adds a space's width). */
function letterSpaced(p: PdfPage, x: number, y: number, text: string, size: number, spacing: number): void {
  for (const ch of text) {
    if (ch === ' ') {
      x += 0.278 * size;
      continue;
    }
    p.text(x, y, ch, { size });
    x += ((HELV[ch] ?? 556) / 1000 + spacing) * size;
  }
}

async function linesOf(draw: (p: PdfPage) => void): Promise<string[]> {
  const w = new PdfWriter();
  draw(w.page({ width: 595, height: 842 }));
  const [page] = (await extractPdf(w.toBytes())).pages;
  return page.lines.map((l) => l.text);
}

describe('letter-spaced words', () => {
  it('joins letters drawn one by one into words, and keeps the words apart', async () => {
    for (const spacing of [0.35, 0.5]) {
      const lines = await linesOf((p) => letterSpaced(p, 72, 100, 'A. Zielsetzung', 11, spacing));
      expect(lines).toEqual(['A. Zielsetzung']);
    }
    const lines = await linesOf((p) => letterSpaced(p, 72, 100, 'Vorbemerkung der Bundesregierung', 11, 0.35));
    expect(lines).toEqual(['Vorbemerkung der Bundesregierung']);
  });

  it('joins letters separated by spaces in one text item', async () => {
    const lines = await linesOf((p) => p.text(72, 100, 'V o r b e m e r k u n g   d e r   B u n d e s r e g i e r u n g', { size: 11 }));
    expect(lines).toEqual(['Vorbemerkung der Bundesregierung']);
  });

  it('does not join the marks of a table row, ordinary words, numbers or leader dots', async () => {
    const lines = await linesOf((p) => {
      p.text(72, 100, 'Ressort', { size: 10 });
      for (const [i, x] of [250, 320, 390, 460].entries()) p.text(x, 100, i % 2 ? 'X' : 'A', { size: 10 });
      p.text(72, 130, 'Es gibt a b c als Beispiel.', { size: 10 });
      p.text(72, 160, 'Zeile 1 2 3 4 5', { size: 10 });
      p.text(72, 190, 'Robbery . . . . . . . . 102.1', { size: 10 });
    });
    expect(lines[0]).toBe('Ressort A X A X');
    expect(lines[1]).toBe('Es gibt a b c als Beispiel.');
    expect(lines[2]).toBe('Zeile 1 2 3 4 5');
    expect(lines[3]).toBe('Robbery . . . . . . . . 102.1'); // leader dots stay
  });
});

describe('two columns side by side', () => {
  const LEFT = [
    'Der Bundesrat hat in seiner Sitzung am',
    'heutigen Tage beschlossen, zu dem vom',
    'Deutschen Bundestag verabschiedeten',
    'Gesetz zu verlangen, dass der Vermitt-',
    'lungsausschuss gemäß Artikel 77 Absatz 2',
    'des Grundgesetzes aus den folgenden',
    'Gründen einberufen wird: Die Regelung',
    'belastet die Länder mit neuen Kosten.',
  ];
  const RIGHT = [
    'Die Länder tragen den Vollzug des Geset-',
    'zes und werden dafür nicht entschädigt.',
    'Eine Beteiligung des Bundes an den Kosten',
    'ist im Gesetz nicht vorgesehen, obwohl',
    'der Bund die neuen Aufgaben begründet.',
    'Der Bundesrat bittet daher darum, die',
    'Vorschrift so zu fassen, dass der Bund',
    'die Mehrkosten der Länder vollständig trägt.',
  ];

  it('reads the left column, then the right, and never joins their lines', async () => {
    const w = new PdfWriter();
    const p = w.page({ width: 595, height: 842 });
    p.text(72, 80, 'Begründung', { size: 11, bold: true });
    LEFT.forEach((t, i) => p.text(72, 110 + i * 13, t, { size: 10 }));
    RIGHT.forEach((t, i) => p.text(322, 110 + i * 13, t, { size: 10 }));
    const [page] = (await extractPdf(w.toBytes())).pages;
    expect(page.lines.map((l) => l.text)).toEqual(['Begründung', ...LEFT, ...RIGHT]);
  });

  it('leaves a two-column table of numbers as rows', async () => {
    const w = new PdfWriter();
    const p = w.page({ width: 595, height: 842 });
    for (let i = 0; i < 8; i++) {
      p.text(72, 110 + i * 13, `Kreis ${String.fromCharCode(65 + i)}`, { size: 10 });
      p.text(330, 110 + i * 13, `${100 + i} ${200 + i} ${300 + i}`, { size: 10 });
    }
    const [page] = (await extractPdf(w.toBytes())).pages;
    expect(page.lines).toHaveLength(8);
    expect(page.lines[0].text).toBe('Kreis A 100 200 300');
  });
});

describe('the footer block of a page', () => {
  it('is furniture, never a table, and its lines stay available to the header reader', async () => {
    const { transform } = await import('../src/transform/index.js');
    const { newPdfTableFinder } = await import('../src/transform/tables/pdf/index.js');
    const w = new PdfWriter();
    const p = w.page({ width: 595, height: 842 });
    p.text(72, 80, 'Landtag von Baden-Württemberg Drucksache 17/6543', { size: 11 });
    p.text(72, 110, 'Kleine Anfrage des Abg. Max Muster und Antwort des Ministeriums.', { size: 10 });
    for (let i = 0; i < 6; i++) p.text(72, 140 + i * 13, `Der Text des Absatzes geht weiter und endet hier mit Zeile ${i + 1}.`, { size: 10 });
    // The block: dates on the left, notes on the right, two lines each, side by side.
    p.text(72, 760, 'Eingegangen: 11.04.2024 / Ausgegeben: 17.05.2024', { size: 8 });
    p.text(340, 760, 'Drucksachen und Plenarprotokolle des Landtags', { size: 8 });
    p.text(72, 770, 'Antwort der Landesregierung', { size: 8 });
    p.text(340, 770, 'sind im Internet abrufbar unter: www.landtag-bw.de', { size: 8 });
    p.text(72, 780, 'zu Drucksache 17/6100', { size: 8 });
    p.text(340, 780, 'Der Landtag druckt auf Recyclingpapier.', { size: 8 });
    const layout = await extractPdf(w.toBytes());
    const { doc } = transform(layout, { pdfTableFinder: newPdfTableFinder });
    const cells = doc.tables.flatMap((t) => t.rows.flat().map((c) => c?.text ?? ''));
    expect(cells.some((c) => /Eingegangen|Recyclingpapier|abrufbar/.test(c))).toBe(false);
    expect(doc.tables).toEqual([]);
    const { removeFurniture } = await import('../src/transform/furniture.js');
    const removed = removeFurniture(layout).removed.map((l) => l.text);
    expect(removed.some((t) => t.startsWith('Eingegangen: 11.04.2024'))).toBe(true);
    expect(removed.some((t) => t.startsWith('Der Text des Absatzes'))).toBe(false);
  });
});
