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
