// `drucksachen search <query>`: bm25-ranked hits from the full-text index
// (src/load/fts.ts). Words first (unicode61, umlauts folded), then parts of
// words (trigram: "konferenz" finds "Videokonferenz-Tools") that the word index
// did not find. Current versions only unless --all-versions.
import { existsSync } from 'node:fs';
import { UsageError } from '../cli/args.js';
import { openDb, type DB } from '../load/db.js';
import { ensureIndexed } from '../load/fts.js';
import type { Io } from './progress.js';


export interface SearchOptions {
  db: string;
  parliament?: string | undefined;
  wp?: number | undefined;
  ministry?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  json: boolean;
  allVersions: boolean;
}

export interface SearchHit {
  drucksache: string | null;
  title: string | null;
  date: string | null;
  parliament: string | null;
  wahlperiode: number | null;
  answered_by: string | null;
  ministry: string | null;
  /** title, preliminary, question, answer, cell, footnote, table_note */
  kind: string;
  ref: string | null;
  /** "answer 2", "table 1, row 3, column 2", … */
  where: string;
  page: number | null;
  snippet: string;
  /** bm25 of the index that found it (lower is better). */
  score: number;
  /** word: found as a word or prefix; part: found inside a word (trigram). */
  match: 'word' | 'part';
  is_current: number;
  source_path: string;
}

/** Marks around the matched text in snippets. */
export const MARK = ['«', '»'] as const;

const DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

export function describePart(kind: string, ref: string | null): string {
  if (kind === 'cell' && ref) {
    const [t, r, c] = ref.split(':').map(Number);
    return `table ${t}, row ${r + 1}, column ${c + 1}`;
  }
  if (kind === 'table_note' && ref) {
    const i = ref.indexOf(':');
    return `table ${ref.slice(0, i)}, note ${ref.slice(i + 1)}`;
  }
  const names: Record<string, string> = { title: 'title', preliminary: 'Vorbemerkung', question: 'question', answer: 'answer', footnote: 'footnote' };
  return ref ? `${names[kind] ?? kind} ${ref}` : names[kind] ?? kind;
}

const BARE = /^[\p{L}\p{N}_\u001a]+$/u;

/**
 * The query as FTS5 should read it. FTS5 barewords are letters, digits and
 * "_" only, so words as people type them ("Videokonferenz-Tools", "Covid-19",
 * "18/14087", "z.B.") are a syntax error or, worse, read as a column filter
 * ("-Tools"). Such a word becomes a phrase ("Covid-19" → covid 19 in a row);
 * quoted text, AND/OR/NOT, NEAR(…), parentheses, prefix* and ^ stay as written.
 * One pass over the query: linear in its length.
 */
export function ftsQuery(query: string): string {
  const out: string[] = [];
  let i = 0;
  let near = 0; // open parentheses inside NEAR(…): "a b, 5" keeps its comma
  while (i < query.length) {
    const ch = query[i];
    if (/\s/.test(ch)) { out.push(ch); i++; continue; }
    if (ch === '"') {
      // A quoted phrase as written, up to its closing quote ("" inside is a quote).
      let j = i + 1;
      while (j < query.length) {
        if (query[j] === '"' && query[j + 1] === '"') j += 2;
        else if (query[j] === '"') break;
        else j++;
      }
      out.push(query.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < query.length && !/\s/.test(query[j]) && query[j] !== '"') j++;
    out.push(chunk(query.slice(i, j)));
    i = j;
  }
  return out.join('');

  function chunk(c: string): string {
    let head = '';
    let tail = '';
    if (/^NEAR\(/.test(c)) { head = 'NEAR('; c = c.slice(5); near++; }
    while (c.startsWith('(') || c.startsWith('^')) { head += c[0]; c = c.slice(1); }
    for (;;) {
      if (c.endsWith(')')) { tail = `)${tail}`; c = c.slice(0, -1); if (near) near--; }
      else if (c.endsWith('*')) { tail = `*${tail}`; c = c.slice(0, -1); }
      else if (near && c.endsWith(',')) { tail = `,${tail}`; c = c.slice(0, -1); }
      else break;
    }
    if (c === '' || BARE.test(c) || c === 'AND' || c === 'OR' || c === 'NOT') return head + c + tail;
    if (/^text:/i.test(c) || (near && /^\d+$/.test(c))) return head + c + tail; // the index's one column
    return `${head}"${c}"${tail}`;
  }
}

/** Hits for one query; a query FTS5 cannot parse is a UsageError with its reason. */
export function search(db: DB, query: string, o: Omit<SearchOptions, 'db' | 'json'>): SearchHit[] {
  if (!query.trim()) throw new UsageError('search needs a query');
  if (o.from !== undefined && !DATE.test(o.from)) throw new UsageError(`--from takes a date like 2024-01-01, not "${o.from}"`);
  if (o.to !== undefined && !DATE.test(o.to)) throw new UsageError(`--to takes a date like 2024-12-31, not "${o.to}"`);
  ensureIndexed(db);
  const match = ftsQuery(query);
  const where: string[] = [];
  const params: unknown[] = [];
  if (!o.allVersions) where.push('d.is_current = 1');
  if (o.parliament !== undefined) {
    // Codes (NW) and names or parts of names ("Westfalen") both work; a known code is never read
    // as a part of a name ("HE" is Hessen, not every name with "he" in it).
    const p = o.parliament.trim();
    where.push(`(CASE WHEN EXISTS (SELECT 1 FROM parliaments WHERE code = ? COLLATE NOCASE)
      THEN d.parliament = ? COLLATE NOCASE
      ELSE d.parliament IN (SELECT code FROM parliaments WHERE name LIKE '%' || ? || '%') END)`);
    params.push(p, p, p);
  }
  if (o.wp !== undefined) { where.push('d.wahlperiode = ?'); params.push(o.wp); }
  if (o.ministry !== undefined) {
    // A code (IM, MKW) means exactly its ministries; it is not read as a part of a name ("IM" is in "Klimaschutz").
    const coded = db.prepare('SELECT 1 FROM body_codes WHERE code = ? COLLATE NOCASE').get(o.ministry.trim());
    if (coded) {
      where.push('b.name IN (SELECT name FROM body_codes WHERE code = ? COLLATE NOCASE)');
      params.push(o.ministry.trim());
    } else {
      where.push("(b.name LIKE '%' || ? || '%' OR d.answered_by LIKE '%' || ? || '%')");
      params.push(o.ministry, o.ministry);
    }
  }
  if (o.from !== undefined) { where.push('d.date >= ?'); params.push(o.from); }
  if (o.to !== undefined) { where.push('substr(d.date, 1, ?) <= ?'); params.push(o.to.length, o.to); }
  const filter = where.length ? `AND ${where.join(' AND ')}` : '';
  const run = (index: 'search_words' | 'search_trigram', tokens: number, limit: number) =>
    db.prepare(
      `SELECT d.drucksache, d.title, d.date, d.parliament, d.wahlperiode, d.answered_by, b.name AS ministry,
              p.id AS part_id, p.kind, p.ref, p.page, d.is_current, s.path AS source_path,
              snippet(${index}, 0, '${MARK[0]}', '${MARK[1]}', '…', ${tokens}) AS snippet, bm25(${index}) AS score
       FROM ${index} JOIN search_parts p ON p.id = ${index}.rowid
       JOIN documents d ON d.id = p.document_id JOIN sources s ON s.id = d.source_id
       LEFT JOIN bodies b ON b.id = d.ministry_id
       WHERE ${index} MATCH ? ${filter}
       ORDER BY score, d.date DESC, p.id LIMIT ?`,
    ).all(match, ...params, limit) as (SearchHit & { part_id: number })[];
  let words: (SearchHit & { part_id: number })[];
  try {
    words = run('search_words', 16, o.limit);
  } catch (e) {
    throw queryError(e, query);
  }
  const hits: SearchHit[] = words.map((h) => ({ ...h, match: 'word' as const }));
  if (hits.length < o.limit) {
    const seen = new Set(words.map((h) => h.part_id));
    let parts: (SearchHit & { part_id: number })[];
    try {
      parts = run('search_trigram', 48, o.limit + seen.size);
    } catch {
      parts = []; // a query the word index took but trigrams cannot (short terms): words only
    }
    for (const h of parts) {
      if (hits.length >= o.limit) break;
      if (!seen.has(h.part_id)) hits.push({ ...h, match: 'part' });
    }
  }
  return hits.map(({ part_id: _, ...h }: SearchHit & { part_id?: number }) => ({ ...h, where: describePart(h.kind, h.ref) }));
}

function queryError(e: unknown, query: string): Error {
  const msg = (e as Error)?.message ?? String(e);
  if ((e as Error)?.name === 'SqliteError' && /fts5|syntax error|no such column|unterminated|unknown special query/i.test(msg)) {
    return new UsageError(`search: cannot read the query ${JSON.stringify(query)}: ${msg.replace(/^fts5: /, '')} (FTS5 syntax: words, "a phrase", prefix*, AND, OR, NOT, NEAR(a b); put text in double quotes to search it as it is)`);
  }
  return e as Error;
}

export function searchCommand(query: string, o: SearchOptions, io: Io): number {
  if (!existsSync(o.db)) throw new UsageError(`no database at ${o.db} (run "drucksachen ingest" first, or give --db)`);
  const db = openDb(o.db);
  try {
    const hits = search(db, query, o);
    if (o.json) {
      io.out(`${JSON.stringify(hits, null, 2)}\n`);
      return 0;
    }
    if (!hits.length) {
      io.err(`no hits for ${JSON.stringify(query)}\n`);
      return 0;
    }
    // Document text is untrusted: control characters (ESC sequences) must not reach the terminal.
    const plain = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
    hits.forEach((h, i) => {
      const who = h.ministry ?? h.answered_by;
      const head = plain([h.drucksache ?? h.source_path, h.date, who].filter(Boolean).join(' · '));
      const old = h.is_current ? '' : ' [older version]';
      io.out(`${i + 1}. ${head}${old}\n   ${h.where}${h.page ? `, page ${h.page}` : ''}${h.match === 'part' ? ' (part of a word)' : ''}\n   ${plain(h.snippet).replace(/\s+/g, ' ')}\n`);
    });
    return 0;
  } finally {
    db.close();
  }
}
