// Hostile inputs made at run time (nothing large is checked in): a small PDF
// whose content stream inflates to many MB of text operators.
import { deflateSync } from 'node:zlib';

/** A one-page PDF whose Flate content stream holds `repeat` copies of `op` (a few KB on disk). */
export function inflatingPdf(op: string, repeat: number): Buffer {
  const chunk = Buffer.from(op.repeat(Math.max(1, Math.floor((1 << 20) / op.length))), 'latin1');
  const copies = Math.max(1, Math.round((op.length * repeat) / chunk.length));
  // Deflate one MB and repeat it: raw deflate blocks cannot simply be concatenated, so deflate the whole.
  const content = deflateSync(Buffer.concat(Array.from({ length: copies }, () => chunk)), { level: 9 });
  const objs: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let pos = parts[0].length;
  objs.forEach((o, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    offsets.push(pos);
    parts.push(b);
    pos += b.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${pos}\n%%EOF\n`));
  return Buffer.concat(parts);
}
