// Transform decides, load writes: the typed table content (labels, values,
// marks, totals) is read once in the transform, and the database holds
// exactly that — the functions the tests check are the ones that fill it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocFile, openDb } from '../src/load/db.js';
import { textToLayout } from '../src/extract/text.js';
import { transform } from '../src/transform/index.js';
import { countValues, matrixMarks, tableContent } from '../src/transform/tables/classify.js';
import type { DocFile } from '../src/model.js';
import { docFile } from './support/docfile.js';

const seed = readFileSync(join(import.meta.dirname, 'fixtures', 'text', 'nrw-17-10116.txt'), 'utf8');
const file = (doc: NonNullable<DocFile['doc']>): DocFile => docFile({ path: 'x', sha256: 'c'.repeat(64), size: 1, kind: 'text', parserVersion: 't', messages: [], status: 'ok', error: null, doc });

describe('typed table content', () => {
  it('is on every table the transform returns, and is what tableContent reads', () => {
    const { doc } = transform(textToLayout(seed));
    expect(doc.tables.length).toBeGreaterThan(1);
    for (const t of doc.tables) expect(t.content).toEqual(tableContent(t));
  });

  it('the loader writes the values and marks of the content, not a reading of its own', () => {
    const { doc } = transform(textToLayout(seed));
    const count = doc.tables.find((t) => t.kind === 'count');
    const matrix = doc.tables.find((t) => t.kind === 'matrix');
    if (!count?.content || !matrix?.content) throw new Error('the seed has a count table and a matrix');
    // change one typed value: the database must show the changed value, so it did not parse the text again
    const first = countValues(count).find((v) => v.value !== null);
    if (!first) throw new Error('no count value');
    const slot = count.content.cells[first.row]?.[first.col];
    if (!slot) throw new Error('no slot');
    slot.value = 4711;
    const db = openDb(':memory:');
    loadDocFile(db, file(doc), null);
    const values = db.prepare('SELECT value FROM cells WHERE value IS NOT NULL ORDER BY rowid').pluck().all();
    expect(values).toContain(4711);
    expect(values).not.toContain(first.value);
    const marks = db.prepare('SELECT mark FROM cells WHERE mark IS NOT NULL').pluck().all();
    expect(marks).toHaveLength(matrixMarks(matrix).length);
    db.close();
  });

  it('a table without content is an error of the program, not a silently empty table', () => {
    const { doc } = transform(textToLayout(seed));
    delete doc.tables[0]?.content;
    const db = openDb(':memory:');
    expect(() => loadDocFile(db, file(doc), null)).toThrow(/typed content/);
    expect(db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(0);
    db.close();
  });
});
