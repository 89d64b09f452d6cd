// Errors by code (issue 11): the DocFile's status follows from its messages,
// whether a failed input is read again follows from its code alone, and log
// lines cannot be broken by a file name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, nextRetryAt, printable, retryPolicy, RETRY, UsageError } from '../src/errors.js';
import { ExtractError } from '../src/extract/errors.js';
import { DocFile } from '../src/model.js';

describe('DocFile', () => {
  it('status, error and errorCode follow from the messages', () => {
    const f = new DocFile('/in/a.txt', 'text', 't');
    f.message('tables.check', 'a note that changes nothing', { stage: 'tables', page: 2 });
    expect([f.status, f.error, f.errorCode]).toEqual(['ok', null, null]);
    f.partial('qa.no-questions', 'no numbered questions found', { stage: 'qa' });
    f.partial('meta.no-drucksache', 'no Drucksache', { stage: 'meta' });
    expect([f.status, f.error, f.errorCode]).toEqual(['partial', 'no numbered questions found; no Drucksache', 'qa.no-questions']);
    f.doc = {} as never;
    f.fail('limit.time', 'timed out');
    expect([f.status, f.error, f.errorCode, f.doc]).toEqual(['failed', 'timed out', 'limit.time', undefined]);
    expect(f.messages.map((m) => [m.severity, m.stage, m.code ?? null, m.page ?? null])).toEqual([
      ['warning', 'tables', 'tables.check', 2], ['warning', 'qa', 'qa.no-questions', null], ['warning', 'meta', 'meta.no-drucksache', null], ['error', 'extract', 'limit.time', null],
    ]);
  });

  it('crosses a thread as plain data and gets its methods back', () => {
    const f = new DocFile('/in/a.pdf', 'pdf', 't');
    const copy = DocFile.revive(structuredClone(f));
    copy.fail('pdf.corrupt', 'corrupt PDF');
    expect([copy.status, copy.errorCode, copy.path]).toEqual(['failed', 'pdf.corrupt', '/in/a.pdf']);
  });
});

describe('error codes', () => {
  it('one hierarchy: extract errors carry the stable code', () => {
    const e = new ExtractError('encrypted', 'needs a password');
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('pdf.encrypted');
    expect(new UsageError('bad').code).toBe('usage');
  });

  it('whether a failed input is read again follows from its code', () => {
    expect(retryPolicy('io.read')).toBe('every-run');
    expect(retryPolicy(null)).toBe('every-run'); // a row from before codes: once more
    for (const c of ['limit.time', 'limit.memory', 'reader.crash', 'internal']) expect(retryPolicy(c)).toBe('backoff');
    for (const c of ['pdf.encrypted', 'input.empty', 'html.not-portal', 'pdf.corrupt']) expect(retryPolicy(c)).toBe('never');
  });

  it('the back-off doubles per attempt up to its maximum', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    expect(nextRetryAt(t, 1).getTime() - t.getTime()).toBe(RETRY.firstMs);
    expect(nextRetryAt(t, 3).getTime() - t.getTime()).toBe(4 * RETRY.firstMs);
    expect(nextRetryAt(t, 1000).getTime() - t.getTime()).toBe(RETRY.maxMs);
  });

  it('printable() keeps a log line one line without terminal escapes', () => {
    expect(printable('a\nb\r\tc\x1b[31md\x7f\u2028ü€')).toBe('a\\nb\\r\\tc\\x1b[31md\\x7f\\x2028ü€');
  });
});

describe('the README', () => {
  it('lists every document code of src/errors.ts in its "Error codes" table, and no other', () => {
    const src = readFileSync(new URL('../src/errors.ts', import.meta.url), 'utf8');
    const union = /export type DocErrorCode =([^]*?);/.exec(src)![1];
    const codes = [...union.matchAll(/\| '([a-z.-]+)'/g)].map((m) => m[1]);
    expect(codes).toContain('footnotes.no-body');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Error codes'), readme.indexOf('"When it changes"'));
    const listed = [...section.matchAll(/^\| `([a-z.-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.slice().sort()).toEqual(codes.slice().sort());
  });
});
