// Two sources on one Drucksache: a portal entry enriches the document read from
// a PDF or text (fields the document leaves NULL are filled in, and recorded),
// and every disagreement is recorded in source_conflicts, never overwritten.
// The tables are in schema.sql (document_enrichments, source_conflicts).
import type Database from 'better-sqlite3';
import { stmt } from './statements.js';

/** document column → portal_entries column. */
const FIELDS: [string, string][] = [
  ['title', 'title'], ['date', 'date'], ['doc_type', 'doc_type'], ['ka_number', 'ka_number'],
  ['ka_drucksache', 'ka_drucksache'], ['neudruck', 'neudruck'], ['pages', 'pages'],
];

/** Comparable form: quotes unified, whitespace collapsed, case folded. */
export function comparable(v: unknown): string {
  return String(v).normalize('NFC').replace(/[„“”"«»‚‘’']/g, '"').replace(/\s+/g, ' ').trim().toLocaleLowerCase('de');
}

/** A row as SQLite gives it: scalar columns. */
type Row = Record<string, string | number | null> & { id: number };

/**
 * The reconciliation step, after loading: documents and portal entries of the
 * Drucksachen just loaded, in a transaction of its own (the loader's
 * transaction holds only the rows of the file).
 */
export function reconcileLoaded(db: Database.Database, drucksachen: Iterable<string>): void {
  const list = [...new Set(drucksachen)];
  if (list.length) db.transaction(() => reconcile(db, list))();
}

/** Reconcile every document and portal entry of these Drucksachen. */
export function reconcile(db: Database.Database, drucksachen: Iterable<string>): void {
  const docsOf = stmt(db, 'SELECT * FROM documents WHERE drucksache = ?');
  const entriesOf = stmt(db, 'SELECT * FROM portal_entries WHERE drucksache = ? ORDER BY id');
  const enrich = stmt(db, 'INSERT OR REPLACE INTO document_enrichments (document_id, entry_id, field, value) VALUES (?, ?, ?, ?)');
  const conflict = stmt(db, 'INSERT OR REPLACE INTO source_conflicts (document_id, entry_id, field, document_value, portal_value) VALUES (?, ?, ?, ?, ?)');
  for (const drs of new Set(drucksachen)) {
    const entries = entriesOf.all(drs) as Row[];
    if (!entries.length) continue;
    for (const doc of docsOf.all(drs) as Row[]) {
      const filled = new Set((stmt(db, 'SELECT field FROM document_enrichments WHERE document_id = ?').all(doc.id) as { field: string }[]).map((r) => r.field));
      for (const e of entries) {
        for (const [dcol, ecol] of FIELDS) {
          const pv = e[ecol];
          if (pv === null || pv === undefined || pv === '') continue;
          const dv = doc[dcol];
          if (dv === null || dv === undefined || filled.has(dcol)) {
            if (!filled.has(dcol)) {
              stmt(db, `UPDATE documents SET ${dcol} = ? WHERE id = ?`).run(pv, doc.id);
              enrich.run(doc.id, e.id, dcol, String(pv));
              filled.add(dcol);
              doc[dcol] = pv;
            }
            continue;
          }
          if (comparable(dv) !== comparable(pv)) conflict.run(doc.id, e.id, dcol, String(dv), String(pv));
        }
        reconcileMinistry(db, doc, e, filled);
      }
    }
  }
}

/**
 * The portal names the answering ministry by its short code (MSW, MGEPA, …); the document by the
 * role that signed. Compared through the codes of src/data/ministries.json: a document without a
 * ministry gets the portal's, a different one is a conflict. An unknown code is left alone.
 */
function reconcileMinistry(db: Database.Database, doc: Row, e: Row, filled: Set<string>): void {
  const code = e.ministry as string | null;
  if (!code) return;
  const portal = (stmt(db, 'SELECT name FROM body_codes WHERE code = ?').get(code) as { name: string } | undefined)?.name;
  if (!portal) return;
  const mine = doc.ministry_id ? (stmt(db, 'SELECT name FROM bodies WHERE id = ?').get(doc.ministry_id) as { name: string } | undefined)?.name : undefined;
  if (!mine && !filled.has('ministry')) {
    stmt(db, 'INSERT OR IGNORE INTO bodies (name) VALUES (?)').run(portal);
    const id = (stmt(db, 'SELECT id FROM bodies WHERE name = ?').get(portal) as { id: number }).id;
    stmt(db, 'UPDATE documents SET ministry_id = ? WHERE id = ?').run(id, doc.id);
    stmt(db, 'INSERT OR REPLACE INTO document_enrichments (document_id, entry_id, field, value) VALUES (?, ?, ?, ?)').run(doc.id, e.id, 'ministry', portal);
    filled.add('ministry');
    doc.ministry_id = id;
  } else if (mine && comparable(mine) !== comparable(portal)) {
    stmt(db, 'INSERT OR REPLACE INTO source_conflicts (document_id, entry_id, field, document_value, portal_value) VALUES (?, ?, ?, ?, ?)')
      .run(doc.id, e.id, 'ministry', mine, `${code} (${portal})`);
  }
}
