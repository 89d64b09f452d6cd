// Hardening (issue 10, part B): hostile and odd inputs, made at run time, small and fast.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { decodeText } from '../src/extract/text.js';
import { escapeFormula, toCsv } from '../src/load/csv.js';
import { openDb } from '../src/load/db.js';
import { PdfWriter } from './support/pdf-writer.js';
import { tableFromTabLines } from '../src/transform/tables/text.js';
import { answerHead } from './support/answer-text.js';

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
/** Ingest one generated file through the CLI (--jobs 1); returns the exit code and its sources row. */
async function ingestOne(name: string, bytes: Uint8Array | string) {
  const d = join(dir, `in-${++seq}`);
  mkdirSync(d);
  writeFileSync(join(d, name), bytes);
  const dbPath = join(dir, `db-${seq}.sqlite`);
  const err: string[] = [];
  const code = await main(['ingest', d, '--db', dbPath, '--jobs', '1', '--quiet'], { out: () => undefined, err: (s) => err.push(s) });
  const db = openDb(dbPath);
  try {
    const src = db.prepare('SELECT id, status, error FROM sources').get() as { id: number; status: string; error: string | null };
    const messages = (db.prepare('SELECT text FROM messages').all() as { text: string }[]).map((m) => m.text);
    const answers = (db.prepare('SELECT text FROM answers ORDER BY id').all() as { text: string }[]).map((a) => a.text);
    return { code, err: err.join(''), ...src, messages, answers };
  } finally {
    db.close();
  }
}

const ANSWER = `${answerHead(4711)}
1. Wie viele Brücken gibt es?

Es gibt zwölf Brücken über die Ruhr; Straßen führen über alle.

2. Wann werden sie geprüft?

Die Prüfung erfolgt jährlich im Frühjahr.
`;

describe('CSV safe to open', () => {
  it('writes formula-like text as text and leaves numbers alone, in every dialect', () => {
    const cells = ['=HYPERLINK("http://x","klick")', '+49 211 884', '-Zeile', '@SUM(A1)', '\tx', '\rx', '＝1+1', '-5', '+3,5', '-1.234,5', '-7 %', 'Text'];
    const rows = [[...cells, -5, -2.5]];
    const cols = cells.map((_, i) => `c${i}`).concat(['n1', 'n2']);
    const rfc = toCsv(cols, rows, 'rfc4180').split('\r\n')[1];
    expect(rfc).toBe(`"'=HYPERLINK(""http://x"",""klick"")",'+49 211 884,'-Zeile,'@SUM(A1),'\tx,"'\rx",'＝1+1,-5,"+3,5","-1.234,5",-7 %,Text,-5,-2.5`);
    const de = toCsv(cols, rows, 'excel-de').split('\r\n')[1];
    expect(de).toBe(`"'=HYPERLINK(""http://x"",""klick"")";'+49 211 884;'-Zeile;'@SUM(A1);'\tx;"'\rx";'＝1+1;-5;+3,5;-1.234,5;-7 %;Text;-5;-2,5`);
    expect(escapeFormula('-')).toBe("'-");
    expect(escapeFormula('')).toBe('');
  });
});

describe('encodings', () => {
  it('replaces only a bad byte in UTF-8 and counts it; umlauts stay', async () => {
    const good = Buffer.from(ANSWER, 'utf8');
    const i = good.indexOf(Buffer.from('jährlich'));
    const bytes = Buffer.concat([good.subarray(0, i), Buffer.from([0xff]), good.subarray(i)]);
    const r = await ingestOne('bad-byte.txt', bytes);
    expect([r.code, r.status]).toEqual([0, 'ok']);
    expect(r.messages).toContain('1 invalid UTF-8 byte sequence replaced by U+FFFD');
    expect(r.answers.join(' ')).toContain('Es gibt zwölf Brücken über die Ruhr; Straßen führen über alle.');
    expect(r.answers.join(' ')).toContain('\uFFFDjährlich');
  });

  it('still reads a Windows-1252 file as Windows-1252', () => {
    const { text, messages } = decodeText(Buffer.from('Grüße aus Düsseldorf – 5 €\n', 'latin1').map((b) => (b === 0x13 ? 0x96 : b)));
    expect(text.startsWith('Grüße aus Düsseldorf')).toBe(true);
    expect(messages.map((m) => m.text)).toEqual(['the text is not valid UTF-8; read as Latin-1 (Windows-1252)']);
  });

  it('reads UTF-16 text with and without a byte order mark', async () => {
    const le = Buffer.from(ANSWER, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), Buffer.concat([Buffer.from([0xfe, 0xff]), be]), le, be]) {
      expect(decodeText(bytes).text.replace(/^\uFEFF/, '')).toBe(ANSWER);
    }
    const r = await ingestOne('utf16.txt', le);
    expect([r.code, r.status]).toEqual([0, 'ok']);
    expect(r.answers.join(' ')).toContain('Straßen führen über alle.');
  });

  it('still refuses binary data with NUL bytes', () => {
    expect(() => decodeText(Uint8Array.from([0x41, 0, 0, 0x42, 0x43, 0x44, 0, 0x7f, 0x80]))).toThrow(/NUL bytes/);
  });
});

describe('tables --pages', () => {
  async function tables(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['tables', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join(''), err: err.join('') };
  }
  const w = new PdfWriter();
  w.page().text(72, 100, 'Seite eins');
  w.page().text(72, 100, 'Seite zwei');
  const file = join(dir, 'two-pages.pdf');

  it('clamps a huge range to the pages the PDF has', async () => {
    writeFileSync(file, w.toBytes());
    expect(await tables(file, '--pages', '1-99999999', '--json')).toEqual({ code: 0, out: '[]\n', err: '' });
    expect(await tables(file, '--pages', '2-9007199254740991,1', '--json')).toEqual({ code: 0, out: '[]\n', err: '' });
  });

  it('says so when none of the pages exists, and refuses numbers too large to count', async () => {
    writeFileSync(file, w.toBytes());
    expect(await tables(file, '--pages', '3-99999999')).toEqual({ code: 1, out: '', err: `drucksachen: ${file}: page 3 does not exist: the PDF has 2 pages\n` });
    const r = await tables(file, '--pages', '1-99999999999999999999');
    expect([r.code, r.err.split('\n')[0]]).toEqual([2, 'drucksachen: --pages takes page numbers like 1,3-4, not "1-99999999999999999999"']);
  });
});

/** A one-page PDF whose content stream is FlateDecode-compressed: the text, then `padding` spaces. */
function flatePdf(text: string, padding: number): Uint8Array {
  const content = deflateSync(Buffer.concat([Buffer.from(`BT /F1 12 Tf 72 700 Td (${text}) Tj ET\n`), Buffer.alloc(padding, 0x20)]));
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let size = parts[0].length;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(size);
    const body = o === null
      ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream\nendobj\n')])
      : Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`);
    parts.push(body);
    size += body.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
  return Buffer.concat(parts);
}

describe('pdf.js locked down', () => {
  it('refuses a PDF whose content stream inflates beyond the cap, and reads one below it', async () => {
    process.env.DRUCKSACHEN_MAX_STREAM_MB = '1';
    try {
      const bomb = flatePdf('Bombe', 4 * 1024 * 1024);
      expect(bomb.length).toBeLessThan(20_000);
      const r = await ingestOne('bomb.pdf', bomb);
      expect([r.code, r.status, r.error]).toEqual([1, 'failed', 'PDF too large to read: a stream inflates to more than 1 MB (a compression bomb?)']);
      const ok = await ingestOne('fine.pdf', flatePdf('Kleine Anfrage', 1000));
      expect(ok.status).not.toBe('failed');
    } finally {
      delete process.env.DRUCKSACHEN_MAX_STREAM_MB;
    }
  });
});

describe('linear cost on hostile inputs', () => {
  it('refuses 100,000 nested q operators with the reason, in a moment', async () => {
    const w = new PdfWriter();
    w.page().text(72, 100, 'Hallo').raw(`${'q '.repeat(100_000)}${'Q '.repeat(100_000)}`);
    const r = await ingestOne('nested-q.pdf', w.toBytes());
    expect([r.code, r.status, r.error]).toEqual([1, 'failed', 'PDF too complex to read: graphics states nested 100000 deep (at most 1000)']);
  });

  it('reads normal nesting, and q/Q inside strings and comments does not count', async () => {
    const { maxSaveDepth } = await import('../src/extract/pdf-streams.js');
    expect(maxSaveDepth(Buffer.from('q q Q (q q q \\) q) Tj % q q q\nq Q Q'))).toBe(2);
    const w = new PdfWriter();
    w.page().text(72, 100, 'Hallo').raw(`${'q '.repeat(50)}${'Q '.repeat(50)}`);
    expect((await ingestOne('fine-q.pdf', w.toBytes())).status).not.toBe('failed');
  });
});

describe('linear cost on hostile text and HTML', () => {
  it('a 100,000-deep nest of <div> and 200,000 unclosed <div> are no portal pages (no stack overflow)', async () => {
    const nested = await ingestOne('nested.html', `<html><body>${'<div>'.repeat(100_000)}Text${'</div>'.repeat(100_000)}</body></html>`);
    expect([nested.code, nested.status, nested.error]).toEqual([1, 'failed', 'not a Landtag portal page: no Drucksache or Plenarprotokoll entries found']);
    const unclosed = await ingestOne('unclosed.html', `<html><body>${'<div><span>'.repeat(200_000)}Text${'</p></b>'.repeat(50_000)}</body></html>`);
    expect([unclosed.code, unclosed.status, unclosed.error]).toEqual([1, 'failed', 'not a Landtag portal page: no Drucksache or Plenarprotokoll entries found']);
  });

  it('a 5 MB line of blanks ending in a letter, and 200,000 short lines, are read', async () => {
    const blanks = await ingestOne('blanks.txt', `${ANSWER}\n${' '.repeat(5_000_000)}x\n`);
    expect([blanks.code, blanks.status]).toEqual([0, 'ok']);
    const many = await ingestOne('many.txt', `${ANSWER}\n${'a\n'.repeat(200_000)}`);
    expect(many.code).toBe(0);
    expect(many.answers.length).toBeGreaterThan(0);
  });

  it('a tab table of 150,000 rows is built without overflowing the stack', () => {
    const lines = Array.from({ length: 150_000 }, (_, i) => ({ text: `a ${i}`, page: 1 + (i % 7), words: [], cells: ['a', String(i)] }));
    const t = tableFromTabLines(lines);
    expect([t.rows.length, t.pageStart, t.pageEnd]).toEqual([150_000, 1, 7]);
  });
});

describe('rotated pages read like upright ones', () => {
  const QA = `${answerHead(4712)}
1. Wie viele Brücken gibt es im Land?

Es gibt im Land zwölf Brücken über die Ruhr.

2. Wie viele davon sind gesperrt?

Zwei Brücken sind derzeit gesperrt.

3. Wann werden die Brücken geprüft?

4. Wer prüft die Brücken?

Zu den Fragen 3 und 4: Der Landesbetrieb prüft die Brücken jährlich im Frühjahr.
`;
  const textLines = QA.split('\n');
  /** The answer on two pages; each page turned by /Rotate (rotate) or drawn turned in a landscape box (angle). */
  function answerPdf(turns: { rotate?: number; angle?: number }[]): Uint8Array {
    const w = new PdfWriter();
    const half = Math.ceil(textLines.length / 2);
    turns.forEach((t, i) => {
      const part = textLines.slice(i * half, (i + 1) * half);
      if (t.angle) {
        const p = w.page({ width: 841.89, height: 595.28 });
        part.forEach((line, k) => {
          if (!line) return;
          // 90: bottom-to-top, lines go right; -90: top-to-bottom, lines go left
          if (t.angle === 90) p.text(80 + k * 16, 595.28 - 70, line, { angle: 90, size: 11 });
          else p.text(841.89 - 80 - k * 16, 70, line, { angle: -90, size: 11 });
        });
      } else {
        const p = w.page({ rotate: t.rotate ?? 0 });
        part.forEach((line, k) => line && p.text(70, 90 + k * 16, line, { size: 11 }));
      }
    });
    return w.toBytes();
  }

  async function read(turns: { rotate?: number; angle?: number }[]) {
    const r = await ingestOne('rotated.pdf', answerPdf(turns));
    const db = openDb(join(dir, `db-${seq}.sqlite`));
    try {
      const docType = (db.prepare('SELECT doc_type FROM documents').get() as { doc_type: string } | undefined)?.doc_type;
      const questions = db.prepare('SELECT COUNT(*) AS n FROM questions').get() as { n: number };
      const links = (db.prepare('SELECT question_numbers FROM v_answers ORDER BY 1').all() as { question_numbers: string }[]).map((a) => a.question_numbers);
      return { status: r.status, docType, questions: questions.n, links };
    } finally {
      db.close();
    }
  }

  it('reads the same answer at 0°, 90°, 180°, 270°, mixed and turned by the content matrix', async () => {
    const upright = await read([{}, {}]);
    expect(upright).toEqual({ status: 'ok', docType: 'antwort_kleine_anfrage', questions: 4, links: ['1', '2', '3,4'] });
    for (const turns of [[{ rotate: 180 }, { rotate: 180 }], [{ rotate: 90 }, { rotate: 90 }], [{ rotate: 270 }, { rotate: 270 }], [{ rotate: 90 }, { rotate: 180 }], [{ angle: 90 }, { angle: -90 }]]) {
      expect({ turns, ...(await read(turns)) }).toEqual({ turns, ...upright });
    }
  });
});
