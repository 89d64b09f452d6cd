// The full-text index: every searchable part of a document as a row of
// search_parts (schema.sql), mirrored into two FTS5 indexes by triggers:
// words (unicode61, diacritics folded) and trigrams (parts of compounds).
// Written from the document's rows inside its load transaction, so the index
// never disagrees with the data; deleting a document removes its parts.
import type Database from 'better-sqlite3';
import { stmt } from './statements.js';

type DB = Database.Database;

/** Bumped when what is indexed changes: an older index is rebuilt on first use. */
export const FTS_VERSION = '1';

const PARTS_SQL = [
  `INSERT INTO search_parts (document_id, kind, ref, page, text)
   SELECT id, 'title', NULL, 1, title FROM documents WHERE id = ? AND title IS NOT NULL AND title <> ''`,
  `INSERT INTO search_parts (document_id, kind, ref, page, text)
   SELECT id, 'preliminary', NULL, NULL, preliminary FROM documents WHERE id = ? AND preliminary IS NOT NULL AND preliminary <> ''`,
  `INSERT INTO search_parts (document_id, kind, ref, page, text)
   SELECT document_id, 'question', CAST(number AS TEXT), page, text FROM questions WHERE document_id = ? ORDER BY number`,
  `INSERT INTO search_parts (document_id, kind, ref, page, text)
   SELECT document_id, 'answer', CAST(ord AS TEXT), page_start, text FROM answers WHERE document_id = ? ORDER BY ord`,
  `INSERT INTO search_parts (document_id, kind, ref, page, text)
   SELECT t.document_id, 'cell', t.ord || ':' || c.row || ':' || c.col, COALESCE(c.page, t.page_start), c.text
   FROM tables t JOIN cells c ON c.table_id = t.id
   WHERE t.document_id = ? AND c.text IS NOT NULL AND trim(c.text) <> ''
     AND c.value IS NULL AND c.mark IS NULL -- numbers and marks: nothing to search for, half the index
   ORDER BY t.ord, c.row, c.col`,
  `INSERT INTO search_parts (document_id, kind, ref, page, text)
   SELECT document_id, 'footnote', marker, page, text FROM footnotes WHERE document_id = ? ORDER BY ord`,
  `INSERT INTO search_parts (document_id, kind, ref, page, text)
   SELECT t.document_id, 'table_note', t.ord || ':' || n.marker, t.page_end, n.text
   FROM tables t JOIN table_notes n ON n.table_id = t.id WHERE t.document_id = ? ORDER BY t.ord, n.ord`,
];

/** Index one document from its rows (call inside the document's transaction, after its rows). */
export function indexDocument(db: DB, documentId: number): void {
  stmt(db, 'DELETE FROM search_parts WHERE document_id = ?').run(documentId);
  for (const sql of PARTS_SQL) stmt(db, sql).run(documentId);
}

/** Rebuild the whole index from the documents (one transaction). Returns the parts written. */
export function rebuildIndex(db: DB): number {
  return db.transaction(() => {
    db.exec('DELETE FROM search_parts');
    db.exec("INSERT INTO search_words (search_words) VALUES ('delete-all')");
    db.exec("INSERT INTO search_trigram (search_trigram) VALUES ('delete-all')");
    for (const { id } of db.prepare('SELECT id FROM documents ORDER BY id').all() as { id: number }[]) indexDocument(db, id);
    db.prepare("INSERT INTO meta (key, value) VALUES ('fts_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(FTS_VERSION);
    return (db.prepare('SELECT count(*) AS n FROM search_parts').get() as { n: number }).n;
  }).immediate();
}

/**
 * A database written before the index existed gets the documents that have no
 * parts yet indexed once, here (documents loaded since are indexed by their
 * load); an index of another FTS_VERSION is rebuilt. Afterwards every load
 * keeps it in step.
 */
export function ensureIndexed(db: DB): void {
  const v = db.prepare("SELECT value FROM meta WHERE key = 'fts_version'").get() as { value: string } | undefined;
  if (v?.value === FTS_VERSION) return;
  if (v) {
    rebuildIndex(db);
    return;
  }
  db.transaction(() => {
    const missing = db.prepare('SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM search_parts p WHERE p.document_id = d.id) ORDER BY id').all() as { id: number }[];
    for (const { id } of missing) indexDocument(db, id);
    db.prepare("INSERT INTO meta (key, value) VALUES ('fts_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(FTS_VERSION);
  }).immediate();
}
