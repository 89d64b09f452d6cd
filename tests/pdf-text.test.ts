import { describe, expect, it } from 'vitest';
import {
  displayAngle,
  isBoldFontName,
  makeFontInfo,
  stripSubset,
  textItemsToLines,
  type FontInfo,
  type TextItemInput,
} from '../src/extract/pdf-text.js';

// Fonts by pdf.js id, as the extractor resolves them.
const FONTS: Record<string, FontInfo> = {
  reg: makeFontInfo('CAAAAA+LiberationSans', 0.9, -0.2),
  bold: makeFontInfo('BAAAAA+LiberationSans-Bold', 0.9, -0.2),
  dejavu: makeFontInfo('DAAAAA+DejaVuSans', 0.9, -0.2),
};
const font = (id: string) => FONTS[id];

/** A pdf.js text item: `x`, `y` = baseline origin in PDF space (bottom-up). */
function item(str: string, x: number, y: number, size: number, width: number, fontName = 'reg', angle = 0): TextItemInput {
  const r = (angle * Math.PI) / 180;
  const c = Math.round(Math.cos(r) * 1e9) / 1e9;
  const s = Math.round(Math.sin(r) * 1e9) / 1e9;
  return { str, transform: [size * c, size * s, -size * s, size * c, x, y], width, height: size, fontName, hasEOL: false };
}

const A4 = [1, 0, 0, -1, 0, 841.89]; // viewport of an A4 portrait page
const A4_LANDSCAPE = [1, 0, 0, -1, 0, 595.3]; // a landscape MediaBox (841.89 x 595.3)
const ROTATE_90 = [0, 1, 1, 0, 0, 0]; // pdf.js viewport of a portrait page with /Rotate 90

const lines = (items: TextItemInput[], viewport = A4) => textItemsToLines(items, { viewport, page: 1, font });
const texts = (items: TextItemInput[], viewport = A4) => lines(items, viewport).map((l) => l.text);

describe('words and lines', () => {
  it('splits an item on spaces and places the words with their boxes in display space', () => {
    // "Hallo Welt" in Helvetica widths: Hallo = 2278, space = 278, Welt = 2000 (1/1000 em).
    const [line] = lines([item('Hallo Welt', 72, 700, 10, 45.56)]);
    expect(line.text).toBe('Hallo Welt');
    expect(line.page).toBe(1);
    expect(line.words.map((w) => w.text)).toEqual(['Hallo', 'Welt']);
    // baseline at display y = 841.89 - 700 = 141.89; ascent 0.9 em, descent 0.2 em
    expect(line.words[0].box).toEqual({ x0: 72, y0: 132.89, x1: 94.78, y1: 143.89 });
    expect(line.words[1].box).toEqual({ x0: 97.56, y0: 132.89, x1: 117.56, y1: 143.89 });
    expect(line.box).toEqual({ x0: 72, y0: 132.89, x1: 117.56, y1: 143.89 });
    expect(line.words[0]).toMatchObject({ fontSize: 10, fontName: 'LiberationSans', bold: false, angle: 0 });
    expect(line).toMatchObject({ fontSize: 10, bold: false, angle: 0 });
  });

  it('a gap wider than 0.25 em between items is a space, a narrower one is not', () => {
    expect(texts([item('Wort', 72, 700, 10, 20), item('teil', 94, 700, 10, 10)])).toEqual(['Wortteil']);
    expect(texts([item('Wort', 72, 700, 10, 20), item('teil', 95, 700, 10, 10)])).toEqual(['Wort teil']);
    // a white-space item from pdf.js is a space whatever the gap
    expect(texts([item('Wort', 72, 700, 10, 20), item(' ', 92, 700, 10, 0.1), item('teil', 92.1, 700, 10, 10)])).toEqual([
      'Wort teil',
    ]);
  });

  it('keeps the cells of a table row as separate words with their own boxes', () => {
    const row = [
      item('Ministerium der Justiz', 74.1, 321.4, 9, 86.98),
      item(' ', 161.08, 321.4, 9, 123.92),
      item('X', 285, 321.4, 9, 5.99),
      item(' ', 290.99, 321.4, 9, 56.31),
      item('X', 347.3, 321.4, 9, 5.99),
    ];
    const [line] = lines(row, A4_LANDSCAPE);
    expect(line.text).toBe('Ministerium der Justiz X X');
    expect(line.words.map((w) => w.text)).toEqual(['Ministerium', 'der', 'Justiz', 'X', 'X']);
    expect(line.words[3].box).toEqual({ x0: 285, y0: 265.8, x1: 290.99, y1: 275.7 });
    expect(line.words[4].box).toEqual({ x0: 347.3, y0: 265.8, x1: 353.29, y1: 275.7 });
    // word boxes inside one item are estimated from Helvetica widths: Justiz ends with the item
    expect(line.words[2].box.x1).toBe(161.08);
    expect(line.words[0].box.x0).toBe(74.1);
  });

  it('joins a raised superscript marker (smaller size, higher baseline) to its line', () => {
    // From nrw-17-10116 (LibreOffice): "Pandemie“" 11 pt, then "1" 6.4 pt raised by 4.4 pt.
    const out = texts([
      item('planken für die Auswahl von Videokonferenzsystemen während der Kontaktbeschränkungen', 71, 561.79, 11, 459.03),
      item('aufgrund der Corona-Pandemie“', 71, 549.79, 11, 158.42),
      item('1', 229.5, 554.19, 6.4, 3.56),
      item(' ', 233.06, 554.19, 6.4, 3.13),
      item('veröffentlicht. Gerade vor dem Hintergrund der Corona-Pan-', 236.19, 549.79, 11, 294.07),
      item('demie hat die Bedeutung von Videokonferenzen und der entsprechenden Tools deutlich zuge-', 71, 537.79, 11, 459.26),
    ]);
    expect(out).toEqual([
      'planken für die Auswahl von Videokonferenzsystemen während der Kontaktbeschränkungen',
      'aufgrund der Corona-Pandemie“1 veröffentlicht. Gerade vor dem Hintergrund der Corona-Pan-',
      'demie hat die Bedeutung von Videokonferenzen und der entsprechenden Tools deutlich zuge-',
    ]);
  });

  it('joins a marker in a fallback font on the same baseline to its word', () => {
    // "Zoom ¹" in Liberation Sans, "⁾" in DejaVu Sans (Liberation lacks it).
    const [line] = lines([item('Zoom ¹', 74.1, 568.39, 10, 31.61), item('⁾', 105.7, 568.39, 10, 2.45, 'dejavu')]);
    expect(line.text).toBe('Zoom ¹⁾');
    expect(line.words.map((w) => w.text)).toEqual(['Zoom', '¹⁾']);
    expect(line.words[1].box.x1).toBe(108.15);
  });

  it('keeps a footnote line of smaller text that is far enough away as its own line', () => {
    expect(texts([item('Text im Rumpf', 71, 200, 11, 70), item('1 Fußnote', 71, 188, 9, 40)])).toEqual([
      'Text im Rumpf',
      '1 Fußnote',
    ]);
  });

  it('drops text drawn twice at the same place (fake bold)', () => {
    expect(texts([item('Fett', 72, 700, 10, 20), item('Fett', 72.3, 700, 10, 20)])).toEqual(['Fett']);
  });
});

describe('rotated text', () => {
  const labels = [
    // nrw-17-10116 (LibreOffice) Anlage: bottom-to-top column labels, landscape page.
    item('Cisco-ViKo (On-Premise)', 291.5, 384.2, 9, 101, 'reg', 90),
    item('Cisco-WebEx (On-Premise)', 322.6, 379.2, 9, 111, 'reg', 90),
    item('Zoom', 759.3, 423.2, 9, 23, 'reg', 90),
  ];

  it('reads a 90° label bottom-to-top as one line at its x position', () => {
    const out = lines(labels, A4_LANDSCAPE);
    expect(out.map((l) => [l.text, l.angle])).toEqual([
      ['Cisco-ViKo (On-Premise)', 90],
      ['Cisco-WebEx (On-Premise)', 90],
      ['Zoom', 90],
    ]);
    // baseline at x = 291.5: ascent to the left, descent to the right; runs from y = 595.3 - 384.2 up 101 pt
    expect(out[0].box).toEqual({ x0: 283.4, y0: 110.1, x1: 293.3, y1: 211.1 });
    expect(out[0].words.map((w) => w.text)).toEqual(['Cisco-ViKo', '(On-Premise)']);
    // the first word is at the bottom
    expect(out[0].words[0].box.y1).toBe(211.1);
    expect(out[0].words[1].box.y0).toBe(110.1);
    expect(out[0].words[0].angle).toBe(90);
  });

  it('joins the pieces of one label however the items are ordered', () => {
    const out = texts(
      [
        item('business (On-Premise)', 353.8, 368.4 + 44, 9, 88.6, 'reg', 90),
        item('Skype for', 353.8, 368.4, 9, 41.5, 'reg', 90),
      ],
      A4_LANDSCAPE,
    );
    expect(out).toEqual(['Skype for business (On-Premise)']);
  });

  it('reads -90° text top-to-bottom, lines from right to left', () => {
    const out = lines(
      [item('zweite Zeile', 100, 700, 10, 55, 'reg', -90), item('erste Zeile', 112, 700, 10, 50, 'reg', -90)],
      A4,
    );
    expect(out.map((l) => [l.text, l.angle])).toEqual([
      ['erste Zeile', -90],
      ['zweite Zeile', -90],
    ]);
    // starts at display y = 141.89 and runs down; ascent to the right of the baseline
    expect(out[0].box).toEqual({ x0: 110, y0: 141.89, x1: 121, y1: 191.89 });
  });

  it('text drawn at 90° on a /Rotate 90 page reads horizontally', () => {
    const out = lines([item('Quer gelesen', 300, 442, 10, 60, 'reg', 90)], ROTATE_90);
    expect(out.map((l) => [l.text, l.angle])).toEqual([['Quer gelesen', 0]]);
    expect(out[0].box).toEqual({ x0: 442, y0: 291, x1: 502, y1: 302 });
  });

  it('displayAngle snaps near-right angles and gives counter-clockwise degrees', () => {
    expect(displayAngle([10, 0, 0, -10, 0, 0])).toBe(0);
    expect(displayAngle([0, -10, -10, 0, 0, 0])).toBe(90);
    expect(displayAngle([0, 10, 10, 0, 0, 0])).toBe(-90);
    expect(displayAngle([-10, 0, 0, 10, 0, 0])).toBe(180);
    expect(displayAngle([10, -0.2, 0.2, 10, 0, 0])).toBe(0);
    expect(displayAngle([7.07, -7.07, -7.07, -7.07, 0, 0])).toBe(45);
  });
});

describe('bold and fonts', () => {
  it('bold comes from the real font name', () => {
    for (const name of ['BAAAAA+LiberationSans-Bold', 'Arial-BoldMT', 'Arial,Bold', 'Frutiger-Black', 'Myriad-Semibold', 'Futura-Heavy', 'Garamond-Demi', 'LucidaSans-Bd', 'Helvetica-BoldOblique']) {
      expect([name, isBoldFontName(name)]).toEqual([name, true]);
    }
    for (const name of ['CAAAAA+LiberationSans', 'ArialMT', 'TimesNewRomanPSMT', 'Helvetica-Oblique', 'Calibri', 'Abdullah-Regular', '']) {
      expect([name, isBoldFontName(name)]).toEqual([name, false]);
    }
    expect(stripSubset('ABCDEF+Arial-BoldMT')).toBe('Arial-BoldMT');
  });

  it('a line is bold when most of its characters are', () => {
    const [heading, mixed] = lines([
      item('Vorbemerkung der Landesregierung', 71, 455.79, 11, 189.95, 'bold'),
      item('Frage 1:', 71, 430, 11, 40, 'bold'),
      item('Wie viele Anfragen wurden im Jahr 2024 gestellt?', 114.5, 430, 11, 240),
    ]);
    expect(heading).toMatchObject({ text: 'Vorbemerkung der Landesregierung', bold: true });
    expect(heading.words.every((w) => w.bold && w.fontName === 'LiberationSans-Bold')).toBe(true);
    expect(mixed).toMatchObject({ text: 'Frage 1: Wie viele Anfragen wurden im Jahr 2024 gestellt?', bold: false });
    expect(mixed.words.slice(0, 3).map((w) => w.bold)).toEqual([true, true, false]);
  });

  it('without a font lookup nothing is bold', () => {
    const out = textItemsToLines([item('Fett?', 72, 700, 10, 25, 'bold')], { viewport: A4, page: 2 });
    expect(out).toMatchObject([{ text: 'Fett?', page: 2, bold: false }]);
  });
});

describe('reading order', () => {
  it('sorts lines top-to-bottom, then left-to-right, and merges one baseline into one line', () => {
    const out = texts([
      item('zweite Zeile', 71, 680, 11, 60),
      item('Drucksache 17/10116', 408.7, 796.79, 12, 121.21, 'bold'),
      item('LANDTAG NORDRHEIN-WESTFALEN', 71, 796.79, 13, 230.88, 'bold'),
      item('erste Zeile', 71, 700, 11, 55),
    ]);
    expect(out).toEqual(['LANDTAG NORDRHEIN-WESTFALEN Drucksache 17/10116', 'erste Zeile', 'zweite Zeile']);
  });

  it('puts a row of rotated labels after the horizontal header above them, left to right', () => {
    const out = texts(
      [
        item('Zoom', 759.3, 423.2, 9, 23, 'reg', 90),
        item('Ministerium der Justiz', 74.1, 321.4, 9, 86.98),
        item('Videokonferenz-Tool', 477.4, 512.6, 9, 88.91, 'bold'),
        item('Cisco-ViKo (On-Premise)', 291.5, 384.2, 9, 101, 'reg', 90),
        item('Skype for business (On-Premise)', 353.8, 368.4, 9, 132.6, 'reg', 90),
      ],
      A4_LANDSCAPE,
    );
    expect(out).toEqual([
      'Videokonferenz-Tool',
      'Cisco-ViKo (On-Premise)',
      'Skype for business (On-Premise)',
      'Zoom',
      'Ministerium der Justiz',
    ]);
  });

  it('ignores empty items and gives no lines for no text', () => {
    expect(lines([])).toEqual([]);
    expect(lines([item('', 71, 700, 11, 0), item('   ', 71, 680, 11, 10)])).toEqual([]);
  });

  it('drops control characters (fonts without a usable encoding)', () => {
    expect(texts([item('\u0018\u0018', 301, 42, 10, 10), item('A\u0001B', 71, 700, 11, 15)])).toEqual(['AB']);
  });
});
