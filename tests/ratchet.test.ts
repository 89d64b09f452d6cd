// The score ratchet: every gold case whose input is in tests/fixtures is ingested
// (through the CLI, in-process) and scored with the TypeScript port of
// ../shared/eval/score.py (tests/support/score.ts). tests/fixtures/ratchet.json
// holds the best score per case and component; a component below it fails the
// test. A better score prints a note: raise the stored value by hand (or run
// with RATCHET_WRITE=1 locally), so that the gain cannot be lost again.
//
// Inputs: the gold's "input" by its extension in fixtures/text (.txt), fixtures/pdf
// (.pdf: PDF cases come in by themselves once their PDF is there) or
// fixtures/portal (the portal pages). A byte-identical copy kept under another
// name (two cases may name the same input file) is given in ratchet.json
// "inputs": case → path below tests/fixtures.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import {
  COMPONENTS, type CaseScore, type Component, f1, type Gold, normLabel, normText, quickRatio, ratio, realQuickRatio,
  sameValue, scoreCase, sim,
} from './support/score.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const RATCHET_FILE = join(FIXTURES, 'ratchet.json');
const INPUT_DIR: Record<string, string> = { '.txt': 'text', '.pdf': 'pdf', '.html': 'portal', '.htm': 'portal' };
/** Scores are stored rounded to this many decimals; smaller differences are noise. */
const DECIMALS = 6;
const EPS = 10 ** -DECIMALS;

interface CaseInput {
  gold: Gold;
  /** Files to ingest. */
  files: string[];
  /** What scoreCase takes: the input file, or the folder of the portal pages. */
  scorePath: string;
}

function loadCases(inputs: Record<string, string>): { available: CaseInput[]; unavailable: { name: string; missing: string[] }[] } {
  const goldDir = join(FIXTURES, 'gold');
  const available: CaseInput[] = [];
  const unavailable: { name: string; missing: string[] }[] = [];
  for (const name of readdirSync(goldDir).sort()) {
    const file = join(goldDir, name, 'gold.json');
    if (!existsSync(file)) continue;
    const gold = JSON.parse(readFileSync(file, 'utf8')) as Gold;
    const names = gold.portal ? Object.keys(gold.portal) : [gold.input!];
    const files = !gold.portal && inputs[gold.case]
      ? [join(FIXTURES, inputs[gold.case])]
      : names.map((n) => join(FIXTURES, INPUT_DIR[extname(n).toLowerCase()] ?? 'unknown', n));
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length) unavailable.push({ name: gold.case, missing });
    else available.push({ gold, files, scorePath: gold.portal ? join(FIXTURES, 'portal') : files[0] });
  }
  return { available, unavailable };
}

type Ratchet = { cases: Record<string, Record<Component, number>>; inputs?: Record<string, string> } & Record<string, unknown>;
const ratchet = JSON.parse(readFileSync(RATCHET_FILE, 'utf8')) as Ratchet;
const { available, unavailable } = loadCases(ratchet.inputs ?? {});
const round = (x: number) => Number(x.toFixed(DECIMALS));

describe('score ratchet over the fixtures', () => {
  let dir: string;
  let db: Database.Database;
  const scores = new Map<string, CaseScore>();
  const improved: Record<string, Record<Component, number>> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drucksachen-ratchet-'));
    const dbPath = join(dir, 'score.sqlite');
    const files = [...new Set(available.flatMap((c) => c.files))];
    const log: string[] = [];
    const io = { out: (s: string) => log.push(s), err: (s: string) => log.push(s) };
    // --jobs 1: the readers on the main thread (the worker pool would run the compiled dist/ code).
    const code = await main(['ingest', ...files, '--db', dbPath, '--quiet', '--jobs', '1'], io);
    // 1 is allowed (an input that fails scores 0 below); anything else is a crash of the CLI.
    expect([0, 1], log.join('')).toContain(code);
    db = new Database(dbPath, { readonly: true });
    for (const c of available) scores.set(c.gold.case, scoreCase(db, c.scorePath, c.gold));
  });

  afterAll(() => {
    db?.close();
    if (Object.keys(improved).length) {
      const note = `ratchet: scores improved; raise the stored values in tests/fixtures/ratchet.json:\n${JSON.stringify(improved, null, 2)}`;
      console.log(note);
      if (process.env.RATCHET_WRITE === '1') {
        for (const [name, comps] of Object.entries(improved)) ratchet.cases[name] = { ...ratchet.cases[name], ...comps };
        writeFileSync(RATCHET_FILE, `${JSON.stringify(ratchet, null, 2)}\n`);
        console.log('ratchet: RATCHET_WRITE=1, tests/fixtures/ratchet.json updated');
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scores the text cases and every case stored in ratchet.json (its input must stay in tests/fixtures)', () => {
    const names = available.map((c) => c.gold.case);
    expect(names).toEqual(expect.arrayContaining(['nrw-17-10116-seed-txt', 'nrw-18-13528-txt', 'nrw-18-14087-txt']));
    const lost = Object.keys(ratchet.cases).filter((name) => !names.includes(name))
      .map((name) => `${name}: ${unavailable.find((u) => u.name === name)?.missing.join(', ') ?? 'no gold.json'}`);
    expect(lost, 'cases of ratchet.json that can no longer be scored').toEqual([]);
  });

  for (const c of available) {
    it(`${c.gold.case}: no component below the stored score`, () => {
      const s = scores.get(c.gold.case)!;
      expect(s.missing, `${c.gold.case}: no v_documents row for the input`).toBe(false);
      const stored = ratchet.cases[c.gold.case];
      if (!stored) {
        const measured = Object.fromEntries(COMPONENTS.map((k) => [k, round(s[k])])) as Record<Component, number>;
        console.log(`ratchet: new case ${c.gold.case}, add it to tests/fixtures/ratchet.json: ${JSON.stringify(measured)}`);
        improved[c.gold.case] = measured;
        return;
      }
      const worse: string[] = [];
      for (const k of COMPONENTS) {
        if (stored[k] === undefined) continue;
        if (s[k] < stored[k] - EPS) worse.push(`${k} ${round(s[k])} < ${stored[k]}`);
        else if (s[k] > stored[k] + EPS) (improved[c.gold.case] ??= {} as Record<Component, number>)[k] = round(s[k]);
      }
      const detail = `wrong meta: ${s.metaWrong.join(', ') || '-'}; table scores: ${s.tableScores.map(round).join(', ') || '-'}`;
      expect(worse, `${c.gold.case} got worse (${detail})`).toEqual([]);
    });
  }

  for (const u of unavailable) {
    it.skip(`${u.name}: input not in tests/fixtures (${u.missing.map((m) => m.slice(FIXTURES.length)).join(', ')})`, () => {});
  }
});

// ---------------------------------------------------------------------------
// The port itself: the expected numbers are what score.py (Python 3.11 difflib) prints.

describe('the scorer port agrees with score.py', () => {
  it('normalises text: NFC, soft hyphens, form feeds, line-end hyphenation, whitespace', () => {
    expect(normText('Maß-\nnahme')).toBe('Maßnahme');
    // score.py joins before any lower-case word, "und" too; an upper-case continuation keeps the hyphen.
    expect(normText('An-\nund Abwesenheit')).toBe('Anund Abwesenheit');
    expect(normText('ZAB-\nEssen')).toBe('ZAB- Essen');
    expect(normText('  a\u00adb\fc \u00a0d ')).toBe('ab c d');
    expect(normText('e\u0301')).toBe('é');
    expect(normText(null)).toBe('');
    expect(normText(52413)).toBe('52413');
  });

  it('normalises labels: markers dropped, case folded', () => {
    expect(['Zoom ¹⁾', 'Landwirtschaftskammer *', 'Straße 1)', 'Foo²³', 'Anzahl **', 'Größe\u00a0 ⁾', 'Cisco-ViKo (On-Premise)'].map(normLabel))
      .toEqual(['zoom', 'landwirtschaftskammer', 'strasse', 'foo', 'anzahl', 'grösse', 'cisco-viko (on-premise)']);
  });

  it('similarity: difflib ratio with the quick-ratio gate', () => {
    expect(sim('Maß-\nnahme halten', 'Maßnahme halten')).toBe(1);
    expect(sim('abc', 'xyz')).toBe(0);
    expect(sim('', 'x')).toBe(0);
    expect(sim('Die Fragen 3 und 4 werden wegen des Sachzusammenhangs gemeinsam beantwortet.', 'Die Fragen 3 und 4 werden gemeinsam beantwortet.'))
      .toBeCloseTo(0.6967741935483871, 12);
    expect(sim('Welche Tools entsprechen den „Leitplanken“ der LDI?', 'Welche Tools entsprechen den Leitplanken der LDI?')).toBeCloseTo(0.98, 12);
    expect(sim('Zoom ¹⁾', 'zoom')).toBeCloseTo(0.4909090909090909, 12);
  });

  it('ratio is difflib\'s matching-blocks ratio, not the LCS one', () => {
    const a = 'abbaabaab babbaaabbabbb';
    const b = 'abbaabaab babbaaaabbbbb';
    // difflib: 0.9130434782608695; 2 * LCS / T would be 0.9565217391304348.
    expect(ratio(a, b)).toBeCloseTo(0.9130434782608695, 12);
    expect(sim(a, b)).toBeCloseTo(0.9130434782608695, 12);
    expect(quickRatio('abcd', 'dcbx')).toBe(0.75);
    expect(realQuickRatio('ab', 'abcdef')).toBe(0.5);
  });

  it('F1 and value comparison', () => {
    expect([f1(0, 0, 0), f1(1, 2, 1), f1(0, 3, 0), f1(3, 3, 4)]).toEqual([1, 2 / 3, 0, 6 / 7]);
    expect(sameValue('ka_number', 3761, 3761)).toBe(true);
    expect(sameValue('ka_number', 3761, '3761')).toBe(true);
    expect(sameValue('ka_number', 3761, 'x')).toBe(false);
    expect(sameValue('drucksache', null, '')).toBe(true);
    expect(sameValue('drucksache', null, '17/1')).toBe(false);
    expect(sameValue('neudruck', 0, null)).toBe(true);
    expect(sameValue('title', 'Datenschutzkonforme Videokonferenz-Tools', 'Datenschutzkonforme Videokonferenz-Tool')).toBe(true);
    expect(sameValue('date', '2020-07-07', ' 2020-07-07')).toBe(true);
  });
});

describe('the scorer port on a damaged database gives the numbers of score.py', () => {
  // The numbers below are what score.py --db printed for the same damage.
  let dir: string;
  let db: Database.Database;
  const txt = (name: string) => join(FIXTURES, 'text', name);
  const gold = (name: string) => JSON.parse(readFileSync(join(FIXTURES, 'gold', name, 'gold.json'), 'utf8')) as Gold;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drucksachen-damage-'));
    const dbPath = join(dir, 'd.sqlite');
    const io = { out: () => {}, err: () => {} };
    expect(await main(['ingest', txt('nrw-17-10116.txt'), txt('nrw-18-14087.txt'), '--db', dbPath, '--quiet', '--jobs', '1'], io)).toBe(0);
    const w = new Database(dbPath);
    w.pragma('foreign_keys = OFF');
    w.exec(`
      UPDATE documents SET title = 'Videokonferenzen', letter_date = '2020-07-08' WHERE ka_drucksache = '17/9511';
      DELETE FROM answers WHERE ord = 3 AND document_id = (SELECT id FROM documents WHERE ka_drucksache = '17/9511');
      UPDATE cells SET value = 1 WHERE text = '52.413';
      DELETE FROM cells WHERE text = 'X' AND row = 2 AND table_id = (SELECT t.id FROM tables t WHERE t.kind = 'matrix');
      DELETE FROM footnotes WHERE marker = '2' AND document_id = (SELECT id FROM documents WHERE drucksache = '18/14087');
      UPDATE questions SET text = 'Wie oft?' WHERE number = 1 AND document_id = (SELECT id FROM documents WHERE drucksache = '18/14087');
      UPDATE persons SET name = 'Lisa Kapteinat' WHERE name = 'Lisa-Kristin Kapteinat';
    `);
    w.close();
    copyFileSync(dbPath, join(dir, 'copy.sqlite'));
    db = new Database(join(dir, 'copy.sqlite'), { readonly: true });
  });

  afterAll(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The fields of score.py's --json line, numbers rounded like table_scores are. */
  const asPrinted = (s: CaseScore) => ({
    meta: s.meta, meta_wrong: s.metaWrong, questions: s.questions, answers: s.answers, tables: s.tables,
    table_scores: s.tableScores.map((x) => Number(x.toFixed(3))), footnotes: s.footnotes, score: s.score,
  });
  const closeTo = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? expect.closeTo(v, 12) : v]));

  it('nrw-17-10116-seed-txt: title, letter date, one answer, one value and two marks damaged', () => {
    const s = scoreCase(db, txt('nrw-17-10116.txt'), gold('nrw-17-10116-seed-txt'));
    expect(asPrinted(s)).toEqual(closeTo(SCORE_PY['nrw-17-10116-seed-txt']));
  });

  it('nrw-18-14087-txt: asker name, question 1 and footnote 2 damaged', () => {
    const s = scoreCase(db, txt('nrw-18-14087.txt'), gold('nrw-18-14087-txt'));
    expect(asPrinted(s)).toEqual(closeTo(SCORE_PY['nrw-18-14087-txt']));
  });

  it('a case whose input was never ingested is missing', () => {
    const s = scoreCase(db, txt('nrw-18-13528.txt'), gold('nrw-18-13528-txt'));
    expect([s.missing, s.score]).toEqual([true, 0]);
  });
});

/** Printed by `score.py --db <the damaged database> --json` (the damage above), without "case" and "missing". */
const SCORE_PY: Record<string, Record<string, unknown>> = {
  'nrw-17-10116-seed-txt': { meta: 0.8571428571428572, meta_wrong: ['title', 'letter_date'], questions: 1.0, answers: 0.8, tables: 0.9458333333333333, table_scores: [0.933, 0.958], footnotes: 1.0, score: 0.9205952380952382 },
  'nrw-18-14087-txt': { meta: 0.9285714285714286, meta_wrong: ['askers'], questions: 0.8000000000000002, answers: 1.0, tables: 1.0, table_scores: [], footnotes: 0.888888888888889, score: 0.9234920634920636 },
};
