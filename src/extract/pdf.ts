// PDF → layout model, with pdf.js (legacy build: the default build needs
// DOMMatrix, which Node 20 lacks). One getOperatorList and one getTextContent
// per page: the operator list gives the rulings and loads the fonts (so their
// real names can be read from page.commonObjs), the text content gives the
// words and lines. Display space throughout: top-left origin, y down, /Rotate
// applied (see pdf-text.ts and pdf-graphics.ts).

import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import type { Layout, Page } from '../model.js';
import { minOf, pagesIn } from '../common/arrays.js';
import { ExtractError } from './errors.js';
import { AppError, UsageError } from '../errors.js';
import { checkStreamSizes } from './pdf-streams.js';
import { textQuarterTurns, uprightViewport } from './pdf-orient.js';
import { documentOptions, loadPdfjs, type PdfJs } from './pdfjs-engine.js';
import { joinCollinear, operatorListToGraphics, type OpsTable } from './pdf-graphics.js';
import { makeFontInfo, textItemsToLines, type FontInfo } from './pdf-text.js';
import { splitColumns } from './pdf-columns.js';

export interface ExtractPdfOptions {
  /** 1-based page numbers to extract (default: all). Unknown pages raise a UsageError (usage.pages). */
  pages?: number[] | undefined;
  /** Page ranges as the user gave them ("1-99999999"), clamped to the document's pages; none there raises a UsageError (usage.pages). */
  pageRanges?: [number, number][] | undefined;
}

const HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** True when `%PDF-` stands within the first 1024 bytes (pdf.js accepts junk before it). */
export function hasPdfHeader(data: Uint8Array): boolean {
  const end = Math.min(data.length, 1024) - HEADER.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < HEADER.length; k++) if (data[i + k] !== HEADER[k]) continue outer;
    return true;
  }
  return false;
}

/** What a non-PDF file looks like: "PNG image", "HTML", "text" or "binary data". */
export function describeNonPdf(data: Uint8Array): string {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length >= 8 && png.every((b, i) => data[i] === b)) return 'PNG image';
  const head = data.subarray(0, 1024);
  let binary = false;
  for (const b of head) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) binary = true;
    if (b === 0x7f) binary = true;
  }
  if (binary) return 'binary data';
  const text = Buffer.from(head).toString('latin1').replace(/^(\xef\xbb\xbf|\xfe\xff|\xff\xfe)/, '').trimStart().toLowerCase();
  if (/^<(!doctype html|html[\s>]|head[\s>]|body[\s>]|meta[\s>])/.test(text)) return 'HTML';
  if (/^<(\?xml|!--)/.test(text) && /<(!doctype html|html[\s>])/.test(text)) return 'HTML';
  return 'text';
}

function mapError(err: unknown): Error {
  if (err instanceof AppError) return err;
  const name = (err as { name?: string } | null)?.name;
  if (name === 'PasswordException') return new ExtractError('encrypted', 'encrypted PDF: a password is needed to open it');
  const message = (err as { message?: string } | null)?.message || String(err);
  return new ExtractError('corrupt', `corrupt PDF: ${message}`);
}

/** Keys pdf.js adds to the info it reports that are not entries of the info dictionary. */
const NOT_INFO = new Set([
  'PDFFormatVersion',
  'Language',
  'EncryptFilterName',
  'IsLinearized',
  'IsAcroFormPresent',
  'IsXFAPresent',
  'IsCollectionPresent',
  'IsSignaturesPresent',
  'Custom',
]);

function infoStrings(info: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!info || typeof info !== 'object') return out;
  const add = (k: string, v: unknown) => {
    if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  };
  for (const [k, v] of Object.entries(info as Record<string, unknown>)) if (!NOT_INFO.has(k)) add(k, v);
  const custom = (info as { Custom?: unknown }).Custom;
  if (custom && typeof custom === 'object') {
    for (const [k, v] of Object.entries(custom as Record<string, unknown>)) if (!(k in out)) add(k, v);
  }
  return out;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

async function extractPage(page: PDFPageProxy, number: number, ops: OpsTable): Promise<Page> {
  try {
    const viewport = page.getViewport({ scale: 1 });
    // The operator list first: it loads the fonts into commonObjs (real names).
    const opList = await page.getOperatorList();
    const text = await page.getTextContent();
    const fonts = new Map<string, FontInfo>();
    const font = (id: string): FontInfo => {
      let f = fonts.get(id);
      if (!f) {
        let name: string | undefined;
        try {
          if (page.commonObjs.has(id)) {
            const obj = page.commonObjs.get(id) as { name?: unknown } | null;
            if (obj && typeof obj.name === 'string') name = obj.name;
          }
        } catch {
          // font not loaded: no name, so no bold
        }
        const style = text.styles[id];
        f = makeFontInfo(name, style?.ascent, style?.descent);
        fonts.set(id, f);
      }
      return f;
    };
    const items = text.items.filter((it): it is TextItem => 'str' in it);
    const upright = uprightViewport(viewport.transform, viewport.width, viewport.height, textQuarterTurns(items, viewport.transform));
    const lines = textItemsToLines(items, { viewport: upright.transform, page: number, font });
    const graphics = operatorListToGraphics(opList, {
      ops,
      viewport: upright.transform,
      pageWidth: upright.width,
      pageHeight: upright.height,
    });
    const rulings = joinCollinear(graphics.rulings);
    return {
      number,
      width: round2(upright.width),
      height: round2(upright.height),
      rotation: ((page.rotate % 360) + 360) % 360,
      lines: splitColumns(lines, rulings),
      rulings,
      rects: graphics.rects,
    };
  } finally {
    page.cleanup();
  }
}

/**
 * Read a PDF into the layout model. Throws ExtractError for inputs that cannot
 * be read (empty, not a PDF, encrypted, corrupt); a PDF without a text layer
 * gives pages without lines.
 */
export async function extractPdf(data: Uint8Array, opts: ExtractPdfOptions = {}): Promise<Layout> {
  if (data.length === 0) throw new ExtractError('empty', 'empty file (0 bytes)');
  if (!hasPdfHeader(data)) {
    throw new ExtractError('not-pdf', `not a PDF: the file does not start with %PDF- (looks like ${describeNonPdf(data)})`);
  }
  checkStreamSizes(data);
  const pdfjs = await loadPdfjs();
  let task: ReturnType<PdfJs['getDocument']>;
  try {
    task = pdfjs.getDocument({
      // A plain copy: pdf.js detaches the buffer it gets and refuses Node Buffers
      // (whose slice() would be a view anyway).
      data: new Uint8Array(data),
      ...documentOptions(),
    });
  } catch (err) {
    throw mapError(err);
  }
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw mapError(err);
  }
  try {
    const count = doc.numPages;
    if (count < 1) throw new ExtractError('corrupt', 'corrupt PDF: it has no pages');
    let wanted: number[];
    if (opts.pages && opts.pages.length > 0) {
      wanted = [...new Set(opts.pages)].sort((a, b) => a - b);
      const bad = wanted.find((n) => !Number.isInteger(n) || n < 1 || n > count);
      if (bad !== undefined) {
        throw new UsageError(`page ${bad} does not exist: the PDF has ${count} page${count === 1 ? '' : 's'}`, 'usage.pages');
      }
    } else if (opts.pageRanges && opts.pageRanges.length > 0) {
      wanted = pagesIn(opts.pageRanges, count);
      if (!wanted.length) {
        throw new UsageError(`page ${minOf(opts.pageRanges.map((r) => r[0]))} does not exist: the PDF has ${count} page${count === 1 ? '' : 's'}`, 'usage.pages');
      }
    } else {
      wanted = Array.from({ length: count }, (_, i) => i + 1);
    }
    let info: Record<string, string> = {};
    try {
      info = infoStrings((await doc.getMetadata()).info);
    } catch {
      // a broken info dictionary is no reason to give up on the text
    }
    const ops: OpsTable = pdfjs.OPS;
    const pages: Page[] = [];
    for (const n of wanted) {
      const page = await doc.getPage(n);
      pages.push(await extractPage(page, n, ops));
    }
    return { kind: 'pdf', pages, info };
  } catch (err) {
    throw mapError(err);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
