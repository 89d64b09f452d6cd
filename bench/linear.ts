// The linear-cost table: inputs of growing size through extract + transform + load (in-process,
// one in-memory database), time per MB or per page for each size. The per-unit cost of the
// largest input may be at most 1.5× that of the smallest (quadratic steps show up as 10×, 40×).
//
//   node dist/bench/linear.js [--quick]     (also: npm run bench -- --linear)
//
// Time is CPU time of this process (the pipeline runs on one thread here; pdf.js too): on a shared
// machine wall time mostly measures the neighbours. Small inputs are repeated so that every size
// costs about the same in total, and the best of three counts (noise only ever adds time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDocFile, openDb } from '../src/load/db.js';
import { processFile } from '../src/pipeline.js';
import { generateDrucksache } from './generate.js';

export const MAX_GROWTH = 1.5;

interface Case {
  name: string;
  unit: 'MB' | 'page';
  ext: string;
  sizes: number[];
  make(size: number): Uint8Array;
}

const MB = 1024 * 1024;

/** Repeat `block` until the text has `bytes` bytes. */
function fill(head: string, block: (i: number) => string, bytes: number, tail = ''): Uint8Array {
  const parts: string[] = [head];
  let n = head.length + tail.length;
  for (let i = 0; n < bytes; i++) {
    const b = block(i);
    parts.push(b);
    n += b.length;
  }
  parts.push(tail);
  return Buffer.from(parts.join(''), 'utf8');
}

const ANSWER_HEAD = `Antwort

der Landesregierung

auf die Kleine Anfrage 4711 vom 1. Januar 2024
der Abgeordneten Eva Eins AfD
Drucksache 18/4711

Messstellen an Brücken

Der Minister für Verkehr hat die Kleine Anfrage 4711 mit Schreiben vom 2. Januar 2024 namens der Landesregierung beantwortet.

`;

const answerBlock = (i: number) => `${i + 1}. Wie viele Messstellen gibt es im Kreis ${i % 53}?

Im Kreis ${i % 53} gibt es ${i * 7 % 101} Messstellen; sie werden jährlich geprüft, zuletzt im März.
Die Prüfberichte liegen der Landesregierung vor und werden auf Anfrage übermittelt.

${i % 10 === 0 ? `Kreis\tMessstellen\tGeprüft\n${Array.from({ length: 6 }, (_, k) => `Ort ${k}\t${k * 3}\t${k * 2}`).join('\n')}\n\n` : ''}`;

const portalRecord = (i: number) => `<div class="record"><p><b>Messstellen an Brücken im Kreis ${i}</b></p>
<p>Kleine Anfrage ${1 + i}<br>Eins, Eva AfD <a href="/d/${i}">Drucksache 18/${2 * i + 1}</a> 01.02.2024 2 S.</p>
<p>Antwort MV <a href="/d/a${i}">Drucksache 18/${2 * i + 2}</a> 01.03.2024 3 S.</p>
<p>Schlagworte: Brücke; Messstelle; Kreis ${i}</p></div>
`;

export function cases(quick: boolean): Case[] {
  const text = quick ? [0.05, 0.2, 0.8] : [0.1, 1, 4];
  const html = quick ? [0.05, 0.2, 0.8] : [0.1, 1, 4];
  const pages = quick ? [5, 20, 80] : [10, 100, 1000];
  return [
    { name: 'text answer', unit: 'MB', ext: '.txt', sizes: text, make: (s) => fill(ANSWER_HEAD, answerBlock, s * MB) },
    { name: 'text: one line of blanks', unit: 'MB', ext: '.txt', sizes: text, make: (s) => fill(ANSWER_HEAD, () => ' '.repeat(4096), s * MB, 'x\n') },
    { name: 'text: short lines', unit: 'MB', ext: '.txt', sizes: text, make: (s) => fill(ANSWER_HEAD, () => 'a\n', s * MB) },
    // One cell that grows: a blank run inside a value before its unit and marker (regexes with \s* before $).
    { name: 'text: one wide cell', unit: 'MB', ext: '.txt', sizes: text, make: (s) => {
      const blanks = ' '.repeat(Math.max(0, Math.floor((s * MB - ANSWER_HEAD.length - 200) / 2)));
      return Buffer.from(`${ANSWER_HEAD}1. Wie viele?\n\nSo viele:\n\nOrt\tAnteil\tKosten\nA\t1${blanks}2 %\t3${blanks}4 € *\nB\t5\t6 €\n`, 'utf8');
    } },
    { name: 'text: tab rows', unit: 'MB', ext: '.txt', sizes: text, make: (s) => fill(ANSWER_HEAD, (i) => `x\t${i}\t${i % 7}\n`, s * MB) },
    { name: 'html portal list', unit: 'MB', ext: '.html', sizes: html, make: (s) => fill('<html><body>', portalRecord, s * MB, '</body></html>') },
    { name: 'html: nested <div>', unit: 'MB', ext: '.html', sizes: html, make: (s) => {
      const n = Math.floor((s * MB) / 11);
      return Buffer.from(`<html><body>${'<div>'.repeat(n)}x${'</div>'.repeat(n)}</body></html>`);
    } },
    { name: 'html: unclosed <div>', unit: 'MB', ext: '.html', sizes: html, make: (s) => fill('<html><body>', () => '<div>', s * MB, '</body></html>') },
    { name: 'pdf answer', unit: 'page', ext: '.pdf', sizes: pages, make: (p) => generateDrucksache({ seed: 7000 + p, pages: p, drucksache: 7000 + p }).bytes },
  ];
}

export interface LinearRow {
  name: string;
  unit: string;
  sizes: number[];
  /** Milliseconds per unit, per size. */
  perUnit: number[];
  growth: number;
  pass: boolean;
}

async function timeOnce(path: string, bytes: Uint8Array): Promise<number> {
  const db = openDb(':memory:');
  try {
    const t0 = process.cpuUsage();
    const f = await processFile(path, undefined, bytes);
    if (f.status !== 'failed') loadDocFile(db, f, null);
    const used = process.cpuUsage(t0);
    return (used.user + used.system) / 1000;
  } finally {
    db.close();
  }
}

export async function runLinear(quick: boolean, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<LinearRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'drucksachen-linear-'));
  const rows: LinearRow[] = [];
  try {
    for (const c of cases(quick)) {
      const perUnit: number[] = [];
      await timeOnce(join(dir, `warm${c.ext}`), c.make(c.sizes[0])); // load pdf.js, compile the hot paths
      for (const size of c.sizes) {
        const bytes = c.make(size);
        const path = join(dir, `in-${size}${c.ext}`);
        const reps = Math.max(1, Math.round(c.sizes[c.sizes.length - 1] / size / 4));
        let best = Infinity;
        for (let trial = 0; trial < 3; trial++) {
          let ms = 0;
          for (let r = 0; r < reps; r++) ms += await timeOnce(path, bytes);
          best = Math.min(best, ms / reps);
          if (size === c.sizes[c.sizes.length - 1] && best > 5000) break; // the largest once is enough when it is slow
        }
        const units = c.unit === 'MB' ? bytes.length / MB : size;
        perUnit.push(best / units);
      }
      const growth = perUnit[perUnit.length - 1] / perUnit[0];
      const row = { name: c.name, unit: c.unit, sizes: c.sizes, perUnit, growth, pass: growth <= MAX_GROWTH };
      log(formatRow(row));
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function formatRow(r: LinearRow): string {
  const cells = r.sizes.map((s, i) => `${s} ${r.unit === 'MB' ? 'MB' : 'p'}: ${ms(r.perUnit[i])} ms/${r.unit}`);
  return `${r.name.padEnd(26)} ${cells.map((c) => c.padEnd(24)).join('')} growth ${r.growth.toFixed(2)}× ${r.pass ? 'PASS' : 'FAIL'}`;
}

export function formatLinear(rows: LinearRow[]): string {
  return [`Linear cost (time per unit; the largest may cost at most ${MAX_GROWTH}× the smallest)`, ...rows.map(formatRow)].join('\n') + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  void runLinear(quick, () => undefined).then((rows) => {
    process.stdout.write(formatLinear(rows));
    process.exitCode = rows.every((r) => r.pass) ? 0 : 1;
  });
}
