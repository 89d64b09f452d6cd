// Character encodings shared by the text and HTML extractors.

// 0x80–0x9F of Windows-1252 (undefined bytes stay C1 controls). Node 20's TextDecoder('windows-1252')
// (also used for the "iso-8859-1" label) leaves them as C1 controls instead of "€", "„", "–", ….
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}
