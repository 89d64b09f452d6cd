// Character encodings shared by the text and HTML extractors.

// 0x80–0x9F of Windows-1252 (undefined bytes stay C1 controls). Node 20's TextDecoder('windows-1252')
// (also used for the "iso-8859-1" label) leaves them as C1 controls instead of "€", "„", "–", ….
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

export type Utf8Verdict =
  | { kind: 'utf-8'; text: string; badSequences: number }
  | { kind: 'not-utf-8' };

/**
 * Read bytes as UTF-8, replacing only invalid sequences (U+FFFD) and counting them. Verdict
 * "not UTF-8" only when the bytes clearly are a single-byte encoding: invalid sequences and no
 * more valid multi-byte characters than invalid ones (Windows-1252 umlauts practically never form
 * valid UTF-8; one bad byte in a UTF-8 file does not turn every umlaut into two letters).
 */
export function readUtf8(bytes: Uint8Array): Utf8Verdict {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  let replaced = 0;
  let multibyte = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replaced++;
    else if (c >= 0x80 && (c < 0xdc00 || c > 0xdfff)) multibyte++; // a surrogate pair counts once
  }
  if (replaced === 0) return { kind: 'utf-8', text, badSequences: 0 };
  // U+FFFD written as such in the file (EF BF BD) is no damage.
  let literal = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) literal++;
  const bad = replaced - literal;
  multibyte += literal;
  if (bad > 0 && multibyte <= bad) return { kind: 'not-utf-8' };
  return { kind: 'utf-8', text, badSequences: bad };
}

/**
 * UTF-16 without a byte order mark: text in UTF-16 has a NUL in (nearly) every other byte.
 * Returns the byte order, or null. Looks at the first 4 KB.
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.6 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.6 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}
