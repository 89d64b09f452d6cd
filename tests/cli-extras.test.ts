// What a demanding user ran into: CSV quoting for German Excel, short flags,
// unusable output paths, too many jobs, empty inputs, and label usage that
// adds up plain counts only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { toCsv } from '../src/load/csv.js';
import { loadDocFile, openDb } from '../src/load/db.js';
import { textToLayout } from '../src/extract/text.js';
import { transform } from '../src/transform/index.js';
import { answerHead } from './support/answer-text.js';
import { docFile } from './support/docfile.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-extras-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('CSV dialects', () => {
  it('quotes line breaks in every dialect, and keeps number lists from turning into decimals in German Excel', () => {
    const rows = [['Absatz 1\n\nAbsatz 2', '3,4', 52413.5]];
    expect(toCsv(['text', 'question_numbers', 'value'], rows, 'excel-de')).toBe('\uFEFFtext;question_numbers;value\r\n"Absatz 1\n\nAbsatz 2";3, 4;52413,5\r\n');
    expect(toCsv(['text', 'question_numbers', 'value'], rows, 'rfc4180')).toBe('text,question_numbers,value\r\n"Absatz 1\n\nAbsatz 2","3,4",52413.5\r\n');
  });
});

describe('usage and output paths', () => {
  it('rejects a short flag instead of taking it for a path', async () => {
    expect(await cli('ingest', dir, '-q')).toEqual({ code: 2, out: '', err: 'drucksachen: unknown option -q (options are written --name)\nRun "drucksachen --help" for usage.\n' });
  });

  it('refuses --json together with --csv N for tables', async () => {
    expect(await cli('tables', 'x.pdf', '--json', '--csv', '1')).toEqual({ code: 2, out: '', err: 'drucksachen: tables prints either --json or --csv N, not both\nRun "drucksachen --help" for usage.\n' });
  });

  it('says in one line that --db is a folder', async () => {
    const r = await cli('ingest', dir, '--db', dir, '--quiet');
    expect([r.code, r.err]).toEqual([2, `drucksachen: cannot use the database ${dir}: it is a folder (--db must name a SQLite file)\n`]);
  });

  it('says in one line that --csv names a file', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = await cli('ingest', join(dir, 'none'), '--db', join(dir, 'c.sqlite'), '--csv', file, '--quiet');
    expect([r.code, r.err.split('\n').filter(Boolean).pop()]).toEqual([2, `drucksachen: cannot write the CSV files to ${file}: it is a file, not a folder`]);
  });

  it('uses at most two reader threads per core, and says so', async () => {
    const r = await cli('ingest', join(dir, 'none'), '--db', join(dir, 'j.sqlite'), '--jobs', '100000', '--quiet');
    expect(r.err).toMatch(/^drucksachen: --jobs 100000 is more than this machine can use; using \d+ \(2 per core\)\n/);
  });

  it('calls an empty file empty, whatever its extension', async () => {
    writeFileSync(join(dir, 'leer.html'), '');
    await cli('ingest', join(dir, 'leer.html'), '--db', join(dir, 'e.sqlite'), '--quiet', '--jobs', '1');
    const db = openDb(join(dir, 'e.sqlite'));
    expect(db.prepare('SELECT status, error FROM v_documents').all()).toEqual([{ status: 'failed', error: 'empty file (0 bytes)' }]);
    db.close();
  });
});

describe('v_label_usage', () => {
  it('adds up plain counts only: not tables with several value columns, not % or €', () => {
    const seed = readFileSync(join(import.meta.dirname, 'fixtures', 'text', 'nrw-17-10116.txt'), 'utf8');
    const wide = seed
      .replace('Videokonferenz-Tools\tArbeitsplätze', 'Videokonferenz-Tools\tArbeitsplätze\tAnteil in %')
      .replace('Cisco-ViKo (On-Premise)\t52.413', 'Cisco-ViKo (On-Premise)\t52.413\t12,5 %');
    const db = openDb(':memory:');
    for (const [sha, text] of [['a', seed], ['b', wide]] as const) {
      loadDocFile(db, docFile({ path: sha, sha256: sha.repeat(64), size: 1, kind: 'text', parserVersion: 't', messages: [], status: 'ok', error: null, doc: transform(textToLayout(text)).doc }), null);
    }
    const rows = db.prepare("SELECT source_sha256, count_total, count_tables, marks_as_column FROM v_label_usage WHERE label = 'Cisco-ViKo (On-Premise)' ORDER BY source_sha256").all();
    expect(rows).toEqual([
      { source_sha256: 'a'.repeat(64), count_total: 52413, count_tables: 1, marks_as_column: 7 },
      { source_sha256: 'b'.repeat(64), count_total: null, count_tables: 0, marks_as_column: 7 },
    ]);
    db.close();
  });
});

describe('v_answers', () => {
  it('gives the question numbers of an answer whose questions are not restated ("Zu den Fragen 2 und 3:")', () => {
    const text = `${answerHead(3)}
Zu den Fragen 2 und 3:

Beide betreffen dieselbe Behörde.
`;
    const db = openDb(':memory:');
    loadDocFile(db, docFile({ path: 'z', sha256: 'z'.repeat(64), size: 1, kind: 'text', parserVersion: 't', messages: [], status: 'ok', error: null, doc: transform(textToLayout(text)).doc }), null);
    expect(db.prepare('SELECT question_numbers, text FROM v_answers').all()).toEqual([{ question_numbers: '2,3', text: 'Beide betreffen dieselbe Behörde.' }]);
    db.close();
  });
});
