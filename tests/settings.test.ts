// One settings object: every tolerance with its unit, changes laid over the
// defaults by resolveSettings(partial), and validated.
import { describe, expect, it } from 'vitest';
import { mostlyBold } from '../src/common/bold.js';
import { resolveSettings, resolveTableSettings, SETTINGS, SettingsError, unitOf } from '../src/transform/settings.js';
import { TABLE_SETTINGS } from '../src/transform/tables/pdf/settings.js';

describe('settings', () => {
  it('resolve lays a partial over the defaults and leaves the defaults alone', () => {
    const s = resolveSettings({ tables: { stream: { cellGap: 2 } }, header: { scanParas: 20 } });
    expect(s.tables.stream.cellGap).toBe(2);
    expect(s.tables.stream.wordGap).toBe(TABLE_SETTINGS.stream.wordGap);
    expect(s.header.scanParas).toBe(20);
    expect(SETTINGS.tables.stream.cellGap).toBe(1.0);
    expect(SETTINGS.header.scanParas).toBe(14);
    expect(resolveTableSettings({ lattice: { minRows: 3 } }).lattice.minRows).toBe(3);
  });

  it('every setting has a unit', () => {
    expect(unitOf('tables.stream.cellGap')).toBe('em');
    expect(unitOf('tables.edges.snapTol')).toBe('pt');
    expect(unitOf('tables.text.boldShare')).toBe('share');
    expect(unitOf('header.topLines')).toBe('count');
    expect(unitOf('tables.stream.nope')).toBeUndefined();
  });

  it('rejects unknown names and values outside their unit, naming the setting', () => {
    const err = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(SettingsError);
        return (e as Error).message;
      }
    };
    expect(err(() => resolveSettings({ tables: { stream: { cellGapp: 1 } } } as never))).toMatch(/tables\.stream\.cellGapp: no such setting/);
    expect(err(() => resolveTableSettings({ stitch: { marginShare: 1.5 } }))).toMatch(/tables\.stitch\.marginShare: a share is at most 1/);
    expect(err(() => resolveTableSettings({ stream: { minRows: 2.5 } }))).toMatch(/whole number/);
    expect(err(() => resolveTableSettings({ edges: { snapTol: -1 } }))).toMatch(/finite number/);
    expect(err(() => resolveTableSettings({ edges: { snapTol: Number.NaN } }))).toMatch(/finite number/);
    expect(err(() => resolveTableSettings({ stream: { listMarker: 'x' as never } }))).toMatch(/RegExp/);
    expect(err(() => resolveTableSettings({ text: { defaultFontSize: 9 } }))).toBeNull();
  });
});

describe('mostly bold', () => {
  it('is more than the share, never for nothing', () => {
    expect(mostlyBold(6, 10)).toBe(true);
    expect(mostlyBold(5, 10)).toBe(false);
    expect(mostlyBold(0, 0)).toBe(false);
    expect(mostlyBold(3, 10, 0.25)).toBe(true);
  });
});
