// German numbers in table cells: 52.413 → 52413, 1,5 → 1.5, 12,3 % → 12.3 (unit %),
// "-", "k. A." → no value (the text is kept).
import { NO_VALUE } from '../../data/house-style.js';

export interface ParsedNumber {
  value: number | null;
  unit?: string;
  /** True when the cell is a number or a recognised "no value" placeholder. */
  numeric: boolean;
}

const GROUPED = /^[+-]?\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+(?:,\d+)?$/;
const PLAIN = /^[+-]?\d+(?:,\d+)?$/;

/** The text before the first of `units` it ends with, blanks before the unit dropped; null if none. */
function cutSuffix(s: string, units: readonly string[]): string | null {
  for (const u of units) if (s.endsWith(u)) return s.slice(0, s.length - u.length).trimEnd();
  return null;
}

/** Parse one cell (markers already split off). */
export function parseGermanNumber(raw: string): ParsedNumber {
  let s = raw.trim().replace(/[−‒]/g, '-').replace(/^-{2,3}$/, '-');
  if (s === '') return { value: null, numeric: false };
  if (NO_VALUE.test(s)) return { value: null, numeric: true };
  let unit: string | undefined;
  // Units by suffix, not by /^(.*?)\s*%$/: a lazy prefix before \s* rescans a run of blanks at every step.
  const pct = cutSuffix(s, ['%']);
  if (pct !== null) {
    unit = '%';
    s = pct;
  } else {
    const eur = cutSuffix(s, ['€', 'EUR', 'Euro']);
    const months = cutSuffix(s, ['M.']); // "26,4 M." (Monate) in a table of durations
    if (eur !== null) {
      unit = '€';
      s = eur;
    } else if (months !== null && /\d$/.test(months)) {
      unit = 'M.';
      s = months;
    }
    // "– €": a placeholder with its unit.
    if (NO_VALUE.test(s.trim())) return { value: null, numeric: true };
  }
  if (!GROUPED.test(s) && !PLAIN.test(s)) return { value: null, numeric: false };
  const value = Number(s.replace(/[.\u202f\u00a0 ]/g, '').replace(',', '.'));
  if (!Number.isFinite(value)) return { value: null, numeric: false };
  return unit ? { value, unit, numeric: true } : { value, numeric: true };
}

/**
 * The shape of a value cell in any locale (for finding table structure, not for reading values):
 * 1,234.5 · 1.234,5 · (82.1) · 12 % · € 5 · – · n/a · (X).
 */
const VALUE_SHAPE = /^[([]?[-–—+−]?[$€£]?\s?\d[\d.,'\u202f\u00a0 ]*\s?[%‰€$]?[)\]]?\*?$|^(?:[-–—]|n\.?\s?a\.?|n\/a|\(x\)|\.{2,3}|k\.\s?a\.?)$/i;

export function looksNumeric(raw: string): boolean {
  return VALUE_SHAPE.test(raw.trim());
}
