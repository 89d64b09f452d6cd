// The linear-cost bench's inputs and verdicts (no timing here).
import { describe, expect, it } from 'vitest';
import { cases, formatLinear, MAX_GROWTH } from '../bench/linear.js';

describe('linear-cost bench', () => {
  it('makes text and HTML inputs of the sizes it names, growing', () => {
    for (const c of cases(true).filter((x) => x.unit === 'MB')) {
      const sizes = c.sizes.map((s) => c.make(s).length / (1024 * 1024));
      sizes.forEach((mb, i) => expect([c.name, mb / c.sizes[i]]).toEqual([c.name, expect.closeTo(1, 1)]));
      expect(sizes[2]).toBeGreaterThan(sizes[0] * 10);
    }
  });

  it('fails a row whose per-unit cost grows more than 1.5×', () => {
    const row = (perUnit: number[]) => ({ name: 'x', unit: 'MB', sizes: [1, 2], perUnit, growth: perUnit[1] / perUnit[0], pass: perUnit[1] / perUnit[0] <= MAX_GROWTH });
    const out = formatLinear([row([10, 14]), row([10, 16])]);
    expect(out.split('\n').slice(1, 3).map((l) => l.slice(-4))).toEqual(['PASS', 'FAIL']);
  });
});
