// What ships is the program: `npm pack` holds dist/ (code, data, SQL) and no
// test, fixture or bench file, and the packed program runs from any folder.
// The install lays the tarball out the way `npm install -g --prefix P` does
// (P/lib/node_modules/drucksachen, P/bin/drucksachen) but takes the
// dependencies from this clone's node_modules: tests never reach a registry.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './support/testing.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let tmp = '';
let tarball = '';
let files: string[] = [];

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'drucksachen-pack-'));
  // --ignore-scripts: pack the dist/ just built instead of running `prepare` (a second build)
  const json = execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(json) as { filename: string; files: { path: string }[] }[];
  if (!info) throw new Error('npm pack printed no package');
  tarball = join(tmp, info.filename);
  files = info.files.map((f) => f.path);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships dist/ with the SQL and the data, and nothing else of the tree', () => {
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/schema.sql');
    expect(files).toContain('dist/load/views.sql');
    expect(files.some((f) => f.startsWith('dist/data/') && f.endsWith('.json'))).toBe(true);
    const outside = files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f));
    expect(outside).toEqual([]);
    expect(files.filter((f) => /(^|\/)(tests?|fixtures?|bench|testing|support)(\/|$)|\.test\.|\.map$/.test(f))).toEqual([]);
  });

  it('the installed drucksachen runs from a folder outside the clone', () => {
    const prefix = join(tmp, 'prefix');
    const pkg = join(prefix, 'lib', 'node_modules', 'drucksachen');
    mkdirSync(pkg, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', pkg, '--strip-components=1']);
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    mkdirSync(join(prefix, 'bin'));
    symlinkSync(join(pkg, 'dist', 'cli.js'), join(prefix, 'bin', 'drucksachen'));

    const work = join(tmp, 'elsewhere');
    mkdirSync(join(work, 'in'), { recursive: true });
    const texts = join(ROOT, 'tests', 'fixtures', 'text');
    const one = readdirSync(texts).find((f) => f.endsWith('.txt'));
    if (!one) throw new Error('no text fixture');
    copyFileSync(join(texts, one), join(work, 'in', one));

    const bin = join(prefix, 'bin', 'drucksachen');
    const run = (...args: string[]) => execFileSync(bin, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(run('--version')).toMatch(/^\d+\.\d+\.\d+/);
    run('ingest', 'in', '--db', 'out.sqlite', '--csv', 'csv');
    const db = new Database(join(work, 'out.sqlite'), { readonly: true });
    try {
      const docs = db.prepare('SELECT status FROM v_documents').all() as { status: string }[];
      expect(docs).toHaveLength(1);
      expect(docs[0]?.status).not.toBe('failed');
    } finally {
      db.close();
    }
    expect(readdirSync(join(work, 'csv')).some((f) => f.endsWith('.csv'))).toBe(true);
  });
});
