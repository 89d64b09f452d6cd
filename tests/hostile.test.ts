// Hardening (issue 10, part B): hostile and odd inputs, made at run time, small and fast.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeFormula, toCsv } from '../src/load/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV safe to open', () => {
  it('writes formula-like text as text and leaves numbers alone, in every dialect', () => {
    const cells = ['=HYPERLINK("http://x","klick")', '+49 211 884', '-Zeile', '@SUM(A1)', '\tx', '\rx', '＝1+1', '-5', '+3,5', '-1.234,5', '-7 %', 'Text'];
    const rows = [[...cells, -5, -2.5]];
    const cols = cells.map((_, i) => `c${i}`).concat(['n1', 'n2']);
    const rfc = toCsv(cols, rows, 'rfc4180').split('\n')[1];
    expect(rfc).toBe(`"'=HYPERLINK(""http://x"",""klick"")",'+49 211 884,'-Zeile,'@SUM(A1),'\tx,"'\rx",'＝1+1,-5,"+3,5","-1.234,5",-7 %,Text,-5,-2.5`);
    const de = toCsv(cols, rows, 'excel-de').split('\r\n')[1];
    expect(de).toBe(`"'=HYPERLINK(""http://x"",""klick"")";'+49 211 884;'-Zeile;'@SUM(A1);'\tx;"'\rx";'＝1+1;-5;+3,5;-1.234,5;-7 %;Text;-5;-2,5`);
    expect(escapeFormula('-')).toBe("'-");
    expect(escapeFormula('')).toBe('');
  });
});
