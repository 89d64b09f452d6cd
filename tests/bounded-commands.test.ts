// `layout` and `tables` read the PDF in a reader thread under the limits of ingest (heap limit,
// memory of the process, --timeout): a hostile PDF ends in one coded line and exit 1, never in
// V8's out-of-memory trace. Through the real CLI; the heap limit is made small through the
// test-only environment (DRUCKSACHEN_TEST_HEAP_MB), as in hardening.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from './support/testing.js';
import { inflatingPdf } from './support/hostile.js';

const dir = mkdtempSync(join(tmpdir(), 'bounded-'));
const bomb = join(dir, 'bomb.pdf');
const GOOD = join(import.meta.dirname, 'fixtures', 'tables', 'nrw-17-10116-libreoffice.pdf');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  ensureBuilt();
  writeFileSync(bomb, inflatingPdf('BT /F1 9 Tf 10 800 Td (Bomb text here) Tj ET\n', 400_000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('layout and tables under the limits of ingest', () => {
  for (const cmd of ['tables', 'layout']) {
    it(`${cmd}: a PDF that takes longer than --timeout is one line with limit.time, exit 1`, () => {
      const r = cli([cmd, bomb, '--timeout', '200ms']);
      expect([r.code, r.out]).toEqual([1, '']);
      expect(r.err).toBe(`drucksachen: ${bomb}: timed out: reading the file took longer than 200 ms (damaged, or unusually large); it was given up [limit.time]\n`);
    });

    it(`${cmd}: a PDF that inflates past the reader's heap is one line with limit.memory, exit 1, no V8 trace`, () => {
      const r = cli([cmd, bomb], { DRUCKSACHEN_TEST_HEAP_MB: '48' });
      expect([r.code, r.out]).toEqual([1, '']);
      expect(r.err).toMatch(/^drucksachen: \S+bomb\.pdf: the reader ran out of memory \(limit 48 MB\): the file is too large or damaged \[limit\.memory\]\n$/);
    });
  }

  it('a good PDF reads as before through the reader thread', () => {
    const tables = cli(['tables', GOOD, '--json', '--timeout', '2m']);
    expect([tables.code, tables.err]).toEqual([0, '']);
    expect((JSON.parse(tables.out) as { page: number }[]).map((t) => t.page)).toEqual([1, 3]);
    const layout = cli(['layout', GOOD, '--page', '2']);
    expect([layout.code, layout.err]).toEqual([0, '']);
    expect(layout.out).toMatch(/^page 2 {2}595\.3 x 841\.89 pt/m);
    expect(layout.out).not.toMatch(/^page 1 /m);
  });

  it('an input that is no PDF keeps its coded line (pdf.not-pdf), exit 1', () => {
    const txt = join(dir, 'notes.pdf');
    writeFileSync(txt, 'not a PDF\n');
    const r = cli(['layout', txt]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^drucksachen: \S+notes\.pdf: not a PDF: .*\[pdf\.not-pdf\]\n$/);
  });
});
