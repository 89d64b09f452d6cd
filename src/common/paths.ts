// File names that are not valid UTF-8 (copied from old systems, archives): Node would decode
// them with U+FFFD and then not find the file. Such a name is carried as a string in which
// every byte that is not part of valid UTF-8 stands as the lone surrogate U+DC00 + byte (as
// Python's "surrogateescape"), and turned back into the exact bytes wherever the file system
// is asked. Valid names stay plain strings.

const ESC_LO = 0xdc80;
const ESC_HI = 0xdcff;

/** The length of the valid UTF-8 sequence at `i`, or 0. */
function sequenceAt(b: Uint8Array, i: number): number {
  const x = b[i];
  if (x < 0x80) return 1;
  const n = x >= 0xc2 && x <= 0xdf ? 2 : x >= 0xe0 && x <= 0xef ? 3 : x >= 0xf0 && x <= 0xf4 ? 4 : 0;
  if (!n || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  // Overlong forms, surrogates and code points past U+10FFFF are not valid.
  const y = b[i + 1];
  if ((x === 0xe0 && y < 0xa0) || (x === 0xed && y > 0x9f) || (x === 0xf0 && y < 0x90) || (x === 0xf4 && y > 0x8f)) return 0;
  return n;
}

const utf8 = new TextDecoder('utf-8');

/** A file name's bytes as a string: UTF-8, with each byte outside valid UTF-8 escaped. */
export function nameFromBytes(b: Uint8Array): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < b.length; ) {
    const n = sequenceAt(b, i);
    if (n) {
      i += n;
      continue;
    }
    out += utf8.decode(b.subarray(start, i)) + String.fromCharCode(0xdc00 + b[i]);
    i++;
    start = i;
  }
  return out + utf8.decode(b.subarray(start));
}

const isEscape = (c: number) => c >= ESC_LO && c <= ESC_HI;

/** The path to hand to the file system: the string itself, or its exact bytes when it holds escaped bytes. */
export function fsPath(path: string): string | Buffer {
  let escaped = false;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    // A lone low surrogate (not the second half of a pair) is an escaped byte.
    if (isEscape(c) && !(i > 0 && path.charCodeAt(i - 1) >= 0xd800 && path.charCodeAt(i - 1) <= 0xdbff)) {
      escaped = true;
      break;
    }
  }
  if (!escaped) return path;
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (!isEscape(c) || (i > 0 && path.charCodeAt(i - 1) >= 0xd800 && path.charCodeAt(i - 1) <= 0xdbff)) continue;
    parts.push(Buffer.from(path.slice(start, i), 'utf8'), Buffer.from([c - 0xdc00]));
    start = i + 1;
  }
  parts.push(Buffer.from(path.slice(start), 'utf8'));
  return Buffer.concat(parts);
}
