// HTML helpers for the static report: every text from the database goes through
// esc() (the documents are untrusted input), and every page forbids loading
// anything (Content-Security-Policy): no server, no CDN, works from file://.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values. */
export function esc(v: unknown): string {
  if (v === null || v === undefined) return '';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- cells, numbers and names: printed as their text
  return String(v).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Paragraphs of a text: blank lines split, single line breaks kept. */
export function paragraphs(text: string | null | undefined): string {
  if (!text) return '';
  return text.split(/\n\s*\n/).map((p) => `<p>${esc(p.trim()).replace(/\n/g, '<br>')}</p>`).join('\n');
}

/** Nothing but the page itself and its inline style/script may load. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1f24;background:#fafafa}
header.top{background:#23395d;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:baseline}
header.top a{color:#fff}
main{padding:1rem 1.2rem;max-width:1400px}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}
dl.meta dt{font-weight:600;color:#445}
table{border-collapse:collapse;background:#fff}
td,th{border:1px solid #c8ccd4;padding:.2rem .4rem;vertical-align:top;text-align:left}
th{background:#eef1f6}
table.grid td.num{text-align:right;font-variant-numeric:tabular-nums}
table.matrix td.mark{background:#d9ead3;text-align:center;font-weight:700}
table.matrix td.empty{background:#fff}
.src{color:#667;font-size:.85em}
.q{background:#fff;border-left:4px solid #23395d;padding:.3rem .7rem;margin:.8rem 0 .2rem}
.a{background:#fff;border-left:4px solid #7a9c59;padding:.3rem .7rem;margin:.2rem 0 .8rem}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 1rem;align-items:center}
.filters input[type=search]{min-width:18rem;padding:.3rem}
#docs th{cursor:pointer;user-select:none;white-space:nowrap}
#docs th[aria-sort=ascending]::after{content:" ▲"}
#docs th[aria-sort=descending]::after{content:" ▼"}
.late{color:#a40000;font-weight:600}
.chg-added{background:#e6f4e6}.chg-removed{background:#fbe6e6}.chg-changed{background:#fff6d6}
svg text{font:12px system-ui,sans-serif}
`;

export function page(title: string, body: string, rootRel = '.'): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><strong>drucksachen</strong><a href="${rootRel}/index.html">Dokumente</a><a href="${rootRel}/overview.html">Übersicht</a></header>
<main>
${body}
</main>
</body>
</html>
`;
}
