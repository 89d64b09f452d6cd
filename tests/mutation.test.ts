// A bounded mutation test: a few hundred corrupted variants (truncations, byte
// flips, spliced chunks; seeded, so every run feeds the same bytes) of sample
// PDFs through the real batch (worker threads, per-file time limit, one
// writer). No input may crash the process or hang it, and none may leave a
// half document.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/commands/ingest.js';
import { openDb } from '../src/load/db.js';
import { sha256Of } from '../src/pipeline.js';
import { checkIntegrity } from '../src/run/integrity.js';
import { poolProcessor } from '../src/run/pool.js';
import { ensureBuilt, rng } from './support/testing.js';
import { PdfWriter } from './support/pdf-writer.js';

const BAD = join(__dirname, 'fixtures', 'bad');
const SEED = 20240607;

/** A small uncompressed answer in the house style: mutations hit its objects and text directly. */
function smallAnswer(): Uint8Array {
  const w = new PdfWriter({ info: { Title: 'Drucksache 18/4711' } });
  const p = w.page();
  p.text(72, 60, 'LANDTAG NORDRHEIN-WESTFALEN', { size: 12, bold: true }).text(400, 60, 'Drucksache 18/4711', { size: 12, bold: true });
  p.text(72, 78, '18. Wahlperiode', { size: 10 }).text(450, 78, '02.06.2025', { size: 10 });
  p.text(72, 120, 'Antwort', { size: 14, bold: true }).text(72, 140, 'der Landesregierung', { size: 11 });
  p.text(72, 158, 'auf die Kleine Anfrage 1234 vom 5. Mai 2025', { size: 11 });
  p.text(72, 176, 'der Abgeordneten Erika Musterfrau SPD', { size: 11 }).text(72, 194, 'Drucksache 18/4600', { size: 11 });
  p.text(72, 230, 'Sitzplätze in Landesbehörden', { size: 12, bold: true });
  p.text(72, 270, '1. Wie viele Sitzplätze gibt es?', { size: 11, bold: true });
  p.text(72, 295, 'Die Zahl der Sitzplätze ergibt sich aus der Übersicht:', { size: 11 });
  const rows = [['Behörde', 'Plätze'], ['Ministerium A', '1.234'], ['Ministerium B', '56'], ['Summe', '1.290']];
  rows.forEach((r, i) => {
    p.text(80, 325 + i * 18, r[0], { size: 10, bold: i === 0 }).text(300, 325 + i * 18, r[1], { size: 10, bold: i === 0 });
    p.line(72, 312 + i * 18, 400, 312 + i * 18, 0.5);
  });
  p.text(72, 420, '2. Wann wurde das zuletzt geprüft?', { size: 11, bold: true });
  p.text(72, 445, 'Zuletzt im März 2025.', { size: 11 });
  return w.toBytes();
}

function mutate(src: Uint8Array, others: Uint8Array[], r: () => number, kind: number): Uint8Array {
  const at = (n: number) => Math.floor(r() * n);
  if (kind === 0) return src.subarray(0, 1 + at(src.length - 1)); // truncated
  if (kind === 1) {
    const b = Uint8Array.from(src); // byte flips
    for (let k = 1 + at(24); k > 0; k--) b[at(b.length)] = at(256);
    return b;
  }
  if (kind === 2) {
    const o = others[at(others.length)]; // a chunk of another file spliced in
    const from = at(o.length);
    const chunk = o.subarray(from, from + 1 + at(4096));
    const pos = at(src.length);
    return Uint8Array.from([...src.subarray(0, pos), ...chunk, ...src.subarray(pos + at(512))]);
  }
  const b = Uint8Array.from(src); // a run of the file overwritten with zeros or spaces
  const pos = at(b.length);
  b.fill(r() < 0.5 ? 0 : 0x20, pos, pos + 1 + at(2048));
  return b;
}

describe('mutation', () => {
  let dir: string;
  const variants: string[] = [];

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mutation-'));
    mkdirSync(join(dir, 'in'));
    const real = ['sample-17-10116.pdf', 'sample-18-14087.pdf', 'sample-17-10116-portal.pdf'].map((f) => new Uint8Array(readFileSync(join(BAD, f))));
    const small = smallAnswer();
    const r = rng(SEED);
    const plan: [Uint8Array, number][] = [...real.map((b) => [b, 16] as [Uint8Array, number]), [small, 192]];
    let n = 0;
    for (const [src, count] of plan) {
      for (let i = 0; i < count; i++, n++) {
        const p = join(dir, 'in', `v${String(n).padStart(3, '0')}.pdf`);
        writeFileSync(p, mutate(src, [...real, small], r, i % 4));
        variants.push(p);
      }
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('no variant crashes, hangs or leaves a half document', async () => {
    expect(variants).toHaveLength(240);
    const db = join(dir, 'db.sqlite');
    let log = '';
    const sum = await ingest([join(dir, 'in')], { db, csvDialect: 'rfc4180', jobs: 2, reparse: false, quiet: true, timeoutMs: 20_000 },
      { out() {}, err: (s) => void (log += s) }, poolProcessor());
    const distinct = new Set(variants.map((p) => sha256Of(readFileSync(p)))).size;
    expect(sum.seen).toBe(variants.length);
    expect(sum.loaded + sum.failed).toBe(distinct);
    const d = openDb(db);
    try {
      expect(checkIntegrity(d)).toEqual([]);
      const rows = d.prepare('SELECT path, status, error FROM sources').all() as { path: string; status: string; error: string | null }[];
      expect(rows).toHaveLength(distinct);
      for (const row of rows) {
        expect(['ok', 'partial', 'failed']).toContain(row.status);
        if (row.status !== 'ok') expect(row.error, row.path).toMatch(/\w/);
        // A thread that died is handled, but it would be a bug in the reader: none expected.
        expect(row.error ?? '', row.path).not.toMatch(/^the reader (crashed|ran out of memory|stopped unexpectedly)/);
      }
      const byStatus = d.prepare('SELECT status, count(*) AS n FROM sources GROUP BY status ORDER BY status').all();
      const timeouts = rows.filter((x) => x.error?.startsWith('timed out')).length;
      const internal = rows.filter((x) => x.error?.startsWith('internal error')).map((x) => `${x.path}: ${x.error}`);
      console.log(`mutation: ${JSON.stringify(byStatus)}, ${timeouts} timed out, ${internal.length} internal errors${internal.length ? `\n  ${internal.slice(0, 5).join('\n  ')}` : ''}`);
      // Some variants still read fine, many do not: the mix is what makes the test.
      expect(rows.some((x) => x.status === 'failed')).toBe(true);
      expect(rows.some((x) => x.status !== 'failed')).toBe(true);
    } finally {
      d.close();
    }
  });
});
