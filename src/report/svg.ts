// Inline SVG charts for the report's overview: horizontal and vertical bars,
// labels escaped, no script, no external resources.
import { esc } from './html.js';

export interface Bar {
  label: string;
  value: number;
  /** CSS fill colour. */
  fill?: string | undefined;
  title?: string | undefined;
}

const BLUE = '#4a6fa5';

/** Horizontal bars, one per item, label left, value right. */
export function hBars(items: Bar[], opts: { title: string; labelWidth?: number; width?: number }): string {
  const lw = opts.labelWidth ?? 360;
  const w = opts.width ?? 820;
  const row = 20;
  const max = Math.max(1, ...items.map((i) => i.value));
  const bw = w - lw - 60;
  const h = items.length * row + 10;
  const bars = items.map((it, k) => {
    const y = k * row + 5;
    const len = Math.max(1, Math.round((it.value / max) * bw));
    const label = it.label.length > 60 ? `${it.label.slice(0, 58)}…` : it.label;
    return `<g><title>${esc(it.title ?? `${it.label}: ${it.value}`)}</title>` +
      `<text x="${lw - 6}" y="${y + 13}" text-anchor="end">${esc(label)}</text>` +
      `<rect x="${lw}" y="${y + 2}" width="${len}" height="${row - 6}" fill="${it.fill ?? BLUE}"/>` +
      `<text x="${lw + len + 4}" y="${y + 13}">${it.value}</text></g>`;
  });
  return `<svg role="img" aria-label="${esc(opts.title)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">${bars.join('')}</svg>`;
}

/** Vertical bars (a histogram or a time series), with an optional marker line after bar `lineAfter`. */
export function vBars(items: Bar[], opts: { title: string; height?: number; lineAfter?: number; lineLabel?: string }): string {
  const bw = Math.max(8, Math.min(48, Math.floor(900 / Math.max(1, items.length)) - 4));
  const gap = 4;
  const ch = opts.height ?? 180;
  const top = 18;
  const left = 64; // room for the first label, drawn at 45° down to the left
  const w = Math.max(200, items.length * (bw + gap) + left + 20);
  const h = ch + top + 46;
  const max = Math.max(1, ...items.map((i) => i.value));
  const parts: string[] = [];
  items.forEach((it, k) => {
    const x = left + k * (bw + gap);
    const bh = Math.round((it.value / max) * ch);
    const y = top + ch - bh;
    parts.push(`<g><title>${esc(it.title ?? `${it.label}: ${it.value}`)}</title>` +
      `<rect x="${x}" y="${y}" width="${bw}" height="${bh}" fill="${it.fill ?? BLUE}"/>` +
      (it.value ? `<text x="${x + bw / 2}" y="${y - 3}" text-anchor="middle">${it.value}</text>` : '') +
      `<text x="${x + bw / 2}" y="${top + ch + 14}" text-anchor="end" transform="rotate(-45 ${x + bw / 2} ${top + ch + 14})">${esc(it.label)}</text></g>`);
  });
  if (opts.lineAfter !== undefined) {
    const x = left + (opts.lineAfter + 1) * (bw + gap) - gap / 2;
    parts.push(`<line x1="${x}" y1="${top - 10}" x2="${x}" y2="${top + ch}" stroke="#a40000" stroke-dasharray="4 3"/>` +
      `<text x="${x + 4}" y="${top - 2}" fill="#a40000">${esc(opts.lineLabel ?? '')}</text>`);
  }
  parts.push(`<line x1="${left - 4}" y1="${top + ch}" x2="${w - 10}" y2="${top + ch}" stroke="#888"/>`);
  return `<svg role="img" aria-label="${esc(opts.title)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
