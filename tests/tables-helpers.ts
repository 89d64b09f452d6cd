// Shared helpers of the PDF table tests: fixtures, cell texts, and small PDFs
// built with the test PDF writer (top-left coordinates, y down).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractPdf } from '../src/extract/pdf.js';
import type { Layout, Table } from '../src/model.js';
import { PdfWriter, type PdfPage } from './support/pdf-writer.js';
import { textWidth } from '../bench/metrics.js';

export const TABLE_FIXTURES = fileURLToPath(new URL('./fixtures/tables/', import.meta.url));

export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(TABLE_FIXTURES + name));
export const fixtureJson = (name: string) => JSON.parse(readFileSync(TABLE_FIXTURES + name, 'utf8'));

export const layoutOf = (bytes: Uint8Array, pages?: number[]): Promise<Layout> => extractPdf(bytes, pages ? { pages } : {});

/** Cell texts, spanned slots as '' (like the JSON of the tables command). */
export const texts = (t: Table): string[][] => t.rows.map((r) => r.map((c) => (c ? c.text : '')));

/** Whitespace collapsed, as the camelot scorer compares. */
export const norm = (rows: string[][]): string[][] => rows.map((r) => r.map((c) => c.replace(/\s+/g, ' ').trim()));

/** Words of a line placed one by one: each word at x, the next after `gap` points. */
export function words(p: PdfPage, x: number, y: number, ws: string[], gap: number, size = 11, bold = false): number {
  for (const w of ws) {
    p.text(x, y, w, { size, bold });
    x += textWidth(w, size, bold) + gap;
  }
  return x;
}

/** Right-aligned text ending at x. */
export function right(p: PdfPage, x: number, y: number, s: string, size = 11, bold = false): void {
  p.text(x - textWidth(s, size, bold), y, s, { size, bold });
}

const PROSE = [
  'Die Landesregierung hat die Angaben der Ressorts zusammengestellt und für die Beantwortung',
  'ausgewertet. Die Zahlen beruhen auf den Meldungen der Behörden zum Stichtag und wurden',
  'nicht gesondert überprüft. Abweichungen gegenüber früheren Auskünften ergeben sich aus',
  'geänderten Zuständigkeiten und aus der Umstellung der Erhebung auf ein neues Verfahren.',
];

/** A justified paragraph: the words of each line spread to the full measure (stretched word spaces). */
export function justified(p: PdfPage, x: number, y: number, measure: number, lines = PROSE, size = 11, leading = 14): number {
  for (const line of lines) {
    const ws = line.split(' ');
    const used = ws.reduce((a, w) => a + textWidth(w, size), 0);
    words(p, x, y, ws, (measure - used) / (ws.length - 1), size);
    y += leading;
  }
  return y;
}

/**
 * A ruled matrix with a corner cell over two header rows, a group header over three columns,
 * column labels (set bottom-to-top when `rotated`) and X marks.
 */
export function matrixPdf(rotated: boolean): Uint8Array {
  const w = new PdfWriter();
  const p = w.page();
  justified(p, 70, 70, 450, PROSE.slice(0, 2));
  const xs = [70, 230, 290, 350, 410];
  const top = 100, groupBottom = 120, headBottom = rotated ? 200 : 140;
  const ys = [top, headBottom, headBottom + 20, headBottom + 40, headBottom + 60];
  for (const y of [top, ...ys.slice(1)]) p.line(xs[0], y, xs[4], y, 0.5);
  p.line(xs[1], groupBottom, xs[4], groupBottom, 0.5);
  for (const x of [xs[0], xs[1], xs[4]]) p.line(x, top, x, ys[4], 0.5);
  for (const x of [xs[2], xs[3]]) p.line(x, groupBottom, x, ys[4], 0.5);
  p.text(75, (top + headBottom) / 2 + 4, 'Bereich', { size: 10, bold: true });
  p.text(300, 114, 'Werkzeug', { size: 10, bold: true });
  ['Alpha Eins', 'Beta Zwei', 'Gamma Drei'].forEach((label, i) => {
    if (rotated) p.text(xs[i + 1] + 34, headBottom - 6, label, { size: 10, angle: 90 });
    else p.text(xs[i + 1] + 4, 134, label, { size: 10 });
  });
  const body = [['Ministerium des Innern', 'X', '', 'X'], ['Landesamt für Statistik', '', 'X', ''], ['Landgestüt', 'X', 'X', 'X']];
  body.forEach((row, r) => {
    const y = ys[r + 1] + 14;
    p.text(75, y, row[0], { size: 10 });
    row.slice(1).forEach((m, c) => m && p.text(xs[c + 1] + 26, y, m, { size: 10 }));
  });
  justified(p, 70, ys[4] + 30, 450, PROSE.slice(2));
  return w.toBytes();
}

/** A ruled count table that runs on over a page break; the header is repeated (or not) on page 2. */
export function splitTablePdf(repeatHeader: boolean): Uint8Array {
  const w = new PdfWriter();
  const rows = [
    ['Düsseldorf', '1.234', '1.301'], ['Köln', '2.345', '2.410'], ['Münster', '345', '380'], ['Detmold', '78', '91'],
    ['Arnsberg', '512', '498'], ['Bochum', '1.020', '1.111'], ['Essen', '87', '102'],
  ];
  const xs = [70, 300, 400, 500];
  const table = (p: PdfPage, top: number, body: string[][], header: boolean) => {
    let y = top;
    const ys = [y];
    if (header) {
      p.text(75, y + 14, 'Bezirk', { size: 10, bold: true });
      right(p, 395, y + 14, '2019', 10, true);
      right(p, 495, y + 14, '2020', 10, true);
      y += 20;
      ys.push(y);
    }
    for (const r of body) {
      p.text(75, y + 14, r[0], { size: 10 });
      right(p, 395, y + 14, r[1], 10);
      right(p, 495, y + 14, r[2], 10);
      y += 20;
      ys.push(y);
    }
    for (const yy of ys) p.line(xs[0], yy, xs[3], yy, 0.5);
    for (const x of xs) p.line(x, ys[0], x, y, 0.5);
    return y;
  };
  const p1 = w.page();
  let y = justified(p1, 70, 560, 450);
  p1.text(70, y + 10, 'Die Angaben sind der folgenden Übersicht zu entnehmen:', { size: 11 });
  table(p1, y + 24, rows.slice(0, 4), true);
  p1.text(70, 810, 'Datum des Originals: 01.02.2021/Ausgegeben: 03.02.2021', { size: 8 });
  const p2 = w.page();
  p2.text(70, 45, 'LANDTAG NORDRHEIN-WESTFALEN - 18. Wahlperiode Drucksache 18/1234', { size: 10 });
  y = table(p2, 72, rows.slice(4), repeatHeader);
  justified(p2, 70, y + 30, 450, PROSE.slice(0, 2));
  return w.toBytes();
}

/** Numbered questions: the number at the margin, the text indented (a list, not a table). */
export function questions(p: PdfPage, y: number): number {
  const qs = [
    ['Wie viele Stellen sind in den Bezirksregierungen derzeit unbesetzt?'],
    ['Welche Maßnahmen ergreift die Landesregierung, um die Stellen zu besetzen?'],
    ['Wie hat sich die Zahl der Bewerbungen seit dem Jahr 2018 entwickelt?'],
    ['Welche Kosten entstehen dem Land durch die Vertretung der unbesetzten', 'Stellen?'],
  ];
  qs.forEach((lines, i) => {
    p.text(70, y, `${i + 1}.`, { size: 11, bold: true });
    for (const l of lines) {
      p.text(90, y, l, { size: 11, bold: true });
      y += 14;
    }
    y += 8;
  });
  return y;
}

/**
 * An unruled table between prose: a bold header, numbers right-aligned, a label wrapped over
 * three lines (values on its first line, rows set apart by padding), a percentage column.
 */
export function streamPdf(): Uint8Array {
  const w = new PdfWriter();
  const p = w.page();
  let y = justified(p, 70, 80, 450);
  y = questions(p, y + 20);
  y += 10;
  p.text(70, y, 'Behörde', { size: 10, bold: true });
  right(p, 380, y, 'Anzahl', 10, true);
  right(p, 480, y, 'Anteil', 10, true);
  y += 18;
  const rows: [string[], string, string][] = [
    [['Bezirksregierung Köln'], '1.234', '12,5 %'],
    [['Landesamt für Natur, Umwelt und', 'Verbraucherschutz des Landes', 'Nordrhein-Westfalen'], '345', '3,5 %'],
    [['Landgestüt'], '12', '0,1 %'],
    [['Landesbetrieb Wald und Holz'], '8.320', '83,9 %'],
  ];
  for (const [label, n, share] of rows) {
    right(p, 380, y, n, 10);
    right(p, 480, y, share, 10);
    for (const l of label) {
      p.text(70, y, l, { size: 10 });
      y += 12;
    }
    y += 6;
  }
  justified(p, 70, y + 20, 450, PROSE.slice(1));
  return w.toBytes();
}

/** Prose only: justified paragraphs and a numbered list of questions. */
export function prosePdf(): Uint8Array {
  const w = new PdfWriter();
  const p = w.page();
  let y = justified(p, 70, 80, 450);
  y = questions(p, y + 20);
  y = justified(p, 70, y + 20, 450, [...PROSE, ...PROSE]);
  // A narrow column of justified text: wide word spaces.
  justified(p, 70, y + 20, 200, ['Die Angaben der Behörden', 'wurden zum Stichtag am', 'ersten Januar erhoben und', 'ohne Prüfung übernommen.']);
  return w.toBytes();
}
