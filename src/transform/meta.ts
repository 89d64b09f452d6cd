// Header metadata: Drucksache, Wahlperiode, dates, Neudruck, document type, the
// Kleine Anfrage answered, askers with their Fraktion, and who answered.
import type { DocMeta, Line, Person } from '../model.js';
import { ANSWERER_SENTENCE, RUNNING_HEADER } from '../data/house-style.js';
import ministries from '../data/ministries.json' with { type: 'json' };
import parliaments from '../data/parliaments.json' with { type: 'json' };
import { parseGermanDate } from '../common/dates.js';
import { HEADER_SETTINGS, type HeaderSettings } from './settings.js';
import { factionSpellings, normalizeFaction } from '../common/factions.js';
import { joinLines, type Paragraph } from './paragraphs.js';
import { nominative, type Profile } from './profile.js';

const DRS = /Drucksache\s+(\d{1,2})\s*\/\s*(\d+)/;
const WP = /(\d{1,2})\.\s*Wahlperiode/;
const NEUDRUCK = /^\s*(?:(\d+)\.\s*)?Neudruck\b(?:\s*(?:\(([^)]*)\)|vom\s+(.+)))?/i;
const ANFRAGE_LINE = /^(?:auf\s+die\s+)?(Kleine|Große|Grosse)\s+Anfrage\s+(\d+)(?:\s+vom\s+(\d{1,2}\.\s*(?:\d{1,2}\.\s?\d{2,4}|[A-Za-zäÄöÖüÜ]+\s+\d{4})))?(?:\s+(?:der|des)\s+Abgeordneten\s+(.+))?\s*$/i;
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

/** Kinds of paper other than Anfragen and answers, by their type line. */
const OTHER_KIND = /^(?:Gesetzentwurf|Antrag|Entschließungsantrag|Änderungsantrag|Beschlussempfehlung|Bericht|Unterrichtung|Stellungnahme|Mitteilung|Dringlichkeitsantrag|Wahlvorschlag)\b/;
const PLENARPROTOKOLL = /^Plenarprotokoll\s+(\d{1,2})\s*\/\s*(\d+)/i;

function parliamentOf(text: string): { code: string; name: string; nrw: boolean } | null {
  for (const p of (parliaments as { parliaments: { code: string; name: string; pattern: string; nrw?: boolean }[] }).parliaments) {
    if (new RegExp(p.pattern).test(text)) return { code: p.code, name: p.name, nrw: !!p.nrw };
  }
  return null;
}

/**
 * Read the header from the first paragraphs of the flow and the lines that the
 * furniture stage removed (the running header names the Drucksache), within the
 * windows of `s` (resolveSettings().header).
 */
export function readHeader(paras: Paragraph[], removed: Line[], s: HeaderSettings = HEADER_SETTINGS): HeaderResult {
  const meta = emptyMeta();
  const lines = headLines(paras, s);
  readTop(meta, lines.map((l) => l.t), removed.map((l) => l.text.trim()), s);
  const scan = scanHeader(meta, lines);
  const bodyStart = readTitle(meta, paras, lines, scan);
  completeMeta(meta);
  readAnswerer(meta, paras, s);
  return { meta, bodyStart };
}

/** A header line, trimmed, and the index of its paragraph. */
interface HeadLine {
  t: string;
  pi: number;
}

/** Where the header scan stands: the last header paragraph and line, whether the paper is an answer, askers being read. */
interface HeaderScan {
  lastPara: number;
  lastLine: number;
  isAnswer: boolean;
  askerText: string | null;
}

/** The lines of the paragraphs at the top of the flow (scanParas). */
function headLines(paras: Paragraph[], s: HeaderSettings): HeadLine[] {
  return paras.slice(0, s.scanParas).flatMap((p, pi) => p.lines.map((l) => ({ t: l.text.trim(), pi })));
}

/** Reads the type, Anfrage and asker lines; the scan ends at the first paragraph after the header. */
function scanHeader(meta: DocMeta, lines: HeadLine[]): HeaderScan {
  const st: HeaderScan = { lastPara: -1, lastLine: -1, isAnswer: false, askerText: null };
  for (let i = 0; i < lines.length; i++) {
    const { t, pi } = lines[i];
    if (st.askerText !== null) {
      // The list of askers goes on until the Drucksache line or the paragraph's end.
      if (DRS_LINE.test(t) || lines[i - 1].pi !== pi) flushAskers(meta, st);
      else {
        st.askerText += ` ${t}`;
        markHeader(st, pi, i);
        continue;
      }
    }
    if (readHeaderLine(meta, st, t, i)) {
      markHeader(st, pi, i);
      continue;
    }
    // Lines before the type line (the parliament's name, dates) do not end the header.
    if (!meta.docType && i < 8) continue;
    if (pi > st.lastPara && st.lastPara >= 0) break;
  }
  flushAskers(meta, st);
  return st;
}

function markHeader(st: HeaderScan, pi: number, i: number): void {
  st.lastPara = pi;
  st.lastLine = i;
}

function flushAskers(meta: DocMeta, st: HeaderScan): void {
  if (st.askerText !== null) meta.askers.push(...parseAskers(st.askerText));
  st.askerText = null;
}

/** True when line `t` (index i) is a header line; what it says goes into meta and st. */
function readHeaderLine(meta: DocMeta, st: HeaderScan, t: string, i: number): boolean {
  if (/^Antwort$/i.test(t) || /^der\s+Landesregierung$/i.test(t)) {
    st.isAnswer = st.isAnswer || /^Antwort$/i.test(t);
    return true;
  }
  // Until the type of the paper is known, only a type line; after it, the lines that follow one.
  return meta.docType ? readTypedLine(meta, st, t) : readTypeLine(meta, st, t, i);
}

/** A line that says the type: an (answer to an) Anfrage, a Plenarprotokoll, or another kind of paper near the top. */
function readTypeLine(meta: DocMeta, st: HeaderScan, t: string, i: number): boolean {
  const a = ANFRAGE_LINE.exec(t);
  if (a) {
    readAnfrageLine(meta, st, t, a);
    return true;
  }
  const plpr = PLENARPROTOKOLL.exec(t);
  if (plpr) {
    meta.docType = 'plenarprotokoll';
    meta.drucksache ??= `${plpr[1]}/${plpr[2]}`;
    return true;
  }
  if (OTHER_KIND.test(t) && i < 12) {
    meta.docType = 'other';
    meta.paperKind = OTHER_KIND.exec(t)![0];
    return true;
  }
  return false;
}

/** "Kleine Anfrage 123 vom … der Abgeordneten …", "auf die …" for an answer. */
function readAnfrageLine(meta: DocMeta, st: HeaderScan, t: string, a: RegExpExecArray): void {
  const grosse = /^gro/i.test(a[1]);
  st.isAnswer = st.isAnswer || /^auf\s/i.test(t);
  meta.docType = st.isAnswer ? (grosse ? 'antwort_grosse_anfrage' : 'antwort_kleine_anfrage') : (grosse ? 'grosse_anfrage' : 'kleine_anfrage');
  meta.kaNumber = Number(a[2]);
  meta.kaDate = parseGermanDate(a[3] ?? null);
  if (a[4]) st.askerText = a[4];
}

/** After the type line: the askers, their Fraktion, and the Drucksache of the Anfrage an answer answers. */
function readTypedLine(meta: DocMeta, st: HeaderScan, t: string): boolean {
  if (ASKERS_LINE.test(t)) {
    st.askerText = t.replace(ASKERS_LINE, '');
    return true;
  }
  if (/^der\s+Fraktion(?:en)?\s/i.test(t)) return true;
  const d = DRS_LINE.exec(t);
  if (!d) return false;
  if (st.isAnswer) meta.kaDrucksache = `${d[1]}/${d[2]}`;
  return true;
}

/** The title, and the index of the first body paragraph (after the title when it is a paragraph of its own). */
function readTitle(meta: DocMeta, paras: Paragraph[], lines: HeadLine[], st: HeaderScan): number {
  const bodyStart = st.lastPara + 1;
  const titlePara = paras[bodyStart];
  // The title can follow the header lines in the same paragraph (no gap or blank line).
  const rest = lines.slice(st.lastLine + 1).filter((l) => l.pi === st.lastPara).map((l) => l.t);
  if (meta.docType && st.lastLine >= 0 && rest.length) {
    meta.title = joinLines(rest);
  } else if (meta.docType && titlePara && !HEADINGS_RE.test(titlePara.text) && !ANSWERER_SENTENCE.test(titlePara.text.replace(/\s+/g, ' '))) {
    meta.title = titlePara.text.replace(/\s+/g, ' ').trim();
    return bodyStart + 1;
  }
  return bodyStart;
}

/** Defaults from what was read: type 'other', an Anfrage dated by its header, the Wahlperiode from a Drucksache. */
function completeMeta(meta: DocMeta): void {
  meta.docType ??= 'other';
  if (meta.docType === 'kleine_anfrage' || meta.docType === 'grosse_anfrage') meta.kaDate ??= meta.date;
  meta.wahlperiode ??= wpOf(meta.drucksache) ?? wpOf(meta.kaDrucksache);
}

const DRS_LINE = /^\s*Drucksache\s+(\d{1,2})\s*\/\s*(\d+)\s*$/;
const HEADINGS_RE = /^(?:Vorbemerkung|\d+\.\s)/;

/** Parliament, Drucksache, Wahlperiode, date and Neudruck from the top lines. */
function readTop(meta: DocMeta, lines: string[], removed: string[], s: HeaderSettings): void {
  for (const t of [...lines.slice(0, s.topLines), ...removed]) {
    const parl = parliamentOf(t);
    if (parl && !meta.parliament) meta.parliament = parl.code;
    if ((parl || RUNNING_HEADER.test(t)) && !meta.drucksache) {
      const d = DRS.exec(t);
      if (d) meta.drucksache = `${d[1]}/${d[2]}`;
    }
    const wp = WP.exec(t);
    if (wp && meta.wahlperiode === null) meta.wahlperiode = Number(wp[1]);
  }
  for (const t of lines.slice(0, s.drucksacheLines)) {
    if (/^(?:Antwort|Kleine|Große|Grosse|auf\s)/i.test(t)) break;
    if (!meta.drucksache) {
      const d = DRS_LINE.exec(t) ?? (meta.parliament && !/^Drucksache/.test(t) ? null : DRS.exec(t));
      if (d) meta.drucksache = `${d[1]}/${d[2]}`;
    }
    // The header date stands alone or at the end of the Wahlperiode / Drucksache line.
    const date = /(?:^|Wahlperiode\s+|\d\s+)(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\s*$/.exec(t);
    if (date && !meta.date && !/Datum des Originals/i.test(t)) meta.date = parseGermanDate(date[1]);
    const nd = NEUDRUCK.exec(t);
    if (nd) {
      meta.neudruck = nd[1] ? Number(nd[1]) : 1;
      meta.neudruckDate = parseGermanDate(nd[2] ?? nd[3] ?? null);
    }
  }
}

const wpOf = (drs: string | null) => (drs ? Number(drs.split('/')[0]) : null);

/** "Lisa-Kristin Kapteinat SPD", "A, B und C SPD", "A SPD und B CDU". */
export function parseAskers(s: string): Person[] {
  // "Anna Beispiel (SPD)": a Fraktion in brackets is a Fraktion like any other.
  const text = s.replace(/\(\s*([^()]{1,40}?)\s*\)/g, (m, inner: string) => (normalizeFaction(inner) ? ` ${inner}` : m)).replace(/\s+/g, ' ').trim();
  const people: Person[] = [];
  let rest = text;
  // Cut the list into segments that each end with a Fraktion.
  while (rest) {
    let best: { index: number; spelling: string } | null = null;
    for (const f of factionSpellings) {
      // A Fraktion closes a group of names: it stands at the end, before a comma or before "und".
      const re = new RegExp(`(?:^|\\s)${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?=$|\\s*,|\\s+und\\s)`);
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
    if (m) return r.ministry.replace(/\$(\d)/g, (_, k: string) => m[Number(k)] ?? '').replace(/\s+/g, ' ').trim();
  }
  return null;
}

function readAnswerer(meta: DocMeta, paras: Paragraph[], s: HeaderSettings): void {
  for (const p of paras.slice(0, s.answererParas)) {
    const m = ANSWERER_SENTENCE.exec(p.text.replace(/\s+/g, ' '));
    if (!m) continue;
    meta.answeredBy = m[2].replace(/\s+/g, ' ').trim();
    meta.ministry = ministryOf(meta.answeredBy);
    meta.letterDate = parseGermanDate(m[4]);
    const concur = /im\s+Einvernehmen\s+mit\s+(.+?)\s*(?:namens\s+der\s+Landesregierung\s*)?$/.exec(m[5].trim());
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

/** Paragraphs that open the body: a heading ("Vorbemerkung …") or a numbered question. */
const BODY_START = /^\s*(?:Vorbemerkung\b|\d{1,3}[.)]\s+(?!Wahlperiode\b))/;
const MAX_TITLE = 400;

/**
 * The header of a paper of a parliament with a house style: the paragraphs before the first
 * heading or question, joined, read with the profile's phrases (named groups: title, askers,
 * kaDate, kaDrucksache; the answerer: body, letterDate, also from footer blocks).
 */
export function readProfileHeader(paras: Paragraph[], removed: Line[], footers: string[], profile: Profile, s: HeaderSettings = HEADER_SETTINGS): HeaderResult {
  const meta = emptyMeta();
  let k = 0;
  while (k < paras.length && k < s.profileParas && !BODY_START.test(paras[k].text)) k++;
  const lines = paras.slice(0, k).flatMap((p) => p.lines.map((l) => l.text.trim()));
  readTop(meta, lines, removed.map((l) => l.text.trim()), s);
  meta.parliament = profile.code;
  // The header text is bounded: a paper without any body marker must not make it the whole paper.
  const text = joinLines(lines).slice(0, s.profileChars);
  meta.docType = profile.docTypes.find((t) => t.pattern.test(text))?.type ?? null;
  if (!meta.docType) {
    const kind = lines.slice(0, 12).map((t) => OTHER_KIND.exec(t)?.[0]).find(Boolean);
    if (lines.slice(0, 12).some((t) => PLENARPROTOKOLL.test(t))) meta.docType = 'plenarprotokoll';
    else if (kind) { meta.docType = 'other'; meta.paperKind = kind; }
  }
  const isAnswer = meta.docType === 'antwort_kleine_anfrage' || meta.docType === 'antwort_grosse_anfrage';
  // Without a title phrase: the last header paragraph, when it is no header line itself.
  const last = k > 1 ? paras[k - 1].text.replace(/\s+/g, ' ').trim() : '';
  const titleFallback = last && !/\b(?:Anfrage|Antwort|Drucksache|Drs\.|Wahlperiode)\b/.test(last) ? last : null;
  for (const re of profile.header) {
    const g = re.exec(text)?.groups;
    if (!g) continue;
    if (g.title && !meta.title) meta.title = g.title.trim() || null;
    if (g.askers && !meta.askers.length) {
      let a = g.askers;
      for (const [from, to] of profile.askerCleanup) a = a.replace(from, to);
      meta.askers = parseAskers(a);
    }
    if (g.kaDate && !meta.kaDate) meta.kaDate = parseGermanDate(g.kaDate);
    if (g.kaDrucksache && !meta.kaDrucksache && isAnswer) meta.kaDrucksache = g.kaDrucksache.replace(/\s+/g, '');
  }
  // Only for Anfragen and answers, whose header the profile knows; a title is one short paragraph.
  if (meta.docType && meta.docType !== 'other' && meta.docType !== 'plenarprotokoll' && titleFallback && titleFallback.length <= MAX_TITLE) meta.title ??= titleFallback;
  if (isAnswer) for (const source of [text, ...footers]) if (readAnswerer2(meta, source, profile)) break;
  completeMeta(meta);
  return { meta, bodyStart: k };
}

/** The answering body (nominative) and letter date from a text, by the profile's answerer phrases. */
function readAnswerer2(meta: DocMeta, source: string, profile: Profile): boolean {
  const flat = source.replace(/\s+/g, ' ');
  const g = profile.answerer.map((re) => re.exec(flat)?.groups).find((x) => x?.body);
  if (!g) return false;
  meta.answeredBy = nominative(g.body);
  meta.ministry = meta.answeredBy;
  meta.letterDate = parseGermanDate(g.letterDate ?? null);
  return true;
}

/** The footer sentence glued into a body paragraph ("ZuständigDie Antwort wurde …"). */
export function readInlineFooter(meta: DocMeta, paras: Paragraph[], profile: Profile, s: HeaderSettings = HEADER_SETTINGS): void {
  if (!profile.footerInline || (meta.docType !== 'antwort_kleine_anfrage' && meta.docType !== 'antwort_grosse_anfrage')) return;
  for (const p of paras) {
    const m = profile.footerInline.exec(p.text);
    if (m && readAnswerer2(meta, p.text.slice(m.index, m.index + s.inlineFooterChars), profile)) return;
  }
}
