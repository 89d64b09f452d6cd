// `drucksachen report` through the CLI, checked in a real browser (headless
// Chromium through puppeteer-core, Debian's chromium; no browser download):
// what a person sees (table cells, matrix marks, the search box and filters of
// the index), every text escaped, and no page loads anything but local files.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthSeries, pageLinker } from '../src/commands/report.js';
import { esc } from '../src/report/html.js';
import { vBars } from '../src/report/svg.js';
import { cli, lookDb, TEXT } from './support/look-db.js';

const EVIL = `<img src="http://127.0.0.1:9/x.png" onerror="document.title='pwned'"><script>document.title='pwned'</script>`;

let dir: string;
let db: string;
let site: string;
beforeAll(async () => {
  ({ dir, db } = await lookDb());
  const inputs = join(dir, 'in2');
  mkdirSync(inputs);
  const evil = readFileSync(join(TEXT, 'nrw-18-13528.txt'), 'utf8')
    .replace('Drucksache 18/13528', 'Drucksache 18/99999')
    .replace('Zugriff der Zentralen Ausländerbehörden (ZAB) auf An- und Abwesenheitssysteme in', `${EVIL} in`);
  writeFileSync(join(inputs, 'evil.txt'), evil);
  expect((await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet')).code).toBe(0);
  site = join(dir, 'site');
  const r = await cli('report', site, '--db', db);
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/^wrote 6 pages for 4 documents to .* in \d+\.\ds: open .*index\.html\n$/);
}, 60_000);

describe('report files', () => {
  it('an index, an overview and one page per current document; nothing refers to the network', () => {
    expect(readdirSync(site).sort()).toEqual(['d', 'index.html', 'overview.html']);
    expect(readdirSync(join(site, 'd')).sort()).toEqual(['18-13528.html', '18-14087.html', '18-99999.html', expect.stringMatching(/^[0-9a-f]{16}\.html$/)]);
    for (const f of ['index.html', 'overview.html', ...readdirSync(join(site, 'd')).map((x) => join('d', x))]) {
      const html = readFileSync(join(site, f), 'utf8');
      expect([f, /(?:src|href)="(?:https?:)?\/\//i.test(html)]).toEqual([f, false]);
      expect(html).toContain("default-src 'none'");
      expect(html).not.toContain(EVIL);
    }
    expect(readFileSync(join(site, 'd', '18-99999.html'), 'utf8')).toContain(esc(EVIL));
    // versions and what changed: the answer of 18/14087 that its second version changed
    const v = readFileSync(join(site, 'd', '18-14087.html'), 'utf8');
    expect(v).toContain('<h2>Fassungen (2)</h2>');
    expect(v).toMatch(/<tr><td>1<\/td><td>0<\/td><td><a href="file:\/\/[^"]+nrw-18-14087\.txt"><code>/); // each version's file opens
    expect(v).toMatch(/<tr class="chg-changed"><td>1 → 2<\/td><td>answer<\/td><td>1,2<\/td><td>changed<\/td><td>[^<]*mündlich geäußert[^<]*<\/td><td>[^<]*schriftlich geäußert/);
    expect(v.match(/class="chg-/g)).toHaveLength(1);
    const overview = readFileSync(join(site, 'overview.html'), 'utf8');
    expect(overview.match(/<svg /g)).toHaveLength(3);
    expect(overview).toContain('4 Wochen');
  });

  it('written again into the same folder: pages of documents no longer current go', async () => {
    const again = join(dir, 'again');
    expect((await cli('report', again, '--db', db, '--quiet')).code).toBe(0);
    writeFileSync(join(again, 'd', '17-1.html'), 'left from an earlier report');
    writeFileSync(join(again, 'd', 'notes.txt'), 'not ours');
    expect((await cli('report', again, '--db', db, '--quiet')).code).toBe(0);
    expect(readdirSync(join(again, 'd'))).not.toContain('17-1.html');
    expect(readdirSync(join(again, 'd'))).toContain('notes.txt');
    expect(readdirSync(join(again, 'd'))).toContain('18-14087.html');
    writeFileSync(join(dir, 'a-file'), '');
    expect((await cli('report', join(dir, 'a-file'), '--db', db)).err).toContain(`${join(dir, 'a-file')} is a file, not a folder`);
    mkdirSync(join(dir, 'has-d-file'));
    writeFileSync(join(dir, 'has-d-file', 'd'), '');
    expect((await cli('report', join(dir, 'has-d-file'), '--db', db)).err).toContain(`${join(dir, 'has-d-file', 'd')} is a file, not a folder`);
  });

  it('a folder that is not an earlier report keeps its own d/*.html', async () => {
    const other = join(dir, 'other-site');
    mkdirSync(join(other, 'd'), { recursive: true });
    writeFileSync(join(other, 'd', 'mine.html'), '<p>a page of another site</p>');
    expect((await cli('report', other, '--db', db, '--quiet')).code).toBe(0);
    expect(readdirSync(join(other, 'd'))).toContain('mine.html');
    expect(readdirSync(join(other, 'd'))).toContain('18-14087.html');
  });

  it('the source file and the page of each part are links (file://, #page=N for a PDF)', () => {
    const html = readFileSync(join(site, 'd', '18-13528.html'), 'utf8');
    const url = pathToFileURL(join(dir, 'in', 'nrw-18-13528.txt')).href;
    expect(html).toContain(`<a href="${esc(url)}"><code>`);
    expect(html).toContain(`<strong>Frage 1</strong> <span class="src"><a href="${esc(url)}">S. `);
    expect(pageLinker({ path: '/data/a b.pdf', kind: 'pdf' })(3, 4)).toBe('<a href="file:///data/a%20b.pdf#page=3">S. 3–4</a>');
    expect(pageLinker({ path: 'relative.pdf', kind: 'pdf' })(3, null)).toBe('S. 3');
    expect(pageLinker({ path: '/data/a.pdf', kind: 'pdf' })(null, null)).toBe('');
  });

  it('an answer dated before its question is a bar of its own in the days chart, not dropped', async () => {
    const db2 = join(dir, 'early.sqlite');
    copyFileSync(db, db2);
    const d = new Database(db2);
    expect(d.prepare("UPDATE documents SET letter_date = '2000-01-01' WHERE drucksache = '18/14087' AND ka_date IS NOT NULL").run().changes).toBeGreaterThan(0);
    d.close();
    const out = join(dir, 'early-site');
    expect((await cli('report', out, '--db', db2, '--quiet')).code).toBe(0);
    const html = readFileSync(join(out, 'overview.html'), 'utf8');
    expect(html).toContain('>&lt; 0</text>');
    expect(html).toContain('1 Antworten datiert vor der Anfrage');
  });

  it('vertical bars leave room left of the first bar for its slanted label (a month was cut off)', () => {
    const svg = vBars([{ label: '2020-07', value: 4 }], { title: 't' });
    const x = Number(/<rect x="(\d+)"/.exec(svg)![1]);
    expect(x).toBeGreaterThanOrEqual(60); // "2020-07" at 45° reaches about 55 px to the left of its bar's middle
  });

  it('tables per month: the months between are drawn as 0, not left out', () => {
    expect(monthSeries([{ month: '2024-11', n: 2 }, { month: '2025-02', n: 1 }])).toEqual([
      { month: '2024-11', n: 2 }, { month: '2024-12', n: 0 }, { month: '2025-01', n: 0 }, { month: '2025-02', n: 1 },
    ]);
    const far = [{ month: '1900-01', n: 1 }, { month: '2025-01', n: 1 }];
    expect(monthSeries(far)).toEqual(far);
    expect(monthSeries([])).toEqual([]);
  });

  it('a usage error for a missing folder argument or database', async () => {
    expect((await cli('report', '--db', db)).code).toBe(2);
    expect((await cli('report', join(dir, 'x'), '--db', join(dir, 'none.sqlite'))).code).toBe(2);
  });
});

/** Debian's chromium (CI installs it, see .ci/run); elsewhere the browser test may skip, loudly. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
const REQUIRED = process.env.DRUCKSACHEN_BROWSER_TEST === 'required';
if (!CHROMIUM) {
  const msg = 'report browser test: no chromium found (apt-get install chromium, or set CHROMIUM_PATH)';
  if (REQUIRED) throw new Error(`${msg}; required in CI`);
  console.warn(`SKIPPED ${msg}`);
}

interface Expected { row: number; col: number; text: string; mark: string | null }

/** What a person sees in the page's table `ord`, cell by cell, against the database: the problems. */
async function checkTable(page: Page, ord: number, want: Expected[]): Promise<string[]> {
  return page.evaluate((ord, want) => {
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    const table = document.querySelector<HTMLElement>(`table[data-table="${ord}"]`);
    if (!table || !table.checkVisibility()) return [`table ${ord} not shown`];
    const problems: string[] = [];
    for (const w of want) {
      const el = table.querySelector<HTMLElement>(`[data-row="${w.row}"][data-col="${w.col}"]`);
      if (!el || !el.checkVisibility()) { problems.push(`table ${ord} cell ${w.row}:${w.col} missing`); continue; }
      if (norm(el.innerText) !== norm(w.text)) problems.push(`table ${ord} cell ${w.row}:${w.col} shows "${norm(el.innerText)}", not "${norm(w.text)}"`);
      if (w.mark && !el.classList.contains('mark')) problems.push(`table ${ord} cell ${w.row}:${w.col}: mark not shown as a mark`);
    }
    const marks = table.querySelectorAll('.mark').length;
    const wantMarks = want.filter((w) => w.mark).length;
    if (marks !== wantMarks) problems.push(`table ${ord}: ${marks} marks shown, ${wantMarks} in the database`);
    return problems;
  }, ord, want);
}

describe.skipIf(!CHROMIUM)('report in headless Chromium', () => {
  let browser: Browser;
  const remote: string[] = [];
  const errors: string[] = [];
  let page: Page;

  beforeAll(async () => {
    const puppeteer = (await import('puppeteer-core')).default;
    browser = await puppeteer.launch({
      executablePath: CHROMIUM!, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('file://') || url.startsWith('data:')) void req.continue();
      else { remote.push(url); void req.abort(); }
    });
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 60_000);
  afterAll(async () => { await browser?.close(); });

  const open = async (file: string) => { await page.goto(pathToFileURL(join(site, file)).href, { waitUntil: 'load' }); };
  const visibleRows = () => page.$$eval('#docs tbody tr', (rs) => rs.filter((r) => !(r as HTMLElement).hidden).map((r) => (r.querySelector('td') as HTMLElement).innerText));

  it('index: current documents only; the search box and the filters narrow the list; headers sort', async () => {
    await open('index.html');
    expect((await visibleRows()).sort()).toEqual(['(ohne Nummer)', '18/13528', '18/14087', '18/99999']);
    await page.type('#q', 'videokonferenz');
    expect(await visibleRows()).toEqual(['(ohne Nummer)']);
    expect(await page.$eval('#count', (e) => (e as HTMLElement).innerText)).toBe('1 von 4');
    await page.$eval('#q', (e) => { (e as HTMLInputElement).value = ''; });
    await page.type('#q', 'kapteinat ZAB');
    expect((await visibleRows()).sort()).toEqual(['18/13528', '18/14087']);
    await page.$eval('#q', (e) => { (e as HTMLInputElement).value = ''; e.dispatchEvent(new Event('input')); });
    await page.select('#f-tables', '1');
    expect(await visibleRows()).toEqual(['(ohne Nummer)']);
    await page.select('#f-tables', '');
    await page.select('#f-wp', '18');
    expect((await visibleRows()).sort()).toEqual(['18/13528', '18/14087', '18/99999']);
    await page.select('#f-late', '1');
    expect(await visibleRows()).toEqual(['18/14087']);
    await page.select('#f-late', '');
    await page.select('#f-faction', 'BÜNDNIS 90/DIE GRÜNEN');
    await page.select('#f-wp', '');
    expect(await visibleRows()).toEqual(['(ohne Nummer)']);
    await page.select('#f-faction', '');
    await page.click('#docs th:nth-child(1)');
    expect(await visibleRows()).toEqual(['(ohne Nummer)', '18/13528', '18/14087', '18/99999']);
    await page.click('#docs th:nth-child(1)');
    expect(await visibleRows()).toEqual(['18/99999', '18/14087', '18/13528', '(ohne Nummer)']);
  }, 60_000);

  it('document page: every table cell and every matrix mark of the database, footnotes, source and pages', async () => {
    const d = new Database(db, { readonly: true });
    const cells = d.prepare(
      `SELECT t.ord, c.row, c.col, c.text, c.mark FROM cells c JOIN tables t ON t.id = c.table_id JOIN documents d ON d.id = t.document_id
       JOIN sources s ON s.id = d.source_id WHERE s.path LIKE '%nrw-17-10116.txt' AND c.text IS NOT NULL ORDER BY t.ord, c.row, c.col`,
    ).all() as (Expected & { ord: number })[];
    d.close();
    expect(cells.length).toBeGreaterThan(50);
    expect(cells.filter((c) => c.mark).length).toBe(25);
    await open('index.html');
    const href = await page.$eval('#docs tbody tr td a', (a) => (a).getAttribute('href'));
    const file = (await page.$$eval('#docs tbody tr td a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]))).find(([t]) => t === '(ohne Nummer)')![1]!;
    expect(href).toMatch(/^d\//);
    await open(file);
    for (const ord of [1, 2]) expect(await checkTable(page, ord, cells.filter((c) => c.ord === ord))).toEqual([]);
    const text = await page.$eval('main', (m) => (m).innerText);
    expect(text).toContain('Datenschutzkonforme Videokonferenz-Tools');
    expect(text).toContain('Matthi Bolte-Richter (BÜNDNIS 90/DIE GRÜNEN)');
    expect(text).toMatch(/Frage 1\s+S\. 1/);
    expect(text).toContain('nrw-17-10116.txt');
    expect(text).toContain('Der Einsatz von ZOOM im MKFFI erfolgt im Einzelfall.');
    expect(text).toMatch(/Tabelle 2 · X-Matrix/);

    // The check fails when a cell or a mark is missing: the same page with one of each taken out.
    const html = readFileSync(join(site, file), 'utf8');
    const mark = cells.find((c) => c.ord === 2 && c.mark)!;
    const plain = cells.find((c) => c.ord === 1 && c.row > 2 && c.col === 1)!;
    const tampered = html
      .replace(new RegExp(`<td class="mark"([^>]*) data-row="${mark.row}" data-col="${mark.col}"([^>]*)>[^<]*</td>`), '<td class="empty"$1 data-row="' + mark.row + '" data-col="' + mark.col + '"$2></td>')
      .replace(new RegExp(`<td([^>]*) data-row="${plain.row}" data-col="${plain.col}"([^>]*)>[^<]*</td>`), '');
    expect(tampered).not.toBe(html);
    writeFileSync(join(site, 'd', 'tampered.html'), tampered);
    await open('d/tampered.html');
    expect(await checkTable(page, 1, cells.filter((c) => c.ord === 1))).toEqual([`table 1 cell ${plain.row}:${plain.col} missing`]);
    expect(await checkTable(page, 2, cells.filter((c) => c.ord === 2))).toEqual([
      `table 2 cell ${mark.row}:${mark.col} shows "", not "${mark.text}"`,
      `table 2 cell ${mark.row}:${mark.col}: mark not shown as a mark`,
      'table 2: 24 marks shown, 25 in the database',
    ]);
  }, 60_000);

  it('untrusted text is shown as text: the injected markup neither runs nor loads', async () => {
    await open('d/18-99999.html');
    expect(await page.title()).not.toBe('pwned');
    expect(await page.$eval('h1', (h) => (h as HTMLElement).innerText)).toContain(EVIL);
    expect(await page.$$('main img')).toHaveLength(0);
    await open('overview.html');
    expect(await page.$$eval('svg', (s) => s.length)).toBe(3);
    const labels = await page.$$eval('svg text', (ts) => ts.map((t) => t.textContent));
    expect(labels).toContain('4 Wochen');
  }, 60_000);

  it('index: a search in the address (#word) fills the search box; a malformed one does not break the page', async () => {
    await open('overview.html');
    await page.goto(`${pathToFileURL(join(site, 'index.html')).href}#videokonferenz`, { waitUntil: 'load' });
    expect(await visibleRows()).toEqual(['(ohne Nummer)']);
    await open('overview.html');
    await page.goto(`${pathToFileURL(join(site, 'index.html')).href}#%E0%A4`, { waitUntil: 'load' });
    expect(await page.$eval('#q', (e) => (e as HTMLInputElement).value)).toBe('%E0%A4');
    expect(await page.$eval('#count', (e) => (e as HTMLElement).innerText)).toBe('0 von 4');
  }, 60_000);

  it('no page loaded anything from the network, and no script failed', () => {
    expect(remote).toEqual([]);
    expect(errors).toEqual([]);
  });
});
