// What furniture and footnotes could not do, said as coded messages with the page; the status
// stays as it is. On the NRW answer 18/14087 (text: form feed = page) with one part taken out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textToLayout } from '../src/extract/text.js';
import type { Message } from '../src/model.js';
import { gluedMarkers } from '../src/transform/footnotes.js';
import { removeFurniture } from '../src/transform/furniture.js';
import { transform } from '../src/transform/index.js';
import { RUNNING_HEADER } from '../src/data/house-style.js';
import { processFile } from '../src/pipeline.js';
import { loadDocFile, openDb } from '../src/load/db.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SAMPLE = readFileSync(new URL('./fixtures/text/nrw-18-14087.txt', import.meta.url), 'utf8');
const CODES = new Set(['furniture.no-running-head', 'furniture.no-page-number', 'footnotes.no-body', 'footnotes.no-marker']);
const stageMessages = (text: string): Message[] => transform(textToLayout(text)).messages.filter((m) => m.code && CODES.has(m.code));

/** Replace one piece of the sample; fails when the piece is not there (the fixture changed). */
function edit(from: string | RegExp, to: string): string {
  const out = SAMPLE.replace(from, to);
  expect(out).not.toBe(SAMPLE);
  return out;
}

describe('the sample as it is', () => {
  it('raises no furniture or footnote message (every marker has its body, every page its running head)', () => {
    const { doc } = transform(textToLayout(SAMPLE));
    expect(doc.footnotes.map((f) => f.marker)).toEqual(['1', '2', '3', '4', '5']);
    expect(textToLayout(SAMPLE).pages.length).toBeGreaterThan(1);
    expect(stageMessages(SAMPLE)).toEqual([]);
  });
});

describe('footnotes', () => {
  it('a marker in the text whose body is missing: footnotes.no-body with the page of the marker', () => {
    // Body 3 gone: the bodies after it (4, 5) are no longer found either, but their markers
    // stand apart ("Auskunft. 4") or after the gap, so only 3 is said.
    const text = edit(/^3 https:[^\n]*\n[^\n]*\n/m, '');
    expect(stageMessages(text)).toEqual([
      { severity: 'warning', stage: 'footnotes', code: 'footnotes.no-body', text: 'footnote marker 3 in the text: no footnote body found for it', page: 1 },
    ]);
  });

  it('a body that no marker refers to: footnotes.no-marker with the page of the body', () => {
    const text = edit('bat.2 Die', 'bat. Die');
    expect(stageMessages(text)).toEqual([
      { severity: 'warning', stage: 'footnotes', code: 'footnotes.no-marker', text: 'footnote 2: no marker in the text refers to it', page: 1 },
    ]);
  });

  it('markers: glued to a word, after a quote or a mark, superscript; not names, units, addresses or table notes', () => {
    expect(gluedMarkers('haben.“1 Daneben bat.2 Die nach.3')).toEqual([1, 2, 3]);
    expect(gluedMarkers('Angels“.4 Zu diesem und „Leitplanken“¹ veröffentlicht')).toEqual([4, 1]);
    expect(gluedMarkers('CO2 und M1, Abs.1, Nr.3, 5,96 m², C01, insgesamt1), Jahr¹⁾, www1.wdr.de, Fragen 1 und 2')).toEqual([]);
  });
});

describe('furniture', () => {
  it('a page after the first without the running head of the house style: furniture.no-running-head', () => {
    const text = edit(/\fLANDTAG NORDRHEIN-WESTFALEN - 18\. Wahlperiode Drucksache 18\/14087\n/, '\f');
    expect(stageMessages(text)).toEqual([
      { severity: 'warning', stage: 'furniture', code: 'furniture.no-running-head', text: 'page 2: the running head of the house style was not found', page: 2 },
    ]);
  });

  it('no running head is expected where the house style prints none', () => {
    const layout = textToLayout('Erste Seite.\fZweite Seite ohne Kopf.');
    expect(removeFurniture(layout, null, null).messages).toEqual([]);
    expect(removeFurniture(layout, null, RUNNING_HEADER).messages.map((m) => m.page)).toEqual([2]);
  });

  it('a page without a number where the other pages print one: furniture.no-page-number', () => {
    const page = (n: number, number: boolean) => `Absatz ${n} beginnt hier.\nNoch eine Zeile.\nUnd eine dritte.\nUnd eine vierte.${number ? `\n- ${n} -` : ''}`;
    const layout = textToLayout([page(1, false), page(2, true), page(3, true), page(4, false)].join('\f'));
    expect(removeFurniture(layout).messages).toEqual([
      { severity: 'warning', stage: 'furniture', code: 'furniture.no-page-number', text: 'page 4: no page number found (the other pages print one)', page: 4 },
    ]);
    // One numbered page is no numbering.
    expect(removeFurniture(textToLayout([page(1, false), page(2, true), page(3, false)].join('\f'))).messages).toEqual([]);
  });
});

describe('in the database', () => {
  it('the messages reach the messages table with their code and page; the document stays ok', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stagemsgs-'));
    const path = join(dir, 'nrw-18-14087.txt');
    writeFileSync(path, edit('bat.2 Die', 'bat. Die'));
    const f = await processFile(path);
    expect(f.status).toBe('ok');
    const db = openDb(':memory:');
    loadDocFile(db, f, null);
    expect(db.prepare('SELECT stage, code, page FROM messages WHERE code LIKE ?').all('footnotes.%')).toEqual([{ stage: 'footnotes', code: 'footnotes.no-marker', page: 1 }]);
    expect(db.prepare('SELECT status, error_code FROM v_documents').all()).toEqual([{ status: 'ok', error_code: null }]);
    db.close();
  });
});
