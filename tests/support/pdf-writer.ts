// A tiny dependency-free PDF writer for tests and benchmarks.
//
// It writes uncompressed PDF 1.4 files with the standard 14 fonts (WinAnsi
// encoding: German umlauts, ß, „ “ – and € work), text at any angle, stroked
// lines, filled/stroked rectangles, pages with any MediaBox and /Rotate, an
// info dictionary and (optionally) the RC4 40-bit standard security handler,
// so that tests can build encrypted files too.
//
// Coordinates given to the page methods are in points, origin at the TOP-LEFT
// corner of the MediaBox with y growing downwards (the writer flips them into
// PDF's bottom-up space). /Rotate does not change them: they are always
// relative to the unrotated MediaBox.
//
//   const w = new PdfWriter();
//   const p = w.page({ width: 595, height: 842 });
//   p.text(72, 100, 'Grüße', { size: 11, bold: true });
//   p.line(72, 110, 300, 110, 0.5);
//   p.rect(72, 120, 200, 0.5, { fill: true });
//   const bytes = w.toBytes();

import { createHash } from 'node:crypto';

export type StandardFont =
  | 'Helvetica'
  | 'Helvetica-Bold'
  | 'Helvetica-Oblique'
  | 'Helvetica-BoldOblique'
  | 'Times-Roman'
  | 'Times-Bold'
  | 'Times-Italic'
  | 'Times-BoldItalic'
  | 'Courier'
  | 'Courier-Bold'
  | 'Courier-Oblique'
  | 'Courier-BoldOblique';

export interface TextOptions {
  /** Font size in points (default 11). */
  size?: number | undefined;
  /** Helvetica-Bold instead of Helvetica (ignored when `font` is given). */
  bold?: boolean | undefined;
  font?: StandardFont;
  /** Counter-clockwise rotation in degrees: 90 = bottom-to-top, -90 = top-to-bottom. */
  angle?: number;
  /** Fill gray level 0 (black, default) … 1 (white). */
  gray?: number;
}

export interface RectOptions {
  /** Fill the rectangle (default true unless `stroke` is set). */
  fill?: boolean;
  stroke?: boolean;
  lineWidth?: number;
  /** Gray level 0 (black, default) … 1 (white), for fill and stroke. */
  gray?: number;
}

export interface PageOptions {
  width?: number;
  height?: number;
  /** /Rotate of the page: 0, 90, 180 or 270. */
  rotate?: number;
}

export interface WriterOptions {
  /** Entries of the document info dictionary (Producer defaults to "drucksachen pdf-writer"). */
  info?: Record<string, string>;
  /** Encrypt with the standard security handler (RC4 40 bit, revision 2). */
  encrypt?: { userPassword?: string; ownerPassword?: string };
}

/** WinAnsiEncoding code points 0x80–0x9F. */
const WIN_ANSI_HIGH: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
  '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93,
  '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
  'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

/** Encode a string in WinAnsiEncoding; throws for characters it cannot hold. */
export function winAnsi(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff)) out.push(c);
    else if (ch in WIN_ANSI_HIGH) out.push(WIN_ANSI_HIGH[ch]);
    else throw new Error(`pdf-writer: character ${JSON.stringify(ch)} is not in WinAnsiEncoding`);
  }
  return out;
}

const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};
const hex = (bytes: ArrayLike<number>): string => {
  let s = '<';
  for (let i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, '0');
  return s + '>';
};

export class PdfPage {
  /** Content stream operators, one string per drawing call. */
  readonly ops: string[] = [];
  constructor(
    readonly width: number,
    readonly height: number,
    readonly rotate: number,
    private readonly fontId: (font: StandardFont) => string,
  ) {}

  /** Text with its baseline starting at (x, yTop) (top-left coordinates of the MediaBox). */
  text(x: number, yTop: number, str: string, opts: TextOptions = {}): this {
    const size = opts.size ?? 11;
    const font = opts.font ?? (opts.bold ? 'Helvetica-Bold' : 'Helvetica');
    const rad = ((opts.angle ?? 0) * Math.PI) / 180;
    const cos = Math.abs(Math.cos(rad)) < 1e-12 ? 0 : Math.cos(rad);
    const sin = Math.abs(Math.sin(rad)) < 1e-12 ? 0 : Math.sin(rad);
    const tm = [cos, sin, -sin, cos, x, this.height - yTop].map(num).join(' ');
    const color = opts.gray !== undefined ? `${num(opts.gray)} g ` : '';
    this.ops.push(`BT ${color}/${this.fontId(font)} ${num(size)} Tf ${tm} Tm ${hex(winAnsi(str))} Tj ET`);
    return this;
  }

  /** A stroked straight line from (x0, y0) to (x1, y1), top-left coordinates. */
  line(x0: number, y0: number, x1: number, y1: number, width = 1, gray?: number): this {
    const color = gray !== undefined ? `${num(gray)} G ` : '';
    const h = this.height;
    this.ops.push(`q ${color}${num(width)} w ${num(x0)} ${num(h - y0)} m ${num(x1)} ${num(h - y1)} l S Q`);
    return this;
  }

  /** A rectangle with its top-left corner at (x, y), top-left coordinates. */
  rect(x: number, y: number, w: number, h: number, opts: RectOptions = {}): this {
    const stroke = opts.stroke ?? false;
    const fill = opts.fill ?? !stroke;
    const paint = fill && stroke ? 'B' : fill ? 'f' : stroke ? 'S' : 'n';
    const color = opts.gray !== undefined ? `${num(opts.gray)} g ${num(opts.gray)} G ` : '';
    const lw = opts.lineWidth !== undefined ? `${num(opts.lineWidth)} w ` : '';
    this.ops.push(`q ${color}${lw}${num(x)} ${num(this.height - y - h)} ${num(w)} ${num(h)} re ${paint} Q`);
    return this;
  }

  /** Raw content-stream operators (PDF coordinates, bottom-up), for special cases. */
  raw(ops: string): this {
    this.ops.push(ops);
    return this;
  }
}

const PAD = [
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
];
const md5 = (...parts: ArrayLike<number>[]): number[] => {
  const h = createHash('md5');
  for (const p of parts) h.update(Uint8Array.from(p));
  return Array.from(h.digest());
};
function rc4(key: ArrayLike<number>, data: ArrayLike<number>): number[] {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out: number[] = new Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}
const padPassword = (pw: string): number[] => [...winAnsi(pw).slice(0, 32), ...PAD].slice(0, 32);
const latin1 = (bytes: ArrayLike<number>): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
};
/** Bytes of a text string for the info dictionary (PDFDocEncoding ≈ Latin-1, else UTF-16BE). */
function textStringBytes(s: string): number[] {
  if ([...s].every((ch) => ch.charCodeAt(0) <= 0xff)) return [...s].map((ch) => ch.charCodeAt(0));
  const out = [0xfe, 0xff];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) >> 8, s.charCodeAt(i) & 255);
  return out;
}

export class PdfWriter {
  private readonly pages: PdfPage[] = [];
  private readonly fonts: StandardFont[] = [];
  constructor(private readonly opts: WriterOptions = {}) {}

  /** Add a page (default A4 portrait). */
  page(opts: PageOptions = {}): PdfPage {
    const p = new PdfPage(opts.width ?? 595.28, opts.height ?? 841.89, opts.rotate ?? 0, (font) => {
      let i = this.fonts.indexOf(font);
      if (i < 0) i = this.fonts.push(font) - 1;
      return `F${i + 1}`;
    });
    this.pages.push(p);
    return p;
  }

  toBytes(): Uint8Array {
    // Object numbers: 1 catalog, 2 pages, 3 info, 4.. fonts, then page + content per page, then encrypt.
    const fontBase = 4;
    const pageBase = fontBase + this.fonts.length;
    const encryptNum = pageBase + 2 * this.pages.length;
    const id = md5(Array.from(Buffer.from(`drucksachen-${this.pages.length}-${JSON.stringify(this.opts.info ?? {})}`)));

    let fileKey: number[] | null = null;
    let encryptDict = '';
    if (this.opts.encrypt) {
      const user = this.opts.encrypt.userPassword ?? '';
      const owner = this.opts.encrypt.ownerPassword || user;
      const p = -4;
      const o = rc4(md5(padPassword(owner)).slice(0, 5), padPassword(user));
      const pBytes = [p & 255, (p >> 8) & 255, (p >> 16) & 255, (p >>> 24) & 255];
      fileKey = md5(padPassword(user), o, pBytes, id).slice(0, 5);
      const u = rc4(fileKey, PAD);
      encryptDict = `<< /Filter /Standard /V 1 /R 2 /Length 40 /P ${p} /O ${hex(o)} /U ${hex(u)} >>`;
    }
    const crypt = (objNum: number, data: number[]): number[] => {
      if (!fileKey) return data;
      const k = md5(fileKey, [objNum & 255, (objNum >> 8) & 255, (objNum >> 16) & 255, 0, 0]).slice(0, fileKey.length + 5);
      return rc4(k, data);
    };

    const bodies: string[] = [];
    const fontRes = this.fonts.map((_, i) => `/F${i + 1} ${fontBase + i} 0 R`).join(' ');
    const kids = this.pages.map((_, i) => `${pageBase + 2 * i} 0 R`).join(' ');
    bodies[1] = '<< /Type /Catalog /Pages 2 0 R >>';
    bodies[2] = `<< /Type /Pages /Kids [${kids}] /Count ${this.pages.length} >>`;
    const info = { Producer: 'drucksachen pdf-writer', ...(this.opts.info ?? {}) };
    bodies[3] = `<< ${Object.entries(info)
      .map(([k, v]) => `/${k} ${hex(crypt(3, textStringBytes(v)))}`)
      .join(' ')} >>`;
    this.fonts.forEach((f, i) => {
      bodies[fontBase + i] = `<< /Type /Font /Subtype /Type1 /BaseFont /${f} /Encoding /WinAnsiEncoding >>`;
    });
    this.pages.forEach((p, i) => {
      const pageNum = pageBase + 2 * i;
      const content = crypt(pageNum + 1, Array.from(Buffer.from(p.ops.join('\n') + '\n', 'latin1')));
      const rotate = p.rotate ? ` /Rotate ${p.rotate}` : '';
      bodies[pageNum] =
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(p.width)} ${num(p.height)}]${rotate}` +
        ` /Resources << /Font << ${fontRes} >> >> /Contents ${pageNum + 1} 0 R >>`;
      bodies[pageNum + 1] = `<< /Length ${content.length} >>\nstream\n${latin1(content)}\nendstream`;
    });
    if (fileKey) bodies[encryptNum] = encryptDict;

    let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
    const offsets: number[] = [];
    for (let n = 1; n < bodies.length; n++) {
      offsets[n] = out.length;
      out += `${n} 0 obj\n${bodies[n]}\nendobj\n`;
    }
    const xref = out.length;
    out += `xref\n0 ${bodies.length}\n0000000000 65535 f \n`;
    for (let n = 1; n < bodies.length; n++) out += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
    const encrypt = fileKey ? ` /Encrypt ${encryptNum} 0 R` : '';
    out += `trailer\n<< /Size ${bodies.length} /Root 1 0 R /Info 3 0 R${encrypt} /ID [${hex(id)} ${hex(id)}] >>\n`;
    out += `startxref\n${xref}\n%%EOF\n`;
    return Uint8Array.from(Buffer.from(out, 'latin1'));
  }
}
