// Footnote markers: "Zoom ¹⁾" → label "Zoom", marker "1"; "Landwirtschaftskammer *" → marker "*".

const SUPERSCRIPT: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
};

/** Superscript digits to ASCII digits; "⁾" and ")" dropped. */
export function normalizeMarker(m: string): string {
  return m.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => SUPERSCRIPT[c]).replace(/[⁾)\s]/g, '');
}

// A trailing marker: superscript digits (optionally with ⁾/)), asterisks, or "1)" after a space.
// (No leading \s*: tried at every position, it would rescan a long run of blanks each time.)
const TRAILING = /(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+[⁾)]?|\*{1,3}|(?<=\s)\d{1,2}\))$/;

export interface Marked {
  text: string;
  marker: string | null;
}

/** Split a trailing footnote marker off a label or value. */
export function splitMarker(s: string): Marked {
  const t = s.trim();
  const m = TRAILING.exec(t);
  if (!m || m.index === 0) return { text: t, marker: null };
  return { text: t.slice(0, m.index).trim(), marker: normalizeMarker(m[0]) };
}

/** A note under a table or a footnote body: "1) Der Einsatz …", "* Die …", "¹ https://…". */
const NOTE_START = /^\s*((?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+[⁾)]?)|\*{1,3}|\d{1,2}\))\s*(\S[^]*)$/;

export function splitNoteStart(s: string): { marker: string; text: string } | null {
  const m = NOTE_START.exec(s);
  if (!m) return null;
  return { marker: normalizeMarker(m[1]), text: m[2].trim() };
}

/** Normalised label key: the same label in two tables of one document is one entity. */
export function labelKey(s: string): string {
  return splitMarker(s.normalize('NFC')).text.replace(/\s+/g, ' ').trim().toLocaleLowerCase('de');
}
