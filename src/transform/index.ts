// The transform stage: layout → document model, as a chain of named steps.
import type { DocumentModel, Layout, Message } from '../model.js';
import { buildFlow, findTabTables, type TableFinder } from './flow.js';
import { extractFootnotes } from './footnotes.js';
import { removeFurniture } from './furniture.js';
import { readHeader } from './meta.js';
import { segmentQa } from './qa.js';
import { findReferences } from './references.js';

export interface TransformOptions {
  /** The table strategy for PDFs; text inputs always use tab lines. */
  pdfTableFinder?: TableFinder;
}

export function transform(layout: Layout, opts: TransformOptions = {}): { doc: DocumentModel; messages: Message[] } {
  const messages: Message[] = [];
  const furniture = removeFurniture(layout);
  const { pages: clean, footnotes } = extractFootnotes(furniture.pages);
  const finder = layout.kind === 'pdf' && opts.pdfTableFinder ? opts.pdfTableFinder : findTabTables;
  const blocks = buildFlow(layout.pages, clean, finder);
  const paras = blocks.flatMap((b) => (b.type === 'para' ? [b.para] : []));
  const { meta, bodyStart } = readHeader(paras, furniture.removed);
  meta.dateOriginal = furniture.dateOriginal;
  meta.dateIssued = furniture.dateIssued;
  if (furniture.reissued && meta.neudruck > 0) meta.neudruckDate ??= furniture.reissued;
  // The flow index of the first body paragraph.
  const bodyPara = paras[bodyStart];
  const bodyBlock = bodyPara ? blocks.findIndex((b) => b.type === 'para' && b.para === bodyPara) : blocks.length;
  const qa = segmentQa(blocks, meta.docType, bodyBlock);
  const tables = blocks.flatMap((b) => (b.type === 'table' ? [b.table] : []));
  const references = findReferences([...paras.map((p) => p.text), ...footnotes.map((f) => f.text)], meta);
  const doc: DocumentModel = {
    meta,
    questions: qa.questions,
    answers: qa.answers,
    footnotes,
    tables,
    references,
    preliminary: qa.preliminary,
    pageCount: layout.pages.length,
  };
  if (!meta.docType || meta.docType === 'other' || meta.docType === 'plenarprotokoll') {
    messages.push({ severity: 'warning', stage: 'transform', text: 'not recognised as an answer to or a Kleine/Große Anfrage: only the metadata that could be read is loaded' });
  }
  for (const t of tables) for (const w of t.warnings) messages.push({ severity: 'warning', stage: 'transform', text: `table ${tables.indexOf(t) + 1}: ${w}`, page: t.pageStart ?? undefined });
  return { doc, messages };
}
