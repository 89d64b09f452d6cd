// `drucksachen sync` through the real CLI (dist/cli.js): the "Done when"
// scenario against a plain static file server, and a kill -9 in the middle of
// a download followed by a second sync.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from './support/testing.js';
import { answerPdf, nwPath, SyncServer } from './support/sync-server.js';

let root: string;
beforeAll(() => {
  ensureBuilt();
  root = mkdtempSync(join(tmpdir(), 'sync-cli-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A plain static file server (like `python3 -m http.server`): Last-Modified / If-Modified-Since, no ETag. */
function staticServer(folder: string, log: string[]): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
    let status = 404;
    try {
      const file = join(folder, path);
      const st = statSync(file);
      const modified = new Date(Math.floor(st.mtimeMs / 1000) * 1000);
      const since = Date.parse(req.headers['if-modified-since'] ?? '');
      if (st.isFile() && Number.isFinite(since) && modified.getTime() <= since) {
        status = 304;
        res.writeHead(304).end();
      } else if (st.isFile()) {
        status = 200;
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': st.size, 'last-modified': modified.toUTCString() });
        res.end(readFileSync(file));
      }
    } catch {
      // not there
    }
    if (status === 404) res.writeHead(404).end('File not found');
    log.push(`${req.method} ${req.url} ${status}`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

function run(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, err }));
  });
}

function query<T>(db: string, sql: string): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all() as T[];
  } finally {
    d.close();
  }
}

describe('sync through the real CLI', () => {
  it('Done when: sync nw --wp 18 --from 18/100 against a static server loads MMD18-100 … 105, stops after the run of missing; again: nothing', async () => {
    const web = join(root, 'web');
    const archive = join(web, 'portal/WWW/dokumentenarchiv/Dokument');
    mkdirSync(archive, { recursive: true });
    for (let n = 100; n <= 105; n++) writeFileSync(join(archive, `MMD18-${n}.pdf`), answerPdf(18, n));
    const log: string[] = [];
    const { server, port } = await staticServer(web, log);
    const into = join(root, 'done-when');
    const db = join(root, 'done-when.sqlite');
    const args = ['sync', 'nw', '--wp', '18', '--from', '18/100', '--base-url', `http://127.0.0.1:${port}`, '--into', into, '--rate', '50/s', '--db', db, '--jobs', '1'];
    try {
      const first = await run(args);
      expect(first.code).toBe(0);
      expect(readdirSync(into).sort()).toEqual([100, 101, 102, 103, 104, 105].map((n) => `MMD18-${n}.pdf`));
      expect(query(db, 'SELECT count(*) AS n FROM v_documents')).toEqual([{ n: 6 }]);
      const pdfs = log.filter((l) => l.includes('.pdf'));
      expect(pdfs).toHaveLength(6 + 50); // the six, then the default run of 50 missing numbers
      expect(pdfs.at(-1)).toBe('GET /portal/WWW/dokumentenarchiv/Dokument/MMD18-155.pdf 404');
      expect(first.err).toContain('sync nw: 6 new, 0 changed, 0 unchanged, 50 missing, 0 failed');

      log.length = 0;
      const again = await run(args);
      expect(again.code).toBe(0);
      expect(again.err).toContain('sync nw: 0 new, 0 changed, 6 unchanged, 50 missing, 0 failed');
      expect(log.filter((l) => l.endsWith(' 200') && l.includes('.pdf'))).toEqual([]); // downloads nothing
      expect(log.filter((l) => l.endsWith(' 304'))).toHaveLength(6);
      expect(readdirSync(into)).toHaveLength(6);
      expect(query(db, 'SELECT count(*) AS n FROM v_documents')).toEqual([{ n: 6 }]);
    } finally {
      server.close();
    }
  }, 60_000);

  it('kill -9 in the middle of a download, then a second sync: every paper once, nothing half-written', async () => {
    const srv = new SyncServer();
    await srv.start();
    const N = 12;
    for (let n = 1; n <= N; n++) srv.put(nwPath(18, n), answerPdf(18, n));
    srv.fault(nwPath(18, 5), { kind: 'trickle', ms: 30_000, times: 1 }); // stalls half-way: the kill lands here
    const into = join(root, 'kill');
    const db = join(root, 'kill.sqlite');
    const args = [CLI, 'sync', 'nw', '--from', '18/1', '--base-url', srv.base, '--into', into, '--rate', '100/s', '--miss-run', '3', '--db', db, '--jobs', '1', '--quiet'];
    try {
      const child = spawn(process.execPath, args, { stdio: 'ignore' });
      const died = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, sig) => resolve(sig)));
      for (let i = 0; i < 400; i++) {
        const names = (() => { try { return readdirSync(into); } catch { return []; } })();
        if (names.includes(`.MMD18-5.pdf.part-${child.pid}`)) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(readdirSync(into)).toContain(`.MMD18-5.pdf.part-${child.pid}`);
      child.kill('SIGKILL');
      expect(await died).toBe('SIGKILL');
      expect(readdirSync(into).filter((f) => !f.startsWith('.')).sort()).toEqual(['MMD18-1.pdf', 'MMD18-2.pdf', 'MMD18-3.pdf', 'MMD18-4.pdf']);

      const second = await run(args.slice(1)); // async: the fixture server lives in this process
      expect(second.code).toBe(0);
      const names = readdirSync(into).sort();
      expect(names.filter((f) => f.startsWith('.'))).toEqual([]); // the half download is gone
      expect(names).toHaveLength(N);
      const docs = query<{ source_path: string }>(db, 'SELECT source_path FROM v_documents');
      expect(docs).toHaveLength(N);
      expect(new Set(docs.map((d) => d.source_path)).size).toBe(N);
      expect(query(db, "SELECT count(*) AS n FROM downloads WHERE status = 'ok'")).toEqual([{ n: N }]);
      for (const n of [1, 5, 12]) expect(readFileSync(join(into, `MMD18-${n}.pdf`)).equals(answerPdf(18, n))).toBe(true);
    } finally {
      await srv.stop();
    }
  }, 60_000);
});
