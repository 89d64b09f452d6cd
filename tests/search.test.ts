// `drucksachen search` through the CLI: the FTS index kept in step with loads,
// words with folded umlauts, parts of compounds, current versions only, filters,
// and FTS syntax errors as usage errors.
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, lookDb, NEW_WORD, OLD_WORD, TEXT } from './support/look-db.js';
import { ftsQuery, type SearchHit } from '../src/commands/search.js';

let db: string;
let inputs: string;
beforeAll(async () => {
  ({ db, inputs } = await lookDb());
}, 60_000);

async function hits(...args: string[]): Promise<SearchHit[]> {
  const r = await cli('search', ...args, '--db', db, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as SearchHit[];
}

describe('search', () => {
  it('finds a part of a compound: "konferenz" in the title and the table cells "Videokonferenz-Tools"', async () => {
    const h = await hits('konferenz');
    expect(h.length).toBeGreaterThan(0);
    expect(h.map((x) => x.kind)).toContain('title');
    expect(h.map((x) => x.kind)).toContain('cell');
    expect(h.every((x) => x.snippet.includes('«konferenz»'))).toBe(true);
    const cell = h.find((x) => x.kind === 'cell')!;
    expect(cell.where).toMatch(/^table \d+, row \d+, column \d+$/);
    expect(cell.answered_by).toBe('Minister für Wirtschaft, Innovation, Digitalisierung und Energie');
    expect(cell.date).toBe('2020-07-07');
  });

  it('whole words rank before parts of words, umlauts folded ("Ubersicht" finds "Übersicht")', async () => {
    const h = await hits('Ubersicht');
    expect(h[0]).toMatchObject({ kind: 'answer', match: 'word', where: 'answer 2' });
    expect(h[0].snippet).toContain('«Übersicht»');
    const z = await hits('zoom');
    expect(z.filter((x) => x.match === 'word').length).toBeGreaterThanOrEqual(2);
    expect(z.findIndex((x) => x.match === 'part')).not.toBe(0);
  });

  it('current versions only: the word replaced in version 2 is not found, unless --all-versions (marked)', async () => {
    expect(await hits(`"${OLD_WORD} geäußert"`)).toEqual([]);
    const now = await hits(`"${NEW_WORD} geäußert"`);
    expect(now).toHaveLength(1);
    expect(now[0]).toMatchObject({ drucksache: '18/14087', is_current: 1, kind: 'answer' });
    const all = await hits(`"${OLD_WORD} geäußert"`, '--all-versions');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ drucksache: '18/14087', is_current: 0 });
    const text = await cli('search', `"${OLD_WORD} geäußert"`, '--db', db, '--all-versions');
    expect(text.out).toContain('18/14087 · 2025-05-28');
    expect(text.out).toContain('[older version]');
  });

  it('filters: --wp, --from/--to, --ministry, --parliament, --limit', async () => {
    expect((await hits('konferenz', '--wp', '18'))).toEqual([]);
    expect((await hits('konferenz', '--wp', '17')).length).toBeGreaterThan(0);
    expect((await hits('konferenz', '--from', '2021-01-01'))).toEqual([]);
    expect((await hits('konferenz', '--to', '2020-07'))).not.toEqual([]);
    expect((await hits('konferenz', '--ministry', 'Wirtschaft')).length).toBeGreaterThan(0);
    expect((await hits('konferenz', '--ministry', 'Finanzen'))).toEqual([]);
    expect((await hits('ZAB', '--parliament', 'Nordrhein-Westfalen')).length).toBeGreaterThan(0);
    expect((await hits('ZAB', '--parliament', 'BY'))).toEqual([]);
    expect(await hits('konferenz', '--limit', '2')).toHaveLength(2);
  });

  it('a query FTS5 cannot read is a usage error with the reason (exit 2), no stack trace', async () => {
    for (const q of ['"unterminated', 'a AND', 'NEAR(']) {
      const r = await cli('search', q, '--db', db);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^drucksachen: search: cannot read the query .*(syntax error|unterminated)/);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect((await cli('search', 'x', '--db', db, '--from', 'gestern')).code).toBe(2);
    expect((await cli('search', '--db', db)).code).toBe(2);
  });

  it('words as people type them: hyphens, slashes and dots are phrases, not syntax errors or column filters', async () => {
    const h = await hits('Videokonferenz-Tools');
    expect(h.length).toBeGreaterThan(0);
    expect(h[0]).toMatchObject({ match: 'word' });
    expect(h[0].snippet).toContain('«Videokonferenz-Tools»');
    expect(await hits('Cisco-ViKo', '--limit', '1')).toHaveLength(1);
    for (const q of ['Covid-19', 'z.B.', '18/14087', 'a:b', 'Schule - Corona']) expect(Array.isArray(await hits(q))).toBe(true);
    // Operators, NEAR, prefixes and the one column keep their meaning.
    expect((await hits('NEAR(Videokonferenz Tools, 2)')).length).toBeGreaterThan(0);
    expect((await hits('text:konferenz*', '--limit', '1'))).toHaveLength(1);
    expect(await hits('Videokonferenz-Tools NOT Videokonferenz')).toEqual([]);
    expect((await cli('search', 'x', '--db', db, '--from', '2020-13-01')).code).toBe(2);
  });

  it('--parliament takes the usual codes (NW as in --help); a code is not a part of a name', async () => {
    expect((await hits('ZAB', '--parliament', 'NW')).length).toBeGreaterThan(0);
    expect((await hits('ZAB', '--parliament', 'nw')).length).toBeGreaterThan(0);
    expect(await hits('ZAB', '--parliament', 'HE')).toEqual([]); // "he" is in "Nordrhein-Westfalen", Hessen is not
    expect(await hits('ZAB', '--parliament', 'BT')).toEqual([]);
    expect((await hits('ZAB', '--parliament', 'westfalen')).length).toBeGreaterThan(0);
  });

  it('--ministry takes a code exactly (IM is the Ministerium des Innern, not every name with "im" in it)', async () => {
    expect((await hits('konferenz', '--ministry', 'MWIDE')).length).toBeGreaterThan(0);
    expect((await hits('konferenz', '--ministry', 'mwide')).length).toBeGreaterThan(0);
    expect((await hits('konferenz', '--ministry', 'Digitalisierung')).length).toBeGreaterThan(0);
    // The answering ministry renamed to one with "im" in its name ("Heimat"): IM must not find it.
    const db2 = `${db}-heimat.sqlite`;
    copyFileSync(db, db2);
    const d = new Database(db2);
    d.prepare("UPDATE bodies SET name = 'Ministerium für Heimat, Kommunales, Bau und Digitalisierung' WHERE name LIKE 'Ministerium für Wirtschaft%'").run();
    d.close();
    const on2 = async (m: string) => JSON.parse((await cli('search', 'konferenz', '--db', db2, '--json', '--ministry', m)).out) as SearchHit[];
    expect((await on2('MHKBD')).length).toBeGreaterThan(0);
    expect(await on2('IM')).toEqual([]);
    expect((await on2('Heimat')).length).toBeGreaterThan(0);
  });

  it('text output: control characters of a document (terminal escape sequences) do not reach the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-esc-'));
    try {
      const text = readFileSync(join(TEXT, 'nrw-18-13528.txt'), 'utf8').replace('Zugriff der Zentralen', 'Zugriff \u001b]0;pwned\u0007\u001b[31mROTWORT\u001b[0m der Zentralen');
      writeFileSync(join(dir, 'e.txt'), text);
      const edb = join(dir, 'e.sqlite');
      expect((await cli('ingest', join(dir, 'e.txt'), '--db', edb, '--jobs', '1', '--quiet')).code).toBe(0);
      const r = await cli('search', 'ROTWORT', '--db', edb);
      expect(r.out).toContain('ROTWORT');
      expect(r.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ftsQuery quotes words with punctuation and leaves FTS5 syntax alone', () => {
    expect(ftsQuery('Covid-19 AND (E-Mail OR Fax*)')).toBe('"Covid-19" AND ("E-Mail" OR Fax*)');
    expect(ftsQuery('"schon quoted-text" NEAR(a-b c, 5) ^x.y*')).toBe('"schon quoted-text" NEAR("a-b" c, 5) ^"x.y"*');
    expect(ftsQuery('text:Schule')).toBe('text:Schule');
  });

  it('the index follows every load: --reparse keeps one entry per part, an old database gets its index built', async () => {
    const count = () => {
      const d = new Database(db, { readonly: true });
      try {
        return (d.prepare('SELECT count(*) AS n FROM search_parts').get() as { n: number }).n;
      } finally { d.close(); }
    };
    const before = count();
    expect((await cli('ingest', inputs, '--db', db, '--jobs', '1', '--quiet', '--reparse')).code).toBe(0);
    expect(count()).toBe(before);
    expect(await hits('konferenz')).not.toEqual([]);
    // An older database: parts and index gone, index version forgotten; one document loaded since.
    const d = new Database(db);
    const keep = (d.prepare("SELECT id FROM documents WHERE drucksache = '18/13528'").get() as { id: number }).id;
    d.prepare("DELETE FROM search_parts WHERE document_id <> ?").run(keep);
    d.exec("DELETE FROM meta WHERE key = 'fts_version'");
    d.close();
    expect(count()).toBeLessThan(before);
    expect(await hits('konferenz')).not.toEqual([]);
    expect(count()).toBe(before);
    // Another index version: rebuilt as a whole.
    const e = new Database(db);
    e.exec("UPDATE meta SET value = 'old' WHERE key = 'fts_version'");
    e.close();
    expect(await hits('konferenz')).not.toEqual([]);
    expect(count()).toBe(before);
  });
});
