// Header metadata: Drucksache, Wahlperiode, dates, Neudruck, document type, the
// Kleine Anfrage answered, askers with their Fraktion, and who answered.
import type { DocMeta, DocType, Line, Person } from '../model.js';
import { ANSWERER_SENTENCE, PARLIAMENT_HEADER, RUNNING_HEADER } from '../data/house-style.js';
import ministries from '../data/ministries.json' with { type: 'json' };
import { parseGermanDate } from './dates.js';
import { factionSpellings, normalizeFaction } from './factions.js';
import type { Paragraph } from './paragraphs.js';

const DRS = /Drucksache\s+(\d{1,2})\s*\/\s*(\d+)/;
const ONLY_DATE = /^\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\s*$/;
const WP = /(\d{1,2})\.\s*Wahlperiode/;
const NEUDRUCK = /^\s*(?:(\d+)\.\s*)?Neudruck\b(?:\s*\(([^)]*)\))?/i;
const ANFRAGE_LINE = /^(?:auf\s+die\s+)?(Kleine|Große|Grosse)\s+Anfrage\s+(\d+)(?:\s+vom\s+(.+?))?\s*$/i;
const ASKERS_LINE = /^(?:der|des|von\s+der|vom)\s+Abgeordneten\s+/i;

export function emptyMeta(): DocMeta {
  return {
    parliament: null, drucksache: null, wahlperiode: null, docType: null, neudruck: 0, neudruckDate: null,
    title: null, date: null, dateOriginal: null, dateIssued: null, kaNumber: null, kaDate: null,
    kaDrucksache: null, askers: [], answeredBy: null, ministry: null, concurring: [], letterDate: null,
  };
}

/** Where the header ends: the index of the first paragraph after the title. */
export interface HeaderResult {
  meta: DocMeta;
  bodyStart: number;
}

/**
 * Read the header from the first paragraphs of the flow and the lines that the
 * furniture stage removed (the running header names the Drucksache).
 */
export function readHeader(paras: Paragraph[], removed: Line[]): HeaderResult {
  const meta = emptyMeta();
  const headLines: Line[] = [];
  for (const p of paras.slice(0, 14)) headLines.push(...p.lines);

  for (const l of [...headLines.slice(0, 6), ...removed]) {
    const t = l.text.trim();
    if (PARLIAMENT_HEADER.test(t)) meta.parliament = 'Landtag Nordrhein-Westfalen';
    if ((PARLIAMENT_HEADER.test(t) || RUNNING_HEADER.test(t)) && !meta.drucksache) {
      const d = DRS.exec(t);
      if (d) meta.drucksache = `${d[1]}/${d[2]}`;
    }
    const wp = WP.exec(t);
    if (wp && meta.wahlperiode === null) meta.wahlperiode = Number(wp[1]);
  }

  // Walk the header paragraphs in order: date, Neudruck, type line, askers, Drucksache, title.
  let bodyStart = 0;
  let stage: 'top' | 'type' | 'askers' | 'title' = 'top';
  let isAnswer = false;
  for (let i = 0; i < paras.length && i < 14; i++) {
    const p = paras[i];
    let consumed = false;
    for (const l of p.lines) {
      const t = l.text.trim();
      if (stage === 'top' || stage === 'type') {
        if (!meta.date && ONLY_DATE.test(t)) { meta.date = parseGermanDate(t); consumed = true; continue; }
        const nd = NEUDRUCK.exec(t);
        if (nd) { meta.neudruck = nd[1] ? Number(nd[1]) : 1; meta.neudruckDate = parseGermanDate(nd[2]); consumed = true; continue; }
        if (/^Antwort$/i.test(t)) { isAnswer = true; stage = 'type'; consumed = true; continue; }
        if (/^der\s+Landesregierung$/i.test(t)) { consumed = true; continue; }
        const a = ANFRAGE_LINE.exec(t);
        if (a) {
          const grosse = /^gro/i.test(a[1]);
          isAnswer = isAnswer || /^auf\s/i.test(t);
          meta.docType = (isAnswer ? (grosse ? 'antwort_grosse_anfrage' : 'antwort_kleine_anfrage') : (grosse ? 'grosse_anfrage' : 'kleine_anfrage')) as DocType;
          meta.kaNumber = Number(a[2]);
          meta.kaDate = parseGermanDate(a[3] ?? null);
          stage = 'askers';
          consumed = true;
          continue;
        }
        if (PARLIAMENT_HEADER.test(t) || WP.test(t) && t.length < 30) { consumed = true; continue; }
      }
      if (stage === 'askers') {
        if (ASKERS_LINE.test(t) || (meta.askers.length === 0 && consumed && !DRS.test(t) && /^(?:der|des)\s/.test(t))) {
          meta.askers.push(...parseAskers(t.replace(ASKERS_LINE, '')));
          consumed = true;
          continue;
        }
        const d = /^\s*Drucksache\s+(\d{1,2})\s*\/\s*(\d+)\s*$/.exec(t);
        if (d) {
          if (isAnswer) meta.kaDrucksache = `${d[1]}/${d[2]}`;
          consumed = true;
          continue;
        }
        if (meta.askers.length && !consumed) {
          // A continuation of a long list of askers.
          if (/\bund\b|,/.test(t) && factionSpellings.some((f) => t.endsWith(f)) && p.lines.length === 1) {
            meta.askers.push(...parseAskers(t));
            consumed = true;
            continue;
          }
        }
      }
    }
    if (consumed) { bodyStart = i + 1; continue; }
    if (stage === 'askers' || (stage === 'top' && i > 0 && meta.date)) {
      // The first paragraph after the header block is the title.
      meta.title = p.text.replace(/\s+/g, ' ').trim();
      bodyStart = i + 1;
      break;
    }
  }
  if (meta.docType === null) meta.docType = guessOtherType(paras);
  if (meta.docType === 'kleine_anfrage' || meta.docType === 'grosse_anfrage') meta.kaDate ??= meta.date;
  meta.wahlperiode ??= wpOf(meta.drucksache) ?? wpOf(meta.kaDrucksache);
  readAnswerer(meta, paras);
  return { meta, bodyStart };
}

const wpOf = (drs: string | null) => (drs ? Number(drs.split('/')[0]) : null);

function guessOtherType(paras: Paragraph[]): DocType {
  const head = paras.slice(0, 8).map((p) => p.text).join('\n');
  if (/Plenarprotokoll/i.test(head)) return 'plenarprotokoll';
  return 'other';
}

/** "Lisa-Kristin Kapteinat SPD", "A, B und C SPD", "A SPD und B CDU". */
export function parseAskers(s: string): Person[] {
  const text = s.replace(/\s+/g, ' ').trim();
  const people: Person[] = [];
  let rest = text;
  // Cut the list into segments that each end with a Fraktion.
  while (rest) {
    let best: { index: number; spelling: string } | null = null;
    for (const f of factionSpellings) {
      const re = new RegExp(`(?:^|\\s)${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?=$|\\s|,)`);
      const m = re.exec(rest);
      if (m && (!best || m.index < best.index || (m.index === best.index && f.length > best.spelling.length))) {
        best = { index: m.index, spelling: f };
      }
    }
    const names = best ? rest.slice(0, best.index) : rest;
    const written = best ? best.spelling : null;
    for (const n of names.split(/\s*,\s*|\s+und\s+/).map((x) => x.trim()).filter(Boolean)) {
      people.push({ name: n, faction: written ? normalizeFaction(written) ?? written : null, factionAsWritten: written });
    }
    if (!best) break;
    rest = rest.slice(best.index + best.spelling.length + 1).replace(/^\s*(?:,|und)\s*/, '').trim();
  }
  return people;
}

interface RoleRule { pattern: string; ministry: string }

/** The ministry (an entity) behind an answering role. */
export function ministryOf(role: string): string | null {
  for (const r of (ministries as { roles: RoleRule[] }).roles) {
    const m = new RegExp(r.pattern).exec(role);
    if (!m) continue;
    if (r.ministry.includes('*')) {
      const rest = role.slice(m[0].length).trim();
      return r.ministry.replace('$2', m[2] ?? '').replace('*', rest);
    }
    return r.ministry;
  }
  return null;
}

function readAnswerer(meta: DocMeta, paras: Paragraph[]): void {
  for (const p of paras.slice(0, 40)) {
    const m = ANSWERER_SENTENCE.exec(p.text.replace(/\s+/g, ' '));
    if (!m) continue;
    meta.answeredBy = m[2].replace(/\s+/g, ' ').trim();
    meta.ministry = ministryOf(meta.answeredBy);
    meta.letterDate = parseGermanDate(m[4]);
    const concur = /im\s+Einvernehmen\s+mit\s+(.+?)\s*$/.exec(m[5].trim());
    if (concur) {
      meta.concurring = concur[1]
        .split(/\s*,\s*|\s+sowie\s+|\s+und\s+(?=(?:de[mnr]|allen|sämtlichen)\s)/)
        .map((x) => x.replace(/^(?:dem|der|den|des)\s+/, '').trim())
        .filter(Boolean);
    }
    if (meta.kaNumber === null) meta.kaNumber = Number(m[3]);
    return;
  }
}
