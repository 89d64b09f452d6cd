// `drucksachen prune` through the CLI: --dry-run changes nothing; --missing
// forgets sources whose file is gone (an older version becomes current again,
// its rows searchable again); --failed forgets failures whose file loaded later.
import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, lookDb, OLD_WORD } from './support/look-db.js';

let db: string;
let inputs: string;
beforeAll(async () => {
  ({ db, inputs } = await lookDb());
}, 60_000);

const sources = () => {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('SELECT path, status FROM sources ORDER BY id').all() as { path: string; status: string }[];
  } finally {
    d.close();
  }
};

describe('prune', () => {
  it('--dry-run lists what --missing would forget and changes nothing; then --missing forgets it', async () => {
    const v2 = join(inputs, 'v2', 'nrw-18-14087-v2.txt');
    rmSync(v2);
    const before = sources();
    const dry = await cli('prune', '--db', db, '--missing', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toBe(`would forget ${v2} (missing)\n`);
    expect(dry.err).toBe('1 source would be forgotten (dry run: nothing changed)\n');
    expect(sources()).toEqual(before);
    expect((await cli('search', `"${OLD_WORD} geäußert"`, '--db', db, '--json')).out.trim()).toBe('[]');

    const run = await cli('prune', '--db', db, '--missing');
    expect(run).toEqual({ code: 0, out: `forgot ${v2} (missing)\n`, err: '1 source forgotten\n' });
    expect(sources().map((s) => s.path)).not.toContain(v2);
    // The first version of 18/14087 is current again, and found by search.
    const hits = JSON.parse((await cli('search', `"${OLD_WORD} geäußert"`, '--db', db, '--json')).out) as { is_current: number }[];
    expect(hits.map((h) => h.is_current)).toEqual([1]);
    expect((await cli('prune', '--db', db, '--missing', '--quiet')).out).toBe('');
  });

  it('--failed forgets a failure whose file loaded later, keeps one that still fails', async () => {
    const bad = join(inputs, 'later.pdf');
    copyFileSync('tests/fixtures/bad/zero.pdf', bad);
    copyFileSync('tests/fixtures/bad/random.pdf', join(inputs, 'random.pdf'));
    await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet');
    const failed = sources().filter((s) => s.status === 'failed').map((s) => s.path);
    expect(failed).toContain(join(inputs, 'random.pdf'));
    expect(failed).toContain(bad);
    copyFileSync('tests/fixtures/pdf/nrw-18-14087-libreoffice.pdf', bad); // the file is complete now
    expect((await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet')).code).toBe(1);
    const r = await cli('prune', '--db', db, '--failed');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`forgot ${bad} (failed, loaded later)`);
    expect(r.out).not.toContain('random.pdf');
    expect(sources().filter((s) => s.status === 'failed').map((s) => s.path)).toEqual([join(inputs, 'random.pdf')]);
  });

  it('--failed keeps a failure that came after the good load: the file now there is the broken one', async () => {
    const turned = join(inputs, 'turned-bad.pdf');
    copyFileSync('tests/fixtures/pdf/camelot-us-030.pdf', turned);
    await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet');
    copyFileSync('tests/fixtures/bad/truncated.pdf', turned); // replaced by a broken copy: it fails now
    await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet');
    expect(sources().filter((s) => s.path === turned).map((s) => s.status)).toEqual([expect.stringMatching(/^(ok|partial)$/), 'failed']);
    const r = await cli('prune', '--db', db, '--failed', '--dry-run');
    expect(r.out).not.toContain(turned);
  });

  it('bad usage: files given, no database', async () => {
    expect((await cli('prune', 'x', '--db', db)).code).toBe(2);
    expect((await cli('prune', '--db', join(inputs, 'none.sqlite'))).code).toBe(2);
  });
});
