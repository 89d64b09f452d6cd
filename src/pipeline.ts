// One input file through every stage: read → extract → transform. Pure of the
// database, so worker threads can run it; the load stage runs in one writer.
import { sha256 } from './common/hash.js';
import { fsPath } from './common/paths.js';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DocFile, type DocumentModel, type InputKind, type Layout, type PortalEntry } from './model.js';
import { ExtractError } from './extract/errors.js';
import { extractText } from './extract/text.js';
import { NRW, transform } from './transform/index.js';
import { profileOf } from './transform/profile.js';
import type { TableFinder } from './transform/flow.js';
import type { Settings } from './transform/settings.js';
import { PARSER_VERSION } from './version.js';
import { pushAll } from './common/arrays.js';

export const INPUT_EXTENSIONS: Record<string, InputKind> = { '.pdf': 'pdf', '.txt': 'text', '.html': 'html', '.htm': 'html' };

export function sha256Of(bytes: Uint8Array): string {
  return sha256(bytes);
}

/** Heavy parts (pdf.js and the table finder, the portal reader on htmlparser2) are loaded on first use, so the core stays light. */
export interface Engines {
  extractPdf?(data: Uint8Array): Promise<Layout>;
  /** Makes the table finder for one PDF (it keeps state from page to page to stitch tables). */
  pdfTableFinder?: () => TableFinder;
  parsePortal?(bytes: Uint8Array): PortalEntry[];
  /** Settings other than the defaults (resolveSettings), for the transform (the header reader). */
  settings?: Settings;
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

/** A new DocFile for an input path: the one place they are made. */
export function newDocFile(path: string): DocFile {
  return new DocFile(path, kindOf(path), PARSER_VERSION);
}

/** Read and process one file; never throws: problems become status and messages. */
export async function processFile(path: string, engines?: Engines, bytes?: Uint8Array): Promise<DocFile> {
  const f = newDocFile(path);
  f.timings = {};
  try {
    bytes ??= new Uint8Array(await readFile(fsPath(path)));
  } catch (e) {
    return f.fail('io.read', `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? ''} ${(e as Error).message}`.trim());
  }
  f.size = bytes.length;
  f.sha256 = sha256Of(bytes);
  if (bytes.length === 0) return f.fail('input.empty', 'empty file (0 bytes)');
  try {
    await processBytes(f, bytes, engines);
  } catch (e) {
    if (e instanceof ExtractError) return f.fail(e.code, e.message);
    return f.fail('internal', `internal error while reading the file: ${(e as Error).message}`);
  }
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
  const layout = f.layout;
  if (layout.pages.every((p) => p.lines.every((l) => l.blank || !l.text.trim()))) {
    f.partial('pdf.no-text', 'no text layer: the PDF holds no extractable text (scanned?); OCR it first', { stage: 'extract' });
    return;
  }
  const t1 = performance.now();
  const e = layout.kind === 'pdf' ? engines ?? (await defaultEngines('pdf')) : undefined;
  const { doc, messages } = transform(layout, { pdfTableFinder: e?.pdfTableFinder, settings: engines?.settings });
  f.timings!.transform = performance.now() - t1;
  f.doc = doc;
  pushAll(f.messages, messages);
  judge(f);
}

/** The parts of a paper that general rules may miss, by name, when they are missing. */
function notFound(doc: DocumentModel): string[] {
  const parts: [string, boolean][] = [
    ['askers', doc.meta.askers.length > 0], ['answering body', !!doc.meta.answeredBy], ['title', !!doc.meta.title],
    ['Drucksache', !!doc.meta.drucksache], ['questions', doc.questions.length > 0],
  ];
  return parts.filter(([, ok]) => !ok).map(([name]) => name);
}

/** ok, or partial with the reasons (each a message with its code). */
function judge(f: DocFile): void {
  const doc = f.doc!;
  const t = doc.meta.docType;
  const parliament = doc.meta.parliament;
  const place = { stage: 'meta' } as const;
  if (t === 'plenarprotokoll') {
    f.partial('meta.plenarprotokoll', 'a Plenarprotokoll: only its metadata is loaded', place);
  } else if (!t || t === 'other') {
    const kind = doc.meta.paperKind ? `the paper is a${/^[AEIOUÄÖÜ]/.test(doc.meta.paperKind) ? 'n' : ''} ${doc.meta.paperKind}, ` : '';
    f.partial('meta.not-anfrage', `${kind}not a Kleine or Große Anfrage nor an answer to one: only the metadata that could be read is loaded`, place);
  } else {
    // Answers may name their questions ("Zu Frage 1:") without restating them.
    if (!doc.questions.length && !doc.answers.length) f.partial('qa.no-questions', 'no numbered questions found', { stage: 'qa' });
    if ((t === 'antwort_kleine_anfrage' || t === 'antwort_grosse_anfrage') && !doc.answers.length) f.partial('qa.no-answers', 'no answers found', { stage: 'qa' });
    if (!doc.meta.drucksache && !doc.meta.kaNumber) f.partial('meta.no-drucksache', 'neither the Drucksache nor the number of the Anfrage could be read', place);
  }
  // A parliament without a house style (or one not yet checked on real papers) is read with general
  // rules: say so when they missed something, and what.
  const profile = profileOf(parliament);
  const isAnswer = t === 'antwort_kleine_anfrage' || t === 'antwort_grosse_anfrage';
  if (parliament && parliament !== NRW && !profile) {
    const missing = notFound(doc);
    f.partial('meta.no-house-style', `no house style for the parliament ${parliament}: read with the general rules${missing.length ? `, not found: ${missing.join(', ')}` : ''}`, place);
  } else if (profile && !profile.checkedOnSamples && isAnswer) {
    const missing = notFound(doc);
    if (missing.length) f.partial('meta.house-style-unchecked', `the house style of ${parliament} is not yet checked on real papers; not found: ${missing.join(', ')}`, place);
  }
}
