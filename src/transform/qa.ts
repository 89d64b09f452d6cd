// Questions and answers rebuilt from the block flow. Numbered questions follow
// each other 1, 2, 3 …; questions that stand one after the other without text
// between them share the one answer that follows ("Die Fragen 3 und 4 werden …
// gemeinsam beantwortet"). A numbered list quoted inside „…" is not the list of
// questions, and neither is anything before the answerer's sentence.
import type { Answer, DocType, Question, Table } from '../model.js';
import { ANSWERER_SENTENCE, HEADINGS, JOINT_ANSWER } from '../data/house-style.js';
import type { Block } from './flow.js';
import type { Paragraph } from './paragraphs.js';

const QUESTION_START = /^\s*(?:Frage\s+)?(\d{1,3})[.:)]\s+(\S[^]*)$/;

export interface QaResult {
  questions: Question[];
  answers: Answer[];
  preliminary: string | null;
}

/** Net change of quotation depth in a text („ opens, “ closes; » « too). */
function quoteDelta(s: string): number {
  let d = 0;
  for (const ch of s) {
    if (ch === '„' || ch === '»') d++;
    else if ((ch === '“' || ch === '«') && d > -1) d--;
  }
  return d;
}

/** "1 und 2", "1 bis 3", "1, 2 und 5", "3–5" → numbers. */
export function parseQuestionList(s: string): number[] {
  const out = new Set<number>();
  const norm = s.replace(/\s+/g, ' ');
  for (const m of norm.matchAll(/(\d+)\s*(?:bis|–|-)\s*(\d+)/g)) {
    for (let n = Number(m[1]); n <= Number(m[2]) && n - Number(m[1]) < 100; n++) out.add(n);
  }
  for (const m of norm.matchAll(/\d+/g)) out.add(Number(m[0]));
  return [...out].sort((a, b) => a - b);
}

/** Index of the first block after the answerer's sentence, or -1. */
function afterAnswerer(blocks: Block[]): number {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type === 'para' && ANSWERER_SENTENCE.test(b.para.text.replace(/\s+/g, ' '))) return i + 1;
  }
  return -1;
}

function afterQuestionIntro(blocks: Block[], from: number): number {
  for (let i = from; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type === 'para' && HEADINGS.questionIntro.test(b.para.text)) return i + 1;
  }
  return -1;
}

export function segmentQa(blocks: Block[], docType: DocType | null, bodyStart: number): QaResult {
  const isAnswer = docType === 'antwort_kleine_anfrage' || docType === 'antwort_grosse_anfrage';
  const isQuestion = docType === 'kleine_anfrage' || docType === 'grosse_anfrage';
  const res: QaResult = { questions: [], answers: [], preliminary: null };
  if (!isAnswer && !isQuestion) return res;
  let start = isAnswer ? afterAnswerer(blocks) : afterQuestionIntro(blocks, bodyStart);
  if (start < 0) start = bodyStart;

  let expected = 1;
  let depth = 0;
  let pending: number[] = [];
  let answerParas: Paragraph[] = [];
  let answerTables: Table[] = [];
  let prelim: string[] | null = null;
  let inAnlage = false;
  let lastQuestion: Question | null = null;
  let boldQuestions = false;
  const anlageTables: Table[] = [];

  const finishAnswer = () => {
    if (pending.length && (answerParas.length || answerTables.length)) {
      const first = answerParas[0]?.text ?? '';
      const joint = JOINT_ANSWER.exec(first);
      const numbers = new Set(pending);
      if (joint) for (const n of parseQuestionList(joint[1])) if (res.questions.some((q) => q.number === n)) numbers.add(n);
      const qs = [...numbers].sort((a, b) => a - b);
      if (answerParas.length) {
        res.answers.push({
          questions: qs,
          text: answerParas.map((p) => p.text).join('\n\n'),
          page: answerParas[0].page,
          pageEnd: answerParas[answerParas.length - 1].pageEnd,
        });
      }
      for (const t of answerTables) t.questions = qs;
      pending = [];
    }
    answerParas = [];
    answerTables = [];
  };

  for (let i = start; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type === 'table') {
      const prev = blocks[i - 1];
      const introduced = prev?.type === 'para' && INTRODUCES_TABLE.test(prev.para.text);
      const trailing = !blocks.slice(i + 1).some((x) => x.type === 'para');
      if (inAnlage || !pending.length) b.table.anlage = true;
      else if (!introduced && trailing && (!answerParas.length || anlagePages(b.table, blocks, i) || refersToAnlage(res.answers, answerParas))) b.table.anlage = true;
      else answerTables.push(b.table);
      if (b.table.anlage) anlageTables.push(b.table);
      continue;
    }
    const p = b.para;
    const text = p.text;
    const wasQuoted = depth > 0;
    depth = Math.max(0, depth + quoteDelta(text));
    if (HEADINGS.anlage.test(text)) {
      finishAnswer();
      inAnlage = true;
      continue;
    }
    if (inAnlage) continue;
    if (isAnswer && HEADINGS.preliminaryAnswer.test(text) && !res.questions.length) {
      prelim = [];
      continue;
    }
    const q = wasQuoted || /^\s*[„»"]/.test(text) ? null : QUESTION_START.exec(text);
    // Where the first question was set in bold (PDFs), a numbered item in normal type is part of an answer.
    const styleOk = !res.questions.length || !boldQuestions || p.bold;
    if (q && Number(q[1]) === expected && styleOk && !laterQuestion(blocks, i, expected, text)) {
      if (!res.questions.length) boldQuestions = p.bold;
      if (answerParas.length || answerTables.length) finishAnswer();
      lastQuestion = { number: expected, text: q[2].replace(/\s+/g, ' ').trim(), page: p.page };
      res.questions.push(lastQuestion);
      pending.push(expected);
      expected++;
      continue;
    }
    // A question cut by a page break or a paragraph gap goes on in lower case.
    if (lastQuestion && pending.length && !answerParas.length && /^\p{Ll}/u.test(text) && !/[?.)]\s*$/.test(lastQuestion.text)) {
      lastQuestion.text = `${lastQuestion.text} ${text}`.replace(/\s+/g, ' ');
      continue;
    }
    if (!res.questions.length) {
      if (prelim) prelim.push(text);
      continue;
    }
    if (isAnswer) answerParas.push(p);
  }
  finishAnswer();
  if (prelim && prelim.length) res.preliminary = prelim.join('\n\n');
  linkAnlage(res.answers, anlageTables);
  return res;
}

/**
 * A numbered item without a question mark is a list item of an answer when a
 * paragraph with the same number and a question mark follows before the next number.
 */
function laterQuestion(blocks: Block[], at: number, n: number, text: string): boolean {
  if (text.includes('?')) return false;
  for (let j = at + 1; j < blocks.length; j++) {
    const b = blocks[j];
    if (b.type !== 'para') continue;
    const m = QUESTION_START.exec(b.para.text);
    if (!m) continue;
    const k = Number(m[1]);
    if (k === n && b.para.text.includes('?')) return true;
    if (k === n + 1 && b.para.text.includes('?')) return false;
  }
  return false;
}

/** A paragraph that announces a table right below it ("… der nachfolgenden Übersicht zu entnehmen:"). */
const INTRODUCES_TABLE = /(?::|\b(?:Tabelle|Übersicht|Aufstellung|folgt|folgende[nr]?|nachstehende[nr]?|nachfolgende[nr]?)\b[^.]*\.?)\s*$/i;

/** A trailing table on a page of its own orientation (a landscape Anlage) after the last text. */
function anlagePages(t: Table, blocks: Block[], at: number): boolean {
  const lastPara = [...blocks.slice(0, at)].reverse().find((b) => b.type === 'para');
  return lastPara?.type === 'para' && t.pageStart !== null && t.pageStart > lastPara.para.pageEnd;
}

const ANLAGE_REF = /\b(?:der|die|den|in|siehe)\s+(?:beigefügten\s+|anliegenden\s+)?Anlage\b/;

function refersToAnlage(answers: Answer[], current: Paragraph[]): boolean {
  return answers.some((a) => ANLAGE_REF.test(a.text)) || current.some((p) => ANLAGE_REF.test(p.text));
}

/** Anlage tables belong to the answer that refers to the Anlage ("… sind der Anlage zu entnehmen"). */
function linkAnlage(answers: Answer[], tables: Table[]): void {
  if (!tables.length) return;
  const referring = answers.filter((a) => ANLAGE_REF.test(a.text));
  if (referring.length !== 1) return;
  for (const t of tables) t.questions = [...referring[0].questions];
}
