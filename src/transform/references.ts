// References to other papers: "vgl. Drs. 18/12723", "Drucksache 17/9511",
// "Vorlage 18/3773", "APr 18/749", "KA 5106", "Kleine Anfrage 5106".
import type { Reference, ReferenceKind } from '../model.js';

const PATTERNS: { kind: ReferenceKind; re: RegExp; target: (m: RegExpMatchArray) => string }[] = [
  { kind: 'drucksache', re: /\b(?:Drs\.|Drucksache|Drucks\.)\s*(\d{1,2})\s*\/\s*(\d+)/g, target: (m) => `${m[1]}/${m[2]}` },
  { kind: 'vorlage', re: /\bVorlage\s+(\d{1,2})\s*\/\s*(\d+)/g, target: (m) => `${m[1]}/${m[2]}` },
  { kind: 'ausschussprotokoll', re: /\b(?:APr|Ausschussprotokoll)\s+(\d{1,2})\s*\/\s*(\d+)/g, target: (m) => `${m[1]}/${m[2]}` },
  { kind: 'plenarprotokoll', re: /\b(?:PlPr|Plenarprotokoll)\.?\s+(\d{1,2})\s*\/\s*(\d+)/g, target: (m) => `${m[1]}/${m[2]}` },
  { kind: 'kleine_anfrage', re: /\b(?:KA|Kleinen?\s+Anfrage)\s+(\d{2,5})\b/g, target: (m) => m[1] },
  { kind: 'grosse_anfrage', re: /\b(?:GA|Großen?\s+Anfrage)\s+(\d{1,4})\b/g, target: (m) => m[1] },
];

/** All references in the given texts, each (kind, target) once, with the first context. */
export function findReferences(texts: string[], own: { drucksache: string | null; kaNumber: number | null }): Reference[] {
  const seen = new Map<string, Reference>();
  for (const text of texts) {
    const flat = text.replace(/\s+/g, ' ');
    for (const p of PATTERNS) {
      for (const m of flat.matchAll(p.re)) {
        const target = p.target(m);
        if (p.kind === 'drucksache' && target === own.drucksache) continue;
        if ((p.kind === 'kleine_anfrage' || p.kind === 'grosse_anfrage') && own.kaNumber !== null && target === String(own.kaNumber)) continue;
        const key = `${p.kind}:${target}`;
        if (seen.has(key)) continue;
        const at = m.index ?? 0;
        seen.set(key, { kind: p.kind, target, context: flat.slice(Math.max(0, at - 60), at + m[0].length + 60).trim() });
      }
    }
  }
  return [...seen.values()];
}
