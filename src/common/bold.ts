// "Mostly bold", one rule for a word, a line, a cell and a table row: more
// than this share of the characters (or of the cells) is bold.

/** share (0…1) */
export const BOLD_SHARE = 0.5;

/** True when `bold` of `all` is more than `share` of it (never for nothing at all). */
export function mostlyBold(bold: number, all: number, share: number = BOLD_SHARE): boolean {
  return all > 0 && bold > share * all;
}
