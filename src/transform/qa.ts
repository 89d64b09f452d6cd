// Questions and answers rebuilt from the block flow. Numbered questions follow
// each other 1, 2, 3 …; questions that stand one after the other without text
// between them share the one answer that follows ("Die Fragen 3 und 4 werden …
// gemeinsam beantwortet"). A numbered list quoted inside „…" is not the list of
// questions, and neither is anything before the answerer's sentence.
import type { Answer, DocType, Footnote, Question, Table } from '../model.js';
import { ANSWERER_SENTENCE, HEADINGS, isAnlageToHeading, JOINT_ANSWER } from '../data/house-style.js';
import type { Block } from './flow.js';
import { joinLines, type Paragraph } from './paragraphs.js';
import type { Profile } from './profile.js';

/** "Zu Frage 1:", "Zu 1.:", "Zu den Fragen 3 und 4:" (the number list must end in . : ) or the paragraph). */
const ANSWER_MARKER = /^\s*Zu\s+(?:(?:den\s+)?Fragen?\s+)?(\d{1,3}(?:\s*(?:,|und|bis|–|-)\s*\d{1,3})*)(?:\s*[.:)]+\s*|\s*$)([^]*)$/;

/** How far ahead of the expected number a question printed out of order may be, after an answer. */
const MAX_SKIP = 1;

const QUESTION_START = /^\s*(?:Frage\s+)?(\d{1,3})[.:)]\s+(\S[^]*)$/;

export interface QaResult {
  questions: Question[];
  answers: Answer[];
  preliminary: string | null;
  /** Notes ("* Hierzu vgl. …") that stand between questions: footnote bodies, not answer text. */
  notes?: Footnote[];
}

/** Net change of quotation depth in a text („ opens, “ closes; » « too). */
function quoteDelta(s: string): number {
  let d = 0;
  for (const ch of s) {
    if (ch === '„' || ch === '»') d++;
    else if ((ch === '“' || ch === '”' || ch === '«') && d > -1) d--;
    // A straight quote closes a „ that is open (real texts mix „…" with „…“).
    else if (ch === '"' && d > 0) d--;
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

/** "1." or "Frage 1:" alone, with the question in the next paragraph. */
const NUMBER_ONLY = /^\s*(?:Frage\s+\d{1,3}[.:)]?|\d{1,3}[.:)])\s*$/;

/** Join a paragraph that holds only a question number with the paragraph after it. */
export function mergeNumberParagraphs(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const next = blocks[i + 1];
    // Never onto a paragraph that has a number of its own ("18." above "15. Wie …?" is a stray number).
    if (b.type === 'para' && NUMBER_ONLY.test(b.para.text) && next?.type === 'para' && !NUMBER_ONLY.test(next.para.text) && !QUESTION_START.test(next.para.text)) {
      const p = next.para;
      out.push({ type: 'para', para: { ...p, lines: [...b.para.lines, ...p.lines], text: `${b.para.text.trim()} ${p.text}`, page: b.para.page } });
      i++;
    } else out.push(b);
  }
  return out;
}

export function segmentQa(blocks: Block[], docType: DocType | null, bodyStart: number, profile: Profile | null = null): QaResult {
  const isAnswer = docType === 'antwort_kleine_anfrage' || docType === 'antwort_grosse_anfrage';
  const isQuestion = docType === 'kleine_anfrage' || docType === 'grosse_anfrage';
  if (!isAnswer && !isQuestion) return { questions: [], answers: [], preliminary: null };
  let start = isAnswer ? afterAnswerer(blocks) : afterQuestionIntro(blocks, bodyStart);
  if (start < 0) start = bodyStart;
  const qa = new QaBuilder(blocks, isAnswer, profile);
  for (let i = start; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type === 'table') qa.table(b.table, i);
    else qa.paragraph(b.para, i);
  }
  const res = qa.finish();
  return isAnswer && !res.questions.length && !res.answers.length ? singleQuestion(blocks, start) ?? res : res;
}

const SENTENCE_CLOSED = /[.!?:]["“”)]?$/;

/**
 * An answer to a single question that is not numbered: the first paragraph that ends with "?"
 * holds it (from the line after the last closed sentence on), everything after it is the answer.
 */
function singleQuestion(blocks: Block[], start: number): QaResult | null {
  let at = -1;
  for (let i = start; i < blocks.length && at < 0; i++) {
    const b = blocks[i];
    if (b.type === 'para' && /\?["“”)]?$/.test(b.para.text.trim())) at = i;
  }
  if (at < 0) return null;
  const p = (blocks[at] as { type: 'para'; para: Paragraph }).para;
  let j = p.lines.length - 1;
  while (j > 0 && !SENTENCE_CLOSED.test(p.lines[j - 1].text.trim())) j--;
  const text = joinLines(p.lines.slice(j).map((l) => l.text));
  const paras: Paragraph[] = [];
  const tables: Table[] = [];
  for (const b of blocks.slice(at + 1)) {
    if (b.type === 'para') paras.push(b.para);
    else tables.push(b.table);
  }
  for (const t of tables) t.questions = [1];
  const answers: Answer[] = paras.length
    ? [{ questions: [1], text: paras.map((x) => x.text).join('\n\n'), page: paras[0].page, pageEnd: paras[paras.length - 1].pageEnd }]
    : [];
  return { questions: [{ number: 1, text, page: p.lines[j].page }], answers, preliminary: null };
}

/** The state of one walk over the blocks: questions so far, the answer being collected. */
class QaBuilder {
  readonly res: QaResult = { questions: [], answers: [], preliminary: null };
  private expected = 1;
  private depth = 0;
  private pending: number[] = [];
  private answerParas: Paragraph[] = [];
  private answerTables: Table[] = [];
  private prelim: string[] | null = null;
  private inAnlage = false;
  /** After "Anlage N zu Frage M": a numbered paragraph is a question only when it asks one ("?"). */
  private inAnlageTo = false;
  private lastQuestion: Question | null = null;
  private boldQuestions = false;
  private readonly anlageTables: Table[] = [];

  private readonly preliminaryAnswer: RegExp;
  private readonly anlage: RegExp;
  private readonly seen = new Set<number>();
  private highest = 0;

  constructor(private readonly blocks: Block[], private readonly isAnswer: boolean, profile: Profile | null = null) {
    this.preliminaryAnswer = profile?.preliminaryAnswer ?? HEADINGS.preliminaryAnswer;
    this.anlage = profile?.anlage ?? HEADINGS.anlage;
  }

  /** A table stands in the answer being collected, or in the Anlage. */
  table(t: Table, i: number): void {
    const prev = this.blocks[i - 1];
    const introduced = prev?.type === 'para' && INTRODUCES_TABLE.test(prev.para.text);
    const trailing = !this.blocks.slice(i + 1).some((x) => x.type === 'para');
    if (this.inAnlage || !this.pending.length) t.anlage = true;
    else if (!introduced && trailing && (!this.answerParas.length || anlagePages(t, this.blocks, i) || refersToAnlage(this.res.answers, this.answerParas))) t.anlage = true;
    else this.answerTables.push(t);
    if (t.anlage) this.anlageTables.push(t);
  }

  paragraph(p: Paragraph, i: number): void {
    const text = p.text;
    const wasQuoted = this.depth > 0;
    this.depth = Math.max(0, this.depth + quoteDelta(text));
    if (this.anlage.test(text)) {
      this.finishAnswer();
      this.inAnlage = true;
      return;
    }
    if (this.inAnlage) return;
    if (isAnlageToHeading(text)) this.inAnlageTo = true;
    if (this.isAnswer && this.preliminaryAnswer.test(text) && !this.res.questions.length) {
      this.prelim = [];
      return;
    }
    if (!wasQuoted && this.isAnswer && this.answerMarker(p)) return;
    if (!wasQuoted && this.question(p, i)) return;
    if (!wasQuoted && this.outOfOrderQuestion(p)) return;
    // A star note under a question (a footnote body in a rendition without pages) is no answer text.
    const star = /^\s*(\*{1,3})\)?\s+(\S[^]*)$/.exec(text);
    if (star && this.pending.length && !this.answerParas.length && !this.answerTables.length) {
      (this.res.notes ??= []).push({ marker: star[1], text: star[2].replace(/\s+/g, ' ').trim(), page: p.page });
      return;
    }
    if (this.continuesQuestion(text)) return;
    if (this.laterSubQuestion(p)) return;
    if (!this.res.questions.length && !this.pending.length) {
      if (this.prelim) this.prelim.push(text);
      return;
    }
    if (this.isAnswer) this.answerParas.push(p);
  }

  /**
   * A sub-question printed after the answer to its question's other parts ("Die Fragen 14 bis 14c …",
   * then "d) …?"): part of that question's text, with an answer of its own.
   */
  private laterSubQuestion(p: Paragraph): boolean {
    const q = this.lastQuestion;
    if (!q || !this.answerParas.length || !this.pending.includes(q.number) || !/^\s*[a-z]\)\s/.test(p.text) || !/\?\s*$/.test(p.text)) return false;
    this.finishAnswer();
    q.text = `${q.text} ${p.text}`.replace(/\s+/g, ' ');
    this.pending = [q.number];
    return true;
  }

  /** Questions are listed in number order (one printed out of order is sorted in). */
  sortQuestions(): void {
    this.res.questions.sort((a, b) => a.number - b.number);
  }

  /**
   * "Zu Frage 1:", "Zu 2.:", "Zu den Fragen 3 und 4:" — answers that name their questions
   * instead of (or besides) restating them. The text after the marker is answer text.
   */
  private answerMarker(p: Paragraph): boolean {
    const m = ANSWER_MARKER.exec(p.text);
    if (!m) return false;
    const numbers = parseQuestionList(m[1]);
    if (!numbers.length) return false;
    if (this.answerParas.length || this.answerTables.length) this.finishAnswer();
    this.pending = [...new Set([...this.pending, ...numbers])].sort((a, b) => a - b);
    this.expected = Math.max(this.expected, ...numbers.map((n) => n + 1));
    const rest = m[2].trim();
    if (rest) this.answerParas.push({ ...p, text: rest });
    return true;
  }

  /** Take the paragraph as the next numbered question, if it is one. */
  private question(p: Paragraph, i: number): boolean {
    // Numbers already taken by a question printed out of order are skipped.
    while (this.seen.has(this.expected)) this.expected++;
    const q = /^\s*[„»"]/.test(p.text) ? null : QUESTION_START.exec(p.text);
    // Where the first question was set in bold (PDFs), a numbered item in normal type is part of an answer.
    const styleOk = !this.res.questions.length || !this.boldQuestions || p.bold;
    if (!q || Number(q[1]) !== this.expected || !styleOk || laterQuestion(this.blocks, i, this.expected, p.text)) return false;
    if (this.inAnlageTo && !p.text.includes('?')) return false;
    this.inAnlageTo = false;
    if (!this.res.questions.length) this.boldQuestions = p.bold;
    if (this.answerParas.length || this.answerTables.length) this.finishAnswer();
    this.lastQuestion = { number: this.expected, text: q[2].replace(/\s+/g, ' ').trim(), page: p.page };
    this.res.questions.push(this.lastQuestion);
    this.seen.add(this.expected);
    this.highest = Math.max(this.highest, this.expected);
    this.pending.push(this.expected);
    this.expected++;
    return true;
  }

  /**
   * A question printed out of order inside a run of questions ("28. …? 33. …?" before their joint
   * answer): a number not seen yet, beyond the expected one, with a question mark.
   */
  private outOfOrderQuestion(p: Paragraph): boolean {
    if (!p.text.includes('?')) return false;
    const q = QUESTION_START.exec(p.text);
    if (!q) return false;
    const n = Number(q[1]);
    if (n <= this.expected || this.seen.has(n)) return false;
    const inRun = this.pending.length > 0 && !this.answerParas.length && !this.answerTables.length;
    // After an answer, a question one number ahead ("21." printed before "20.") starts a new answer.
    const answered = this.answerParas.length > 0 || this.answerTables.length > 0;
    // A question missing from the text: the one after the highest number seen goes on from there.
    const next = n <= this.expected + MAX_SKIP || n === this.highest + 1;
    if (!inRun && !(answered && next)) return false;
    if (!inRun) this.finishAnswer();
    this.lastQuestion = { number: n, text: q[2].replace(/\s+/g, ' ').trim(), page: p.page };
    this.res.questions.push(this.lastQuestion);
    this.seen.add(n);
    this.highest = Math.max(this.highest, n);
    this.pending.push(n);
    return true;
  }

  /** A question cut by a page break or a paragraph gap goes on in lower case. */
  private continuesQuestion(text: string): boolean {
    const q = this.lastQuestion;
    if (!q || !this.pending.length || this.answerParas.length) return false;
    const lowerCase = /^\p{Ll}/u.test(text) && !/[?.)]\s*$/.test(q.text);
    // "(Bitte nach Jahren aufschlüsseln)" set as a paragraph of its own under the question.
    const aside = /^\([^()]{1,200}\)\.?$/.test(text.trim());
    // Sub-questions "a) …", "b) …" set apart from their question.
    const sub = /^\s*[a-z]{1,2}\)\s/.test(text);
    if (!lowerCase && !aside && !sub) return false;
    q.text = `${q.text} ${text}`.replace(/\s+/g, ' ');
    return true;
  }

  /** Close the answer being collected: one answer for all pending questions. */
  private finishAnswer(): void {
    const { pending, answerParas, answerTables } = this;
    if (pending.length && (answerParas.length || answerTables.length)) {
      const joint = JOINT_ANSWER.exec(answerParas[0]?.text ?? '');
      const numbers = new Set(pending);
      if (joint) for (const n of parseQuestionList(joint[1])) if (this.res.questions.some((q) => q.number === n)) numbers.add(n);
      const qs = [...numbers].sort((a, b) => a - b);
      if (answerParas.length) {
        this.res.answers.push({
          questions: qs,
          text: answerParas.map((p) => p.text).join('\n\n'),
          page: answerParas[0].page,
          pageEnd: answerParas[answerParas.length - 1].pageEnd,
        });
      } else {
        // An answer that is a table only: the answer row (without prose) keeps the questions answered.
        const first = answerTables[0], last = answerTables[answerTables.length - 1];
        this.res.answers.push({ questions: qs, text: '', page: first.pageStart, pageEnd: last.pageEnd });
      }
      for (const t of answerTables) t.questions = qs;
      this.pending = [];
    }
    this.answerParas = [];
    this.answerTables = [];
  }

  finish(): QaResult {
    this.finishAnswer();
    this.sortQuestions();
    if (this.prelim && this.prelim.length) this.res.preliminary = this.prelim.join('\n\n');
    linkAnlage(this.res.answers, this.anlageTables);
    return this.res;
  }
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
