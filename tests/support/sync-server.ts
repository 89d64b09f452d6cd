// The fixture server of the sync tests, on 127.0.0.1 (no test reaches the
// internet): it plays the Landtag's numbered PDFs and the DIP API, with the
// faults a real server shows. Every request is logged for the assertions.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PdfWriter } from './pdf-writer.js';

/** A small Landtag NRW answer as PDF; `variant` changes the bytes (a new version). */
export function answerPdf(wp: number, n: number, variant = 0): Buffer {
  const w = new PdfWriter({ info: { Title: `Drucksache ${wp}/${n} v${variant}` } });
  const p = w.page();
  p.text(72, 60, 'LANDTAG NORDRHEIN-WESTFALEN', { size: 10 });
  p.text(380, 60, `Drucksache ${wp}/${n}`, { size: 10 });
  p.text(72, 74, `${wp}. Wahlperiode`, { size: 10 });
  p.text(380, 74, '01.02.2024', { size: 10 });
  p.text(72, 120, 'Antwort', { size: 14, bold: true });
  p.text(72, 140, `der Landesregierung auf die Kleine Anfrage ${n - 50} vom 5. Januar 2024`, { size: 10 });
  p.text(72, 180, `Fassung ${variant}: Die Landesregierung beantwortet die Kleine Anfrage wie folgt.`, { size: 10 });
  return Buffer.from(w.toBytes());
}

export type Fault =
  | { kind: 'status'; status: number; times: number; retryAfter?: string }
  | { kind: 'slow'; ms: number; times: number }
  | { kind: 'cut'; times: number }
  /** 200 with the file but a Content-MD5 header of other bytes. */
  | { kind: 'badmd5'; times: number }
  /** 200 with an HTML page instead of the PDF (a "soft 404"). */
  | { kind: 'html'; times: number }
  /** The first half of the body, then the rest after `ms` (a download in flight). */
  | { kind: 'trickle'; ms: number; times: number };

export interface Hit {
  method: string;
  url: string;
  status: number;
  headers: IncomingMessage['headers'];
}

export interface DipDoc {
  id: string;
  dokumentnummer: string;
  wahlperiode: number;
  drucksachetyp: string;
  datum: string;
  aktualisiert: string;
  titel: string;
  vorgangsbezug?: { vorgangstyp: string }[];
  text?: string;
}

export class SyncServer {
  /** Path → bytes (and an ETag that changes with the bytes). */
  readonly files = new Map<string, { body: Buffer; etag: string; modified: string }>();
  /** Path → faults still to play (in order). */
  readonly faults = new Map<string, Fault[]>();
  robots = 'User-agent: *\nDisallow: /home/dokumente/dokumentensuche/\n';
  dip: DipDoc[] = [];
  dipKey = 'secret-key';
  /** Cursors the DIP fixture accepts (others: 400 Invalid cursor). */
  private readonly cursors = new Map<string, number>();
  readonly hits: Hit[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<import('node:net').Socket>();
  port = 0;

  put(path: string, body: Buffer): void {
    const etag = `"${createHash('md5').update(body).digest('hex')}"`;
    this.files.set(path, { body, etag, modified: new Date(Math.floor(Date.now() / 1000) * 1000).toUTCString() });
  }

  fault(path: string, f: Fault): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), f]);
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    return new Promise((resolve) => this.server!.listen(0, '127.0.0.1', () => {
      this.port = (this.server!.address() as AddressInfo).port;
      resolve();
    }));
  }

  stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  hitsOf(path: string): Hit[] {
    return this.hits.filter((h) => h.url.split('?')[0] === path);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const path = url.split('?')[0];
    const send = (status: number, body: Buffer | string = '', headers: Record<string, string> = {}) => {
      this.hits.push({ method: req.method ?? 'GET', url, status, headers: req.headers });
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const queue = this.faults.get(path);
    const f = queue?.[0];
    if (f) {
      if (--f.times <= 0) queue.shift();
      if (f.kind === 'status') return send(f.status, 'trouble', f.retryAfter ? { 'retry-after': f.retryAfter } : {});
      if (f.kind === 'slow') {
        this.hits.push({ method: req.method ?? 'GET', url, status: 0, headers: req.headers });
        const t = setTimeout(() => { if (!res.destroyed) { res.writeHead(503); res.end(); } }, f.ms);
        res.on('close', () => clearTimeout(t));
        return;
      }
      if (f.kind === 'badmd5') {
        const file = this.files.get(path);
        if (file) return send(200, file.body, { 'content-length': String(file.body.length), 'content-md5': createHash('md5').update('other').digest('base64') });
      }
      if (f.kind === 'html') return send(200, '<html><body>Dokument nicht gefunden</body></html>', { 'content-type': 'text/html' });
      if (f.kind === 'trickle') {
        const file = this.files.get(path);
        if (file) {
          this.hits.push({ method: req.method ?? 'GET', url, status: 200, headers: req.headers });
          res.writeHead(200, { 'content-length': String(file.body.length), 'content-type': 'application/pdf', etag: file.etag });
          const half = Math.floor(file.body.length / 2);
          res.write(file.body.subarray(0, half));
          const t = setTimeout(() => res.end(file.body.subarray(half)), f.ms);
          res.on('close', () => clearTimeout(t));
          return;
        }
      }
      if (f.kind === 'cut') {
        const file = this.files.get(path);
        if (file) {
          this.hits.push({ method: req.method ?? 'GET', url, status: -200, headers: req.headers });
          res.writeHead(200, { 'content-length': String(file.body.length), 'content-type': 'application/pdf' });
          res.write(file.body.subarray(0, Math.floor(file.body.length / 2)));
          setTimeout(() => res.socket?.destroy(), 20);
          return;
        }
      }
    }
    if (path === '/robots.txt') return send(200, this.robots, { 'content-type': 'text/plain' });
    if (path.startsWith('/api/v1/')) return this.handleDip(req, url, send);
    const file = this.files.get(path);
    if (!file) return send(404, 'not found');
    if (req.headers['if-none-match'] === file.etag) return send(304);
    send(200, file.body, {
      'content-type': 'application/pdf', 'content-length': String(file.body.length), etag: file.etag, 'last-modified': file.modified,
    });
  }

  /** The DIP API: key check, drucksache-text with 2 documents per page and cursor paging. */
  private handleDip(req: IncomingMessage, url: string, send: (s: number, b?: string, h?: Record<string, string>) => void): void {
    if (req.headers.authorization !== `ApiKey ${this.dipKey}`) {
      return send(401, JSON.stringify({ code: 401, message: 'Unauthorized: API-Key fehlt oder ist ungültig' }), { 'content-type': 'application/json' });
    }
    const u = new URL(url, 'http://x');
    if (u.pathname !== '/api/v1/drucksache-text') return send(404, '{"code":404}');
    const types = u.searchParams.getAll('f.drucksachetyp');
    const since = u.searchParams.get('f.aktualisiert.start');
    const docs = this.dip.filter((d) => (!types.length || types.includes(d.drucksachetyp)) && (!since || d.aktualisiert >= since));
    const cursor = u.searchParams.get('cursor');
    let offset = 0;
    if (cursor !== null) {
      const o = this.cursors.get(cursor);
      if (o === undefined) return send(400, JSON.stringify({ code: 400, message: 'Invalid cursor' }), { 'content-type': 'application/json' });
      offset = o;
    }
    const page = docs.slice(offset, offset + 2);
    const next = offset + page.length;
    const nextCursor = page.length ? `c${next}-${Math.random().toString(36).slice(2, 8)}` : (cursor ?? '*');
    if (page.length) this.cursors.set(nextCursor, next);
    send(200, JSON.stringify({ numFound: docs.length, cursor: nextCursor, documents: page }), { 'content-type': 'application/json' });
  }

  /** Forget the cursors given out (as a DIP restart would). */
  forgetCursors(): void {
    this.cursors.clear();
  }
}

export const nwPath = (wp: number, n: number) => `/portal/WWW/dokumentenarchiv/Dokument/MMD${wp}-${n}.pdf`;
