// Lines of the footer block that producers print at the foot of a page (page 1 or the last page):
// filing and issue dates, imprint, distribution, ISSN, notes on where papers are published.
// Facts of how German parliaments print their papers; the block is furniture, never a table.
export const FOOTER_BLOCK_LINES: RegExp[] = [
  /^Eingegangen(?:\s+am)?\s*:?\s*\d/i,
  /^(?:\(\s*)?Ausgegeben(?:\s+am)?\s*:?\s*\d/i,
  /\bEingegangen\s*:?\s*[\d.\s]+\/\s*Ausgegeben\b/i,
  /^Gesamtherstellung\s*:/i,
  /^Vertrieb\s*:/i,
  /^Herausgeber\s*:/i,
  /^Druck\s*:/i,
  /^ISSN\s+\d{4}-\d{3}[\dX]\b/i,
  /^Drucksachen\s+und\s+Plenarprotokolle\s+(?:des|der)\b.*\babrufbar\b/i,
  /^Der\s+Landtag\s+druckt\s+auf\s+Recyclingpapier\b/i,
];
