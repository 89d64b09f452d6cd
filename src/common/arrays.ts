// Array helpers that take any length: Math.max(...xs) and a.push(...xs) pass every element
// as an argument and overflow the stack from about 100,000 elements (a table of many tab rows).

export function maxOf(xs: Iterable<number>, empty = -Infinity): number {
  let m = empty;
  for (const x of xs) if (x > m || Number.isNaN(x)) m = x;
  return m;
}

export function minOf(xs: Iterable<number>, empty = Infinity): number {
  let m = empty;
  for (const x of xs) if (x < m || Number.isNaN(x)) m = x;
  return m;
}

export function pushAll<T>(into: T[], xs: Iterable<T>): T[] {
  for (const x of xs) into.push(x);
  return into;
}

/** The pages of `ranges` that a document of `count` pages has, sorted, each once. */
export function pagesIn(ranges: [number, number][], count: number): number[] {
  const want = new Uint8Array(count + 1);
  for (const [a, b] of ranges) for (let p = a; p <= Math.min(b, count); p++) want[p] = 1;
  const out: number[] = [];
  for (let p = 1; p <= count; p++) if (want[p]) out.push(p);
  return out;
}
