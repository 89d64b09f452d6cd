// What an answer does with the question: withholds information (a refusal,
// all or in part) or says there is no data. Kept as the phrase that shows it,
// so a user can check the flag against the text.
import type { Answer } from '../model.js';
import { NO_DATA, WITHHELD } from '../data/house-style.js';

/** The sentence around the first match of any pattern, or null. */
function sentenceOf(text: string, patterns: RegExp[]): string | null {
  const flat = text.replace(/\s+/g, ' ');
  for (const sentence of flat.split(/(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„])/)) {
    if (patterns.some((re) => re.test(sentence))) return sentence.trim();
  }
  return null;
}

/** Set `withheld` / `noData` on an answer that shows them (left unset otherwise). */
export function markAnswer(a: Answer): Answer {
  const withheld = sentenceOf(a.text, WITHHELD);
  const noData = sentenceOf(a.text, NO_DATA);
  if (withheld) a.withheld = withheld;
  if (noData) a.noData = noData;
  return a;
}
