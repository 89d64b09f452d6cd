// `drucksachen sync`: against a fixture server on 127.0.0.1 that plays the
// Landtag's numbered PDFs and the DIP API with the faults real servers show.
// In-process through main() (sequential reader); kill -9 and the "Done when"
// scenario are in sync-cli.test.ts.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commandHelp, HELP, main } from '../src/cli/main.js';
import { watchSync } from '../src/commands/sync.js';
import { openDb } from '../src/load/db.js';
import { acquireLock } from '../src/run/lock.js';
import { sequentialProcessor } from '../src/run/pool.js';
import { parseRate, parseRetryAfter } from '../src/sync/http.js';
import { parseRobots } from '../src/sync/robots.js';
import { firstLine } from '../src/sync/sources/bt.js';
import { answerPdf, nwPath, SyncServer, type DipDoc } from './support/sync-server.js';

let root: string;
let srv: SyncServer;
let dir: string;
let db: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sync-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let caseNo = 0;
beforeEach(async () => {
  srv = new SyncServer();
  await srv.start();
  const c = join(root, `case-${++caseNo}`);
  dir = join(c, 'dl');
  db = join(c, 'db.sqlite');
});
afterEach(() => srv.stop());

/** Fast and deterministic: 200 requests per second, short time-outs and back-offs. */
const FAST = ['--rate', '200/s', '--http-timeout', '400ms', '--backoff', '10ms', '--retries', '2', '--jobs', '1', '--contact', 'https://example.org/who'];

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, { processor: sequentialProcessor() });
  return { code, out: out.join(''), err: err.join('') };
}

const nw = (...more: string[]) => cli('sync', 'nw', '--base-url', srv.base, '--into', dir, '--db', db, ...FAST, ...more);

function query<T>(sql: string, ...args: unknown[]): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all(...args) as T[];
  } finally {
    d.close();
  }
}

const files = () => readdirSync(dir).sort();

describe('sync nw: numbered PDFs', () => {
  it('survives every fault of the server: gaps, 500 then success, 429 with Retry-After, a slow answer, a body cut short, a 500 that stays', async () => {
    for (const n of [10, 11, 12, 15, 16, 17, 18, 19]) srv.put(nwPath(18, n), answerPdf(18, n));
    // 13 and 14 are a gap (404); 20.. are missing (the end).
    srv.fault(nwPath(18, 11), { kind: 'status', status: 500, times: 1 });
    srv.fault(nwPath(18, 12), { kind: 'status', status: 429, times: 1, retryAfter: '1' });
    srv.fault(nwPath(18, 15), { kind: 'slow', ms: 5000, times: 1 });
    srv.fault(nwPath(18, 16), { kind: 'cut', times: 1 });
    srv.fault(nwPath(18, 17), { kind: 'status', status: 503, times: 99 });
    const r = await nw('--from', '18/10', '--miss-run', '3');
    expect(r.code).toBe(1); // 18/17 failed
    expect(r.err).toContain('HTTP 500 Internal Server Error; trying again in 0 s');
    expect(r.err).toContain('HTTP 429 Too Many Requests; trying again in 1 s'); // Retry-After: 1 beats the 10 ms back-off
    expect(r.err).toMatch(/MMD18-15\.pdf: no complete answer within 0\.4 s; trying again/);
    expect(r.err).toMatch(/MMD18-16\.pdf: body cut short/);
    expect(r.err).toContain('18/17: failed: HTTP 503 Service Unavailable (3 tries)');
    expect(r.err).toContain('sync nw: 7 new, 0 changed, 0 unchanged, 5 missing, 1 failed');
    expect(files()).toEqual([10, 11, 12, 15, 16, 18, 19].map((n) => `MMD18-${n}.pdf`).sort());
    const rows = query<{ number: string; status: string; reason: string | null; bytes: number | null; sha256: string | null; etag: string | null }>(
      'SELECT number, status, reason, bytes, sha256, etag FROM downloads ORDER BY id');
    const by = new Map(rows.map((x) => [x.number, x]));
    expect(by.get('18/13')?.status).toBe('missing');
    expect(by.get('18/17')).toMatchObject({ status: 'failed', reason: 'HTTP 503 Service Unavailable (3 tries)' });
    expect(by.get('18/16')).toMatchObject({ status: 'ok', bytes: answerPdf(18, 16).length });
    expect(by.get('18/10')?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(query('SELECT source_path FROM v_documents')).toHaveLength(7);
    // Polite: our name, version and contact in every request.
    expect(srv.hits.every((h) => /^drucksachen\/\S+ \(\+https:\/\/example\.org\/who\)$/.test(String(h.headers['user-agent'])))).toBe(true);
    expect(srv.hits[0].url).toBe('/robots.txt');
    // The failed number is asked for again next time; the rest is not downloaded again.
    srv.faults.clear();
    const again = await nw('--miss-run', '3');
    expect(again.err).toContain('18/17: downloaded');
    expect(again.code).toBe(0);
    expect(query('SELECT source_path FROM v_documents')).toHaveLength(8);
    expect(files().filter((f) => f.startsWith('.'))).toEqual([]);
  }, 30_000);

  it('a server that keeps failing ends the scan after 3 failed numbers in a row', async () => {
    for (let n = 1; n <= 9; n++) {
      srv.put(nwPath(18, n), answerPdf(18, n));
      if (n >= 2) srv.fault(nwPath(18, n), { kind: 'status', status: 502, times: 99 });
    }
    const r = await nw('--from', '18/1', '--no-ingest');
    expect(r.err).toContain('nw: 3 numbers in a row failed: stopping here, the next sync tries them again');
    expect(srv.hitsOf(nwPath(18, 5))).toEqual([]);
    expect(r.code).toBe(1);
  });

  it('checks what arrives: a wrong Content-MD5 is tried again, an HTML page instead of the PDF is recorded failed', async () => {
    for (const n of [1, 2, 3]) srv.put(nwPath(18, n), answerPdf(18, n));
    srv.fault(nwPath(18, 1), { kind: 'badmd5', times: 1 });
    srv.fault(nwPath(18, 2), { kind: 'html', times: 1 });
    const r = await nw('--from', '18/1', '--miss-run', '2'); // a failed number counts towards the run of missing ones
    expect(r.err).toContain('MMD18-1.pdf: MD5 differs from the Content-MD5 header; trying again');
    expect(r.err).toContain('18/2: failed: not a PDF (the answer does not start with %PDF-)');
    expect(r.code).toBe(1);
    expect(srv.hitsOf(nwPath(18, 2))).toHaveLength(1); // not worth another try in this run
    expect(files()).toEqual(['MMD18-1.pdf', 'MMD18-3.pdf']);
    expect(query("SELECT status, reason FROM downloads WHERE number = '18/2'")).toEqual([{ status: 'failed', reason: 'not a PDF (the answer does not start with %PDF-)' }]);
  });

  it('re-checks with conditional GETs; a changed file (new ETag) is kept beside the old one, both loaded', async () => {
    for (const n of [1, 2, 3]) srv.put(nwPath(18, n), answerPdf(18, n));
    expect((await nw('--from', '18/1', '--miss-run', '2')).code).toBe(0);
    srv.put(nwPath(18, 2), answerPdf(18, 2, 1)); // a new version, new ETag
    srv.hits.length = 0;
    const r = await nw('--from', '18/1', '--miss-run', '2');
    expect(r.code).toBe(0);
    expect(r.err).toContain('sync nw: 0 new, 1 changed, 2 unchanged, 2 missing');
    const one = srv.hitsOf(nwPath(18, 1));
    expect(one).toHaveLength(1);
    expect(one[0].headers['if-none-match']).toMatch(/^"/);
    expect(one[0].status).toBe(304);
    const newer = files().filter((f) => f.startsWith('MMD18-2.'));
    expect(newer).toHaveLength(2); // MMD18-2.pdf (old) and MMD18-2.<sha>.pdf (new)
    expect(query('SELECT count(*) AS n FROM v_documents')[0]).toEqual({ n: 4 });
    const row = query<{ path: string }>("SELECT path FROM downloads WHERE number = '18/2'")[0];
    expect(row.path).toMatch(/MMD18-2\.[0-9a-f]{12}\.pdf$/);
  }, 30_000);

  it('starts from the highest number known; without one it asks for --from', async () => {
    const r = await nw();
    expect(r).toMatchObject({ code: 2, err: 'drucksachen: no NW Drucksache of Wahlperiode 18 is known yet: start with --from 18/N\n' });
    for (const n of [5, 6, 8]) srv.put(nwPath(18, n), answerPdf(18, n));
    await nw('--from', '18/5', '--miss-run', '2', '--no-ingest');
    expect(query('SELECT count(*) AS n FROM sources')[0]).toEqual({ n: 0 }); // --no-ingest
    srv.hits.length = 0;
    srv.put(nwPath(18, 7), answerPdf(18, 7)); // the gap filled late
    const r2 = await nw('--miss-run', '2');
    expect(r2.err).toContain('nw: asking for 18/9 upwards');
    expect(srv.hitsOf(nwPath(18, 6))).toEqual([]); // known: not asked again
    expect(r2.err).toContain('18/7: downloaded'); // the gap below is asked again
    expect(query('SELECT count(*) AS n FROM v_documents')[0]).toEqual({ n: 4 }); // the earlier downloads are loaded now too
  }, 30_000);

  it('starts after the highest number of that parliament in the database', async () => {
    expect((await cli('ingest', join(__dirname, 'fixtures', 'text', 'nrw-18-13528.txt'), '--db', db, '--jobs', '1', '--quiet')).code).toBe(0);
    const r = await nw('--miss-run', '1');
    expect(r.err).toContain('nw: asking for 18/13529 upwards');
    expect(srv.hits.map((h) => h.url)).toEqual(['/robots.txt', nwPath(18, 13529)]);
  });

  it('--quiet prints nothing when nothing went wrong (cron mails only failures), the summary when something failed', async () => {
    for (const n of [1, 2]) srv.put(nwPath(18, n), answerPdf(18, n));
    const quiet = await nw('--from', '18/1', '--miss-run', '2', '--quiet');
    expect(quiet).toMatchObject({ code: 0, out: '', err: '' });
    expect(query('SELECT count(*) AS n FROM v_documents')[0]).toEqual({ n: 2 });
    const again = await nw('--miss-run', '2', '--quiet');
    expect(again).toMatchObject({ code: 0, out: '', err: '' });
    srv.put(nwPath(18, 3), answerPdf(18, 3));
    srv.fault(nwPath(18, 3), { kind: 'status', status: 500, times: 99 });
    const failing = await nw('--miss-run', '2', '--retries', '0', '--quiet');
    expect(failing.code).toBe(1);
    expect(failing.err).toContain('sync nw: 0 new');
  }, 30_000);

  it('honours robots.txt: a disallowed archive is not fetched at all', async () => {
    srv.put(nwPath(18, 1), answerPdf(18, 1));
    srv.robots = 'User-agent: googlebot\nDisallow:\n\nUser-agent: *\nDisallow: /portal/WWW/dokumentenarchiv/\n';
    const r = await nw('--from', '18/1');
    expect(r.code).toBe(1);
    expect(r.err).toContain('drucksachen: robots.txt of 127.0.0.1');
    expect(r.err).toContain('disallows /portal/WWW/dokumentenarchiv/Dokument/MMD18-1.pdf');
    expect(srv.hits.map((h) => h.url)).toEqual(['/robots.txt']);
  });

  it('a second sync waits for the writer lock like ingest', async () => {
    srv.put(nwPath(18, 1), answerPdf(18, 1));
    mkdirSync(join(db, '..'), { recursive: true });
    const holder = openDb(db);
    const lock = await acquireLock(holder, { command: 'ingest' });
    const pending = nw('--from', '18/1', '--miss-run', '1');
    await new Promise((r) => setTimeout(r, 300));
    expect(srv.hits).toEqual([]); // nothing asked while another run holds the lock
    lock.release();
    holder.close();
    const r = await pending;
    expect(r.err).toMatch(/^waiting: ingest \(pid \d+ .*holds the writer lock/m);
    expect(r.err).toContain('sync nw: 1 new');
  });

  it('--base-url may name a mirror below a path', async () => {
    srv.put(`/mirror${nwPath(18, 1)}`, answerPdf(18, 1));
    const r = await cli('sync', 'nw', '--base-url', `${srv.base}/mirror/`, '--into', dir, '--db', db, ...FAST, '--from', '18/1', '--miss-run', '1', '--no-ingest');
    expect(r.err).toContain('sync nw: 1 new');
    expect(srv.hits.map((h) => h.url)).toEqual(['/robots.txt', `/mirror${nwPath(18, 1)}`, `/mirror${nwPath(18, 2)}`]);
  });

  it('--dry-run and --limit', async () => {
    for (const n of [1, 2, 3]) srv.put(nwPath(18, n), answerPdf(18, n));
    const dry = await nw('--from', '18/1', '--miss-run', '1', '--dry-run');
    expect(dry.err).toContain('18/3: would download');
    expect(srv.hits.filter((h) => h.url.endsWith('.pdf')).every((h) => h.method === 'HEAD')).toBe(true);
    expect(existsSync(db) ? query('SELECT count(*) AS n FROM downloads')[0] : { n: 0 }).toEqual({ n: 0 });
    const lim = await nw('--from', '18/1', '--limit', '2');
    expect(lim.err).toContain('sync nw: 2 new');
    expect(files()).toEqual(['MMD18-1.pdf', 'MMD18-2.pdf']);
  });

  it('watch --sync runs the sync on its schedule', async () => {
    srv.put(nwPath(18, 1), answerPdf(18, 1));
    let cycles = 0;
    const err: string[] = [];
    const ctl = new AbortController();
    const flags = {
      sync: 'nw', every: 30, maxCycles: 2, db, into: dir, 'base-url': srv.base, rate: '200/s', 'dry-run': false, ingest: true,
      from: '18/1', 'miss-run': 1, jobs: 1, retries: '0', backoff: '1ms',
    };
    const origPut = srv.put.bind(srv);
    const code = await watchSync(flags, { out: () => {}, err: (s) => {
      err.push(s);
      if (s.startsWith('sync nw:') && ++cycles === 1) origPut(nwPath(18, 2), answerPdf(18, 2));
    } }, sequentialProcessor(), ctl.signal);
    expect(code).toBe(0);
    expect(err.filter((s) => s.startsWith('sync nw:'))).toHaveLength(2);
    expect(query('SELECT count(*) AS n FROM v_documents')[0]).toEqual({ n: 2 });
  });
});

const BT_TEXT = (n: number) => `Deutscher Bundestag Drucksache 21/${n}
21. Wahlperiode 01.10.2025
Antwort
der Bundesregierung
auf die Kleine Anfrage der Abgeordneten Erika Beispiel und der Fraktion BEISPIEL
– Drucksache 21/${n - 100} –
Förderung von Beispielvereinen ${n}
1. Wie viele Beispielvereine wurden gefördert?
Es wurden ${n} Beispielvereine gefördert.
`;

function dipDoc(n: number, over: Partial<DipDoc> = {}): DipDoc {
  return {
    id: String(300000 + n), dokumentnummer: `21/${n}`, wahlperiode: 21, drucksachetyp: 'Antwort', datum: '2025-10-01',
    aktualisiert: `2025-10-0${(n % 5) + 1}T10:00:00+02:00`, titel: `Förderung von Beispielvereinen ${n}`,
    vorgangsbezug: [{ vorgangstyp: 'Kleine Anfrage' }], text: BT_TEXT(n), ...over,
  };
}

describe('sync bt: the DIP API', () => {
  const bt = (...more: string[]) => cli('sync', 'bt', '--base-url', `${srv.base}/api/v1`, '--into', dir, '--db', db, ...FAST, ...more);

  it('pages with the cursor, stores text + metadata, and turns disagreements into conflicts', async () => {
    srv.dip = [dipDoc(1001), dipDoc(1002, { datum: '2025-10-02' }), dipDoc(1003), dipDoc(1004), dipDoc(1005),
      dipDoc(1006, { drucksachetyp: 'Kleine Anfrage' })];
    const r = await bt('--api-key', 'secret-key');
    expect(r.err).toContain('sync bt: 5 new');
    expect(r.code).toBe(0);
    const pages = srv.hits.filter((h) => h.url.startsWith('/api/v1/drucksache-text'));
    expect(pages.length).toBe(4); // 2 + 2 + 1 + the empty last page
    expect(pages.slice(1).every((h) => /[?&]cursor=c/.test(h.url))).toBe(true);
    expect(pages.every((h) => h.headers.authorization === 'ApiKey secret-key' && /f\.drucksachetyp=Antwort/.test(h.url))).toBe(true);
    expect(files()).toEqual([1001, 1002, 1003, 1004, 1005].map((n) => `BT21-${n}.txt`));
    expect(query('SELECT count(*) AS n FROM v_documents')[0]).toEqual({ n: 5 });
    const meta = JSON.parse(query<{ meta: string }>("SELECT meta FROM downloads WHERE number = '21/1001'")[0].meta);
    expect(meta).toMatchObject({ id: '301001', drucksachetyp: 'Antwort', titel: 'Förderung von Beispielvereinen 1001' });
    expect(meta.text).toBeUndefined();
    // The text says 01.10.2025, DIP says 2025-10-02: a conflict, the document keeps its own date.
    expect(query("SELECT drucksache, field, document_value, portal_value FROM v_source_conflicts WHERE field = 'date'"))
      .toEqual([{ drucksache: '21/1002', field: 'date', document_value: '2025-10-01', portal_value: '2025-10-02' }]);
    expect(query<{ date: string }>("SELECT date FROM v_documents WHERE drucksache = '21/1002'")[0].date).toBe('2025-10-01');
    expect(query("SELECT drucksache, doc_type, date FROM v_portal_entries WHERE drucksache = '21/1003'"))
      .toEqual([{ drucksache: '21/1003', doc_type: 'antwort_kleine_anfrage', date: '2025-10-01' }]);
    expect(query<{ title: string | null }>("SELECT title FROM v_documents WHERE drucksache = '21/1004'")[0].title).not.toBeNull();

    // The next run asks only for what changed since the newest change seen; nothing new.
    srv.hits.length = 0;
    const again = await bt('--api-key', 'secret-key', '--types', 'Antwort');
    expect(again.err).toContain('sync bt: 0 new');
    expect(srv.hits[0].url).toContain('f.aktualisiert.start=2025-10-05T10%3A00%3A00%2B02%3A00');
    // --types adds the Kleine Anfragen.
    const ka = await bt('--api-key', 'secret-key', '--types', 'Antwort,Kleine Anfrage');
    expect(ka.err).toContain('sync bt: 1 new');
  });

  it('a missing or rejected key is a one-line error', async () => {
    const env = process.env.DRUCKSACHEN_DIP_KEY;
    delete process.env.DRUCKSACHEN_DIP_KEY;
    try {
      expect(await bt()).toMatchObject({ code: 2, err: 'drucksachen: bt needs a DIP API key: set DRUCKSACHEN_DIP_KEY or give --api-key\n' });
      process.env.DRUCKSACHEN_DIP_KEY = 'wrong';
      const r = await bt('--quiet');
      expect(r).toMatchObject({ code: 1, err: 'drucksachen: DIP rejected the API key (HTTP 401): check DRUCKSACHEN_DIP_KEY or --api-key\n' });
      expect(srv.hits).toHaveLength(1); // no retries on a 401
    } finally {
      if (env === undefined) delete process.env.DRUCKSACHEN_DIP_KEY;
      else process.env.DRUCKSACHEN_DIP_KEY = env;
    }
  });

  it('a run stopped mid-listing resumes with its cursor; an "Invalid cursor" lists again from the start', async () => {
    srv.dip = [1, 2, 3, 4, 5].map((i) => dipDoc(2000 + i));
    const first = await bt('--api-key', 'secret-key', '--limit', '3');
    expect(first.err).toContain('sync bt: 3 new');
    srv.hits.length = 0;
    const resumed = await bt('--api-key', 'secret-key');
    expect(resumed.err).toContain('bt: resuming the listing');
    expect(srv.hits[0].url).toMatch(/cursor=c2/);
    expect(resumed.err).toContain('sync bt: 2 new');
    // A cursor the server no longer knows (kept by a killed run): start over, nothing doubled.
    srv.dip.push(dipDoc(2006), dipDoc(2007));
    const stopped = await bt('--api-key', 'secret-key', '--limit', '1', '--since', '2025-01-01'); // stops after 2006: leaves a cursor
    expect(stopped.err).toContain('sync bt: 1 new');
    srv.forgetCursors();
    const restarted = await bt('--api-key', 'secret-key', '--since', '2025-01-01');
    expect(restarted.err).toContain('DIP does not know the saved cursor any more ({"code":400,"message":"Invalid cursor"}); listing again from the start');
    expect(restarted.code).toBe(0);
    expect(restarted.err).toContain('sync bt: 1 new, 0 changed, 6 unchanged');
    expect(files()).toHaveLength(7);
    expect(query('SELECT count(*) AS n FROM v_documents')[0]).toEqual({ n: 7 });
  });
});

describe('sync: help, usage and the small parsers', () => {
  it('is in --help', async () => {
    expect(HELP).toContain('drucksachen sync nw|bt');
    expect(HELP).toContain('drucksachen watch --sync nw|bt --every 1h');
    expect((await cli('sync', '--help')).out).toBe(commandHelp('sync'));
  });

  it('an --into that cannot be used is a one-line error', async () => {
    mkdirSync(join(root, 'u'), { recursive: true });
    const file = join(root, 'u', 'a-file');
    writeFileSync(file, 'x');
    const r = await cli('sync', 'nw', '--into', file, '--db', join(root, 'u', 'u.sqlite'), '--from', '18/1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^drucksachen: cannot use --into .*a-file: EEXIST[^\n]*\n$/);
  });

  it('rejects bad usage with exit 2', async () => {
    expect((await cli('sync', 'xx', '--db', join(root, 'u.sqlite'))).err).toBe('drucksachen: unknown sync source "xx" (known: nw, bt)\n');
    expect((await cli('sync', 'nw', '--rate', 'fast')).code).toBe(2);
    expect((await cli('sync', 'nw', '--wp', '17', '--from', '18/3')).err).toContain('--from 18/3 is not in Wahlperiode 17');
    expect((await cli('sync', 'nw', '--since', '2025-01-01')).err).toContain('use --from, not --since');
    expect((await cli('watch', '--sync', 'nw', 'somedir')).code).toBe(2);
  });

  it('a server answer shown in a message is one line without control characters', () => {
    expect(firstLine('\u001b[31mbad\u001b[0m request\nsecond line')).toBe(' [31mbad [0m request');
    expect(firstLine('')).toBe('(empty answer)');
  });

  it('reads rates, Retry-After and robots.txt', () => {
    expect(parseRate('1/s')).toBe(1000);
    expect(parseRate('30/m')).toBe(2000);
    expect(parseRate('0/s')).toBeNull();
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeNull();
    const r = parseRobots('User-agent: *\nDisallow: /home/dokumente/dokumentensuche/\nDisallow: /*.cgi$\nAllow: /home/dokumente/dokumentensuche/ok\n');
    expect(r.allowed('/portal/WWW/dokumentenarchiv/Dokument/MMD18-1.pdf')).toBe(true);
    expect(r.allowed('/home/dokumente/dokumentensuche/x')).toBe(false);
    expect(r.allowed('/home/dokumente/dokumentensuche/ok')).toBe(true);
    expect(r.allowed('/a/b.cgi')).toBe(false);
    expect(r.allowed('/a/b.cgi?x')).toBe(true);
    expect(parseRobots('User-agent: drucksachen\nDisallow: /\n\nUser-agent: *\nDisallow:\n').allowed('/x')).toBe(false);
  });
});
