// Space-separated tables of text inputs (pdftotext, scrapers, the Bundestag's text rendition):
// excerpts of real papers in tests/fixtures/text-tables, and prose that must not become a table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textToLayout } from '../src/extract/text.js';
import type { Table } from '../src/model.js';
import { buildFlow, textTableFinder } from '../src/transform/flow.js';
import { transform } from '../src/transform/index.js';
import { columnLabel, countValues, rowLabel } from '../src/transform/tables/classify.js';
import { parseGermanNumber } from '../src/transform/tables/numbers.js';
import { parseValueLine, segmentHeader } from '../src/transform/tables/text-aligned.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/text-tables/${name}`, import.meta.url), 'utf8');
const run = (text: string) => transform(textToLayout(text));
const spaceTables = (text: string) => run(text).doc.tables.filter((t) => t.strategy === 'text-spaces');
const value = (t: Table, row: string, col: string) => countValues(t).find((v) => v.rowLabel === row && v.colLabel === col)?.value;
const bodyLabels = (t: Table) => t.rows.slice(t.headerRows).map((_, i) => rowLabel(t, t.headerRows + i));

describe('space-separated count tables', () => {
  it('reads euro amounts, "– €" placeholders, a label wrapped over two lines and the total row', () => {
    const [t, ...rest] = spaceTables(fixture('bt-euro-wrapped.txt'));
    expect(rest).toHaveLength(0);
    expect(t.kind).toBe('count');
    expect([1, 2].map((c) => columnLabel(t, c))).toEqual(['zugewiesen', 'ausgezahlt']);
    expect(bodyLabels(t)).toContain('Mecklenburg-Vorpommern');
    expect(bodyLabels(t)).toHaveLength(17);
    expect(value(t, 'Baden-Württemberg', 'zugewiesen')).toBe(1561738.45);
    expect(value(t, 'Baden-Württemberg', 'ausgezahlt')).toBeNull();
    expect(value(t, 'Mecklenburg-Vorpommern', 'ausgezahlt')).toBe(34700);
    expect(t.warnings).toEqual([]); // the Gesamt row adds up
  });

  it('drops a header repeated after a page break and keeps one table', () => {
    const tables = spaceTables(fixture('bt-repeated-header.txt'));
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(bodyLabels(t)).not.toContain('Bundesländer Dachsirenen Mastsirenen Ansteuergeräte');
    expect(bodyLabels(t).slice(-2)).toEqual(['Thüringen', 'Gesamt']);
    expect(value(t, 'Gesamt', 'Dachsirenen')).toBe(2976);
    expect(t.warnings).toEqual([]);
  });

  it('reads one value column of month rows ("Januar 2015 1.894") with the repeated header dropped', () => {
    const [t] = spaceTables(fixture('bt-one-column.txt'));
    expect(columnLabel(t, 1)).toBe('Anzahl vergebener IdNr.');
    expect(t.rows[t.headerRows].map((c) => c?.text)).toEqual(['Januar 2015', '1.894']);
    expect(bodyLabels(t)).not.toContain('Monat der Vergabe Anzahl vergebener IdNr.');
    expect(value(t, 'Dezember 2017', 'Anzahl vergebener IdNr.')).toBe(1503);
  });

  it('splits space-grouped numbers by the column count, and leaves a row that splits several ways empty', () => {
    const tables = spaceTables(fixture('bt-space-grouped.txt'));
    expect(tables).toHaveLength(2);
    const [counts, euros] = tables;
    expect(counts.rows[0].slice(1).map((c) => c?.text)).toEqual(['2020', '2021', '2022', '2023', '2024', '2025']);
    expect(counts.rows.find((r) => r[0]?.text === 'Niederlande')!.slice(1).map((c) => c?.text)).toEqual(['7 247', '6 361', '5 891', '7 073', '9 749', '8 991']);
    // Cents make the split unique: "1 449,00" is one amount.
    expect(value(euros, 'Belgien', '2022')).toBe(1449);
    expect(value(euros, 'Belgien', '2023')).toBe(14693);
    const polen = euros.rows.find((r) => r[0]?.text === 'Polen')!;
    expect(polen.slice(1).map((c) => c?.text)).toEqual(['479 594,15', '767 632,41', '647 959,51', '466 838,80', '298 582,52', '15 945,46']);
  });

  it('reads "1 628 1 628" under "Soll Ist" as two grouped thousands, not four small numbers', () => {
    const [t] = spaceTables(fixture('bt-thousands-tie.txt'));
    expect(t.rows[0].length).toBe(3);
    expect(value(t, '2021', 'Soll')).toBe(1628);
    expect(value(t, '2024', 'Ist')).toBe(2689);
  });

  it('joins labels wrapped cell by cell, reads a header cell over two lines, units "M." and "---"', () => {
    const tables = spaceTables(fixture('ni-wrapped-cells.txt'));
    const inflow = tables.find((t) => columnLabel(t, 6) === 'Jan. bis Mai 2026')!;
    expect(inflow).toBeDefined();
    expect(bodyLabels(inflow)).toEqual(['Eingänge Klageverfahren', 'Eingänge Verfahren zur Gewährung von vorl. Rechtsschutz']);
    expect(value(inflow, 'Eingänge Klageverfahren', '2024')).toBe(10114);
    const duration = tables.find((t) => bodyLabels(t).includes('Klageverfahren'))!;
    expect(value(duration, 'Klageverfahren', '2021')).toBe(26.4);
    expect(countValues(duration).find((v) => v.rowLabel === 'Beschwerdeverfahren' && v.colLabel === '2021')).toMatchObject({ value: null, valueText: '---' });
  });

  it('leaves a row whose space-grouped numbers split more than one way empty, with a tables.ambiguous warning', () => {
    // "1 234 567" in two columns: 1 234 | 567 or 1 | 234 567. The other rows split one way only.
    const text = fixture('../parliaments/ni-19-11192.txt').replace('Wind offshore 2 412 1 445', 'Wind offshore 1 234 567');
    const { doc, messages } = run(text);
    const t = doc.tables.find((x) => x.strategy === 'text-spaces' && bodyLabels(x).includes('Wind offshore'))!;
    expect(value(t, 'Wind onshore', '2024')).toBe(911);
    expect(value(t, 'Wind offshore', '2024')).toBeNull();
    expect(t.warnings.map((w) => w.code)).toEqual(['tables.ambiguous']);
    expect(messages.filter((m) => m.code === 'tables.ambiguous').map((m) => m.text)).toEqual([expect.stringContaining('row "Wind offshore": the space-separated numbers can be split into 2 values in several ways')]);
  });

  it('reports a table whose rows lost their empty cells instead of inventing one', () => {
    const { doc, messages } = run(fixture('bt-destroyed.txt'));
    expect(doc.tables).toHaveLength(0);
    expect(messages.some((m) => m.severity === 'warning' && m.code === 'tables.destroyed' && m.page === 1 && /not read: rows hold differing numbers of values/.test(m.text))).toBe(true);
  });

  it('leaves the lines of a destroyed table out of the text (caption, header, rows), but not a sentence or a quotation', () => {
    const layout = textToLayout(fixture('bt-destroyed.txt'));
    const blocks = buildFlow(layout.pages, layout.pages.map((p) => p.lines), textTableFinder(() => undefined));
    const text = blocks.map((b) => (b.type === 'para' ? b.para.text : '')).join('\n');
    expect(text).toContain('für den Bereich der PMK-links:');
    // (the excerpt ends with the caption of a next table whose rows are cut off: that caption stays)
    const upToCut = text.slice(0, text.lastIndexOf('2022'));
    for (const gone of ['Körperverletzungsdelikte 22 41', 'Bis 13 Jahre 14-17 Jahre', 'Deliktkategorie', 'Sprengstoffdelikte', 'Verwenden von Kennz.']) expect(upToCut).not.toContain(gone);
    // A caption line with a quotation mark stays, so that no quotation is left open.
    const quoted = fixture('bt-destroyed.txt').replace('Bereich der PMK-links:\n2020\n', 'Bereich der PMK-links:\nTabelle „Links“ 2020\n');
    const l2 = textToLayout(quoted);
    const t2 = buildFlow(l2.pages, l2.pages.map((p) => p.lines), textTableFinder(() => undefined)).map((b) => (b.type === 'para' ? b.para.text : '')).join('\n');
    expect(t2).toContain('Tabelle „Links“ 2020');
    expect(t2).not.toContain('Körperverletzungsdelikte 22 41');
  });

  it('never makes a table of prose ending in numbers, numbered questions, dash lists, addresses or the imprint', () => {
    const { doc, messages } = run(fixture('prose-negative.txt'));
    expect(doc.tables).toEqual([]);
    expect(messages.filter((m) => /not read/.test(m.text))).toEqual([]);
  });

  it('reads a line of a hundred thousand numbers as no row, without failing', () => {
    const numbers = Array.from({ length: 100_000 }, (_, i) => String(i % 1000)).join(' ');
    expect(parseValueLine(`Zahlen ${numbers}`)).toBeNull();
    const { doc } = run(`Vorher.\n${numbers}\n${numbers}\nNachher.\n`);
    expect(doc.tables).toEqual([]);
  });

  it('keeps tab-separated tables as they were', () => {
    const t = run('Text davor.\n\nLand\tAnzahl\nBayern\t3\nBerlin\t4\n').doc.tables;
    expect(t).toHaveLength(1);
    expect(t[0].strategy).toBe('text-tabs');
  });
});

describe('pieces', () => {
  it('segments header words into corner and column labels', () => {
    expect(segmentHeader('Jahr 2021 2022 2023 2024 2025 Jan. bis Mai 2026'.split(' '), 6, false)).toEqual({
      corner: 'Jahr', labels: ['2021', '2022', '2023', '2024', '2025', 'Jan. bis Mai 2026'],
    });
    expect(segmentHeader('Monat der Vergabe Anzahl vergebener IdNr.'.split(' '), 1, true)).toEqual({ corner: 'Monat der Vergabe', labels: ['Anzahl vergebener IdNr.'] });
    expect(segmentHeader('rGB Haushaltsjahr (HJ) Anzahl im HJ 2023 Anzahl im HJ 2024'.split(' '), 2, false)?.labels).toEqual(['Anzahl im HJ 2023', 'Anzahl im HJ 2024']);
    expect(segmentHeader('Die Zahl der Fälle ist gestiegen und'.split(' '), 3, false)).toBeNull();
  });

  it('parses the value tail of a line', () => {
    expect(parseValueLine('Wind offshore 2 412 1 445')?.feasible.has(2)).toBe(true);
    expect(parseValueLine('Kapitel 0903')).toBeNull(); // a code with a leading zero is no value
    expect(parseValueLine('Die Zahl stieg deutlich an')).toBeNull();
  });

  it('types placeholders with a unit and durations in months', () => {
    expect(parseGermanNumber('– €')).toEqual({ value: null, numeric: true });
    expect(parseGermanNumber('---')).toEqual({ value: null, numeric: true });
    expect(parseGermanNumber('26,4 M.')).toEqual({ value: 26.4, unit: 'M.', numeric: true });
  });
});
