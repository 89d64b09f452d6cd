// The test-only hooks: read from the environment once, by the entry (src/cli.ts); the loader only
// runs the hook it is handed, inside the document's transaction.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocFile, openDb } from '../src/load/db.js';
import { DocFile } from '../src/model.js';
import { testHooksFromEnv } from '../src/run/test-hooks.js';

const SRC = join(import.meta.dirname, '..', 'src');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);

describe('test hooks', () => {
  it('the load delay is read from the environment in the entry only', () => {
    const readers = files(SRC).filter((f) => readFileSync(f, 'utf8').includes('DRUCKSACHEN_TEST_LOAD_DELAY_MS')).map((f) => f.slice(SRC.length + 1));
    expect(readers).toEqual(['run/test-hooks.ts']);
    expect(readFileSync(join(SRC, 'cli.ts'), 'utf8')).toContain('setTestHooks(testHooksFromEnv(process.env))');
  });

  it('no hook unless the environment asks for a delay; the delay stalls', () => {
    expect(testHooksFromEnv({})).toEqual({});
    expect(testHooksFromEnv({ DRUCKSACHEN_TEST_LOAD_DELAY_MS: '0' })).toEqual({});
    expect(testHooksFromEnv({ DRUCKSACHEN_TEST_LOAD_DELAY_MS: 'x' })).toEqual({});
    const hook = testHooksFromEnv({ DRUCKSACHEN_TEST_LOAD_DELAY_MS: '60' }).inLoadTransaction!;
    const t0 = performance.now();
    hook();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(50);
  });

  it('loadDocFile runs the hook inside the transaction: the source row written, the rest not yet', () => {
    const db = openDb(':memory:');
    const f = new DocFile('/in/a.txt', 'text', 't');
    f.sha256 = 'a'.repeat(64);
    f.message('tables.check', 'a message', { stage: 'tables', page: 1 });
    const seen: unknown[] = [];
    loadDocFile(db, f, null, () => {
      seen.push(db.inTransaction, db.prepare('SELECT count(*) AS n FROM sources').get(), db.prepare('SELECT count(*) AS n FROM messages').get());
    });
    expect(seen).toEqual([true, { n: 1 }, { n: 0 }]);
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
    db.close();
  });
});
