// Words of printed tables (facts of the German language, not of any sample).

/** German month names and their abbreviations: "Mai 2026", "Jan. 2021" are one cell, not two. */
export const MONTH_NAMES = new Set([
  'januar', 'jänner', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober',
  'november', 'dezember', 'jan', 'feb', 'febr', 'mär', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dez',
]);

/** Words that open a sub-column label after a column label ("Gesamtzahl | davon Richter auf Probe"). */
export const SUBCOLUMN_WORDS = new Set(['davon', 'darunter', 'dar.', 'hiervon']);

/** A line under a table that names its source or date ("Quelle: …", "Stand: 30.06.2026"): the table ends there. */
export const SOURCE_LINE = /^(?:Quellen?|Stand|Datenquelle)\s*:/i;

/** Words that leave a phrase open at a line end ("… Biebesheim am" / "Rhein"): the next line goes on with the cell. */
export const OPEN_WORDS = new Set([
  'und', 'oder', 'sowie', 'bzw.', 'für', 'der', 'des', 'die', 'den', 'dem', 'von', 'vom', 'mit', 'im', 'in', 'zur', 'zum',
  'zu', 'auf', 'bei', 'an', 'am', 'aus', 'nach', 'über', 'unter', 'gegen', 'ohne',
]);
