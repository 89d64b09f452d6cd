// Flags parsed into typed values first; one error type for bad usage (exit 2).
import { maxOf, pagesIn } from '../common/arrays.js';

export { UsageError } from '../errors.js';
import { UsageError } from '../errors.js';

export type FlagType = 'boolean' | 'string' | 'int' | 'duration';

export interface FlagSpec {
  type: FlagType;
  default?: unknown;
  /** Allowed values for string flags. */
  choices?: string[];
}

export interface Parsed {
  positionals: string[];
  flags: Record<string, unknown>;
}

/** "10m", "30s", "2h", "500ms" → milliseconds. */
export function parseDuration(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s.trim());
  if (!m) return null;
  const mult = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * mult);
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): Parsed {
  const flags: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(spec)) if (s.default !== undefined) flags[k] = s.default;
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (/^-[^-]/.test(a)) throw new UsageError(`unknown option ${a} (options are written --name)`);
    if (!a.startsWith('--') || a === '--') { positionals.push(a); continue; }
    const [name, written] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    let value = written;
    if (name.startsWith('no-') && spec[name]?.type !== 'boolean' && spec[name.slice(3)]?.type === 'boolean') {
      if (value !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name.slice(3)] = false;
      continue;
    }
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    if (s.type === 'boolean') {
      if (value !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    flags[name] = convert(name, s, value);
  }
  return { positionals, flags };
}

function convert(name: string, s: FlagSpec, value: string): unknown {
  if (s.type === 'int') {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} takes a whole number of at least 1, not "${value}"`);
    return Number(value);
  }
  if (s.type === 'duration') {
    const ms = parseDuration(value);
    if (ms === null || ms <= 0) throw new UsageError(`--${name} takes a duration like 30s, 10m or 1h, not "${value}"`);
    return ms;
  }
  if (s.choices && !s.choices.includes(value)) throw new UsageError(`--${name} takes one of ${s.choices.join(', ')}, not "${value}"`);
  return value;
}

/** "1,3-4" → [[1, 1], [3, 4]]: ranges, not a list, so "1-99999999" costs nothing before the page count is known. */
export function parsePageRanges(s: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of s.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new UsageError(`--pages takes page numbers like 1,3-4, not "${s}"`);
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (a < 1 || b < a || !Number.isSafeInteger(b)) throw new UsageError(`--pages takes page numbers like 1,3-4, not "${s}"`);
    out.push([a, b]);
  }
  return out;
}

/** "1,3-4" → [1, 3, 4] (up to the highest page named; use parsePageRanges + pagesIn for user input). */
export function parsePages(s: string): number[] {
  const ranges = parsePageRanges(s);
  return pagesIn(ranges, maxOf(ranges.map((r) => r[1])));
}
