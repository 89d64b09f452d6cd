import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layoutCommand } from '../src/commands/layout.js';
import { ExtractError } from '../src/extract/errors.js';
import { UsageError } from '../src/errors.js';
import { extractPdf } from '../src/extract/pdf.js';
import type { Layout, Line, Page } from '../src/model.js';
import { PdfWriter } from './support/pdf-writer.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/pdf/', import.meta.url));
const fixture = (name: string) => readFileSync(FIXTURES + name);

const texts = (page: Page) => page.lines.map((l) => l.text);
const lineOf = (page: Page, text: string): Line => {
  const l = page.lines.find((x) => x.text === text);
  if (!l) throw new Error(`no line ${JSON.stringify(text)} on page ${page.number}:\n${texts(page).join('\n')}`);
  return l;
};
const rulingSummary = (page: Page) => ({
  h: page.rulings.filter((r) => r.orient === 'h').length,
  v: page.rulings.filter((r) => r.orient === 'v').length,
});

// Helvetica widths (1/1000 em) of the strings used below.
const HELV = { '52.413': 3058, 'Pandemie“': 4835, '1': 556, 'Zoom ¹': 3167 };

describe('extractPdf on generated PDFs', () => {
  it('reads lines, words, boxes, fonts and bold from the font name', async () => {
    const w = new PdfWriter({ info: { Title: 'Testdokument', Creator: 'vitest' } });
    w.page()
      .text(72, 100, 'Antwort der Landesregierung', { size: 14, bold: true })
      .text(72, 130, 'Grüße aus Düsseldorf: „Maß“ – 5 €', { size: 11 })
      .text(72, 160, 'Cisco-ViKo (On-Premise)', { size: 10 })
      .text(300, 160, '52.413', { size: 10 });
    const layout = await extractPdf(w.toBytes());
    expect(layout.kind).toBe('pdf');
    expect(layout.info).toEqual({ Producer: 'drucksachen pdf-writer', Title: 'Testdokument', Creator: 'vitest' });
    const [page] = layout.pages;
    expect({ n: page.number, w: page.width, h: page.height, r: page.rotation }).toEqual({ n: 1, w: 595.28, h: 841.89, r: 0 });
    expect(texts(page)).toEqual([
      'Antwort der Landesregierung',
      'Grüße aus Düsseldorf: „Maß“ – 5 €',
      'Cisco-ViKo (On-Premise) 52.413',
    ]);
    const [title, body, row] = page.lines;
    expect(title).toMatchObject({ bold: true, fontSize: 14, angle: 0 });
    expect(title.words.map((x) => [x.text, x.fontName, x.bold])).toEqual([
      ['Antwort', 'Helvetica-Bold', true],
      ['der', 'Helvetica-Bold', true],
      ['Landesregierung', 'Helvetica-Bold', true],
    ]);
    expect(body).toMatchObject({ bold: false, fontSize: 11 });
    expect(body.words[0]).toMatchObject({ text: 'Grüße', fontName: 'Helvetica', bold: false });
    // a cell on its own: exact box (baseline at y = 160, Helvetica ascent 0.905, descent 0.212)
    const cell = row.words.find((x) => x.text === '52.413')!;
    expect(cell.box.x0).toBe(300);
    expect(cell.box.x1).toBeCloseTo(300 + HELV['52.413'] / 100, 1);
    expect(cell.box.y0).toBeCloseTo(160 - 0.905 * 10, 1);
    expect(cell.box.y1).toBeCloseTo(160 + 0.212 * 10, 1);
    expect(row.words.map((x) => x.text)).toEqual(['Cisco-ViKo', '(On-Premise)', '52.413']);
  });

  it('reads a 90° column label as one bottom-to-top line at its x position', async () => {
    const w = new PdfWriter();
    w.page({ width: 841.89, height: 595.28 })
      .text(72, 250, 'Ressort', { size: 9, bold: true })
      .text(300, 230, 'Cisco-ViKo (On-Premise)', { size: 9, angle: 90 })
      // one label drawn in two pieces along the same baseline
      .text(331, 230, 'Skype for', { size: 9, angle: 90 })
      .text(331, 230 - 41.5, 'business (On-Premise)', { size: 9, angle: 90 });
    const [page] = (await extractPdf(w.toBytes())).pages;
    const labels = page.lines.filter((l) => l.angle === 90);
    expect(labels.map((l) => l.text)).toEqual(['Cisco-ViKo (On-Premise)', 'Skype for business (On-Premise)']);
    const [a] = labels;
    // baseline at x = 300: glyphs to its left (ascent), starting at y = 230 and running up
    expect(a.box!.x0).toBeCloseTo(300 - 0.905 * 9, 1);
    expect(a.box!.x1).toBeCloseTo(300 + 0.212 * 9, 1);
    expect(a.box!.y1).toBeCloseTo(230, 1);
    expect(a.box!.y0).toBeLessThan(230 - 90);
    expect(a.words.map((x) => x.text)).toEqual(['Cisco-ViKo', '(On-Premise)']);
    expect(a.words[0].box.y0).toBeGreaterThan(a.words[1].box.y1 - 0.01); // first word at the bottom
  });

  it('a landscape MediaBox reads left to right', async () => {
    const w = new PdfWriter();
    w.page({ width: 841.89, height: 595.28 }).text(500, 100, 'Anlage', { size: 12 });
    const [page] = (await extractPdf(w.toBytes())).pages;
    expect({ w: page.width, h: page.height, r: page.rotation }).toEqual({ w: 841.89, h: 595.28, r: 0 });
    expect(page.lines.map((l) => [l.text, l.angle])).toEqual([['Anlage', 0]]);
    expect(page.lines[0].box!.x0).toBe(500);
    expect(page.lines[0].box!.y1).toBeCloseTo(100 + 0.212 * 12, 1);
  });

  it('a portrait page with /Rotate 90 reads in display orientation', async () => {
    const w = new PdfWriter();
    // Content drawn at 90° in PDF space shows upright on the rotated page;
    // display x = PDF y = 841.89 - yTop, display y = PDF x.
    w.page({ width: 595.28, height: 841.89, rotate: 90 })
      .text(100, 500, 'Quer gelesen', { size: 10, angle: 90 })
      .text(150, 500, 'zweite Zeile', { size: 10, angle: 90 })
      .text(300, 100, 'senkrecht', { size: 10 });
    const [page] = (await extractPdf(w.toBytes())).pages;
    expect({ w: page.width, h: page.height, r: page.rotation }).toEqual({ w: 841.89, h: 595.28, r: 90 });
    expect(page.lines.map((l) => [l.text, l.angle])).toEqual([
      ['Quer gelesen', 0],
      ['zweite Zeile', 0],
      ['senkrecht', -90],
    ]);
    expect(page.lines[0].box!.x0).toBeCloseTo(841.89 - 500, 1);
    expect(page.lines[0].box!.y0).toBeCloseTo(100 - 9.05, 1);
  });

  it('joins a superscript marker in another font, and a raised marker, to their line', async () => {
    const w = new PdfWriter();
    const p = w.page();
    p.text(72, 300, 'Zoom ¹', { size: 10 }).text(72 + HELV['Zoom ¹'] / 100, 300, ')', { size: 10, font: 'Times-Roman' });
    const x1 = 72 + (HELV['Pandemie“'] * 11) / 1000;
    p.text(72, 330, 'Pandemie“', { size: 11 })
      .text(x1, 326, '1', { size: 6.4 })
      .text(x1 + (HELV['1'] * 6.4) / 1000 + 3, 330, 'veröffentlicht.', { size: 11 })
      .text(72, 342, 'Nächste Zeile', { size: 11 });
    const [page] = (await extractPdf(w.toBytes())).pages;
    expect(texts(page)).toEqual(['Zoom ¹)', 'Pandemie“1 veröffentlicht.', 'Nächste Zeile']);
    expect(page.lines[0].words.map((x) => [x.text, x.fontName])).toEqual([
      ['Zoom', 'Helvetica'],
      ['¹)', 'Helvetica'],
    ]);
    expect(page.lines[1].fontSize).toBe(11);
  });

  it('gets rulings from stroked lines and thin filled rectangles, joined, without the page-sized rectangle', async () => {
    const w = new PdfWriter();
    const p = w.page();
    p.rect(0, 0, 595.28, 841.89, { fill: true, gray: 0.95 }); // page background
    for (const y of [100, 120, 140]) p.line(72, y, 200, y, 0.5).line(200, y, 400, y, 0.5); // per-cell segments
    for (const x of [72, 200, 400]) p.line(x, 100, x, 120, 0.5).line(x, 120, x, 140, 0.5);
    p.rect(72, 160, 328, 0.5, { fill: true }); // a rule drawn as a thin rectangle
    p.rect(72, 200, 100, 30, { fill: true, gray: 0.8 }); // cell shading
    p.rect(72, 300, 200, 0.5, { fill: true, gray: 1 }); // white: invisible
    p.text(80, 115, 'Zelle', { size: 10 });
    const [page] = (await extractPdf(w.toBytes())).pages;
    expect(page.rulings).toEqual([
      { x0: 72, y0: 100, x1: 400, y1: 100, orient: 'h', width: 0.5 },
      { x0: 72, y0: 120, x1: 400, y1: 120, orient: 'h', width: 0.5 },
      { x0: 72, y0: 140, x1: 400, y1: 140, orient: 'h', width: 0.5 },
      { x0: 72, y0: 160.25, x1: 400, y1: 160.25, orient: 'h', width: 0.5 },
      { x0: 72, y0: 100, x1: 72, y1: 140, orient: 'v', width: 0.5 },
      { x0: 200, y0: 100, x1: 200, y1: 140, orient: 'v', width: 0.5 },
      { x0: 400, y0: 100, x1: 400, y1: 140, orient: 'v', width: 0.5 },
    ]);
    expect(page.rects).toEqual([{ x0: 72, y0: 200, x1: 172, y1: 230 }]);
    expect(texts(page)).toEqual(['Zelle']);
  });

  it('a PDF without a text layer gives pages without lines (no error)', async () => {
    const w = new PdfWriter();
    w.page().line(72, 100, 300, 100, 1);
    w.page();
    const layout = await extractPdf(w.toBytes());
    expect(layout.pages.map((p) => [p.number, p.lines.length, p.rulings.length])).toEqual([
      [1, 0, 1],
      [2, 0, 0],
    ]);
  });

  it('extracts only the pages asked for and rejects pages that do not exist', async () => {
    const w = new PdfWriter();
    for (const t of ['eins', 'zwei', 'drei']) w.page().text(72, 72, t);
    const bytes = w.toBytes();
    const layout = await extractPdf(bytes, { pages: [3, 1] });
    expect(layout.pages.map((p) => [p.number, texts(p)])).toEqual([
      [1, ['eins']],
      [3, ['drei']],
    ]);
    await expect(extractPdf(bytes, { pages: [4] })).rejects.toThrow(new UsageError('page 4 does not exist: the PDF has 3 pages', 'usage.pages'));
    // the input is copied, not detached, and a Node Buffer works too
    expect(bytes.length).toBeGreaterThan(0);
    expect(texts((await extractPdf(Buffer.from(bytes))).pages[1])).toEqual(['zwei']);
  });
});

describe('extractPdf errors', () => {
  const fails = async (data: Uint8Array, code: string, message: string) => {
    const err = await extractPdf(data).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ExtractError);
    // The short names the extractors use stand for stable codes (src/errors.ts): 'encrypted' → 'pdf.encrypted'.
    expect({ code: (err as ExtractError).code, message: (err as ExtractError).message }).toEqual({ code: new ExtractError(code as never, '').code, message });
  };
  const onePage = (opts?: ConstructorParameters<typeof PdfWriter>[0]) => {
    const w = new PdfWriter(opts);
    w.page().text(72, 100, 'Vertraulicher Inhalt');
    return w.toBytes();
  };

  it('zero bytes', () => fails(new Uint8Array(0), 'empty', 'empty file (0 bytes)'));

  it('PNG bytes', () =>
    fails(
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
      'not-pdf',
      'not a PDF: the file does not start with %PDF- (looks like PNG image)',
    ));

  it('random bytes', () => {
    let seed = 12345;
    const random = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    return fails(random, 'not-pdf', 'not a PDF: the file does not start with %PDF- (looks like binary data)');
  });

  it('HTML and text', async () => {
    await fails(
      Buffer.from('<!DOCTYPE html>\n<html lang="de"><body>Drucksache</body></html>'),
      'not-pdf',
      'not a PDF: the file does not start with %PDF- (looks like HTML)',
    );
    await fails(Buffer.from('Drucksache 17/10116\nAntwort'), 'not-pdf', 'not a PDF: the file does not start with %PDF- (looks like text)');
  });

  it('a truncated PDF and a PDF header followed by junk', async () => {
    const bytes = onePage();
    await fails(bytes.slice(0, Math.floor(bytes.length / 2)), 'corrupt', 'corrupt PDF: Invalid PDF structure.');
    const real = fixture('nrw-18-14087-libreoffice.pdf');
    await fails(real.subarray(0, Math.floor(real.length * 0.9)), 'corrupt', 'corrupt PDF: Invalid PDF structure.');
    await fails(Buffer.from('%PDF-1.7\n' + 'x'.repeat(300)), 'corrupt', 'corrupt PDF: Invalid PDF structure.');
  });

  it('an encrypted PDF that needs a password', () =>
    fails(onePage({ encrypt: { userPassword: 'geheim' } }), 'encrypted', 'encrypted PDF: a password is needed to open it'));

  it('an encrypted PDF with only an owner password opens', async () => {
    const layout = await extractPdf(onePage({ encrypt: { ownerPassword: 'owner' } }));
    expect(texts(layout.pages[0])).toEqual(['Vertraulicher Inhalt']);
  });
});

describe('extractPdf on real PDFs', () => {
  const LABELS = [
    'Cisco-ViKo (On-Premise)',
    'Cisco-WebEx (On-Premise)',
    'Skype for business (On-Premise)',
    'Polycom ViKo (On-Premise)',
    'Jitsi Meet (intern/On-Premise)',
    'Nextcloud Talk (On-Premise)',
    'Fastviewer (On-Premise)',
    'Estos Procall (On-Premise)',
    'Cisco-WebEx (Public-Cloud)',
    'Netucate YuLinc',
    'Facetime (ohne Apple-ID)',
    'edudip (Webinar)',
    'GoToMeeting',
    'Avaya Cloud Conference',
    'BlueJeans Enterprise',
    'Zoom',
  ];
  const labelsOf = (page: Page) => page.lines.filter((l) => l.angle === 90);

  let libreOnce: Promise<Layout> | null = null;
  const libreLayout = () => (libreOnce ??= extractPdf(fixture('nrw-17-10116-libreoffice.pdf')));

  it('LibreOffice: metadata, page sizes, header line in bold', async () => {
    const libre = await libreLayout();
    expect(libre.info).toMatchObject({ Creator: 'Writer', Producer: 'LibreOffice 7.4', Title: 'Drucksache 17/10116' });
    expect(libre.pages.map((p) => [p.width, p.height, p.rotation])).toEqual([
      [595.3, 841.89, 0],
      [595.3, 841.89, 0],
      [841.89, 595.3, 0],
    ]);
    const header = lineOf(libre.pages[0], 'LANDTAG NORDRHEIN-WESTFALEN Drucksache 17/10116');
    expect(header).toMatchObject({ bold: true, fontSize: 13 });
    expect(header.words[0].fontName).toBe('LiberationSans-Bold');
    expect(lineOf(libre.pages[0], 'aufgrund der Corona-Pandemie“1 veröffentlicht. Gerade vor dem Hintergrund der Corona-Pan-').bold).toBe(false);
  });

  it('LibreOffice: the count table has one word per cell inside the column rulings', async () => {
    const page = (await libreLayout()).pages[0];
    const row = lineOf(page, 'Cisco-ViKo (On-Premise) 52.413');
    const value = row.words.find((w) => w.text === '52.413')!;
    const cols = page.rulings.filter((r) => r.orient === 'v').map((r) => r.x0);
    expect(cols).toEqual([71.1, 297.9, 397.1]);
    expect(value.box.x0).toBeGreaterThan(297.9);
    expect(value.box.x1).toBeLessThan(397.1);
    expect(value.box.x1).toBeGreaterThan(390); // right-aligned
    expect(rulingSummary(page)).toEqual({ h: 7, v: 3 }); // 6 table borders + the footnote rule
  });

  it('LibreOffice: "¹⁾" with "⁾" in DejaVu Sans is one word of its line', async () => {
    const libre = await libreLayout();
    const zoom = lineOf(libre.pages[1], 'Zoom ¹⁾');
    expect(zoom.words.map((w) => w.text)).toEqual(['Zoom', '¹⁾']);
    expect(rulingSummary(libre.pages[1])).toEqual({ h: 14, v: 3 });
  });

  it('LibreOffice: the landscape Anlage has 16 bottom-to-top labels, left to right, and its grid', async () => {
    const page = (await libreLayout()).pages[2];
    const labels = labelsOf(page);
    expect(labels.map((l) => l.text)).toEqual(LABELS);
    const xs = labels.map((l) => l.box!.x0);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // each label sits between two vertical rulings of the grid
    const vs = page.rulings.filter((r) => r.orient === 'v').map((r) => r.x0);
    for (const l of labels) {
      const left = vs.filter((x) => x <= l.box!.x0).length;
      expect(vs[left - 1]).toBeLessThan(l.box!.x0);
      expect(vs[left]).toBeGreaterThan(l.box!.x1);
    }
    expect(rulingSummary(page)).toEqual({ h: 16, v: 18 });
    expect(page.rects).toEqual([]);
    expect(lineOf(page, 'Ministerium für Verkehr X X X').words.slice(-3).map((w) => Math.round(w.box.x0))).toEqual([285, 316, 410]);
  });

  it('Chromium: sideways-lr labels, borders from thin filled rectangles, the footnote rule', async () => {
    const layout = await extractPdf(fixture('nrw-17-10116-chromium.pdf'));
    expect(layout.info?.Producer).toBe('Skia/PDF m156');
    expect(labelsOf(layout.pages[2]).map((l) => l.text)).toEqual(LABELS);
    expect(rulingSummary(layout.pages[2])).toEqual({ h: 16, v: 18 });
    expect(rulingSummary(layout.pages[1])).toEqual({ h: 18, v: 3 });
    const [rule] = layout.pages[0].rulings;
    expect(layout.pages[0].rulings).toHaveLength(1);
    expect(rule).toMatchObject({ orient: 'h', x0: 70.5, width: 0.49 });
    expect(lineOf(layout.pages[1], 'Zoom ¹⁾').words).toHaveLength(2);
  });

  it('LibreOffice 18/14087: raised footnote markers stay glued to their words', async () => {
    const layout = await extractPdf(fixture('nrw-18-14087-libreoffice.pdf'), { pages: [1] });
    const page = layout.pages[0];
    lineOf(page, 'griff darauf haben.“1 Daneben geht aus einer Antwort der Landesregierung auf eine Kleine An-');
    lineOf(page, 'bat.2 Die Landesregierung kam dieser Bitte nach über einem Jahr am 27. August 2024 nach.3');
    expect(lineOf(page, '3 https://www.mkjfgfi.nrw/system/files/media/document/file/bereitstellung -von-zugangsdaten-zu-anwesenheitssys-').fontSize).toBe(9);
  });

  it('camelot clockwise_table_1: a /Rotate 180 page with top-to-bottom text is read turned upright', async () => {
    const [page] = (await extractPdf(fixture('camelot-clockwise_table_1.pdf'))).pages;
    // The text runs top-to-bottom on the displayed page: read in its direction, the page is landscape.
    expect({ w: page.width, h: page.height, r: page.rotation }).toEqual({ w: 792, h: 612, r: 180 });
    expect(page.lines[0]).toMatchObject({ text: 'Table 1 : STATE WISE COVERAGE PARTICULARS BY PERIOD OF SURVEY (Contd...)', angle: 0, bold: true });
    const kerala = lineOf(page, 'Kerala 5738 6633 8864 8297 245 2161 3195 1645 2391');
    expect(kerala.angle).toBe(0);
    // left-to-right: the row label comes first
    expect(kerala.words[0].box.x0).toBeLessThan(kerala.words[1].box.x0);
    expect(rulingSummary(page)).toEqual({ h: 15, v: 11 });
  });

  it('camelot us-030 page 2: a ruled table', async () => {
    const [page] = (await extractPdf(fixture('camelot-us-030.pdf'), { pages: [2] })).pages;
    expect(page.number).toBe(2);
    expect(rulingSummary(page)).toEqual({ h: 8, v: 8 });
    lineOf(page, '2012_2 3.30 1.3 5.9% 9.5% 29.2% 17.4%');
    lineOf(page, 'Table 2-1. Simulated fuel savings from isolated cycle improvements');
  });
});

describe('layout command', () => {
  it('prints a header per page, the lines with boxes and the rulings', async () => {
    const out = await layoutCommand(FIXTURES + 'nrw-17-10116-libreoffice.pdf', { page: 3 });
    const lines = out.split('\n');
    expect(lines[0]).toBe(`${FIXTURES}nrw-17-10116-libreoffice.pdf  Creator: Writer  Producer: LibreOffice 7.4`);
    expect(lines[2]).toBe('page 3  841.89 x 595.3 pt  rotation 0  lines 43  rulings 34  rects 0');
    expect(lines).toContain('  [ 283  110  293  211]   9.0 -   90  Cisco-ViKo (On-Premise)');
    expect(lines).toContain('  [ 477   75  566   85]   9.0 B    0  Videokonferenz-Tool');
    expect(lines).toContain('  ruling v [ 272   71  272  477]  w 0.50');
    expect(out).not.toContain('page 1 ');
  });

  it('reports a file it cannot read', async () => {
    await expect(layoutCommand('/nonexistent/x.pdf', {})).rejects.toMatchObject({
      code: 'io.read',
      message: 'cannot read /nonexistent/x.pdf: no such file',
    });
  });
});
