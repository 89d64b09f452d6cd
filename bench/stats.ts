// Small statistics helpers for the benchmark.

/** The q-quantile (0…1) of `values`, linear between closest ranks; NaN when empty. */
export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export interface Spread {
  p50: number;
  p90: number;
  n: number;
}

export function spread(values: number[]): Spread {
  return { p50: round(quantile(values, 0.5), 2), p90: round(quantile(values, 0.9), 2), n: values.length };
}

export function round(n: number, digits = 1): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const mb = (bytes: number): number => round(bytes / (1024 * 1024), 1);
