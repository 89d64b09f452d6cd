// Checks that a database holds whole documents only: SQLite's own checks plus
// the invariants of the loader. Used by the tests (after kill -9, after the
// mutation run) and handy after any incident:
//   node -e "import('./dist/run/integrity.js').then(async m => { const { openDb } = await import('./dist/load/db.js'); console.log(m.checkIntegrity(openDb('output/drucksachen.sqlite'))) })"
import type { DB } from '../load/db.js';

/** The problems found; empty when the database is sound. */
export function checkIntegrity(db: DB): string[] {
  const problems: string[] = [];
  const ic = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  if (ic.length !== 1 || ic[0].integrity_check !== 'ok') problems.push(`integrity_check: ${ic.map((r) => r.integrity_check).join('; ')}`);
  const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const r of fk.slice(0, 20)) problems.push(`orphan row: ${r.table} rowid ${r.rowid} points at a missing ${r.parent}`);
  const q = (sql: string) => db.prepare(sql).all() as Record<string, string | number | null>[];
  // ok: the document is there. partial: the document, or (nothing to read, e.g. no text layer) the messages saying why.
  for (const r of q(`SELECT s.path, s.status FROM sources s WHERE s.status IN ('ok', 'partial') AND s.kind IN ('pdf', 'text')
                     AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.source_id = s.id)
                     AND (s.status = 'ok' OR NOT EXISTS (SELECT 1 FROM messages m WHERE m.source_id = s.id))`)) {
    problems.push(`source without its document: ${r.path} (${r.status})`);
  }
  for (const r of q(`SELECT s.path FROM sources s WHERE s.status = 'ok' AND s.kind = 'html'
                     AND NOT EXISTS (SELECT 1 FROM portal_entries e WHERE e.source_id = s.id)`)) {
    problems.push(`portal page without its entries: ${r.path}`);
  }
  for (const r of q(`SELECT s.path FROM sources s WHERE s.status = 'failed'
                     AND (EXISTS (SELECT 1 FROM documents d WHERE d.source_id = s.id) OR EXISTS (SELECT 1 FROM portal_entries e WHERE e.source_id = s.id))`)) {
    problems.push(`failed source with content: ${r.path}`);
  }
  for (const r of q(`SELECT s.path FROM sources s WHERE s.status IN ('partial', 'failed') AND (s.error IS NULL OR s.error = '')`)) {
    problems.push(`partial or failed source without a reason: ${r.path}`);
  }
  // Versions are counted per parliament (the same number in two parliaments is two papers).
  for (const r of q(`SELECT drucksache, count(*) AS n, sum(is_current) AS cur, min(version) AS lo, max(version) AS hi,
                       count(DISTINCT version) AS nv FROM documents WHERE drucksache IS NOT NULL
                     GROUP BY COALESCE(parliament, ''), drucksache
                     HAVING cur != 1 OR lo != 1 OR hi != n OR nv != n`)) {
    problems.push(`versions of ${r.drucksache} are not 1..${r.n} with one current (current: ${r.cur}, versions ${r.lo}..${r.hi})`);
  }
  for (const r of q(`SELECT d.drucksache FROM documents d WHERE d.is_current = 1 AND d.drucksache IS NOT NULL AND d.version !=
                       (SELECT max(version) FROM documents x WHERE x.drucksache = d.drucksache
                          AND COALESCE(x.parliament, '') = COALESCE(d.parliament, ''))`)) {
    problems.push(`the current version of ${r.drucksache} is not the newest`);
  }
  return problems;
}
