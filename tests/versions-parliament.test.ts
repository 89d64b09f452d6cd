// The same Drucksache number in two parliaments is two papers, each current, not two versions.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/commands/ingest.js';
import { openDb } from '../src/load/db.js';

const FIX = join(import.meta.dirname, 'fixtures', 'parliaments');

describe('versions per parliament', () => {
  const dir = mkdtempSync(join(tmpdir(), 'versions-parl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a Bundestag and a Landtag paper of the same number both current', async () => {
    const ni = readFileSync(join(FIX, 'ni-19-11144.txt'), 'utf8');
    // A Bundestag answer printed under the same number as the Niedersachsen one.
    const bt = readFileSync(join(FIX, 'bt-21-1348.txt'), 'utf8').replaceAll('21/1348', '19/11144');
    writeFileSync(join(dir, 'ni.txt'), ni);
    writeFileSync(join(dir, 'bt.txt'), bt);
    const db = join(dir, 'v.sqlite');
    const io = { out() {}, err() {} };
    await ingest([join(dir, 'ni.txt')], { db, csvDialect: 'rfc4180', jobs: 1, reparse: false, quiet: true }, io);
    await ingest([join(dir, 'bt.txt')], { db, csvDialect: 'rfc4180', jobs: 1, reparse: false, quiet: true }, io);
    const d = openDb(db);
    try {
      const rows = d.prepare("SELECT parliament, version, is_current FROM v_document_versions WHERE drucksache = '19/11144' ORDER BY parliament").all();
      expect(rows).toEqual([
        { parliament: 'BT', version: 1, is_current: 1 },
        { parliament: 'NI', version: 1, is_current: 1 },
      ]);
      expect(d.prepare("SELECT count(*) AS n FROM v_current_documents WHERE drucksache = '19/11144'").get()).toEqual({ n: 2 });
      expect(d.prepare("SELECT count(*) AS n FROM v_document_changes WHERE drucksache = '19/11144'").get()).toEqual({ n: 0 });
    } finally {
      d.close();
    }
  });
});
