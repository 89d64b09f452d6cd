// Fraktion names normalised through the data file of real NRW Fraktionen.
import data from '../data/fraktionen.json' with { type: 'json' };

interface FraktionEntry {
  name: string;
  spellings: string[];
}

const key = (s: string) => s.normalize('NFC').replace(/\s+/g, '').toLocaleLowerCase('de');

const bySpelling = new Map<string, string>();
for (const f of (data as { fraktionen: FraktionEntry[] }).fraktionen) {
  bySpelling.set(key(f.name), f.name);
  for (const s of f.spellings) bySpelling.set(key(s), f.name);
}

/** The canonical Fraktion name for a spelling, or null when it is no known Fraktion. */
export function normalizeFaction(s: string): string | null {
  return bySpelling.get(key(s.trim())) ?? null;
}

/** Every spelling, longest first: for finding a Fraktion at the end of a name list. */
export const factionSpellings: string[] = [...new Set(
  (data as { fraktionen: FraktionEntry[] }).fraktionen.flatMap((f) => [f.name, ...f.spellings]),
)].sort((a, b) => b.length - a.length);
