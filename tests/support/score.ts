// A TypeScript port of the essential scoring of ../shared/eval/score.py, so that
// the test suite can hold the project's score without Python or /work/shared.
// Keep it in step with score.py: same normalisation, same similarity (a port of
// difflib.SequenceMatcher with autojunk=False), same F1 per component.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

export const META_FIELDS = ['drucksache', 'wahlperiode', 'doc_type', 'neudruck', 'title', 'date', 'date_original',
  'date_issued', 'ka_number', 'ka_date', 'ka_drucksache', 'answered_by', 'letter_date'] as const;

export const PORTAL_FIELDS = ['doc_type', 'title', 'date', 'pages', 'ka_number', 'ka_drucksache', 'ministry', 'neudruck',
  'systematik', 'schlagworte', 'region', 'askers'] as const;

/** The components of a case's score, as score.py reports them. */
export const COMPONENTS = ['meta', 'questions', 'answers', 'tables', 'footnotes', 'score'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface CaseScore {
  case: string;
  missing: boolean;
  meta: number;
  questions: number;
  answers: number;
  tables: number;
  footnotes: number;
  score: number;
  metaWrong: string[];
  tableScores: number[];
}

// Python's str.isspace() characters (\s of a str pattern), not JavaScript's \s (which adds U+FEFF).
const WS = '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
// Python's \w on str: letters, digits and numerics, underscore.
const WORD = '[\\p{L}\\p{N}_]';
const HYPHEN_AT_LINE_END = new RegExp(`(${WORD})-[ \\t]*\\n${WS}*(?=[a-zäöüß])`, 'gu');
const WS_RUN = new RegExp(`${WS}+`, 'gu');
const MARKER = new RegExp(`(${WS}*(\\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\\)?|⁾|\\d\\)))+$`, 'u');

/** score.py norm_text: NFC, no soft hyphens, form feed = line break, line-end hyphenation joined, whitespace collapsed. */
export function normText(s: unknown): string {
  if (s === null || s === undefined) return '';
  let t = String(s).normalize('NFC').replace(/\u00ad/g, '').replace(/\f/g, '\n');
  t = t.replace(HYPHEN_AT_LINE_END, '$1');
  return t.replace(WS_RUN, ' ').trim();
}

/** Python's str.casefold(), close enough for labels: lower case, ß → ss. */
const casefold = (s: string) => s.toLowerCase().replace(/ß/g, 'ss');

/** score.py norm_label: norm_text, trailing footnote markers dropped, case folded. */
export function normLabel(s: unknown): string {
  return casefold(normText(s).replace(MARKER, '').trim());
}

// ---------------------------------------------------------------------------
// difflib.SequenceMatcher(None, a, b, autojunk=False), on code points

type Block = [number, number, number];

function matchingBlocks(a: string[], b: string[]): Block[] {
  const b2j = new Map<string, number[]>();
  b.forEach((ch, j) => {
    const list = b2j.get(ch);
    if (list) list.push(j);
    else b2j.set(ch, [j]);
  });
  const longest = (alo: number, ahi: number, blo: number, bhi: number): Block => {
    let besti = alo, bestj = blo, bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(a[i]) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    // No junk: the extension loops of difflib cannot grow the match (kept for fidelity).
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--; bestj--; bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  };
  const blocks: Block[] = [];
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const x = longest(alo, ahi, blo, bhi);
    const [i, j, k] = x;
    if (k) {
      blocks.push(x);
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  return blocks;
}

/** difflib's ratio(): 2 * matches / total length. */
export function ratio(a: string, b: string): number {
  const x = Array.from(a), y = Array.from(b);
  const total = x.length + y.length;
  if (!total) return 1;
  const m = matchingBlocks(x, y).reduce((n, [, , k]) => n + k, 0);
  return (2 * m) / total;
}

/** difflib's quick_ratio(): an upper bound from the multiset of characters. */
export function quickRatio(a: string, b: string): number {
  const x = Array.from(a), y = Array.from(b);
  const total = x.length + y.length;
  if (!total) return 1;
  const avail = new Map<string, number>();
  for (const ch of y) avail.set(ch, (avail.get(ch) ?? 0) + 1);
  let m = 0;
  for (const ch of x) {
    const n = avail.get(ch) ?? 0;
    if (n > 0) m++;
    avail.set(ch, n - 1);
  }
  return (2 * m) / total;
}

/** difflib's real_quick_ratio(): an upper bound from the lengths. */
export function realQuickRatio(a: string, b: string): number {
  const la = Array.from(a).length, lb = Array.from(b).length;
  return la + lb ? (2 * Math.min(la, lb)) / (la + lb) : 1;
}

/** score.py sim(). */
export function sim(a: unknown, b: unknown): number {
  const x = normText(a), y = normText(b);
  if (x === y) return 1;
  if (!x || !y) return 0;
  if (realQuickRatio(x, y) < 0.9 || quickRatio(x, y) < 0.9) return quickRatio(x, y) * 0.9;
  return ratio(x, y);
}

export function f1(hit: number, nGold: number, nPred: number): number {
  if (nGold === 0 && nPred === 0) return 1;
  const p = nPred ? hit / nPred : 0;
  const r = nGold ? hit / nGold : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

/** Python's int() of a database value: whole numbers and integer strings only. */
function pyInt(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v === 'string' && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(v)) return Number(v.replace(/_/g, ''));
  return null;
}

/** score.py same_value(). */
export function sameValue(field: string, gold: unknown, pred: unknown): boolean {
  if (gold === null || gold === undefined) return pred === null || pred === undefined || pred === '';
  if (field === 'title' || field === 'answered_by') return sim(gold, pred) >= 0.95;
  if (field === 'neudruck') return (pyInt(gold || 0) ?? NaN) === (pyInt(pred || 0) ?? NaN);
  if (typeof gold === 'number' && Number.isInteger(gold)) return pyInt(pred) === gold;
  return normText(gold) === normText(pred);
}

const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

type Row = Record<string, unknown>;
const rows = (db: Database.Database, sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Row[];

/** A gold file as FORMAT.md describes it (only the parts the scorer reads). */
export interface Gold {
  case: string;
  input?: string;
  document?: Record<string, unknown> & { askers?: { name: string; faction: string | null }[] };
  questions?: { number: number; text: string }[];
  answers?: { questions: number[]; text: string }[];
  tables?: {
    kind: string;
    marks?: [string, string][];
    values?: { row: string; col: string; value: number }[];
    /** generic tables: the rows of text cells. */
    rows?: unknown[];
  }[];
  footnotes?: { marker: string; text: string }[];
  portal?: Record<string, { count: number; entries: (Record<string, unknown> & { drucksache: string })[] }>;
}

const splitList = (v: unknown) =>
  String(v || '').split(new RegExp(`${WS}*;${WS}*`, 'u')).filter((x) => x.trim()).map(normLabel).sort();
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const pyStr = (v: unknown) => (v === null || v === undefined ? 'None' : String(v));

/** score.py score_portal(): `inputDir` holds the portal pages named in the gold. */
export function scorePortal(db: Database.Database, inputDir: string, gold: Gold): CaseScore {
  const out: CaseScore = { case: gold.case, missing: false, meta: 0, questions: 1, answers: 1, tables: 1, footnotes: 1, score: 0, metaWrong: [], tableScores: [] };
  let checked = 0, right = 0;
  for (const [name, want] of Object.entries(gold.portal!)) {
    const digest = sha256File(join(inputDir, name));
    const got = rows(db, 'select * from v_portal_entries where source_sha256 = ?', digest);
    const byNr = new Map<string, Row>();
    for (const g of got) byNr.set(normText(g.drucksache).replace(/ /g, ''), g);
    checked++;
    if (got.length === want.count) right++;
    else out.metaWrong.push(`${name}:count=${got.length}`);
    for (const e of want.entries) {
      const p = byNr.get(e.drucksache);
      for (const f of PORTAL_FIELDS) {
        if (!(f in e)) continue;
        checked++;
        let ok: boolean;
        if (!p) ok = false;
        else if (f === 'systematik' || f === 'schlagworte') ok = sameList(splitList(p[f]), (e[f] as string[]).map(normLabel).sort());
        else if (f === 'askers') {
          const want = (e[f] as { name: string; faction: string | null }[]).map((a) => normLabel(`${a.name} (${pyStr(a.faction)})`)).sort();
          ok = sameList(splitList(p[f]), want);
        } else ok = sameValue(f, e[f], p[f]);
        if (ok) right++;
        else out.metaWrong.push(`${e.drucksache}:${f}`);
      }
    }
  }
  out.meta = checked ? right / checked : 0;
  out.score = out.meta;
  return out;
}

const pairKey = (...parts: unknown[]) => JSON.stringify(parts);

/** score.py score_case(): `inputPath` is the case's input file (its sha256 finds the rows). */
export function scoreCase(db: Database.Database, inputPath: string, gold: Gold): CaseScore {
  if (gold.portal) return scorePortal(db, inputPath, gold);
  const digest = sha256File(inputPath);
  const out: CaseScore = { case: gold.case, missing: false, meta: 0, questions: 0, answers: 0, tables: 0, footnotes: 0, score: 0, metaWrong: [], tableScores: [] };
  const docs = rows(db, 'select * from v_documents where source_sha256 = ?', digest);
  if (!docs.length) return { ...out, missing: true };
  const d = docs[0];
  const g = gold.document ?? {};
  const wrong = META_FIELDS.filter((f) => f in g && !sameValue(f, g[f], d[f])) as string[];
  const goldAskers = (g.askers ?? []).map((a) => pairKey(normLabel(a.name), normLabel(a.faction))).sort();
  const predAskers = rows(db, 'select * from v_askers where source_sha256 = ? order by ord', digest)
    .map((a) => pairKey(normLabel(a.name), normLabel(a.faction))).sort();
  const nMeta = META_FIELDS.filter((f) => f in g).length + 1;
  if (!sameList(goldAskers, predAskers)) wrong.push('askers');
  out.meta = 1 - wrong.length / nMeta;
  out.metaWrong = wrong;

  const pq = rows(db, 'select number, text from v_questions where source_sha256 = ?', digest);
  const goldQ = gold.questions ?? [];
  let hit = goldQ.filter((q) => pq.some((p) => String(p.number) === String(q.number) && sim(q.text, p.text) >= 0.9)).length;
  out.questions = f1(hit, goldQ.length, pq.length);

  const pa = rows(db, 'select question_numbers, text from v_answers where source_sha256 = ?', digest);
  const qset = (v: unknown) => (String(v || '').match(/\d+/g) ?? []).map(Number).sort((x, y) => x - y).join(',');
  const goldA = gold.answers ?? [];
  hit = goldA.filter((a) => pa.some((p) => qset(p.question_numbers) === [...a.questions].sort((x, y) => x - y).join(',') && sim(a.text, p.text) >= 0.9)).length;
  out.answers = f1(hit, goldA.length, pa.length);

  const pt = rows(db, 'select table_ord, kind from v_tables where source_sha256 = ? order by table_ord', digest);
  const used = new Set<unknown>();
  const goldT = gold.tables ?? [];
  for (const t of goldT) {
    if (t.kind === 'generic') {
      // A table of text: every non-empty cell, keyed by the first cell of its row.
      const want = new Set((t.rows as string[][]).flatMap((r) => r.filter((c) => normText(c)).map((c) => pairKey(normLabel(r[0]), normLabel(c)))));
      let best = 0, bestOrd: unknown = null;
      for (const p of pt) {
        if (used.has(p.table_ord)) continue;
        const cells = new Map<unknown, string[]>();
        for (const r of rows(db, 'select row, col, text from v_table_cells where source_sha256 = ? and table_ord = ? order by row, col', digest, p.table_ord)) {
          if (!cells.has(r.row)) cells.set(r.row, []);
          cells.get(r.row)!.push(String(r.text ?? ''));
        }
        const got = new Set([...cells.values()].flatMap((r) => r.filter((c) => normText(c)).map((c) => pairKey(normLabel(r[0]), normLabel(c)))));
        const s = f1([...want].filter((k) => got.has(k)).length, want.size, got.size);
        if (s > best) { best = s; bestOrd = p.table_ord; }
      }
      if (bestOrd !== null) used.add(bestOrd);
      out.tableScores.push(best);
      continue;
    }
    const matrix = t.kind === 'matrix';
    const want = new Set(matrix
      ? t.marks!.map(([r, c]) => pairKey(normLabel(r), normLabel(c)))
      : t.values!.map((v) => pairKey(normLabel(v.row), normLabel(v.col), Number(v.value))));
    const sql = matrix
      ? 'select row_label, col_label from v_matrix_marks where source_sha256 = ? and table_ord = ?'
      : 'select row_label, col_label, value from v_count_values where source_sha256 = ? and table_ord = ?';
    let best = 0, bestOrd: unknown = null;
    for (const p of pt) {
      if (used.has(p.table_ord) || p.kind !== t.kind) continue;
      const got = new Set<string>();
      for (const r of rows(db, sql, digest, p.table_ord)) {
        if (!matrix && r.value === null) continue;
        got.add(matrix ? pairKey(normLabel(r.row_label), normLabel(r.col_label)) : pairKey(normLabel(r.row_label), normLabel(r.col_label), Number(r.value)));
      }
      const common = [...want].filter((k) => got.has(k)).length;
      const s = f1(common, want.size, got.size);
      if (s > best) {
        best = s;
        bestOrd = p.table_ord;
      }
    }
    if (bestOrd !== null) used.add(bestOrd);
    out.tableScores.push(best);
  }
  const denom = Math.max(goldT.length, pt.length);
  out.tables = denom === 0 ? 1 : out.tableScores.reduce((a, b) => a + b, 0) / denom;

  const pf = rows(db, 'select marker, text from v_footnotes where source_sha256 = ?', digest);
  const goldF = gold.footnotes ?? [];
  hit = goldF.filter((fn) => pf.some((p) => normLabel(p.marker) === normLabel(fn.marker) && sim(fn.text, p.text) >= 0.9)).length;
  out.footnotes = f1(hit, goldF.length, pf.length);
  // A part that the gold file leaves out is not scored (a real document annotated in part).
  const parts = (['questions', 'answers', 'tables', 'footnotes'] as const).filter((k) => k in gold).map((k) => out[k]);
  out.score = [out.meta, ...parts].reduce((a, b) => a + b, 0) / (parts.length + 1);
  return out;
}
