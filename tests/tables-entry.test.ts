// `drucksachen tables` and ingest read tables through the same entry: the same
// lines (page furniture removed in both), the same settings, the same tables.
import { describe, expect, it } from 'vitest';
import { transform } from '../src/transform/index.js';
import { removeFurniture } from '../src/transform/furniture.js';
import { findTables, newPdfTableFinder } from '../src/transform/tables/pdf/index.js';
import { fixtureBytes, layoutOf, texts } from './tables-helpers.js';

describe('one entry for tables and ingest', () => {
  for (const name of ['nrw-17-10116-libreoffice.pdf', 'nrw-17-10116-chromium.pdf']) {
    it(`${name}: the tables command finds the tables of the ingested document`, async () => {
      const layout = await layoutOf(fixtureBytes(name));
      const furniture = removeFurniture(layout);
      expect(furniture.removed.length).toBeGreaterThan(0); // the paper has running heads / page numbers to remove
      const cli = findTables(layout);
      const { doc } = transform(await layoutOf(fixtureBytes(name)), { pdfTableFinder: newPdfTableFinder });
      expect(cli.length).toBeGreaterThan(0);
      expect(cli.map(texts)).toEqual(doc.tables.map(texts));
    });
  }
});
