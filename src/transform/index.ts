// The transform stage: layout → document model, as a chain of named steps.
import type { DocumentModel, Layout, Message } from '../model.js';
import { buildFlow, findTabTables, textTableFinder, type TableFinder } from './flow.js';
import { extractFootnotes } from './footnotes.js';
import { removeFurniture } from './furniture.js';
import { readHeader } from './meta.js';
import { mergeNumberParagraphs, segmentQa } from './qa.js';
import { markAnswer } from './answer-kinds.js';
import { mergeWrappedLabels } from './tables/wrapped.js';
import { findReferences } from './references.js';

export const NRW = 'Landtag Nordrhein-Westfalen';

export interface TransformOptions {
  /** The table strategy for PDFs; text inputs always use tab lines. */
  /** Makes the table finder for one PDF (a new one per document: it stitches from page to page). */
  pdfTableFinder?: () => TableFinder;
}

export function transform(layout: Layout, opts: TransformOptions = {}): { doc: DocumentModel; messages: Message[] } {
  const messages: Message[] = [];
  const furniture = removeFurniture(layout);
  const { pages: clean, footnotes } = extractFootnotes(furniture.pages);
  const textFinder = textTableFinder((text, page) => messages.push({ severity: 'warning', stage: 'transform', text, page }));
  const finder = layout.kind === 'pdf' && opts.pdfTableFinder ? opts.pdfTableFinder() : layout.kind === 'text' ? textFinder : findTabTables;
  const blocks = mergeNumberParagraphs(buildFlow(layout.pages, clean, finder));
  const paras = blocks.flatMap((b) => (b.type === 'para' ? [b.para] : []));
  const { meta, bodyStart } = readHeader(paras, furniture.removed);
  meta.dateOriginal = furniture.dateOriginal;
  meta.dateIssued = furniture.dateIssued;
  if (furniture.reissued && meta.neudruck > 0) meta.neudruckDate ??= furniture.reissued;
  // The flow index of the first body paragraph.
  const bodyPara = paras[bodyStart];
  const bodyBlock = bodyPara ? blocks.findIndex((b) => b.type === 'para' && b.para === bodyPara) : blocks.length;
  // Papers of other parliaments are recognised, not forced into the NRW answer model.
  const foreign = meta.parliament !== null && meta.parliament !== NRW;
  const qa = foreign ? { questions: [], answers: [], preliminary: null } : segmentQa(blocks, meta.docType, bodyBlock);
  qa.answers.forEach(markAnswer);
  const tables = blocks.flatMap((b) => (b.type === 'table' ? [mergeWrappedLabels(b.table)] : []));
  // A question paper does not refer to itself by its own number.
  const own = { drucksache: meta.drucksache, kaNumber: meta.docType === 'kleine_anfrage' || meta.docType === 'grosse_anfrage' ? meta.kaNumber : null };
  const references = findReferences([...paras.map((p) => p.text), ...footnotes.map((f) => f.text)], own);
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
  if (foreign) messages.push({ severity: 'warning', stage: 'transform', text: `a paper of the ${meta.parliament}, not of the Landtag NRW: only its metadata is loaded` });
  for (const t of tables) for (const w of t.warnings) messages.push({ severity: 'warning', stage: 'transform', text: `table ${tables.indexOf(t) + 1}: ${w}`, page: t.pageStart ?? undefined });
  return { doc, messages };
}
