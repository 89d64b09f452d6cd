// Words of printed tables (facts of the German language, not of any sample).

/** German month names and their abbreviations: "Mai 2026", "Jan. 2021" are one cell, not two. */
export const MONTH_NAMES = new Set([
  'januar', 'jänner', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober',
  'november', 'dezember', 'jan', 'feb', 'febr', 'mär', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dez',
]);

/** Words that open a sub-column label after a column label ("Gesamtzahl | davon Richter auf Probe"). */
export const SUBCOLUMN_WORDS = new Set(['davon', 'darunter', 'dar.', 'hiervon']);
