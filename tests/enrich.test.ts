// A portal entry and a document of the same Drucksache: the entry fills what the
// document leaves NULL (recorded), and a disagreement is recorded, not overwritten.
import { describe, expect, it } from 'vitest';
import { textToLayout } from '../src/extract/text.js';
import { loadDocFile as loadOnly, openDb, type DB } from '../src/load/db.js';
import { reconcileLoaded } from '../src/load/enrich.js';

/** Load, then the reconciliation step, as ingest does. */
const loadDocFile = (db: DB, f: DocFile, runId: number | null) => reconcileLoaded(db, loadOnly(db, f, runId));
import type { DocFile, PortalEntry } from '../src/model.js';
import { transform } from '../src/transform/index.js';
import { docFile } from './support/docfile.js';

const DOC = `LANDTAG NORDRHEIN-WESTFALEN Drucksache 16/8512
16. Wahlperiode 24.04.2015

Antwort

der Landesregierung

auf die Kleine Anfrage 3246
des Abgeordneten Peter Preuß CDU
Drucksache 16/8246

Wie positioniert sich die Landesregierung?

Die Ministerin für Gesundheit, Emanzipation, Pflege und Alter hat die Kleine Anfrage 3246 mit Schreiben vom 23. April 2015 namens der Landesregierung beantwortet.

1. Eine Frage?

Eine Antwort.
`;

const entry: PortalEntry = {
  drucksache: '16/8512', wahlperiode: 16, docType: 'antwort_kleine_anfrage', title: 'Wie positioniert sich die Landesregierung zur Freigabe?',
  date: '2015-04-24', pages: 3, kaNumber: 3246, kaDrucksache: '16/8246', ministry: 'MGEPA', neudruck: 0,
  systematik: ['Rauschmittel'], schlagworte: [], region: null, askers: [],
};

const file = (sha: string, extra: Partial<DocFile>): DocFile => docFile({
  path: `/in/${sha}`, sha256: sha, size: 1, kind: 'text', parserVersion: 'test', messages: [], status: 'ok', error: null, ...extra,
});

describe('portal enrichment', () => {
  it('fills NULL fields of the document and records disagreements, in either loading order', () => {
    for (const order of [['doc', 'portal'], ['portal', 'doc']]) {
      const db = openDb(':memory:');
      const files = {
        doc: file('a'.repeat(64), { doc: transform(textToLayout(DOC)).doc }),
        portal: file('b'.repeat(64), { kind: 'html', portal: [entry] }),
      };
      for (const k of order) loadDocFile(db, files[k as 'doc' | 'portal'], null);
      const doc = db.prepare('SELECT title, date, ka_date, pages FROM documents').get();
      // The document's own title and date stay; its missing ka_date stays NULL (the portal has none).
      expect(doc).toEqual({ title: 'Wie positioniert sich die Landesregierung?', date: '2015-04-24', ka_date: null, pages: 1 });
      expect(db.prepare('SELECT drucksache, field, document_value, portal_value FROM v_source_conflicts ORDER BY field').all()).toEqual([
        { drucksache: '16/8512', field: 'pages', document_value: '1', portal_value: '3' },
        { drucksache: '16/8512', field: 'title', document_value: 'Wie positioniert sich die Landesregierung?', portal_value: 'Wie positioniert sich die Landesregierung zur Freigabe?' },
      ]);
      db.close();
    }
  });

  it('compares the ministry through the portal code: a different one is a conflict', () => {
    const db = openDb(':memory:');
    loadDocFile(db, file('f'.repeat(64), { doc: transform(textToLayout(DOC.replace('Die Ministerin für Gesundheit, Emanzipation, Pflege und Alter', 'Die Ministerin für Schule und Weiterbildung'))).doc }), null);
    loadDocFile(db, file('0'.repeat(64), { kind: 'html', portal: [entry] }), null);
    expect(db.prepare("SELECT field, document_value, portal_value FROM v_source_conflicts WHERE field = 'ministry'").all())
      .toEqual([{ field: 'ministry', document_value: 'Ministerium für Schule und Weiterbildung', portal_value: 'MGEPA (Ministerium für Gesundheit, Emanzipation, Pflege und Alter)' }]);
    db.close();
  });

  it('fills a field the document could not read, and says so', () => {
    const db = openDb(':memory:');
    loadDocFile(db, file('c'.repeat(64), { doc: transform(textToLayout(DOC.replace('Wie positioniert sich die Landesregierung?\n\n', ''))).doc }), null);
    loadDocFile(db, file('d'.repeat(64), { kind: 'html', portal: [{ ...entry, title: 'Ein Titel' }] }), null);
    expect(db.prepare('SELECT title FROM v_documents WHERE drucksache = ?').get('16/8512')).toEqual({ title: 'Ein Titel' });
    expect(db.prepare('SELECT field, value FROM v_document_enrichments').all()).toEqual([{ field: 'title', value: 'Ein Titel' }]);
    db.close();
  });
});

describe('reconciliation as its own step', () => {
  it('the loader writes only the file; the step after it fills and records, in its own transaction', () => {
    const db = openDb(':memory:');
    const touched = [
      ...loadOnly(db, file('1'.repeat(64), { doc: transform(textToLayout(DOC)).doc }), null),
      ...loadOnly(db, file('2'.repeat(64), { kind: 'html', portal: [entry] }), null),
    ];
    expect(touched).toEqual(['16/8512', '16/8512']);
    expect(db.prepare('SELECT count(*) FROM source_conflicts').pluck().get()).toBe(0);
    reconcileLoaded(db, touched);
    expect(db.prepare('SELECT field FROM source_conflicts ORDER BY field').pluck().all()).toEqual(['pages', 'title']);
    db.close();
  });
});

describe('ministries as entities', () => {
  it('groups a renamed ministry under its current name, with the portal code', () => {
    const db = openDb(':memory:');
    loadDocFile(db, file('e'.repeat(64), { doc: transform(textToLayout(DOC)).doc }), null);
    expect(db.prepare('SELECT ministry FROM v_documents').get()).toEqual({ ministry: 'Ministerium für Gesundheit, Emanzipation, Pflege und Alter' });
    expect(db.prepare("SELECT name, code, current_name FROM v_ministries WHERE name LIKE '%Gesundheit%' ORDER BY name").all()).toEqual([
      { name: 'Ministerium für Arbeit, Gesundheit und Soziales', code: 'MAGS', current_name: 'Ministerium für Arbeit, Gesundheit und Soziales' },
      { name: 'Ministerium für Gesundheit, Emanzipation, Pflege und Alter', code: 'MGEPA', current_name: 'Ministerium für Arbeit, Gesundheit und Soziales' },
    ]);
    db.close();
  });
});
