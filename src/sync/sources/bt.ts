// The Bundestag's DIP API: `drucksache-text` lists Drucksachen with their full
// text (10 per answer), filtered by type, Wahlperiode and "changed since";
// paging by sending the answer's cursor again until it no longer changes.
// Each document is stored as its text (BT{wp}-{n}.txt, read by the text
// reader) plus the DIP metadata (downloads.meta). After ingest the metadata
// becomes a portal entry of that text's source: fields the text leaves empty
// are filled in (document_enrichments), disagreements become source_conflicts
// (v_source_conflicts), never silent overwrites.
import { createHash } from 'node:crypto';
import { renumberVersions, stmt, type DB } from '../../load/db.js';
import { reconcile } from '../../load/enrich.js';
import { HttpFailure } from '../http.js';
import { getDownload, recordNotOk, recordOk, writeChecked } from '../store.js';
import { SyncError, type SourceModule, type SyncContext } from '../types.js';

/** The fields of a DIP document we keep (everything but the text). */
interface DipDocument {
  id?: string | undefined;
  dokumentnummer?: string | undefined;
  wahlperiode?: number | undefined;
  drucksachetyp?: string | undefined;
  datum?: string | undefined;
  aktualisiert?: string | undefined;
  titel?: string | undefined;
  herausgeber?: string | undefined;
  urheber?: unknown;
  autoren_anzeige?: unknown;
  autoren_anzahl?: number | undefined;
  ressort?: unknown;
  fundstelle?: { pdf_url?: string } & Record<string, unknown> | undefined;
  pdf_hash?: string | undefined;
  vorgangsbezug?: { vorgangstyp?: string }[] | undefined;
  text?: string | undefined;
}

interface DipAnswer {
  numFound?: number | undefined;
  cursor?: string | undefined;
  documents?: DipDocument[] | undefined;
}

const NUMBER = /^(\d{1,3})\/(\d{1,7})$/;

export const dip: SourceModule = {
  async fetch(ctx) {
    const key = apiKey(ctx);
    const filter = filterParams(ctx);
    const stateKey = `sync.${ctx.id}:${filter.toString()}`;
    let cursor = ctx.opts.dryRun ? undefined : readState(ctx.db, `${stateKey}:cursor`);
    let newest = readState(ctx.db, `${stateKey}:newest`) ?? '';
    if (cursor) ctx.log(`${ctx.id}: resuming the listing where the last run stopped`);
    let restarted = false;
    let stored = 0;
    for (let page = 1; ; page++) {
      if (ctx.signal?.aborted) return;
      const params = new URLSearchParams(filter);
      if (cursor) params.set('cursor', cursor);
      const url = `${ctx.base.replace(/\/$/, '')}/drucksache-text?${params}`;
      const r = await getOrFail(ctx, url, key);
      if (r.status === 400 && cursor && /cursor/i.test(r.text) && !restarted) {
        // A cursor kept from a killed run that the server no longer knows: list again from the start.
        ctx.log(`${ctx.id}: DIP does not know the saved cursor any more (${firstLine(r.text)}); listing again from the start`);
        restarted = true;
        cursor = undefined;
        writeState(ctx.db, `${stateKey}:cursor`, null);
        continue;
      }
      if (r.status === 401 || r.status === 403) throw new SyncError(`DIP rejected the API key (HTTP ${r.status}): check DRUCKSACHEN_DIP_KEY or --api-key`);
      if (r.status !== 200) throw new SyncError(`DIP answered HTTP ${r.status}: ${firstLine(r.text)}`);
      let body: DipAnswer;
      try {
        body = JSON.parse(r.text) as DipAnswer;
      } catch {
        throw new SyncError(`DIP answered something that is not JSON: ${firstLine(r.text)}`);
      }
      const docs = Array.isArray(body.documents) ? body.documents : [];
      if (page === 1 && !ctx.opts.quiet) ctx.log(`${ctx.id}: ${body.numFound ?? '?'} documents match`);
      for (const d of docs) {
        if (ctx.opts.limit !== undefined && stored >= ctx.opts.limit) return; // the cursor stays: the next run goes on here
        const r = await storeDocument(ctx, d);
        if (r === 'new' || r === 'changed') stored++;
        ctx.stats[r]++;
        if (typeof d.aktualisiert === 'string' && d.aktualisiert > newest) newest = d.aktualisiert;
      }
      if (!docs.length || !body.cursor || body.cursor === cursor) break;
      cursor = body.cursor;
      if (!ctx.opts.dryRun) {
        writeState(ctx.db, `${stateKey}:cursor`, cursor);
        writeState(ctx.db, `${stateKey}:newest`, newest || null);
      }
    }
    if (ctx.opts.dryRun) return;
    // The whole listing is in: the next run asks only for what changed since.
    writeState(ctx.db, `${stateKey}:cursor`, null);
    writeState(ctx.db, `${stateKey}:newest`, null);
    if (newest) writeState(ctx.db, `sync.${ctx.id}:since:${sinceKey(ctx)}`, newest);
  },

  afterIngest(ctx) {
    const rows = stmt(ctx.db, `SELECT d.number, d.meta, s.id AS source_id FROM downloads d JOIN sources s ON s.sha256 = d.sha256
                               WHERE d.source = ? AND d.status = 'ok' AND d.meta IS NOT NULL`).all(ctx.id) as { number: string; meta: string; source_id: number }[];
    ctx.db.transaction(() => {
      for (const r of rows) attachMeta(ctx.db, r.source_id, r.number, JSON.parse(r.meta) as DipDocument, ctx.base);
    })();
  },
};

function apiKey(ctx: SyncContext): string {
  const env = ctx.def.keyEnv ?? 'DRUCKSACHEN_DIP_KEY';
  const key = ctx.opts.apiKey ?? process.env[env];
  if (!key) throw new SyncError(`${ctx.id} needs a DIP API key: set ${env} or give --api-key`, 2);
  return key;
}

/** The filters of the listing; "changed since" is --since or the newest change seen by the last complete run. */
function filterParams(ctx: SyncContext): URLSearchParams {
  const p = new URLSearchParams();
  for (const t of ctx.opts.types ?? ctx.def.types ?? ['Antwort']) p.append('f.drucksachetyp', t);
  if (ctx.opts.wp) p.set('f.wahlperiode', String(ctx.opts.wp));
  const since = ctx.opts.since ?? readState(ctx.db, `sync.${ctx.id}:since:${sinceKey(ctx)}`);
  if (since) p.set('f.aktualisiert.start', since);
  return p;
}

/** The "changed since" mark belongs to one choice of types and Wahlperiode. */
function sinceKey(ctx: SyncContext): string {
  return `${(ctx.opts.types ?? ctx.def.types ?? []).join(',')}|${ctx.opts.wp ?? ''}`;
}

async function getOrFail(ctx: SyncContext, url: string, key: string) {
  try {
    return await ctx.http.getText(url, { authorization: `ApiKey ${key}`, accept: 'application/json' });
  } catch (e) {
    if (e instanceof HttpFailure) throw new SyncError(`DIP: ${e.reason}`);
    throw e;
  }
}

type Outcome = 'new' | 'changed' | 'unchanged' | 'failed';

async function storeDocument(ctx: SyncContext, d: DipDocument): Promise<Outcome> {
  const m = NUMBER.exec(d.dokumentnummer ?? '');
  if (!m) {
    ctx.warn(`${ctx.id}: skipped a DIP document without a readable number (${JSON.stringify(d.dokumentnummer ?? null)}, id ${d.id ?? '?'})`);
    return 'failed';
  }
  const number = `${Number(m[1])}/${Number(m[2])}`;
  const url = `${ctx.base.replace(/\/$/, '')}/drucksache-text/${encodeURIComponent(d.id ?? number)}`;
  const { text, ...rest } = d;
  const meta = JSON.stringify(rest);
  if (typeof text !== 'string' || !text.trim()) {
    if (!ctx.opts.dryRun) recordNotOk(ctx.db, ctx.id, number, url, 'failed', 'DIP gave no text');
    ctx.warn(`${number}: DIP gave no text`);
    return 'failed';
  }
  const bytes = Buffer.from(text, 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const row = getDownload(ctx.db, ctx.id, number);
  const same = row?.status === 'ok' && row.sha256 === sha256;
  if (ctx.opts.dryRun) {
    if (!same) ctx.log(`${number}: would store the text (${bytes.length} bytes)`);
    return same ? 'unchanged' : row?.status === 'ok' ? 'changed' : 'new';
  }
  if (same) {
    if (row.meta !== meta) stmt(ctx.db, 'UPDATE downloads SET meta = ?, checked_at = ? WHERE id = ?').run(meta, new Date().toISOString(), row.id);
    return 'unchanged';
  }
  const name = ctx.def.file.replaceAll('{wp}', m[1]).replaceAll('{n}', m[2]);
  const path = await writeChecked(ctx.dir, name, bytes, sha256);
  recordOk(ctx.db, ctx.id, number, { url, path, etag: null, lastModified: d.aktualisiert ?? null, bytes: bytes.length, sha256, meta, fresh: true });
  ctx.log(`${number}: ${row?.status === 'ok' ? 'changed, new version' : 'stored'} ${path} (${bytes.length} bytes)`);
  return row?.status === 'ok' ? 'changed' : 'new';
}

/** DIP's Drucksachentyp → doc_type; an Antwort by the kind of Vorgang it answers; else NULL (no guessing). */
function docType(d: DipDocument): string | null {
  const vorgang = d.vorgangsbezug?.map((v) => v.vorgangstyp).find(Boolean);
  switch (d.drucksachetyp) {
    case 'Kleine Anfrage': return 'kleine_anfrage';
    case 'Große Anfrage': return 'grosse_anfrage';
    case 'Antwort':
      if (vorgang === 'Kleine Anfrage') return 'antwort_kleine_anfrage';
      if (vorgang === 'Große Anfrage') return 'antwort_grosse_anfrage';
      return null;
    default: return null;
  }
}

/**
 * The DIP metadata as the portal entry (ord 0) of the text's own source, then
 * reconciled like a portal page: a document that did not find its number gets
 * DIP's (recorded as an enrichment); everything else via reconcile().
 */
function attachMeta(db: DB, sourceId: number, number: string, d: DipDocument, base: string): void {
  const entry = [number, d.wahlperiode ?? null, docType(d), d.titel ?? null, isoDate(d.datum), `${base.replace(/\/$/, '')}/drucksache/${d.id ?? ''}`];
  const old = stmt(db, 'SELECT id, drucksache, wahlperiode, doc_type, title, date, url FROM portal_entries WHERE source_id = ? AND ord = 0').get(sourceId) as Record<string, unknown> | undefined;
  if (old && JSON.stringify([old.drucksache, old.wahlperiode, old.doc_type, old.title, old.date, old.url]) === JSON.stringify(entry)) return;
  if (old) stmt(db, 'DELETE FROM portal_entries WHERE id = ?').run(old.id);
  const entryId = Number(stmt(db, `INSERT INTO portal_entries (source_id, ord, drucksache, wahlperiode, doc_type, title, date, url)
                                   VALUES (?, 0, ?, ?, ?, ?, ?, ?)`).run(sourceId, ...entry).lastInsertRowid);
  for (const doc of stmt(db, 'SELECT id FROM documents WHERE source_id = ? AND drucksache IS NULL').all(sourceId) as { id: number }[]) {
    stmt(db, 'UPDATE documents SET drucksache = ?, wahlperiode = coalesce(wahlperiode, ?) WHERE id = ?').run(number, d.wahlperiode ?? null, doc.id);
    stmt(db, 'INSERT OR REPLACE INTO document_enrichments (document_id, entry_id, field, value) VALUES (?, ?, ?, ?)').run(doc.id, entryId, 'drucksache', number);
    renumberVersions(db, number);
  }
  const touched = new Set<string>([number]);
  for (const r of stmt(db, 'SELECT drucksache FROM documents WHERE source_id = ? AND drucksache IS NOT NULL').all(sourceId) as { drucksache: string }[]) touched.add(r.drucksache);
  reconcile(db, touched);
  // The text names another number than DIP: that is a conflict, not a fill-in.
  for (const doc of stmt(db, 'SELECT id, drucksache FROM documents WHERE source_id = ? AND drucksache <> ?').all(sourceId, number) as { id: number; drucksache: string }[]) {
    stmt(db, 'INSERT OR REPLACE INTO source_conflicts (document_id, entry_id, field, document_value, portal_value) VALUES (?, ?, ?, ?, ?)')
      .run(doc.id, entryId, 'drucksache', doc.drucksache, number);
  }
}

function isoDate(v: string | undefined): string | null {
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}

export function firstLine(s: string): string {
  // The server's words go to a terminal: no control characters (escape sequences).
  const line = (s.trim().split('\n', 1)[0] ?? '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line || '(empty answer)';
}

function readState(db: DB, key: string): string | undefined {
  return (stmt(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

function writeState(db: DB, key: string, value: string | null): void {
  if (value === null) stmt(db, 'DELETE FROM meta WHERE key = ?').run(key);
  else stmt(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
