// Pages of the Landtag NRW document database ("Parlamentsdatenbank") into PortalEntry[].
//
// The parser reads the page as the reader sees it, not its ids and class names (the portal has been
// relaunched more than once): the DOM is flattened into visible lines (<br> and block elements break
// lines), and the lines are read by their wording:
//
//   <bold title>                                       starts a record
//   Kleine Anfrage 3246                                 type line of the record's first paper
//   Preuß, Peter CDU  Drucksache 16/8246 20.03.2015 2 S.   askers + reference of the first paper
//   Systematik: A * B / Schlagworte: … / Region: …      belong to the record's first paper
//   Antwort MGEPA  Drucksache 16/8512 24.04.2015 3 S.   later papers of the same record
//   Beratung (öffentlich)  Plenarprotokoll 16/85 20.05.2015 S.8752-8759
//
// A reference is "Drucksache 16/ 8774" or "Plenarprotokoll 16/85" followed (after an optional
// "2. Neudruck") by a date; cross-references inside text ("Drs 16/8498", "Beschluss: … Drucksache
// 16/8722 - wurde …") are no entries.
import type { Person, PortalEntry } from '../model.js';
import { normalizeFaction, factionSpellings } from '../common/factions.js';
import { parseGermanDate } from '../common/dates.js';
import { decodeWindows1252, readUtf8 } from './encoding.js';
import { ExtractError } from './errors.js';
import { visibleLines, type VLine } from './html-lines.js';

// ---------------------------------------------------------------------------
// Decoding

const LATIN_CHARSETS = /^(?:iso-?8859-1|iso-?8859-15|iso_8859-1|latin-?1|l1|windows-1252|cp1252|x-cp1252|us-ascii|ascii)$/i;

/** The charset the page declares (BOM, <?xml encoding>, <meta charset>, <meta http-equiv content-type>), or null. */
function declaredCharset(bytes: Uint8Array): string | null {
  // The declaration must stand in the first bytes; ASCII-compatible reading is enough to find it.
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']?([\w.:-]+)/i.exec(head);
  const metas = head.match(/<meta\b[^>]*>/gi) ?? [];
  for (const meta of metas) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta);
    if (direct) return direct[1];
  }
  return xml ? xml[1] : null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decode the bytes of an HTML page. A byte order mark wins; then the declared charset (meta charset,
 * http-equiv content-type, xml encoding) is honoured; without a usable declaration the page is read as
 * UTF-8 (Windows-1252 when the bytes are no valid UTF-8).
 *
 * One correction: a page that declares ISO-8859-1 / Windows-1252 but whose bytes are valid UTF-8 with
 * multi-byte sequences is read as UTF-8. Saved copies of the 2015 portal are like that (the server sent
 * ISO-8859-1, the copies were re-encoded to UTF-8 without touching the meta tag); real Latin-1 text with
 * umlauts is practically never valid UTF-8.
 */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));

  const declared = declaredCharset(bytes);
  let decoder: TextDecoder | null = null;
  if (declared) {
    try {
      decoder = new TextDecoder(declared.toLowerCase());
    } catch {
      decoder = null; // unknown label: as if none were declared
    }
  }
  if (decoder && decoder.encoding !== 'utf-8') {
    const hasHighBytes = bytes.some((b) => b >= 0x80);
    if (LATIN_CHARSETS.test(declared!) && hasHighBytes && isValidUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
    return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  }
  if (decoder) return decoder.decode(bytes); // declared UTF-8
  // One bad byte in a UTF-8 page replaces only that byte; Windows-1252 only when clearly not UTF-8.
  const utf8 = readUtf8(bytes);
  return utf8.kind === 'utf-8' ? utf8.text : decodeWindows1252(bytes);
}


// ---------------------------------------------------------------------------
// The page as visible lines

const collapse = (s: string) => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

// ---------------------------------------------------------------------------
// Wording

const DATE = String.raw`\d{1,2}\.\s?\d{1,2}\.\s?\d{4}`;
/** "Drucksache 16/ 8774" or "Plenarprotokoll 16/85", then "2. Neudruck", the date and "7 S." / "S.8752-8759". */
const REFERENCE = new RegExp(
  String.raw`\b(Drucksache|Plenarprotokoll)\s*(\d{1,2})\s*\/\s*(\d{1,6})(?!\d)` +
    String.raw`((?:\s*\(?(?:\d{1,2}\.\s*)?Neudruck\)?)?)\s*(?:vom\s+)?(${DATE})` +
    String.raw`((?:[\s,]*(?:\(?(?:\d{1,2}\.\s*)?Neudruck\)?))?(?:[\s,]*(?:\d+\s*S\.|S\.\s*\d+(?:\s*[-–]\s*\d+)?))?)`,
  'g',
);
/** Lines with a label: values of the record, never entries of their own. */
const LABEL = /^(Systematik|Schlagw(?:orte|örter)|Region(?:en)?|Anlagen?|Beschluss|Abstract|Sachgebiete?)\s*:\s*/i;
const LIST_SEPARATOR = /\s*[*;•|]\s*/;

const KA_REF = String.raw`(KlAnfr\.?|Kl\.\s*Anfr\.?|Kleinen?\s+Anfrage|GrAnfr\.?|Gr\.\s*Anfr\.?|Gro(?:ß|ss)en?\s+Anfrage)\s*(\d+)`;
const ANSWER = new RegExp(String.raw`^Antwort\b(?:\s+(?:der\s+)?(?:Landesregierung\s+)?(?!zu\b|auf\b)([A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,11})\b)?`);
const ANSWER_OF = new RegExp(String.raw`\b(?:zu|auf(?:\s+die)?)\s+${KA_REF}(?:\s+(?:Drs\.?|Drucksache)\s*(\d{1,2})\s*\/\s*(\d+))?`, 'i');
const QUESTION = /^(Kleine|Gro(?:ß|ss)e)\s+Anfrage\s+(\d+)/i;

const isGrosse = (kind: string) => /^gr/i.test(kind);

function splitList(value: string): string[] {
  return value.split(LIST_SEPARATOR).map(collapse).filter(Boolean);
}

// ---------------------------------------------------------------------------
// Askers: "Römer, Norbert; Herter, Marc u.a. SPD , Priggen, Reiner; Beer, Sigrid u.a. GRÜNE"

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FACTION_AT = new RegExp(
  String.raw`(?<=^|[\s,;(])(${factionSpellings.map(escapeRe).join('|')})\)?(?=\s*(?:[,;]|$))`,
  'g',
);
/** A party short name in capitals ("CDU", "BÜNDNIS 90/DIE GRÜNEN") at the end of a group, when the data file does not know it. */
const CAPS_FACTION = /(?<=[\s(])((?:[A-ZÄÖÜ0-9][A-ZÄÖÜ0-9./-]+)(?:\s+[A-ZÄÖÜ0-9][A-ZÄÖÜ0-9./-]+)*)\)?(?=\s*(?:[,;]|$))/g;
const ACADEMIC = /^((?:(?:Dr|Prof|Dipl)\.(?:\s?[a-z]+\.)*(?:\s?h\.\s?c\.)?\s*)+)/;
const OTHERS = /\b(?:u\.\s?a\.|und\s+andere)/gi;

function personName(raw: string): string | null {
  const s = collapse(raw.replace(OTHERS, ' ').replace(/^[,;\s]+|[,;(\s]+$/g, ''));
  if (!s) return null;
  const comma = s.indexOf(',');
  if (comma < 0) return s;
  let last = collapse(s.slice(0, comma));
  let first = collapse(s.slice(comma + 1));
  // "Dr. Berger, Stefan" → "Dr. Stefan Berger" (titles stand in front of the first name).
  const t = ACADEMIC.exec(last);
  if (t) {
    last = collapse(last.slice(t[0].length));
    first = collapse(`${t[1]} ${first}`);
  }
  return collapse(`${first} ${last}`) || null;
}

function factionEnds(s: string): { start: number; end: number; written: string }[] {
  const found: { start: number; end: number; written: string }[] = [];
  for (const re of [FACTION_AT, CAPS_FACTION]) {
    if (found.length) break;
    re.lastIndex = 0;
    let from = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      // A Fraktion ends a group only after a "Name, Vorname" or in brackets: a surname like "Linke" is no Fraktion.
      const before = s.slice(from, m.index);
      if (!before.includes(',') && !before.endsWith('(')) continue;
      found.push({ start: m.index, end: m.index + m[0].length, written: m[1] });
      from = m.index + m[0].length;
    }
  }
  return found;
}

/** Askers as written on the portal: "Name, Vorname[; Name, Vorname] [u.a.] FRAKTION[ , …]". */
export function parseAskers(text: string): Person[] {
  const s = collapse(text);
  const people: Person[] = [];
  const addGroup = (names: string, written: string | null) => {
    for (const part of names.split(';')) {
      const name = personName(part);
      if (!name) continue;
      const faction = written ? normalizeFaction(written) ?? written : null;
      people.push({ name, faction, factionAsWritten: written });
    }
  };
  let pos = 0;
  for (const f of factionEnds(s)) {
    addGroup(s.slice(pos, f.start), f.written);
    pos = f.end;
  }
  addGroup(s.slice(pos), null);
  return people;
}

// ---------------------------------------------------------------------------
// Records

interface Ref {
  kind: 'Drucksache' | 'Plenarprotokoll';
  wahlperiode: number;
  number: string;
  neudruck: number;
  date: string | null;
  pages: number | null;
  /** Text before the reference: type line, askers. */
  prefix: string;
  url: string | null;
}

interface Rec {
  title: string | null;
  /** Lines after the title and before the first reference (the type line of the first paper). */
  pre: string[];
  primary: PortalEntry | null;
  entries: PortalEntry[];
  systematik: string[];
  schlagworte: string[];
  region: string | null;
}

function neudruckOf(s: string): number {
  const m = /(?:(\d{1,2})\.\s*)?Neudruck/.exec(s);
  return m ? (m[1] ? Number(m[1]) : 1) : 0;
}

function findRefs(line: VLine): Ref[] {
  if (LABEL.test(line.text)) return [];
  const refs: Ref[] = [];
  let last = 0;
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(line.text); m; m = REFERENCE.exec(line.text)) {
    const [, kind, wp, nr, nd1, date, tail] = m;
    const pages = /(?:^|\s)(\d+)\s*S\./.exec(tail);
    const id = `${Number(wp)}/${nr}`;
    const anchor = line.anchors.find((a) => new RegExp(String.raw`(?:^|\D)${wp}\/${nr}(?!\d)`).test(a.text.replace(/\s*\/\s*/g, '/')));
    refs.push({
      kind: kind as Ref['kind'],
      wahlperiode: Number(wp),
      number: id,
      neudruck: Math.max(neudruckOf(nd1), neudruckOf(tail)),
      date: parseGermanDate(date),
      pages: pages ? Number(pages[1]) : null,
      prefix: collapse(line.text.slice(last, m.index)),
      url: anchor?.href ?? null,
    });
    last = m.index + m[0].length;
  }
  return refs;
}

function entryOf(ref: Ref, prefixLines: string[], rec: Rec): PortalEntry {
  const lines = [...prefixLines, ref.prefix].map(collapse).filter(Boolean);
  const typeLine = lines[0] ?? '';
  const e: PortalEntry = {
    drucksache: ref.number,
    wahlperiode: ref.wahlperiode,
    docType: 'other',
    title: null,
    date: ref.date,
    pages: ref.pages,
    kaNumber: null,
    kaDrucksache: null,
    ministry: null,
    neudruck: ref.neudruck,
    systematik: [],
    schlagworte: [],
    region: null,
    askers: [],
    url: ref.url,
  };
  if (ref.kind === 'Plenarprotokoll') {
    e.docType = 'plenarprotokoll';
    return e;
  }
  const q = QUESTION.exec(typeLine);
  const a = ANSWER.exec(typeLine);
  if (q) {
    e.docType = isGrosse(q[1]) ? 'grosse_anfrage' : 'kleine_anfrage';
    e.kaNumber = Number(q[2]);
    // The askers follow the type line; written on one line, they follow "Kleine Anfrage 3246".
    let askers = lines.slice(1).join(' ');
    if (lines.length === 1) {
      askers = typeLine.slice(q[0].length);
      // "Große Anfrage 13 CDU Laschet, Armin; …": the Fraktionen of the question come first.
      const lead = new RegExp(String.raw`^\s*(?:(?:${factionSpellings.map(escapeRe).join('|')})\s*(?:,\s*|\s+(?=[^,;]*,)))+`);
      askers = askers.replace(lead, '');
    }
    e.askers = parseAskers(askers);
  } else if (a) {
    e.ministry = a[1] ?? null;
    const of = ANSWER_OF.exec(lines.join(' '));
    const question = rec.primary && rec.primary !== e ? rec.primary : null;
    if (of) {
      e.docType = isGrosse(of[1]) ? 'antwort_grosse_anfrage' : 'antwort_kleine_anfrage';
      e.kaNumber = Number(of[2]);
      if (of[3]) e.kaDrucksache = `${Number(of[3])}/${of[4]}`;
    } else if (question && (question.docType === 'kleine_anfrage' || question.docType === 'grosse_anfrage')) {
      // A later paper of a question's record: "Antwort MGEPA Drucksache 16/8512 …".
      e.docType = question.docType === 'kleine_anfrage' ? 'antwort_kleine_anfrage' : 'antwort_grosse_anfrage';
      e.kaNumber = question.kaNumber;
      e.kaDrucksache = question.drucksache;
    }
    if (question && !e.kaDrucksache && e.kaNumber !== null && e.kaNumber === question.kaNumber) e.kaDrucksache = question.drucksache;
  }
  return e;
}

function finishRecord(rec: Rec, out: PortalEntry[]) {
  const p = rec.primary;
  if (!p) return;
  p.title = rec.title;
  p.systematik = rec.systematik;
  p.schlagworte = rec.schlagworte;
  p.region = rec.region;
  for (const e of rec.entries) {
    // An answer carries the title of its question.
    if (e !== p && e.docType.startsWith('antwort_') && e.kaDrucksache === p.drucksache) e.title = rec.title;
    out.push(e);
  }
}

/** A bold line is a title; one that merely mentions a paper ("… zur Drucksache 16/123 vom 12.03.2015") still is. */
function isTitleLine(line: VLine): boolean {
  if (line.bold < 0.9 || LABEL.test(line.text) || !/\p{L}/u.test(line.text)) return false;
  return !findRefs(line).some(isEntryRef);
}

/** A reference is an entry of its own when it gives the page count or links to the paper; a mention in running text does neither. */
const isEntryRef = (r: Ref) => r.pages !== null || r.url !== null;

/** Merge a paper listed twice on one page: the first listing wins, the second fills its gaps. */
function dedupe(entries: PortalEntry[]): PortalEntry[] {
  const byKey = new Map<string, PortalEntry>();
  for (const e of entries) {
    const key = `${e.docType === 'plenarprotokoll' ? 'PlPr' : 'Drs'} ${e.drucksache}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, e);
      continue;
    }
    const s = seen as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(e)) {
      const cur = s[k];
      const empty = cur === null || cur === undefined || (Array.isArray(cur) && cur.length === 0) || (k === 'docType' && cur === 'other') || (k === 'neudruck' && cur === 0);
      if (empty) s[k] = v;
    }
  }
  return [...byKey.values()];
}

/** The entries of a portal page (search result list or detail page), in page order. */
export function parsePortalHtml(html: string): PortalEntry[] {
  const lines = visibleLines(html);
  if (!lines.length) throw new ExtractError('not-portal', 'not a Landtag portal page: no visible text');

  const out: PortalEntry[] = [];
  const fresh = (title: string | null): Rec => ({ title, pre: [], primary: null, entries: [], systematik: [], schlagworte: [], region: null });
  let rec = fresh(null);
  let titleBlocks: { block: number; text: string }[] = [];
  let previous: VLine | null = null;

  for (const line of lines) {
    if (isTitleLine(line)) {
      if (rec.primary) {
        finishRecord(rec, out);
        rec = fresh(null);
        titleBlocks = [];
      }
      rec.pre = [];
      const lastBlock = titleBlocks[titleBlocks.length - 1];
      if (lastBlock && lastBlock.block === line.block && previous && isTitleLine(previous)) lastBlock.text = `${lastBlock.text} ${line.text}`;
      else titleBlocks.push({ block: line.block, text: line.text });
      // The page repeats the title (short and detailed view): the last one stands.
      rec.title = titleBlocks[titleBlocks.length - 1].text;
      previous = line;
      continue;
    }
    previous = line;
    const label = LABEL.exec(line.text);
    if (label) {
      const value = collapse(line.text.slice(label[0].length));
      const name = label[1].toLowerCase();
      if (name === 'systematik') rec.systematik.push(...splitList(value));
      else if (name.startsWith('schlagw')) rec.schlagworte.push(...splitList(value));
      else if (name.startsWith('region')) rec.region = value || null;
      continue;
    }
    const refs = findRefs(line).filter(isEntryRef);
    if (!refs.length) {
      if (!rec.primary && rec.title !== null) rec.pre.push(line.text);
      else if (!rec.primary) rec.pre = [line.text]; // no title: only the line right before can be the type line
      continue;
    }
    for (const ref of refs) {
      if (!rec.primary) {
        const e = entryOf(ref, rec.pre, rec);
        rec.primary = e;
        rec.entries.push(e);
      } else {
        rec.entries.push(entryOf(ref, [], rec));
      }
    }
  }
  finishRecord(rec, out);

  if (!out.length) throw new ExtractError('not-portal', 'not a Landtag portal page: no Drucksache or Plenarprotokoll entries found');
  return dedupe(out);
}
