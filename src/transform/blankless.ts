// Paragraph breaks for text renditions without blank lines between paragraphs (the
// Bundestag's own text, PDF text tools): a heading stands alone, a numbered question
// starts a paragraph, and a question ends where its sentence ends ("?" or
// "(bitte … angeben)?") unless sub-questions or a follow-up ("Wenn ja, …") go on.
import type { Line } from '../model.js';
import { isAnlageToHeading } from '../data/house-style.js';
import type { Profile } from './profile.js';

/** Headings every house style prints alike ("Vorbemerkung der …"), as a whole line. */
// A heading is short: "Vorbemerkung", "… der Fragesteller", "… zur Kleinen Anfrage" (not a sentence that starts so).
const GENERIC_HEADING = /^Vorbemerkung(?:\s+(?:der|des|zur|zu\s+den)(?:\s+\p{Lu}[\p{L}-]*){1,3})?\s*:?$/u;
const QUESTION_LINE = /^\s*(\d{1,3})[.)]\s+\S/;
/** "1. Januar 2024" at a line start is a date, not question 1. */
const DATE_START = /^\s*\d{1,2}\.\s+(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Quartal|Halbjahr)\b/;
const SENTENCE_END = /[.?!:;)"“”]$/;
const QUESTION_END = /\?\s*[)"“”]?$/;
/** Lines that go on with the question after a "?": sub-questions, asides, follow-ups, lower case. */
const QUESTION_GOES_ON = /^(?:[a-z]{1,2}\)\s|\((?:\p{Ll}|Bitte\b)|\p{Ll}|(?:Wenn|Falls|Sofern)\s+(?:ja|nein|nicht)\b)/u;
const JOINT_START = /^Die\s+Fragen\s+\d/;
const SUB_QUESTION = /^[a-z]\)\s+\S/;

export type Breaker = (a: Line, b: Line) => boolean;

export function blanklessBreaker(profile: Profile | null): Breaker {
  const heading = (t: string) =>
    GENERIC_HEADING.test(t) || !!profile?.preliminaryAnswer?.test(t) || !!profile?.preliminaryQuestion?.test(t) || !!profile?.anlage?.test(t) ||
    isAnlageToHeading(t);
  // The number the next question will have: its line starts a paragraph even after a table row.
  let next = 1;
  const seen = new Set<number>();
  // An open "(bitte …" aside: the line that closes it with ")." or ")?" ends the question.
  let bitte = false;
  // Inside a question paragraph: has a "?" been seen, and a "Bitte …" request after it?
  let inQuestion = false;
  let afterMark = false;
  let request = false;
  return (a, b) => {
    const at = a.text.trim();
    const bt = b.text.trim();
    // Every line is looked at in order (the state below depends on it): no early return before.
    const q = QUESTION_LINE.exec(b.text);
    let questionBreak = false;
    if (q && !DATE_START.test(b.text)) {
      const n = Number(q[1]);
      questionBreak = n === next || SENTENCE_END.test(at);
      // Questions may be printed out of order (grouped for a joint answer): skip numbers seen.
      if (questionBreak && !seen.has(n)) seen.add(n);
      while (seen.has(next)) next++;
    }
    const opens = at.search(/\([^()]*\b[Bb]itte\b/);
    if (opens >= 0) bitte = true;
    let bitteBreak = false;
    if (bitte && at.lastIndexOf(')') > opens) {
      bitte = false;
      bitteBreak = /\)\s*[.?]\s*$/.test(at) && !QUESTION_GOES_ON.test(bt);
    }
    // "…? Bitte nach … aufschlüsseln." closes a question with a request sentence after its "?".
    let requestBreak = false;
    if (inQuestion) {
      const qm = at.lastIndexOf('?');
      if (qm >= 0) { afterMark = true; request = /\b[Bb]itte\b/.test(at.slice(qm)); }
      else if (afterMark && /\b[Bb]itte\b/.test(at)) request = true;
      requestBreak = afterMark && request && /\.\s*$/.test(at) && !QUESTION_GOES_ON.test(bt);
    }
    // "d) …?" after an answer's last sentence: a sub-question answered on its own.
    const subBreak = SUB_QUESTION.test(bt) && /[.!]["“”)]?$/.test(at);
    const brk = questionBreak || bitteBreak || requestBreak || subBreak || heading(at) || heading(bt) || JOINT_START.test(bt) ||
      (QUESTION_END.test(at) && !QUESTION_GOES_ON.test(bt));
    if (brk) { inQuestion = questionBreak; afterMark = false; request = false; }
    return brk;
  };
}
