// Summarise V8 .cpuprofile files (from `node --cpu-prof`): self time by file,
// by function and by area (pdf.js, SQLite, our code, GC, …), and inclusive time
// of the functions on the stack. Several files (one per thread) are merged.
//
//   node --cpu-prof --cpu-prof-dir=bench/profile dist/cli.js ingest bench/corpus/main --db /tmp/p.sqlite --jobs 1 --quiet
//   node build/bench/profile.js bench/profile [--top 25] [--json]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './stats.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Entry {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  files: string[];
  totalMs: number;
  /** Everything but (idle): the time the threads had work. */
  busyMs: number;
  byArea: Entry[];
  byFile: Entry[];
  selfByFunction: Entry[];
  inclusiveByFunction: Entry[];
}

/** A readable name for a script URL: src/… for our code (dist → src), the package path for dependencies. */
export function fileLabel(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return url;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length);
  // the bench's own build: build/bench/… and build/src/… (what it compiled from src/)
  const build = path.lastIndexOf('/build/');
  if (build >= 0) return path.slice(build + '/build/'.length).replace(/\.js$/, '.ts');
  const dist = path.lastIndexOf('/dist/');
  if (dist >= 0) return 'src/' + path.slice(dist + '/dist/'.length).replace(/\.js$/, '.ts');
  return path;
}

/** The area a frame belongs to. */
export function areaOf(frame: CallFrame): string {
  const f = frame.functionName;
  if (f === '(idle)' || f === '(program)' || f === '(garbage collector)' || f === '(root)') return f;
  const label = fileLabel(frame.url);
  if (label.startsWith('pdfjs-dist/')) return label.includes('pdf.worker') ? 'pdf.js worker (parsing, fonts, text)' : 'pdf.js display API';
  if (label.startsWith('better-sqlite3/')) return 'better-sqlite3 (JS side)';
  if (label.startsWith('bench/')) return 'bench wrapper';
  if (label.startsWith('src/extract/')) return 'src/extract';
  if (label.startsWith('src/transform/')) return 'src/transform';
  if (label.startsWith('src/load/')) return 'src/load';
  if (label.startsWith('src/')) return 'src (other)';
  if (label.startsWith('node:')) return 'node internals';
  if (label === '(native)') return 'native (V8 builtins, SQLite, crypto, fs)';
  return 'other: ' + label.split('/')[0];
}

const fnKey = (c: CallFrame) => `${c.functionName || '(anonymous)'}  ${fileLabel(c.url)}${c.url ? `:${c.lineNumber + 1}` : ''}`;

function expand(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const n of readdirSync(p).sort()) if (n.endsWith('.cpuprofile')) out.push(join(p, n));
    } else out.push(p);
  }
  return out;
}

/** A .cpuprofile with its nodes by id, each node's parent, and the duration of every sample. */
function readProfile(file: string) {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of prof.nodes) byId.set(n.id, n);
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample i lasts until sample i+1 (the last one until endTime); µs → ms.
  const stamps: number[] = [];
  let t = prof.startTime;
  for (const d of prof.timeDeltas) stamps.push((t += d));
  const sampleMs = prof.samples.map((_, i) => ((i + 1 < stamps.length ? stamps[i + 1] : prof.endTime) - stamps[i]) / 1000);
  return { prof, byId, parent, sampleMs };
}

/**
 * Who calls the functions whose "name  file:line" key contains `needle`: the
 * time spent in (and under) them, by calling function. For questions like
 * "which code calls the polyfilled Array.prototype.push".
 */
export function callersOf(paths: string[], needle: string, top = 15): { total: number; callers: Entry[] } {
  const by = new Map<string, number>();
  let total = 0;
  for (const file of expand(paths)) {
    const { prof, byId, parent, sampleMs } = readProfile(file);
    for (let i = 0; i < prof.samples.length; i++) {
      const ms = sampleMs[i];
      // The outermost matching frame on the stack, and the frame that called it.
      let hit: number | undefined;
      for (let cur: number | undefined = prof.samples[i]; cur !== undefined; cur = parent.get(cur)) {
        if (fnKey(byId.get(cur)!.callFrame).includes(needle)) hit = cur;
      }
      if (hit === undefined || !(ms > 0)) continue;
      total += ms;
      const p = parent.get(hit);
      const k = p === undefined ? '(root)' : fnKey(byId.get(p)!.callFrame);
      by.set(k, (by.get(k) ?? 0) + ms);
    }
  }
  const callers = [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms: round(ms, 0), share: round((100 * ms) / (total || 1), 1) }));
  return { total: round(total, 0), callers };
}

export function summariseProfiles(paths: string[], top = 25): ProfileSummary {
  const files = expand(paths);
  const self = { area: new Map<string, number>(), file: new Map<string, number>(), fn: new Map<string, number>() };
  const incl = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

  for (const file of files) {
    const { prof, byId, parent, sampleMs } = readProfile(file);
    const inclCache = new Map<number, string[]>();
    const stackKeys = (id: number): string[] => {
      let keys = inclCache.get(id);
      if (!keys) {
        const set = new Set<string>();
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
          const c = byId.get(cur)!.callFrame;
          if (c.functionName !== '(root)') set.add(fnKey(c));
        }
        keys = [...set];
        inclCache.set(id, keys);
      }
      return keys;
    };
    for (let i = 0; i < prof.samples.length; i++) {
      const ms = sampleMs[i];
      if (!(ms > 0)) continue;
      const node = byId.get(prof.samples[i]);
      if (!node) continue;
      const c = node.callFrame;
      totalMs += ms;
      if (c.functionName === '(idle)') {
        idleMs += ms;
        continue;
      }
      add(self.area, areaOf(c), ms);
      add(self.file, c.url ? fileLabel(c.url) : c.functionName || '(native)', ms);
      add(self.fn, fnKey(c), ms);
      if (c.functionName !== '(program)' && c.functionName !== '(garbage collector)') for (const k of stackKeys(node.id)) add(incl, k, ms);
    }
  }
  const busyMs = totalMs - idleMs;
  const list = (m: Map<string, number>, n: number): Entry[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms: round(ms, 0), share: round((100 * ms) / busyMs, 1) }));
  return {
    files,
    totalMs: round(totalMs, 0),
    busyMs: round(busyMs, 0),
    byArea: list(self.area, 50),
    byFile: list(self.file, top),
    selfByFunction: list(self.fn, top),
    inclusiveByFunction: list(incl, top),
  };
}

export function formatSummary(s: ProfileSummary): string {
  const out: string[] = [];
  out.push(`${s.files.length} profile(s), ${round(s.busyMs / 1000, 1)} s busy of ${round(s.totalMs / 1000, 1)} s sampled; shares are of the busy time`);
  const section = (title: string, entries: Entry[]) => {
    out.push('', title);
    for (const e of entries) out.push(`  ${String(e.share.toFixed(1)).padStart(5)}%  ${String(e.ms).padStart(8)} ms  ${e.name}`);
  };
  section('self time by area', s.byArea);
  section('self time by file', s.byFile);
  section('self time by function', s.selfByFunction);
  section('inclusive time by function (on the stack)', s.inclusiveByFunction);
  return out.join('\n') + '\n';
}

// As a command: node build/bench/profile.js <file.cpuprofile|dir>... [--top N] [--json] [--callers TEXT]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let top = 25;
  let json = false;
  let callers: string | null = null;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--top') top = Number(args[++i]);
    else if (args[i] === '--json') json = true;
    else if (args[i] === '--callers') callers = args[++i];
    else paths.push(args[i]);
  }
  if (!paths.length) {
    process.stderr.write('usage: node build/bench/profile.js <file.cpuprofile|dir>... [--top N] [--json] [--callers "push  pdfjs-dist"]\n');
    process.exit(2);
  }
  if (callers !== null) {
    const c = callersOf(paths, callers, top);
    if (json) process.stdout.write(JSON.stringify(c, null, 2) + '\n');
    else {
      process.stdout.write(`${c.total} ms in and under frames matching ${JSON.stringify(callers)}, by caller:\n`);
      for (const e of c.callers) process.stdout.write(`  ${e.share.toFixed(1).padStart(5)}%  ${String(e.ms).padStart(8)} ms  ${e.name}\n`);
    }
  } else {
    const s = summariseProfiles(paths, top);
    process.stdout.write(json ? JSON.stringify(s, null, 2) + '\n' : formatSummary(s));
  }
}
