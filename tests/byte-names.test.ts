// A file name that is not valid UTF-8 (Latin-1 "café.txt", a name from an old archive) is still read.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsPath, nameFromBytes } from '../src/common/paths.js';
import { openDb } from '../src/load/db.js';
import { CLI, ensureBuilt } from './support/testing.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

describe('file names that are not UTF-8', () => {
  const dir = mkdtempSync(join(tmpdir(), 'byte-names-'));
  beforeAll(() => ensureBuilt());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the exact bytes through the string form', () => {
    for (const bytes of [latin1('café.txt'), Buffer.from([0x61, 0xff, 0xc3]), Buffer.from('Straße ✓.pdf', 'utf8'), Buffer.from([0xed, 0xa0, 0x80])]) {
      expect(Buffer.from(fsPath(nameFromBytes(bytes)))).toEqual(bytes);
    }
    expect(fsPath('plain/Straße.txt')).toBe('plain/Straße.txt'); // valid names stay strings
    expect(nameFromBytes(latin1('café'))).toBe('caf\udce9');
  });

  it('ingests such a file, in a folder of such a name too, and names it readably in the log', () => {
    const folder = Buffer.concat([Buffer.from(join(dir, 'in'), 'utf8'), Buffer.from('/'), latin1('Übersicht')]);
    mkdirSync(folder, { recursive: true });
    const text = readFileSync(join(import.meta.dirname, 'fixtures', 'text', 'nrw-17-10116.txt'));
    writeFileSync(Buffer.concat([folder, Buffer.from('/'), latin1('Anfrage-café.txt')]), text);
    const db = join(dir, 'b.sqlite');
    const r = spawnSync(process.execPath, [CLI, 'ingest', join(dir, 'in'), '--db', db, '--jobs', '1'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toContain('loaded ');
    expect(r.stderr).toContain('\\xdcbersicht/Anfrage-caf\\xe9.txt');
    expect(r.status).toBe(0);
    const d = openDb(db);
    try {
      expect(d.prepare("SELECT status, drucksache FROM v_documents").all()).toEqual([{ status: 'ok', drucksache: null }]);
      expect((d.prepare('SELECT count(*) AS n FROM v_questions').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      d.close();
    }
  });
});
