// One input file through every stage: read → extract → transform. Pure of the
// database, so worker threads can run it; the load stage runs in one writer.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { DocFile, InputKind, Layout, PortalEntry } from './model.js';
import { ExtractError } from './extract/errors.js';
import { extractText } from './extract/text.js';
import { NRW, transform } from './transform/index.js';
import type { TableFinder } from './transform/flow.js';
import { PARSER_VERSION } from './version.js';
import { pushAll } from './util/arrays.js';

export const INPUT_EXTENSIONS: Record<string, InputKind> = { '.pdf': 'pdf', '.txt': 'text', '.html': 'html', '.htm': 'html' };

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Heavy parts (pdfjs, cheerio) are loaded on first use, so the core stays light. */
export interface Engines {
  extractPdf?(data: Uint8Array): Promise<Layout>;
  /** Makes the table finder for one PDF (it keeps state from page to page to stitch tables). */
  pdfTableFinder?: () => TableFinder;
  parsePortal?(bytes: Uint8Array): PortalEntry[];
}

let pdfEngine: Promise<Engines> | null = null;
let htmlEngine: Promise<Engines> | null = null;

/** The engines for one input kind, loaded once. */
export function defaultEngines(kind: InputKind): Promise<Engines> {
  if (kind === 'html') {
    htmlEngine ??= import('./extract/html.js').then((html) => ({
      parsePortal: (bytes: Uint8Array) => html.parsePortalHtml(html.decodeHtml(bytes)),
    }));
    return htmlEngine;
  }
  pdfEngine ??= (async () => {
    const pdf = await import('./extract/pdf.js');
    const engines: Engines = { extractPdf: (d) => pdf.extractPdf(d) };
    const tables = await import('./transform/tables/pdf/index.js');
    if (tables) engines.pdfTableFinder = () => tables.createPdfTableFinder();
    return engines;
  })();
  return pdfEngine;
}

export function kindOf(path: string): InputKind | null {
  return INPUT_EXTENSIONS[extname(path).toLowerCase()] ?? null;
}

/** Read and process one file; never throws: problems become status and messages. */
export async function processFile(path: string, engines?: Engines, bytes?: Uint8Array): Promise<DocFile> {
  const f: DocFile = { path, sha256: '', size: 0, kind: kindOf(path), parserVersion: PARSER_VERSION, messages: [], status: 'ok', error: null, timings: {} };
  try {
    bytes ??= new Uint8Array(await readFile(path));
  } catch (e) {
    return fail(f, `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? ''} ${(e as Error).message}`.trim());
  }
  f.size = bytes.length;
  f.sha256 = sha256Of(bytes);
  if (bytes.length === 0) return fail(f, 'empty file (0 bytes)');
  try {
    await processBytes(f, bytes, engines);
  } catch (e) {
    if (e instanceof ExtractError) return fail(f, e.message);
    return fail(f, `internal error while reading the file: ${(e as Error).message}`);
  }
  return f;
}

function fail(f: DocFile, reason: string): DocFile {
  f.status = 'failed';
  f.error = reason;
  f.layout = undefined;
  f.doc = undefined;
  f.portal = undefined;
  f.messages.push({ severity: 'error', stage: 'extract', text: reason });
  return f;
}

async function processBytes(f: DocFile, bytes: Uint8Array, engines?: Engines): Promise<void> {
  const t0 = performance.now();
  if (f.kind === 'html') {
    const e = engines ?? (await defaultEngines('html'));
    if (!e.parsePortal) throw new ExtractError('unsupported', 'HTML inputs are not supported in this build');
    f.portal = e.parsePortal(bytes);
    f.timings!.extract = performance.now() - t0;
    return;
  }
  if (f.kind === 'text') {
    const { layout, messages } = extractText(bytes);
    f.layout = layout;
    pushAll(f.messages, messages);
  } else if (f.kind === 'pdf') {
    const e = engines ?? (await defaultEngines('pdf'));
    if (!e.extractPdf) throw new ExtractError('unsupported', 'PDF inputs are not supported in this build');
    f.layout = await e.extractPdf(bytes);
  } else {
    throw new ExtractError('unsupported', `unsupported file type "${extname(f.path)}": drucksachen reads .pdf, .txt and .html`);
  }
  f.timings!.extract = performance.now() - t0;
  const layout = f.layout!;
  if (layout.pages.every((p) => p.lines.every((l) => l.blank || !l.text.trim()))) {
    f.status = 'partial';
    f.error = 'no text layer: the PDF holds no extractable text (scanned?); OCR it first';
    f.messages.push({ severity: 'warning', stage: 'extract', text: f.error });
    return;
  }
  const t1 = performance.now();
  const e = layout.kind === 'pdf' ? engines ?? (await defaultEngines('pdf')) : undefined;
  const { doc, messages } = transform(layout, { pdfTableFinder: e?.pdfTableFinder });
  f.timings!.transform = performance.now() - t1;
  f.doc = doc;
  pushAll(f.messages, messages);
  judge(f);
}

/** ok, or partial with the reason. */
function judge(f: DocFile): void {
  const doc = f.doc!;
  const reasons: string[] = [];
  const t = doc.meta.docType;
  const parliament = doc.meta.parliament;
  if (parliament && parliament !== NRW) {
    reasons.push(`a paper of the ${parliament}, not of the Landtag NRW: only its metadata is loaded`);
  } else if (t === 'plenarprotokoll') {
    reasons.push('a Plenarprotokoll: only its metadata is loaded');
  } else if (!t || t === 'other') {
    reasons.push('not a Kleine or Große Anfrage nor an answer to one: only the metadata that could be read is loaded');
  } else {
    // Answers may name their questions ("Zu Frage 1:") without restating them.
    if (!doc.questions.length && !doc.answers.length) reasons.push('no numbered questions found');
    if ((t === 'antwort_kleine_anfrage' || t === 'antwort_grosse_anfrage') && !doc.answers.length) reasons.push('no answers found');
    if (!doc.meta.drucksache && !doc.meta.kaNumber) reasons.push('neither the Drucksache nor the number of the Anfrage could be read');
  }
  if (reasons.length) {
    f.status = 'partial';
    f.error = reasons.join('; ');
  }
}

