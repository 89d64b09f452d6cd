// The layers of src/: extract knows nothing of transform, load only writes the
// model (no transform or extract logic), and no module imports itself back
// through others.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** file (relative to src) → the src files it imports (type-only imports left out: they vanish at run time). */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  const IMPORT = /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/gm;
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec || spec.endsWith('.json')) continue;
      deps.push(relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))));
    }
    g.set(relative(SRC, file), deps);
  }
  return g;
}

describe('architecture', () => {
  const g = graph();

  it('reads the imports (the check below is not vacuous)', () => {
    expect(g.get('load/db.ts')).toContain('load/statements.ts');
    expect(g.size).toBeGreaterThan(50);
  });

  it('extract imports nothing from transform; load nothing from transform or extract; the stages nothing from the commands', () => {
    const stage = (f: string) => /^(extract|transform|load|common)\//.test(f);
    const bad = [...g].flatMap(([file, deps]) => deps.filter((d) =>
      (file.startsWith('extract/') && d.startsWith('transform/')) ||
      (file.startsWith('load/') && (d.startsWith('transform/') || d.startsWith('extract/'))) ||
      (file.startsWith('transform/') && (d.startsWith('load/') || d.startsWith('extract/'))) ||
      (file.startsWith('common/') && !d.startsWith('common/') && !d.startsWith('data/')) ||
      (stage(file) && /^(commands|cli|run)\//.test(d))).map((d) => `${file} → ${d}`));
    expect(bad).toEqual([]);
  });

  it('has no import circle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      state.set(f, 'open');
      for (const d of g.get(f) ?? []) {
        if (state.get(d) === 'open') cycles.push([...path.slice(path.indexOf(d)), d].join(' → '));
        else if (!state.has(d)) visit(d, [...path, d]);
      }
      state.set(f, 'done');
    };
    for (const f of g.keys()) if (!state.has(f)) visit(f, [f]);
    expect(cycles).toEqual([]);
  });
});
