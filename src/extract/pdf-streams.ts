// A cap on what the streams of a PDF inflate to, checked before pdf.js sees the file.
//
// pdf.js has no limit on decoded stream size: a content stream of a few KB that inflates to
// gigabytes is decoded into one growing buffer (one such file took 8.4 GB). pdf.js does bound
// images (maxImageSize, checked before decoding), so image streams are left to it; every other
// FlateDecode stream (content, fonts, forms, object and xref streams) is inflated here with
// zlib's maxOutputLength, so a bomb stops at the cap instead of filling the memory.
// Streams of encrypted files cannot be inflated without the key and are left to pdf.js.
//
// The same pass measures how deep graphics states (q … Q) nest: pdf.js clones its state as a
// prototype chain on every q, so each lookup walks all open states and 100,000 nested q cost hours.
// Real pages nest a few levels; beyond MAX_SAVE_DEPTH the file is refused with that reason.
import { inflateSync } from 'node:zlib';
import { ExtractError } from './errors.js';

export const STREAM_LIMITS = {
  /** One stream may inflate to at most this many bytes. DRUCKSACHEN_MAX_STREAM_MB overrides it (tests). */
  perStream: 256 * 1024 * 1024,
  /** All checked streams of a file together. */
  total: 1024 * 1024 * 1024,
  /** Deepest q nesting read (pdf.js's cost grows with the square of it). */
  maxSaveDepth: 1000,
};

function limits(): typeof STREAM_LIMITS {
  const mb = Number(process.env.DRUCKSACHEN_MAX_STREAM_MB);
  if (Number.isFinite(mb) && mb > 0) return { ...STREAM_LIMITS, perStream: mb * 1024 * 1024, total: 4 * mb * 1024 * 1024 };
  return STREAM_LIMITS;
}

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
const isDelim = (b: number) => b === 0x28 || b === 0x29 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d || b === 0x2f || b === 0x25;
const isEdge = (b: number | undefined) => b === undefined || isSpace(b) || isDelim(b);

/** The deepest nesting of q operators in content-stream bytes (strings and comments skipped), in one pass. */
export function maxSaveDepth(bytes: Uint8Array): number {
  let depth = 0;
  let max = 0;
  let str = 0; // nesting of ( ) in a literal string
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (str > 0) {
      if (b === 0x5c) i++; // backslash escapes the next byte
      else if (b === 0x28) str++;
      else if (b === 0x29) str--;
      continue;
    }
    if (b === 0x28) str = 1;
    else if (b === 0x25) while (i + 1 < bytes.length && bytes[i + 1] !== 0x0a && bytes[i + 1] !== 0x0d) i++;
    else if ((b === 0x71 || b === 0x51) && isEdge(bytes[i - 1]) && isEdge(bytes[i + 1])) {
      if (b === 0x71) max = Math.max(max, ++depth);
      else if (depth > 0) depth--;
    }
  }
  return max;
}

const ascii = (s: string) => Buffer.from(s, 'latin1');
const STREAM = ascii('stream');
const ENDSTREAM = ascii('endstream');

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/** Throws ExtractError('too-large') when a FlateDecode stream (not an image) inflates beyond the cap. */
export function checkStreamSizes(data: Uint8Array): void {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const lim = limits();
  let sum = 0;
  let from = 0;
  for (;;) {
    const at = buf.indexOf(STREAM, from);
    if (at < 0) return;
    from = at + STREAM.length;
    // "endstream" contains "stream"; a real stream keyword follows the dictionary's ">>".
    if (at >= 3 && buf.subarray(at - 3, at).toString('latin1') === 'end') continue;
    let start = from;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a && buf[start - 1] !== 0x0d) continue;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf(ENDSTREAM, start);
    if (end < 0) return;
    from = end + ENDSTREAM.length;
    // The dictionary: the text since the last "obj" (at most 4 KB back).
    const headFrom = Math.max(0, at - 4096);
    const head = buf.subarray(headFrom, at).toString('latin1');
    const dict = head.slice(head.lastIndexOf('obj') + 1);
    if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    let decoded: Uint8Array;
    if (!/\/Filter\b/.test(dict)) {
      decoded = buf.subarray(start, end);
    } else {
      // Only a first filter Flate can be inflated here; others (after an ASCII filter, say) stay with pdf.js.
      const first = /\/Filter\s*\[?\s*\/(\w+)/.exec(dict);
      if (!first || (first[1] !== 'FlateDecode' && first[1] !== 'Fl')) continue;
      try {
        decoded = inflateSync(buf.subarray(start, end), { maxOutputLength: Math.min(lim.perStream, lim.total - sum) + 1, finishFlush: 2 /* Z_SYNC_FLUSH */ });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          const which = lim.total - sum < lim.perStream ? `its streams together inflate to more than ${mb(lim.total)}` : `a stream inflates to more than ${mb(lim.perStream)}`;
          throw new ExtractError('too-large', `PDF too large to read: ${which} (a compression bomb?)`);
        }
        continue; // broken or encrypted data: pdf.js decides
      }
      sum += decoded.length;
    }
    // Fonts, xref, object and metadata streams are no content: binary data may hold a stray "q".
    const content = !/\/Length1\b|\/Type\s*\/(?:XRef|ObjStm|Metadata)\b/.test(dict) && (!/\/Subtype\b/.test(dict) || /\/Subtype\s*\/Form\b/.test(dict));
    const depth = content ? maxSaveDepth(decoded) : 0;
    if (depth > lim.maxSaveDepth) {
      throw new ExtractError('too-large', `PDF too complex to read: graphics states nested ${depth} deep (at most ${lim.maxSaveDepth})`);
    }
  }
}
