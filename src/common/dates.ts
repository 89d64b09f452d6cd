// German dates to ISO: "28.05.2025", "7. Juli 2020", "09. Mai 2023", "17. April 2025".

const MONTHS: Record<string, number> = {
  januar: 1, jänner: 1, februar: 2, märz: 3, maerz: 3, april: 4, mai: 5, juni: 6, juli: 7,
  august: 8, september: 9, oktober: 10, november: 11, dezember: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += y < 50 ? 2000 : 1900;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Pattern source of one German date, numeric or with the month name. */
export const DATE_SRC = String.raw`(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}\.\s*(?:Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\s+\d{4})`;

/** The first German date in `s` as ISO, or null. */
export function parseGermanDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const m = /(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d)/.exec(s);
  const n = new RegExp(String.raw`(\d{1,2})\.\s*([A-Za-zÄÖÜäöü]+)\s+(\d{4})`).exec(s);
  if (n && MONTHS[n[2].toLowerCase()] && (!m || n.index < m.index)) {
    return iso(Number(n[3]), MONTHS[n[2].toLowerCase()], Number(n[1]));
  }
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}
