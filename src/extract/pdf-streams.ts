// A cap on what the streams of a PDF inflate to, checked before pdf.js sees the file.
//
// pdf.js has no limit on decoded stream size: a content stream of a few KB that inflates to
// gigabytes is decoded into one growing buffer (one such file took 8.4 GB). pdf.js does bound
// images (maxImageSize, checked before decoding), so image streams are left to it; every other
// FlateDecode stream (content, fonts, forms, object and xref streams) is inflated here with
// zlib's maxOutputLength, so a bomb stops at the cap instead of filling the memory.
// Streams of encrypted files cannot be inflated without the key and are left to pdf.js.
import { inflateSync } from 'node:zlib';
import { ExtractError } from './errors.js';

export const STREAM_LIMITS = {
  /** One stream may inflate to at most this many bytes. DRUCKSACHEN_MAX_STREAM_MB overrides it (tests). */
  perStream: 256 * 1024 * 1024,
  /** All checked streams of a file together. */
  total: 1024 * 1024 * 1024,
};

function limits(): { perStream: number; total: number } {
  const mb = Number(process.env.DRUCKSACHEN_MAX_STREAM_MB);
  if (Number.isFinite(mb) && mb > 0) return { perStream: mb * 1024 * 1024, total: 4 * mb * 1024 * 1024 };
  return STREAM_LIMITS;
}

const ascii = (s: string) => Buffer.from(s, 'latin1');
const STREAM = ascii('stream');
const ENDSTREAM = ascii('endstream');

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/** Throws ExtractError('too-large') when a FlateDecode stream (not an image) inflates beyond the cap. */
export function checkStreamSizes(data: Uint8Array): void {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const { perStream, total } = limits();
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
    if (!/\/(?:FlateDecode|Fl)\b/.test(dict) || /\/Subtype\s*\/Image\b/.test(dict)) continue;
    // Only a first filter Flate can be inflated here; others (after an ASCII filter, say) stay with pdf.js.
    const first = /\/Filter\s*\[?\s*\/(\w+)/.exec(dict);
    if (!first || (first[1] !== 'FlateDecode' && first[1] !== 'Fl')) continue;
    let size: number;
    try {
      size = inflateSync(buf.subarray(start, end), { maxOutputLength: Math.min(perStream, total - sum) + 1, finishFlush: 2 /* Z_SYNC_FLUSH */ }).length;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        const which = total - sum < perStream ? `its streams together inflate to more than ${mb(total)}` : `a stream inflates to more than ${mb(perStream)}`;
        throw new ExtractError('too-large', `PDF too large to read: ${which} (a compression bomb?)`);
      }
      continue; // broken or encrypted data: pdf.js decides
    }
    sum += size;
  }
}
