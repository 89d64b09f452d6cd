import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeHtml, parsePortalHtml } from '../src/extract/html.js';
import { ExtractError } from '../src/extract/errors.js';
import type { PortalEntry } from '../src/model.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/portal/', import.meta.url));
const page = (name: string) => parsePortalHtml(decodeHtml(readFileSync(FIXTURES + name)));
const doc = (nr: string) => `/portal/WWW/dokumentenarchiv/Dokument?Id=MMD${nr.replace('/', '%2F')}|1|0`;

/** A whole entry: every field given, defaults for the fields the case does not set. */
function entry(fields: Partial<PortalEntry> & { drucksache: string }): PortalEntry {
  return {
    wahlperiode: Number(fields.drucksache.split('/')[0]),
    docType: 'other',
    title: null,
    date: null,
    pages: null,
    kaNumber: null,
    kaDrucksache: null,
    ministry: null,
    neudruck: 0,
    systematik: [],
    schlagworte: [],
    region: null,
    askers: [],
    url: null,
    ...fields,
  };
}

const CANNABIS = 'Wie positioniert sich die Landesregierung zu den Forderungen der Gesundheitsministerin für eine kontrollierte Freigabe von Cannabis?';

// ---------------------------------------------------------------------------
// The real pages of 2015

describe('real portal pages of 2015', () => {
  it('detail page of a Kleine Anfrage: the question and its answer', () => {
    expect(page('portal-detail.html')).toStrictEqual([
      entry({
        drucksache: '16/8246', docType: 'kleine_anfrage', title: CANNABIS, date: '2015-03-20', pages: 2, kaNumber: 3246,
        systematik: ['Rauschmittel'],
        schlagworte: ['Legalisierung von Drogen', 'Cannabisprodukt', 'Suchtprävention', 'Rauchverbot'],
        askers: [{ name: 'Peter Preuß', faction: 'CDU', factionAsWritten: 'CDU' }],
        url: doc('16/8246'),
      }),
      // A later paper: type, ministry and question come from "Antwort MGEPA" and the record's question.
      entry({
        drucksache: '16/8512', docType: 'antwort_kleine_anfrage', title: CANNABIS, date: '2015-04-24', pages: 3,
        kaNumber: 3246, kaDrucksache: '16/8246', ministry: 'MGEPA', url: doc('16/8512'),
      }),
    ]);
  });

  it('detail page of a Große Anfrage: "u.a." and the answer', () => {
    const title = 'Europäisierung der Polizeiarbeit in Nordrhein-Westfalen';
    const [question, answer, ...rest] = page('portal-detail_7452.html');
    expect(rest).toStrictEqual([]);
    expect({ ...question, schlagworte: question.schlagworte.length }).toStrictEqual({
      ...entry({
        drucksache: '16/7452', docType: 'grosse_anfrage', title, date: '2014-11-28', pages: 5, kaNumber: 13,
        systematik: ['Polizei', 'Innere Sicherheit', 'Europäische Union'],
        askers: [
          { name: 'Armin Laschet', faction: 'CDU', factionAsWritten: 'CDU' },
          { name: 'Lutz Lienenkämper', faction: 'CDU', factionAsWritten: 'CDU' },
        ],
        url: doc('16/7452'),
      }),
      schlagworte: 21,
    });
    expect(question.schlagworte.slice(0, 3)).toStrictEqual(['Polizeiliche Zusammenarbeit', 'Verbrechensbekämpfung', 'Polizei']);
    expect(question.schlagworte.at(-1)).toBe('Interkulturelle Bildung');
    expect(answer).toStrictEqual(entry({
      drucksache: '16/8338', docType: 'antwort_grosse_anfrage', title, date: '2015-04-01', pages: 87,
      kaNumber: 13, kaDrucksache: '16/7452', ministry: 'MIK', url: doc('16/8338'),
    }));
  });

  it('detail page with later papers: Entschließungsantrag and Plenarprotokoll count, the Beschluss line does not', () => {
    const entries = page('portal-detail_7576.html');
    expect(entries.map((e) => [e.drucksache, e.docType])).toStrictEqual([
      ['16/6049', 'grosse_anfrage'],
      ['16/7576', 'antwort_grosse_anfrage'],
      ['16/8722', 'other'],
      ['16/85', 'plenarprotokoll'],
    ]);
    // Two groups of askers with two Fraktionen; "GRÜNE" goes through src/data/fraktionen.json.
    expect(entries[0].askers).toStrictEqual([
      { name: 'Norbert Römer', faction: 'SPD', factionAsWritten: 'SPD' },
      { name: 'Marc Herter', faction: 'SPD', factionAsWritten: 'SPD' },
      { name: 'Reiner Priggen', faction: 'BÜNDNIS 90/DIE GRÜNEN', factionAsWritten: 'GRÜNE' },
      { name: 'Sigrid Beer', faction: 'BÜNDNIS 90/DIE GRÜNEN', factionAsWritten: 'GRÜNE' },
    ]);
    expect(entries.slice(2)).toStrictEqual([
      entry({ drucksache: '16/8722', date: '2015-05-19', pages: 4, url: doc('16/8722') }),
      entry({
        drucksache: '16/85', docType: 'plenarprotokoll', date: '2015-05-20', pages: null,
        url: '/portal/WWW/dokumentenarchiv/Dokument?Id=MMP16%2F85|8752|8759',
      }),
    ]);
  });

  it('detail page of an answer: "2. Neudruck", "Drucksache 16/<strong>8774</strong>", Anlage, Region', () => {
    expect(page('portal-detail_8774.html')).toStrictEqual([
      entry({
        drucksache: '16/8774', docType: 'antwort_kleine_anfrage',
        title: 'Unterrichtsbedingungen an Schulen der Stadt Bottrop - Wie sieht die aktuelle Faktenlage aus zur Unterrichtsversorgung, zum Personalbedarf, zum Altersdurchschnitt der Lehrerkollegien und zu den Klassengrößen?',
        date: '2015-05-27', pages: 7, kaNumber: 3349, kaDrucksache: '16/8498', ministry: 'MSW', neudruck: 2,
        systematik: ['Schulen', 'Lehrer'], schlagworte: ['Unterricht'], region: 'Bottrop, krfr. Stadt', url: doc('16/8774'),
      }),
    ]);
  });

  it('search result list: 50 answers, each with its own title, lists and region', () => {
    const entries = page('portal-overview.html');
    expect(entries).toHaveLength(50);
    expect(new Set(entries.map((e) => e.drucksache)).size).toBe(50);
    expect(entries.every((e) => e.docType === 'antwort_kleine_anfrage' && e.title && e.ministry && e.kaDrucksache)).toBe(true);
    expect(entries.filter((e) => e.region !== null).map((e) => e.drucksache)).toStrictEqual([
      '16/8513', '16/8433', '16/8435', '16/8434', '16/8414', '16/8396', '16/8395', '16/8399', '16/8393', '16/8372', '16/8370', '16/8357',
    ]);
    expect(entries.slice(0, 5)).toStrictEqual([
      entry({
        drucksache: '16/8512', docType: 'antwort_kleine_anfrage', title: CANNABIS, date: '2015-04-24', pages: 3,
        kaNumber: 3246, kaDrucksache: '16/8246', ministry: 'MGEPA',
        systematik: ['Rauschmittel'], schlagworte: ['Legalisierung von Drogen'], url: doc('16/8512'),
      }),
      entry({
        drucksache: '16/8518', docType: 'antwort_kleine_anfrage', title: 'Vakante Rektorenstellen an Grundschulen',
        date: '2015-04-24', pages: 2, kaNumber: 3228, kaDrucksache: '16/8189', ministry: 'MSW',
        systematik: ['Allgemeinbildende Schulen'], schlagworte: ['Schulleitung', 'Grundschule'], url: doc('16/8518'),
      }),
      entry({
        drucksache: '16/8520', docType: 'antwort_kleine_anfrage',
        title: 'Was tut die Landesregierung, damit das Thema Migration in Schulbüchern nicht mit negativen Klischees behandelt wird?',
        date: '2015-04-24', pages: 4, kaNumber: 3260, kaDrucksache: '16/8284', ministry: 'MSW',
        systematik: ['Schulen', 'Ausländer/Vertriebene/Aus- und Übersiedler'], schlagworte: ['Schulbuch'], url: doc('16/8520'),
      }),
      entry({
        drucksache: '16/8519', docType: 'antwort_kleine_anfrage',
        title: 'Erachtet die rot-grüne Landesregierung die Legislative als "quantité négligeable"?',
        date: '2015-04-24', pages: 2, kaNumber: 3239, kaDrucksache: '16/8215', ministry: 'MSW',
        systematik: ['Berufsbildende Schulen'], schlagworte: ['Inklusion', 'Inklusiver Unterricht', 'Gutachten'], url: doc('16/8519'),
      }),
      entry({
        drucksache: '16/8513', docType: 'antwort_kleine_anfrage', title: 'Kostenexplosion beim Justizzentrum Bochum?',
        date: '2015-04-24', pages: 2, kaNumber: 3259, kaDrucksache: '16/8283', ministry: 'FM',
        systematik: ['Justiz', 'Öffentliches Vermögen'], schlagworte: ['Baukosten', 'Öffentliches Bauvorhaben', 'Justizgebäude'],
        region: 'Bochum, krfr. Stadt', url: doc('16/8513'),
      }),
    ]);
    expect(entries.at(-1)).toStrictEqual(entry({
      drucksache: '16/8357', docType: 'antwort_kleine_anfrage', title: entries.at(-1)!.title, date: '2015-04-09', pages: 3,
      kaNumber: 3201, kaDrucksache: '16/8078', ministry: 'MSW', systematik: entries.at(-1)!.systematik,
      schlagworte: entries.at(-1)!.schlagworte, region: 'Bonn, krfr. Stadt', url: doc('16/8357'),
    }));
  });
});

// ---------------------------------------------------------------------------
// Small pages built here

interface Rec {
  title: string;
  head: string;
  ref: string;
  details?: string[];
  later?: string[];
}

/** A result page in the 2015 style: one table row per record. */
function portal(records: Rec[], charset = 'utf-8'): string {
  const rows = records.map((r, i) => `
<tr><td><nobr>${i + 1}</nobr></td><td>
<p class="kurzansicht"><b>${r.title}</b><br /></p>
 ${r.head} ${r.ref.replace(/^(Drucksache\s*\d+\/\s*\d+)/, `<a href="/doc/${i}">$1</a>`)}
<span class="detailansicht">${(r.details ?? []).map((d) => `<br />${d}`).join('\n')}
${(r.later ?? []).map((d) => `<br />${d}`).join('')}</span>
<br /><a href="/x">Dokument</a> <a href="/y">Beratungsverlauf</a>
</td></tr>`);
  return `<!DOCTYPE html><html><head><meta http-equiv="content-type" content="text/html;charset=${charset}" /><title>Landtag NRW</title></head>
<body><h1>Suchergebnisse in der Parlamentsdatenbank der 16. Wahlperiode</h1><p>Treffer 1 - ${records.length}</p>
<table>${rows.join('\n')}</table></body></html>`;
}

describe('rules on small pages', () => {
  it('"Neudruck" and "2. Neudruck", "Drucksache 16/ 8774" without the space', () => {
    const html = portal([
      { title: 'Erste Frage', head: 'Antwort MSW zu KlAnfr 3349 Drs 16/8498', ref: 'Drucksache 16/ 8774 2. Neudruck 27.05.2015 7 S.' },
      { title: 'Zweite Frage', head: 'Antwort FM zu KlAnfr 12 Drs 16/100', ref: 'Drucksache 16/200 Neudruck 02.01.2015 1 S.' },
      { title: 'Dritte Frage', head: 'Antwort FM zu KlAnfr 13 Drs 16/101', ref: 'Drucksache 16/201 03.01.2015 12 S.' },
    ]);
    expect(parsePortalHtml(html)).toStrictEqual([
      entry({ drucksache: '16/8774', docType: 'antwort_kleine_anfrage', title: 'Erste Frage', date: '2015-05-27', pages: 7, kaNumber: 3349, kaDrucksache: '16/8498', ministry: 'MSW', neudruck: 2, url: '/doc/0' }),
      entry({ drucksache: '16/200', docType: 'antwort_kleine_anfrage', title: 'Zweite Frage', date: '2015-01-02', pages: 1, kaNumber: 12, kaDrucksache: '16/100', ministry: 'FM', neudruck: 1, url: '/doc/1' }),
      entry({ drucksache: '16/201', docType: 'antwort_kleine_anfrage', title: 'Dritte Frage', date: '2015-01-03', pages: 12, kaNumber: 13, kaDrucksache: '16/101', ministry: 'FM', neudruck: 0, url: '/doc/2' }),
    ]);
  });

  it('several askers with several Fraktionen, titles kept in front of the first name', () => {
    const html = portal([{
      title: 'Eine Große Anfrage',
      head: 'Große Anfrage 7 CDU, FDP, PIRATEN <br />Berger, Dr. Stefan; Dr. Optendrenk, Marcus u.a. CDU , Lindner, Christian FDP , Paul, Joachim; Schwerd, Daniel PIRATEN , Pohl, Anna fraktionslos',
      ref: 'Drucksache 16/5000 01.02.2014 3 S.',
    }]);
    expect(parsePortalHtml(html)).toStrictEqual([entry({
      drucksache: '16/5000', docType: 'grosse_anfrage', title: 'Eine Große Anfrage', date: '2014-02-01', pages: 3, kaNumber: 7, url: '/doc/0',
      askers: [
        { name: 'Dr. Stefan Berger', faction: 'CDU', factionAsWritten: 'CDU' },
        { name: 'Dr. Marcus Optendrenk', faction: 'CDU', factionAsWritten: 'CDU' },
        { name: 'Christian Lindner', faction: 'FDP', factionAsWritten: 'FDP' },
        { name: 'Joachim Paul', faction: 'PIRATEN', factionAsWritten: 'PIRATEN' },
        { name: 'Daniel Schwerd', faction: 'PIRATEN', factionAsWritten: 'PIRATEN' },
        { name: 'Anna Pohl', faction: 'fraktionslos', factionAsWritten: 'fraktionslos' },
      ],
    })]);
  });

  it('Kleine Anfrage with its answer as a later paper; entry without Region next to one with Region', () => {
    const html = portal([
      {
        title: 'Frage ohne Region', head: 'Kleine Anfrage 3246 <br />Preuß, Peter CDU', ref: 'Drucksache 16/8246 20.03.2015 2 S.',
        details: ['Systematik: Rauschmittel', 'Schlagworte: Legalisierung von Drogen * Cannabisprodukt'],
        later: ['Antwort MGEPA <a href="/doc/a">Drucksache 16/8512</a> 24.04.2015 3 S.'],
      },
      {
        title: 'Frage mit Region', head: 'Kleine Anfrage 3250 <br />Beer, Sigrid; Düker, Monika GRÜNE', ref: 'Drucksache 16/8250 21.03.2015 1 S.',
        details: ['Systematik: Schulen', 'Schlagworte: Unterricht', 'Region: Bottrop, krfr. Stadt'],
      },
    ]);
    expect(parsePortalHtml(html)).toStrictEqual([
      entry({
        drucksache: '16/8246', docType: 'kleine_anfrage', title: 'Frage ohne Region', date: '2015-03-20', pages: 2, kaNumber: 3246,
        systematik: ['Rauschmittel'], schlagworte: ['Legalisierung von Drogen', 'Cannabisprodukt'], region: null,
        askers: [{ name: 'Peter Preuß', faction: 'CDU', factionAsWritten: 'CDU' }], url: '/doc/0',
      }),
      entry({
        drucksache: '16/8512', docType: 'antwort_kleine_anfrage', title: 'Frage ohne Region', date: '2015-04-24', pages: 3,
        kaNumber: 3246, kaDrucksache: '16/8246', ministry: 'MGEPA', url: '/doc/a',
      }),
      entry({
        drucksache: '16/8250', docType: 'kleine_anfrage', title: 'Frage mit Region', date: '2015-03-21', pages: 1, kaNumber: 3250,
        systematik: ['Schulen'], schlagworte: ['Unterricht'], region: 'Bottrop, krfr. Stadt', url: '/doc/1',
        askers: [
          { name: 'Sigrid Beer', faction: 'BÜNDNIS 90/DIE GRÜNEN', factionAsWritten: 'GRÜNE' },
          { name: 'Monika Düker', faction: 'BÜNDNIS 90/DIE GRÜNEN', factionAsWritten: 'GRÜNE' },
        ],
      }),
    ]);
  });

  it('mentions of papers in running text, titles and Beschluss lines are no entries', () => {
    const html = portal([{
      title: 'Zur Drucksache 16/100 vom 12.03.2015', head: 'Große Anfrage 2 SPD <br />Römer, Norbert SPD', ref: 'Drucksache 16/300 01.04.2015 4 S.',
      details: ['Die Anfrage knüpft an die Drucksache 16/100 vom 12.03.2015 an.', 'Systematik: Wasser'],
      later: ['Beschluss:&nbsp;Seite 12 - Der Antrag - Drucksache 16/301 - wurde am 05.05.2015 angenommen.'],
    }]);
    expect(parsePortalHtml(html)).toStrictEqual([entry({
      drucksache: '16/300', docType: 'grosse_anfrage', title: 'Zur Drucksache 16/100 vom 12.03.2015', date: '2015-04-01', pages: 4, kaNumber: 2,
      systematik: ['Wasser'], askers: [{ name: 'Norbert Römer', faction: 'SPD', factionAsWritten: 'SPD' }], url: '/doc/0',
    })]);
  });

  it('relies on wording, not on the 2015 markup: a list of divs with <strong> titles', () => {
    const html = `<html><body><main><ul>
<li><div class="hit"><h3><strong>Neue Frage</strong></h3><div>Kleine Anfrage 5 Müller, Anna (SPD)</div>
<div>Drucksache 18/ 1234 (2. Neudruck) 07.07.2023, 3 S.</div><div>Schlagworte: A; B</div></div></li>
<li><div class="hit"><h3><strong>Andere Frage</strong></h3><div>Antwort MHKBG zu KlAnfr 6 Drs 18/1000</div>
<div><a href="/d/18-1300">Drucksache 18/1300</a> 08.07.2023</div></div></li>
</ul></main></body></html>`;
    expect(parsePortalHtml(html)).toStrictEqual([
      entry({
        drucksache: '18/1234', docType: 'kleine_anfrage', title: 'Neue Frage', date: '2023-07-07', pages: 3, kaNumber: 5, neudruck: 2,
        schlagworte: ['A', 'B'], askers: [{ name: 'Anna Müller', faction: 'SPD', factionAsWritten: 'SPD' }],
      }),
      entry({
        drucksache: '18/1300', docType: 'antwort_kleine_anfrage', title: 'Andere Frage', date: '2023-07-08', kaNumber: 6, kaDrucksache: '18/1000',
        ministry: 'MHKBG', url: '/d/18-1300',
      }),
    ]);
  });

  it('a page without portal entries throws not-portal with a reason', () => {
    const notPortal = '<html><head><title>Wetter</title></head><body><h1>Wetter in Düsseldorf</h1><p>Sonnig, 20 Grad am 12.03.2015.</p></body></html>';
    expect(() => parsePortalHtml(notPortal)).toThrowError(new ExtractError('not-portal', 'not a Landtag portal page: no Drucksache or Plenarprotokoll entries found'));
    let caught: unknown;
    try {
      parsePortalHtml(notPortal);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExtractError);
    expect((caught as ExtractError).code).toBe('html.not-portal');
    expect((caught as ExtractError).message).toBe('not a Landtag portal page: no Drucksache or Plenarprotokoll entries found');
    expect(() => parsePortalHtml('<html><body><script>var x = "Drucksache 16/1 01.01.2015 2 S."</script></body></html>'))
      .toThrowError('not a Landtag portal page: no visible text');
  });
});

// ---------------------------------------------------------------------------
// Decoding

describe('decodeHtml', () => {
  const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

  it('reads a page in ISO-8859-1 as declared', () => {
    const html = portal([{ title: 'Größere Schülerzahlen für Köln', head: 'Antwort MSW zu KlAnfr 1 Drs 16/1', ref: 'Drucksache 16/2 01.02.2015 2 S.', details: ['Region: Köln, krfr. Stadt'] }], 'iso-8859-1');
    const bytes = latin1(html);
    expect(bytes.includes(0xf6)).toBe(true); // "ö" as one Latin-1 byte
    const text = decodeHtml(bytes);
    expect(text).toBe(html);
    const [e] = parsePortalHtml(text);
    expect([e.title, e.region]).toStrictEqual(['Größere Schülerzahlen für Köln', 'Köln, krfr. Stadt']);
  });

  it('honours <meta charset> and windows-1252; UTF-8 without a declaration', () => {
    expect(decodeHtml(latin1('<meta charset="windows-1252"><p>Gr\u00fc\u00dfe</p>'))).toBe('<meta charset="windows-1252"><p>Grüße</p>');
    expect(decodeHtml(new Uint8Array([...latin1('<meta charset="windows-1252"><p>'), 0x80, ...latin1('</p>')]))).toBe('<meta charset="windows-1252"><p>€</p>');
    expect(decodeHtml(utf8('<p>Grüße</p>'))).toBe('<p>Grüße</p>');
    expect(decodeHtml(utf8('\ufeff<meta charset="iso-8859-1"><p>Grüße</p>'))).toBe('<meta charset="iso-8859-1"><p>Grüße</p>');
    // Without a declaration, bytes that are no UTF-8 are read as Windows-1252 rather than as U+FFFD.
    expect(decodeHtml(latin1('<p>Grüße</p>'))).toBe('<p>Grüße</p>');
  });

  it('reads the saved 2015 pages as UTF-8 although they declare ISO-8859-1', () => {
    const bytes = new Uint8Array(readFileSync(FIXTURES + 'portal-detail.html'));
    const text = decodeHtml(bytes);
    expect(text).toContain('content="text/html;charset=iso-8859-1"');
    expect(text).toContain('Freigabe von Cannabis');
    expect(text).toContain('für eine kontrollierte');
    expect(text).not.toMatch(/Ã|\uFFFD/);
    expect(text).toBe(new TextDecoder('utf-8').decode(bytes));
  });
});
