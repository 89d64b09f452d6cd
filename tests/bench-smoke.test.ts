// The benchmark's corpus generator on a tiny size: valid, distinct PDFs with
// the requested page counts, read through the real extractor. No timing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus, FIXTURE_DIR } from '../bench/corpus.js';
import { generateDrucksache } from '../bench/generate.js';
import { extractPdf } from '../src/extract/pdf.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('bench corpus generator', () => {
  it('makes exactly the requested pages, in the house style', async () => {
    for (const pages of [1, 2, 6]) {
      const g = generateDrucksache({ seed: 40 + pages, pages, drucksache: 12000 + pages });
      expect(g.pages).toBe(pages);
      const layout = await extractPdf(g.bytes);
      expect(layout.pages).toHaveLength(pages);
      const first = layout.pages[0].lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ');
      expect(first).toMatch(/LANDTAG NORDRHEIN-WESTFALEN/);
      expect(first).toContain(`Drucksache 18/${12000 + pages}`);
      expect(first).toMatch(/Antwort/);
      expect(first).toMatch(/hat die Kleine Anfrage \d+ mit Schreiben vom/);
      expect(first).toMatch(/Datum des Originals: \d\d\.\d\d\.\d{4}\/Ausgegeben:/);
      expect(layout.pages[0].lines.some((l) => l.bold && /^1\.\s/.test(l.text))).toBe(true);
      if (pages > 1) {
        const second = layout.pages[1].lines.map((l) => l.text);
        expect(second.some((t) => /^LANDTAG NORDRHEIN-WESTFALEN - 18\. Wahlperiode/.test(t))).toBe(true);
        expect(second).toContain('2');
      }
    }
  });

  it('draws ruled tables', async () => {
    // Over a few seeds some tables come out; their rulings reach the extractor.
    let tables = 0;
    let rulings = 0;
    for (let seed = 1; seed <= 6 && !tables; seed++) {
      const g = generateDrucksache({ seed, pages: 4 });
      tables += g.tables;
      if (g.tables) rulings = (await extractPdf(g.bytes)).pages.reduce((s, p) => s + p.rulings.length, 0);
    }
    expect(tables).toBeGreaterThan(0);
    expect(rulings).toBeGreaterThan(4);
  });

  it('is deterministic', () => {
    const a = generateDrucksache({ seed: 7, pages: 3 });
    const b = generateDrucksache({ seed: 7, pages: 3 });
    const c = generateDrucksache({ seed: 8, pages: 3 });
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(Buffer.from(a.bytes).equals(Buffer.from(c.bytes))).toBe(false);
  });

  it('builds a corpus of distinct valid PDFs with the recorded page counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
    dirs.push(dir);
    const corpus = await buildCorpus({ dir, targetPages: 30, seed: 99, fixtureDir: FIXTURE_DIR, fixtureCopies: 2 });
    expect(corpus.pages).toBeGreaterThanOrEqual(30);
    expect(corpus.generated).toBeGreaterThan(0);
    expect(new Set(corpus.files.map((f) => f.sha256)).size).toBe(corpus.files.length);
    expect(corpus.files.every((f) => f.pages >= 1 && f.pages <= 20)).toBe(true);
    for (const f of corpus.files) {
      const bytes = new Uint8Array(readFileSync(f.path));
      expect(bytes.length).toBe(f.bytes);
      const layout = await extractPdf(bytes);
      expect(layout.pages, f.path).toHaveLength(f.pages);
    }
  });
});
