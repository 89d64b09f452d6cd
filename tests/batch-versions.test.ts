// Versions of one Drucksache (a Neudruck, a correction): both stay, the newest
// is current, whatever the order of loading; v_document_changes shows what
// changed between consecutive versions.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest, type IngestOptions } from '../src/commands/ingest.js';
import { openDb } from '../src/load/db.js';
import { checkIntegrity } from '../src/run/integrity.js';
import { sequentialProcessor } from '../src/run/pool.js';

const base = readFileSync(join(__dirname, 'fixtures/text/nrw-17-10116.txt'), 'utf8').replace(/^\n\n/, '\n');
const header = (neudruck = '') => `LANDTAG NORDRHEIN-WESTFALEN\nDrucksache 17/10116\n17. Wahlperiode\n${neudruck}`;
/** The original. */
const original = header() + base;
/** A correction: question 2 reworded, its answer and one table cell changed. */
const corrected = (header() + base)
  .replace('2. An wie vielen Arbeitsplätzen werden diese Tools jeweils eingesetzt?', '2. An wie vielen Arbeitsplätzen wird jedes dieser Tools eingesetzt?')
  .replace('Die gewünschten Angaben sind der nachfolgenden Übersicht zu entnehmen:', 'Die gewünschten Angaben sind der folgenden Übersicht zu entnehmen:')
  .replace('Cisco-ViKo (On-Premise)\t52.413', 'Cisco-ViKo (On-Premise)\t52.999')
  .replace('LDI-NRW--Videokonferenzsysteme-18_05_2020.pdf', 'LDI-NRW--Videokonferenzsysteme-19_05_2020.pdf');
const neudruck = header('Neudruck\n') + base;

const quiet = { out() {}, err() {} };
let dir: string;
let db: string;
const opts = (): IngestOptions => ({ db, csvDialect: 'rfc4180', jobs: 1, reparse: false, quiet: true });
const run = (...files: string[]) => ingest(files.map((f) => join(dir, f)), opts(), quiet, sequentialProcessor());

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'versions-'));
  db = join(dir, 'db.sqlite');
  writeFileSync(join(dir, 'original.txt'), original);
  writeFileSync(join(dir, 'corrected.txt'), corrected);
  writeFileSync(join(dir, 'neudruck.txt'), neudruck);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function versions(): { path: string; version: number; is_current: number; neudruck: number }[] {
  const d = openDb(db);
  try {
    return d.prepare(`SELECT substr(s.path, length(?) + 2) AS path, v.version, v.is_current, v.neudruck
                      FROM v_document_versions v JOIN sources s ON s.sha256 = v.source_sha256
                      WHERE v.drucksache = '17/10116' ORDER BY v.version`).all(dir) as never;
  } finally {
    d.close();
  }
}

function integrity(): string[] {
  const d = openDb(db);
  try {
    return checkIntegrity(d);
  } finally {
    d.close();
  }
}

describe('versions of a Drucksache', () => {
  afterEach(() => expect(integrity()).toEqual([]));

  it('a correction loaded later is a new current version; the original stays', async () => {
    await run('original.txt');
    await run('corrected.txt');
    expect(versions()).toEqual([
      { path: 'original.txt', version: 1, is_current: 0, neudruck: 0 },
      { path: 'corrected.txt', version: 2, is_current: 1, neudruck: 0 },
    ]);
  });

  it('re-ingesting the older version later (--reparse, or a new parser version) does not make it current', async () => {
    await run('original.txt');
    await run('corrected.txt');
    await ingest([join(dir, 'original.txt')], { ...opts(), reparse: true }, quiet, sequentialProcessor());
    const d = openDb(db);
    d.prepare("UPDATE sources SET parser_version = '0.0.0-old' WHERE path LIKE '%original.txt'").run();
    d.close();
    const sum = await run('original.txt', 'corrected.txt');
    expect(sum).toMatchObject({ loaded: 1, skipped: 1 });
    expect(versions().map((v) => [v.path, v.version, v.is_current])).toEqual([['original.txt', 1, 0], ['corrected.txt', 2, 1]]);
  });

  it('a Neudruck is newer than the original even when the original is loaded after it', async () => {
    await run('neudruck.txt');
    await run('original.txt');
    expect(versions()).toEqual([
      { path: 'original.txt', version: 1, is_current: 0, neudruck: 0 },
      { path: 'neudruck.txt', version: 2, is_current: 1, neudruck: 1 },
    ]);
  });

  it('v_document_changes lists changed, added and removed questions, answers, footnotes and table cells with old and new text', async () => {
    await run('original.txt');
    await run('corrected.txt');
    const d = openDb(db);
    const rows = d.prepare('SELECT old_version, new_version, item, key, change, old_text, new_text FROM v_document_changes WHERE drucksache = ?').all('17/10116') as Record<string, unknown>[];
    d.close();
    const pick = (item: string, key: string) => rows.find((r) => r.item === item && r.key === key);
    expect(pick('question', '2')).toMatchObject({
      old_version: 1, new_version: 2, change: 'changed',
      old_text: 'An wie vielen Arbeitsplätzen werden diese Tools jeweils eingesetzt?',
      new_text: 'An wie vielen Arbeitsplätzen wird jedes dieser Tools eingesetzt?',
    });
    const cell = rows.find((r) => r.item === 'cell' && r.old_text === '52.413');
    expect(cell).toMatchObject({ change: 'changed', new_text: '52.999' });
    expect(cell!.key).toMatch(/^1:\d+:1$/);
    const answer = pick('answer', '2')!;
    expect(answer).toMatchObject({ change: 'changed' });
    expect(answer.old_text).toContain('der nachfolgenden Übersicht');
    expect(answer.new_text).toContain('der folgenden Übersicht');
    expect(rows.filter((r) => r.item === 'answer')).toHaveLength(1);
    expect(rows.filter((r) => r.item === 'footnote').map((r) => [r.key, r.change, String(r.old_text).endsWith('-18_05_2020.pdf'), String(r.new_text).endsWith('-19_05_2020.pdf')]))
      .toEqual([['1', 'changed', true, true]]);
    // Nothing else changed.
    expect(rows.filter((r) => r.item === 'cell')).toHaveLength(1);
    expect(rows.filter((r) => r.item === 'question')).toHaveLength(1);
    expect(rows.filter((r) => r.item === 'meta')).toEqual([]);
  });

  it('v_document_changes shows added and removed items, and metadata changes (Neudruck)', async () => {
    const shorter = original.replace('4. Wie geht die Landesregierung mit solchen Tools um, die nicht den „Leitplanken“ entsprechen?\n', '');
    expect(shorter).not.toBe(original);
    writeFileSync(join(dir, 'shorter.txt'), shorter);
    await run('shorter.txt');
    await run('neudruck.txt');
    const d = openDb(db);
    const rows = d.prepare('SELECT item, key, change, old_text, new_text FROM v_document_changes').all() as Record<string, unknown>[];
    d.close();
    expect(rows).toContainEqual(expect.objectContaining({ item: 'meta', key: 'neudruck', change: 'changed', old_text: '0', new_text: '1' }));
    expect(rows.find((r) => r.item === 'question' && r.key === '4')).toMatchObject({
      change: 'added', old_text: null, new_text: 'Wie geht die Landesregierung mit solchen Tools um, die nicht den „Leitplanken“ entsprechen?',
    });
    // The joint answer to 3 and 4 was the answer to 3 alone before.
    expect(rows.find((r) => r.item === 'answer' && r.key === '3')).toMatchObject({ change: 'removed', new_text: null });
    expect(rows.find((r) => r.item === 'answer' && r.key === '3,4')).toMatchObject({ change: 'added', old_text: null });
  });
});
