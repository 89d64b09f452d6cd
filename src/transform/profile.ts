// House styles per parliament, as data (src/data/parliaments/<code>.json): which
// parliament printed a paper (parliaments.json), and what its papers print
// (running heads, imprint lines, header phrases, answerer sentence, headings).
// The pipeline asks the profile; it never branches on a parliament's name.
import type { DocType, Layout } from '../model.js';
import parliaments from '../data/parliaments.json' with { type: 'json' };
import bodies from '../data/bodies.json' with { type: 'json' };
import BB from '../data/parliaments/BB.json' with { type: 'json' };
import BE from '../data/parliaments/BE.json' with { type: 'json' };
import BR from '../data/parliaments/BR.json' with { type: 'json' };
import BT from '../data/parliaments/BT.json' with { type: 'json' };
import BW from '../data/parliaments/BW.json' with { type: 'json' };
import BY from '../data/parliaments/BY.json' with { type: 'json' };
import HB from '../data/parliaments/HB.json' with { type: 'json' };
import HE from '../data/parliaments/HE.json' with { type: 'json' };
import HH from '../data/parliaments/HH.json' with { type: 'json' };
import MV from '../data/parliaments/MV.json' with { type: 'json' };
import NI from '../data/parliaments/NI.json' with { type: 'json' };
import RP from '../data/parliaments/RP.json' with { type: 'json' };
import SH from '../data/parliaments/SH.json' with { type: 'json' };
import SL from '../data/parliaments/SL.json' with { type: 'json' };
import SN from '../data/parliaments/SN.json' with { type: 'json' };
import ST from '../data/parliaments/ST.json' with { type: 'json' };
import TH from '../data/parliaments/TH.json' with { type: 'json' };

interface ProfileData {
  checkedOnSamples?: boolean;
  code: string;
  government: string;
  blanklessParagraphs?: boolean;
  runningHead?: string;
  furnitureLines?: string[];
  dateIssued?: string;
  footerBlocks?: { start: string; end: string; maxLines: number }[];
  footerInline?: string;
  docTypes?: { pattern: string; type: string }[];
  header?: string[];
  answerer?: string[];
  askerCleanup?: [string, string][];
  headings?: { preliminaryQuestion?: string; preliminaryAnswer?: string; anlage?: string };
}

/** A compiled house style. */
export interface Profile {
  code: string;
  /** The phrases were checked on real papers (false: written from what the papers are known to print). */
  checkedOnSamples: boolean;
  government: string;
  /** The text rendition has no blank lines between paragraphs: break them at question and sentence ends. */
  blanklessParagraphs: boolean;
  runningHead: RegExp | null;
  furnitureLines: RegExp[];
  /** A furniture line that carries the issue date (group 1). */
  dateIssued: RegExp | null;
  footerBlocks: { start: RegExp; end: RegExp; maxLines: number }[];
  /** The start of the footer sentence where a rendition glued it into a body line. */
  footerInline: RegExp | null;
  docTypes: { pattern: RegExp; type: DocType }[];
  header: RegExp[];
  answerer: RegExp[];
  askerCleanup: [RegExp, string][];
  preliminaryQuestion: RegExp | null;
  preliminaryAnswer: RegExp | null;
  /** The heading of an Anlage after the answers ("Anlage 1", "Anlage Kleine Anfrage 19/…"). */
  anlage: RegExp | null;
}

export interface ParliamentInfo {
  code: string;
  name: string;
  pattern: RegExp;
}

export const PARLIAMENTS: ParliamentInfo[] = (parliaments as { parliaments: { code: string; name: string; pattern: string }[] })
  .parliaments.map((p) => ({ code: p.code, name: p.name, pattern: new RegExp(p.pattern) }));

const re = (s: string | undefined, flags = '') => (s ? new RegExp(s, flags) : null);

function compile(d: ProfileData): Profile {
  return {
    code: d.code,
    checkedOnSamples: !!d.checkedOnSamples,
    government: d.government,
    blanklessParagraphs: !!d.blanklessParagraphs,
    runningHead: re(d.runningHead),
    furnitureLines: (d.furnitureLines ?? []).map((s) => new RegExp(s)),
    dateIssued: re(d.dateIssued),
    footerInline: re(d.footerInline),
    footerBlocks: (d.footerBlocks ?? []).map((b) => ({ start: new RegExp(b.start), end: new RegExp(b.end), maxLines: b.maxLines })),
    docTypes: (d.docTypes ?? []).map((t) => ({ pattern: new RegExp(t.pattern), type: t.type as DocType })),
    header: (d.header ?? []).map((s) => new RegExp(s)),
    answerer: (d.answerer ?? []).map((s) => new RegExp(s)),
    askerCleanup: (d.askerCleanup ?? []).map(([a, b]) => [new RegExp(a, 'g'), b]),
    preliminaryQuestion: re(d.headings?.preliminaryQuestion, 'i'),
    preliminaryAnswer: re(d.headings?.preliminaryAnswer, 'i'),
    anlage: re(d.headings?.anlage, 'i'),
  };
}

// NW has no file: its house style is the default rules (src/data/house-style.ts).
const PROFILES = new Map<string, Profile>(
  [BB, BE, BR, BT, BW, BY, HB, HE, HH, MV, NI, RP, SH, SL, SN, ST, TH].map((d) => [d.code, compile(d as unknown as ProfileData)]),
);

/** The house style of a parliament (by code), or null when the data has none. */
export function profileOf(code: string | null): Profile | null {
  return code ? PROFILES.get(code) ?? null : null;
}

/** The parliament whose name a line starts with. */
export function parliamentOfLine(text: string): ParliamentInfo | null {
  const t = text.trim();
  for (const p of PARLIAMENTS) if (p.pattern.test(t)) return p;
  return null;
}

/** How many non-blank lines at the top of page 1 may name the parliament. */
const TOP_LINES = 6;

/** The parliament named at the top of the first page, or null. */
export function detectParliament(layout: Layout): ParliamentInfo | null {
  const first = layout.pages[0];
  if (!first) return null;
  let seen = 0;
  for (const l of first.lines) {
    if (l.blank || !l.text.trim()) continue;
    const p = parliamentOfLine(l.text);
    if (p) return p;
    if (++seen >= TOP_LINES) break;
  }
  return null;
}

interface Noun { genitive: string; nominative: string; gender: 'n' | 'f' | 'm' }
const NOUNS = (bodies.nouns as Noun[]).slice().sort((a, b) => b.genitive.length - a.genitive.length);
const FUNCTION_WORDS = new Set(bodies.functionWords);
const ADJ = bodies.adjectiveEndings as Record<string, string>;

/**
 * The name of an answering body in the nominative, from its genitive after "des"/"der":
 * "des Niedersächsischen Ministeriums für Inneres" → "Niedersächsisches Ministerium für Inneres",
 * "des Auswärtigen Amts" → "Auswärtiges Amt". Words after the head noun stay as written.
 */
export function nominative(genitive: string): string {
  const words = genitive.replace(/\s+/g, ' ').trim().replace(/^(?:des|der)\s+/, '').split(' ');
  // The head: the words before the first function word ("für", "der", …).
  let end = words.findIndex((w) => FUNCTION_WORDS.has(w));
  if (end < 0) end = words.length;
  let nounAt = -1;
  let noun: Noun | undefined;
  for (let i = end - 1; i >= 0 && !noun; i--) {
    noun = NOUNS.find((n) => words[i].endsWith(n.genitive));
    if (noun) nounAt = i;
  }
  if (!noun) return words.join(' ');
  const out = words.slice();
  out[nounAt] = words[nounAt].slice(0, words[nounAt].length - noun.genitive.length) + noun.nominative;
  // Adjectives before the noun: "-en" → the strong ending of its gender.
  for (let i = 0; i < nounAt; i++) {
    if (/^\p{Lu}\p{L}*en$/u.test(out[i])) out[i] = out[i].slice(0, -2) + ADJ[noun.gender];
  }
  return out.join(' ');
}
