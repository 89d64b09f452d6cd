// The transform stage: layout → document model, as a chain of named steps.
import type { DocumentModel, Layout, Message } from '../model.js';
import { buildFlow, findTabTables, textTableFinder, type TableFinder } from './flow.js';
import { checkFootnotes, extractFootnotes } from './footnotes.js';
import { extractWideFootnotes } from './wide-footnotes.js';
import { removeFurniture } from './furniture.js';
import { readHeader, readInlineFooter, readProfileHeader } from './meta.js';
import { blanklessBreaker } from './blankless.js';
import { detectParliament, profileOf } from './profile.js';
import { mergeNumberParagraphs, segmentQa } from './qa.js';
import { markAnswer } from './answer-kinds.js';
import { mergeWrappedLabels } from './tables/wrapped.js';
import { tableContent } from './tables/classify.js';
import { findReferences } from './references.js';
import { RUNNING_HEADER } from '../data/house-style.js';
import { pushAll } from '../common/arrays.js';
import { SETTINGS, type Settings } from './settings.js';

/** The parliament whose house style the default rules (src/data/house-style.ts) describe. */
export const NRW = 'NW';

export interface TransformOptions {
  /** Makes the table finder for one PDF (a new one per document: it stitches from page to page). */
  pdfTableFinder?: (() => TableFinder) | undefined;
  /** The settings, resolved (resolveSettings); the defaults when not given. The header reader reads `header`. */
  settings?: Settings | undefined;
}

/** Fewer than one blank line in this many lines: the text does not mark its paragraphs. */
const BLANKLESS_RATIO = 25;

function fewBlankLines(layout: Layout): boolean {
  let lines = 0;
  let blank = 0;
  for (const p of layout.pages) for (const l of p.lines) { lines++; if (l.blank) blank++; }
  return lines >= BLANKLESS_RATIO && blank * BLANKLESS_RATIO < lines;
}

export function transform(layout: Layout, opts: TransformOptions = {}): { doc: DocumentModel; messages: Message[] } {
  const messages: Message[] = [];
  const settings = opts.settings ?? SETTINGS;
  // Which parliament printed the paper decides the house style; the default rules are the NRW ones.
  const parliament = detectParliament(layout);
  const profile = profileOf(parliament?.code ?? null);
  // The running head the house style prints from page 2 on (the default rules: the NRW one).
  const expectedHead = profile ? profile.runningHead : parliament?.code === NRW ? RUNNING_HEADER : null;
  const furniture = removeFurniture(layout, profile, expectedHead);
  pushAll(messages, furniture.messages);
  // Paragraph breaks from question and sentence ends where the text has (almost) no blank lines.
  const blankless = !!profile && layout.kind === 'text' && (profile.blanklessParagraphs || fewBlankLines(layout));
  // Such renditions set footnote bodies as wide lines where the page ended.
  const notes = extractFootnotes(furniture.pages);
  const wide = blankless && !notes.footnotes.length ? extractWideFootnotes(notes.pages) : null;
  const clean = wide ? wide.pages : notes.pages;
  const footnotes = wide ? wide.footnotes : notes.footnotes;
  const textFinder = textTableFinder((text, page, code) => messages.push({ severity: 'warning', stage: 'tables', code, text, page }));
  const finder = layout.kind === 'pdf' && opts.pdfTableFinder ? opts.pdfTableFinder() : layout.kind === 'text' ? textFinder : findTabTables;
  const breaker = blankless ? blanklessBreaker(profile) : undefined;
  const blocks = mergeNumberParagraphs(buildFlow(layout.pages, clean, finder, breaker));
  const paras = blocks.flatMap((b) => (b.type === 'para' ? [b.para] : []));
  pushAll(messages, checkFootnotes(paras.flatMap((p) => p.lines), clean.flat(), footnotes));
  const { meta, bodyStart } = profile
    ? readProfileHeader(paras, furniture.removed, furniture.footers, profile, settings.header)
    : readHeader(paras, furniture.removed, settings.header);
  if (profile && !meta.answeredBy) readInlineFooter(meta, paras, profile, settings.header);
  meta.dateOriginal = furniture.dateOriginal;
  meta.dateIssued = furniture.dateIssued;
  if (furniture.reissued && meta.neudruck > 0) meta.neudruckDate ??= furniture.reissued;
  // The flow index of the first body paragraph.
  const bodyPara = paras[bodyStart];
  const bodyBlock = bodyPara ? blocks.findIndex((b) => b.type === 'para' && b.para === bodyPara) : blocks.length;
  const qa = segmentQa(blocks, meta.docType, bodyBlock, profile);
  qa.answers.forEach(markAnswer);
  // A question no answer names: said with its page, so that a reader can look (status unchanged).
  const answered = new Set(qa.answers.flatMap((a) => a.questions));
  for (const q of qa.questions) {
    if (!answered.has(q.number)) messages.push({ severity: 'warning', stage: 'qa', code: 'qa.unanswered', text: `question ${q.number} has no answer that names it`, ...(q.page !== null ? { page: q.page } : {}) });
  }
  const tables = blocks.flatMap((b) => (b.type === 'table' ? [mergeWrappedLabels(b.table)] : []));
  // The tables are final here: read what they mean once, in the worker, for the loader to write.
  for (const t of tables) t.content = tableContent(t);
  // A question paper does not refer to itself by its own number.
  const own = { drucksache: meta.drucksache, kaNumber: meta.docType === 'kleine_anfrage' || meta.docType === 'grosse_anfrage' ? meta.kaNumber : null };
  const references = findReferences([...paras.map((p) => p.text), ...footnotes.map((f) => f.text)], own);
  if (qa.notes) footnotes.push(...qa.notes);
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
  // A parliament without a house style: pipeline's judge() says so, as meta.no-house-style.
  for (const t of tables) for (const w of t.warnings) messages.push({ severity: 'warning', stage: 'tables', code: w.code, text: `table ${tables.indexOf(t) + 1}: ${w.text}`, ...(t.pageStart !== null ? { page: t.pageStart } : {}) });
  return { doc, messages };
}
