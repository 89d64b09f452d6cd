// `drucksachen report <dir>`: a static web site from the database. index.html
// lists the current documents (sort, filter, search box: inline script, no
// network), d/<drucksache>.html shows one document with every part and where
// it is printed, overview.html draws charts as inline SVG. Every text is escaped.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../cli/args.js';
import { openDb, stmt, type DB } from '../load/db.js';
import { esc, page, paragraphs } from '../report/html.js';
import { hBars, vBars, type Bar } from '../report/svg.js';
import { fileStem } from './export.js';
import type { Io } from './progress.js';

export interface ReportOptions {
  db: string;
  out: string;
  quiet?: boolean | undefined;
}

/** The Geschäftsordnung's deadline for answering a Kleine Anfrage. */
const DEADLINE_DAYS = 28;

interface Doc {
  id: number;
  drucksache: string | null;
  title: string | null;
  date: string | null;
  parliament: string | null;
  wahlperiode: number | null;
  doc_type: string | null;
  neudruck: number;
  answered_by: string | null;
  ministry: string | null;
  ka_number: number | null;
  ka_date: string | null;
  ka_drucksache: string | null;
  letter_date: string | null;
  date_original: string | null;
  date_issued: string | null;
  preliminary: string | null;
  pages: number | null;
  version: number;
  path: string;
  sha256: string;
  status: string;
  error: string | null;
  kind: string | null;
  days: number | null;
  n_tables: number;
  n_questions: number;
  factions: string | null;
  askers: string | null;
}

interface Cell { row: number; col: number; text: string | null; is_header: number; row_span: number; col_span: number; value: number | null; mark: string | null; page: number | null }
interface TableRow { id: number; ord: number; kind: string; page_start: number | null; page_end: number | null; n_rows: number; n_cols: number; header_rows: number; label_cols: number; question_numbers: string | null; anlage: number; strategy: string }

const DOC_TYPES: Record<string, string> = {
  antwort_kleine_anfrage: 'Antwort auf eine Kleine Anfrage', kleine_anfrage: 'Kleine Anfrage',
  antwort_grosse_anfrage: 'Antwort auf eine Große Anfrage', grosse_anfrage: 'Große Anfrage', plenarprotokoll: 'Plenarprotokoll', other: 'sonstiges',
};

function pages(a: number | null, b: number | null): string {
  if (!a) return '';
  return b && b !== a ? `S. ${a}–${b}` : `S. ${a}`;
}

type PageLink = (a: number | null, b: number | null) => string;

/** The source file as a file:// URL (absolute paths only), or null. */
function sourceUrl(path: string): string | null {
  return isAbsolute(path) ? pathToFileURL(path).href : null;
}

/** Page labels that open the source file at that page (#page=N: PDF viewers); plain text without a source URL. */
export function pageLinker(d: Pick<Doc, 'path' | 'kind'>): PageLink {
  const url = sourceUrl(d.path);
  return (a, b) => {
    const label = pages(a, b);
    if (!label || !url) return label;
    return `<a href="${esc(d.kind === 'pdf' ? `${url}#page=${a}` : url)}">${label}</a>`;
  };
}

export function writeReport(db: DB, out: string): { documents: number; files: number } {
  try {
    mkdirSync(join(out, 'd'), { recursive: true });
  } catch (e) {
    const x = e as NodeJS.ErrnoException;
    // The path that is in the way: <dir> itself, or a file named d inside it.
    const file = x.code === 'EEXIST' || x.code === 'ENOTDIR' ? (existsSync(out) && !statSync(out).isDirectory() ? out : join(out, 'd')) : null;
    const err = new Error(`cannot write the report to ${out}: ${file ? `${file} is a file, not a folder` : x.message}`);
    err.name = 'OutputError';
    throw err;
  }
  const docs = db.prepare(
    `SELECT d.id, d.drucksache, d.title, d.date, d.parliament, d.wahlperiode, d.doc_type, d.neudruck, d.answered_by,
            b.name AS ministry, d.ka_number, d.ka_date, d.ka_drucksache, d.letter_date, d.date_original, d.date_issued,
            d.preliminary, d.pages, d.version, s.path, s.sha256, s.status, s.error, s.kind,
            CAST(julianday(d.letter_date) - julianday(d.ka_date) AS INTEGER) AS days,
            (SELECT count(*) FROM tables t WHERE t.document_id = d.id) AS n_tables,
            (SELECT count(*) FROM questions q WHERE q.document_id = d.id) AS n_questions,
            (SELECT group_concat(DISTINCT f.name) FROM askers a JOIN factions f ON f.id = a.faction_id WHERE a.document_id = d.id) AS factions,
            (SELECT group_concat(p.name, ', ') FROM askers a JOIN persons p ON p.id = a.person_id WHERE a.document_id = d.id) AS askers
     FROM documents d JOIN sources s ON s.id = d.source_id LEFT JOIN bodies b ON b.id = d.ministry_id
     WHERE d.is_current = 1 ORDER BY d.date DESC, d.drucksache, d.id`,
  ).all() as Doc[];
  const stems = new Map<number, string>();
  const used = new Set<string>();
  for (const d of docs) {
    let stem = fileStem(d.drucksache, d.sha256);
    if (used.has(stem)) stem = `${stem}-${d.sha256.slice(0, 8)}`; // the same number in two parliaments
    used.add(stem);
    stems.set(d.id, stem);
  }
  // Only a folder that holds an earlier report of ours is tidied below (d/ of some other site is not ours).
  const ours = isOurReport(out);
  let files = 0;
  const written = new Set<string>();
  for (const d of docs) {
    const name = `${stems.get(d.id)}.html`;
    writeFileSync(join(out, 'd', name), documentPage(db, d));
    written.add(name);
    files++;
  }
  // Pages of an earlier report whose document is gone (pruned, renumbered): d/ is the report's own folder.
  if (ours) for (const f of readdirSync(join(out, 'd'))) if (f.endsWith('.html') && !written.has(f)) rmSync(join(out, 'd', f), { force: true });
  writeFileSync(join(out, 'index.html'), indexPage(docs, stems));
  writeFileSync(join(out, 'overview.html'), overviewPage(db, docs));
  return { documents: docs.length, files: files + 2 };
}

const INDEX_TITLE = 'drucksachen: Dokumente';

/** A folder is ours when it is new or its index.html was written by this command. */
function isOurReport(out: string): boolean {
  const index = join(out, 'index.html');
  if (!existsSync(index)) return readdirSync(join(out, 'd')).length === 0;
  try {
    return readFileSync(index, 'utf8').includes(`<title>${esc(INDEX_TITLE)}</title>`);
  } catch {
    return false;
  }
}

function docName(d: Pick<Doc, 'drucksache' | 'path'>): string {
  return d.drucksache ? `Drucksache ${d.drucksache}` : (d.path.split('/').pop() ?? d.path);
}

function isLate(d: Doc): boolean {
  return d.days !== null && d.days > DEADLINE_DAYS;
}

// ---- index -----------------------------------------------------------------

function options(values: (string | number | null)[], all: string): string {
  const set = [...new Set(values.filter((v): v is string | number => v !== null && v !== ''))].sort((a, b) => String(a).localeCompare(String(b), 'de', { numeric: true }));
  return `<option value="">${esc(all)}</option>${set.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('')}`;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function indexPage(docs: Doc[], stems: Map<number, string>): string {
  const factions = docs.flatMap((d) => (d.factions ? d.factions.split(',') : []));
  const rows = docs.map((d) => {
    const text = fold([d.drucksache, d.title, d.ministry, d.answered_by, d.askers, d.factions, d.date].filter(Boolean).join(' '));
    const late = isLate(d);
    return `<tr data-parliament="${esc(d.parliament)}" data-wp="${esc(d.wahlperiode)}" data-ministry="${esc(d.ministry)}" ` +
      `data-factions="|${esc((d.factions ?? '').split(',').join('|'))}|" data-tables="${d.n_tables ? 1 : 0}" data-late="${late ? 1 : 0}" data-text="${esc(text)}">` +
      `<td data-sort="${esc(d.drucksache ? d.drucksache.replace(/\d+/g, (n) => n.padStart(8, '0')) : '')}"><a href="d/${esc(stems.get(d.id))}.html">${esc(d.drucksache ?? '(ohne Nummer)')}</a></td>` +
      `<td>${esc(d.date)}</td><td>${esc(d.title)}</td><td>${esc(d.parliament)}</td><td>${esc(d.wahlperiode)}</td>` +
      `<td>${esc(d.ministry ?? d.answered_by)}</td><td>${esc(d.askers)}${d.factions ? ` (${esc(d.factions.split(',').join(', '))})` : ''}</td>` +
      `<td data-sort="${d.n_questions}">${d.n_questions}</td><td data-sort="${d.n_tables}">${d.n_tables}</td>` +
      `<td data-sort="${d.days ?? -1}"${late ? ' class="late"' : ''}>${d.days ?? ''}</td></tr>`;
  });
  const body = `<h1>Dokumente (${docs.length}, jeweils die aktuelle Fassung)</h1>
<div class="filters">
<input type="search" id="q" placeholder="Suchen: Titel, Nummer, Ministerium, Fragesteller …" aria-label="Suchen">
<select id="f-parliament" aria-label="Parlament">${options(docs.map((d) => d.parliament), 'alle Parlamente')}</select>
<select id="f-wp" aria-label="Wahlperiode">${options(docs.map((d) => d.wahlperiode), 'alle Wahlperioden')}</select>
<select id="f-ministry" aria-label="Ministerium">${options(docs.map((d) => d.ministry), 'alle Ministerien')}</select>
<select id="f-faction" aria-label="Fraktion">${options(factions, 'alle Fraktionen')}</select>
<select id="f-tables" aria-label="Tabellen"><option value="">mit und ohne Tabellen</option><option value="1">mit Tabellen</option><option value="0">ohne Tabellen</option></select>
<select id="f-late" aria-label="Fristen"><option value="">alle Antworten</option><option value="1">später als 4 Wochen</option><option value="0">nicht verspätet</option></select>
<span id="count" aria-live="polite">${docs.length} von ${docs.length}</span>
</div>
<table id="docs">
<thead><tr><th>Drucksache</th><th>Datum</th><th>Titel</th><th>Parlament</th><th data-type="num">WP</th><th>Ministerium</th><th>Fragesteller</th><th data-type="num">Fragen</th><th data-type="num">Tabellen</th><th data-type="num" title="Tage von der Anfrage bis zur Antwort">Tage</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<script>
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#docs tbody tr'));
  var q = document.getElementById('q');
  var count = document.getElementById('count');
  var fold = function (s) { return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase(); };
  var sel = function (id) { return document.getElementById(id).value; };
  function apply() {
    var words = fold(q.value).split(/\\s+/).filter(Boolean);
    var p = sel('f-parliament'), wp = sel('f-wp'), m = sel('f-ministry'), f = sel('f-faction'), t = sel('f-tables'), l = sel('f-late');
    var n = 0;
    rows.forEach(function (r) {
      var d = r.dataset;
      var show = words.every(function (w) { return d.text.indexOf(w) >= 0; }) &&
        (!p || d.parliament === p) && (!wp || d.wp === wp) && (!m || d.ministry === m) &&
        (!f || d.factions.indexOf('|' + f + '|') >= 0) && (!t || d.tables === t) && (!l || d.late === l);
      r.hidden = !show;
      if (show) n++;
    });
    count.textContent = n + ' von ' + rows.length;
  }
  q.addEventListener('input', apply);
  ['f-parliament', 'f-wp', 'f-ministry', 'f-faction', 'f-tables', 'f-late'].forEach(function (id) { document.getElementById(id).addEventListener('change', apply); });
  var ths = document.querySelectorAll('#docs th');
  Array.prototype.forEach.call(ths, function (th, i) {
    th.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(ths, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var num = th.dataset.type === 'num';
      var key = function (r) { var c = r.children[i]; var v = c.dataset.sort !== undefined ? c.dataset.sort : c.textContent; return num ? Number(v) || 0 : v; };
      rows.sort(function (a, b) { var x = key(a), y = key(b); var c = num ? x - y : String(x).localeCompare(String(y), 'de'); return asc ? c : -c; });
      var tb = document.querySelector('#docs tbody');
      rows.forEach(function (r) { tb.appendChild(r); });
    });
  });
  if (location.hash.length > 1) { try { q.value = decodeURIComponent(location.hash.slice(1)); } catch (e) { q.value = location.hash.slice(1); } }
  apply();
})();
</script>`;
  return page(INDEX_TITLE, body);
}

// ---- one document ----------------------------------------------------------

function tableHtml(db: DB, t: TableRow, pageLink: PageLink = pages): string {
  const cells = stmt(db, 'SELECT row, col, text, is_header, row_span, col_span, value, mark, page FROM cells WHERE table_id = ? ORDER BY row, col').all(t.id) as Cell[];
  const byRow = new Map<number, Cell[]>();
  for (const c of cells) {
    let r = byRow.get(c.row);
    if (!r) byRow.set(c.row, (r = []));
    r.push(c);
  }
  const matrix = t.kind === 'matrix';
  const trs: string[] = [];
  for (let r = 0; r < t.n_rows; r++) {
    const tds = (byRow.get(r) ?? []).filter((c) => c.text !== null).map((c) => {
      const header = c.is_header === 1 || r < t.header_rows;
      const span = `${c.row_span > 1 ? ` rowspan="${c.row_span}"` : ''}${c.col_span > 1 ? ` colspan="${c.col_span}"` : ''}`;
      const body = !header && c.col >= t.label_cols;
      let cls = '';
      if (body && matrix) cls = c.mark ? 'mark' : 'empty';
      else if (body && c.value !== null) cls = 'num';
      const attrs = `${span}${cls ? ` class="${cls}"` : ''}${c.mark ? ` data-mark="${esc(c.mark)}"` : ''} data-row="${r}" data-col="${c.col}"${c.page && c.page !== t.page_start ? ` title="S. ${c.page}"` : ''}`; // the page where it differs from the table's first
      return header || c.col < t.label_cols ? `<th${attrs}>${esc(c.text)}</th>` : `<td${attrs}>${esc(c.text)}</td>`;
    });
    trs.push(`<tr>${tds.join('')}</tr>`);
  }
  const notes = stmt(db, 'SELECT marker, text FROM table_notes WHERE table_id = ? ORDER BY ord').all(t.id) as { marker: string; text: string }[];
  const kind = matrix ? 'X-Matrix' : t.kind === 'count' ? 'Zähltabelle' : 'Tabelle';
  const caption = `Tabelle ${t.ord} · ${kind}${t.question_numbers ? ` · zu Frage ${esc(t.question_numbers)}` : ''}${t.anlage ? ' · Anlage' : ''} · <span class="src">${pageLink(t.page_start, t.page_end)}, ${t.n_rows}×${t.n_cols}</span>`;
  return `<section class="table" id="table-${t.ord}"><h3>${caption}</h3>
<div style="overflow-x:auto"><table class="grid${matrix ? ' matrix' : ''}" data-table="${t.ord}" data-kind="${esc(t.kind)}">${trs.join('\n')}</table></div>
${notes.length ? `<ul class="notes">${notes.map((n) => `<li><sup>${esc(n.marker)}</sup> ${esc(n.text)}</li>`).join('')}</ul>` : ''}</section>`;
}

function documentPage(db: DB, d: Doc): string {
  const askers = stmt(db, 'SELECT p.name, f.name AS faction, a.faction_as_written FROM askers a JOIN persons p ON p.id = a.person_id LEFT JOIN factions f ON f.id = a.faction_id WHERE a.document_id = ? ORDER BY a.ord').all(d.id) as { name: string; faction: string | null }[];
  const concurring = stmt(db, 'SELECT b.name FROM concurring c JOIN bodies b ON b.id = c.body_id WHERE c.document_id = ? ORDER BY c.ord').all(d.id) as { name: string }[];
  const questions = stmt(db, 'SELECT number, text, page FROM questions WHERE document_id = ? ORDER BY number').all(d.id) as { number: number; text: string; page: number | null }[];
  const answers = stmt(db, 
    `SELECT a.ord, a.text, a.page_start, a.page_end, a.withheld, a.no_data,
            COALESCE(a.question_numbers, (SELECT group_concat(number, ',') FROM (SELECT q.number FROM answer_questions aq
              JOIN questions q ON q.id = aq.question_id WHERE aq.answer_id = a.id ORDER BY q.number))) AS qn
     FROM answers a WHERE a.document_id = ? ORDER BY a.ord`,
  ).all(d.id) as { ord: number; text: string; page_start: number | null; page_end: number | null; withheld: string | null; no_data: string | null; qn: string | null }[];
  const tables = stmt(db, 'SELECT id, ord, kind, page_start, page_end, n_rows, n_cols, header_rows, label_cols, question_numbers, anlage, strategy FROM tables WHERE document_id = ? ORDER BY ord').all(d.id) as TableRow[];
  const footnotes = stmt(db, 'SELECT marker, text, page FROM footnotes WHERE document_id = ? ORDER BY ord').all(d.id) as { marker: string; text: string; page: number | null }[];

  const pageLink = pageLinker(d);
  const src = sourceUrl(d.path);
  const meta: [string, string][] = [];
  const add = (k: string, v: unknown) => { if (v !== null && v !== undefined && v !== '') meta.push([k, esc(v)]); };
  add('Parlament', d.parliament);
  add('Wahlperiode', d.wahlperiode);
  add('Art', d.doc_type ? DOC_TYPES[d.doc_type] ?? d.doc_type : null);
  add('Datum', d.date);
  if (d.neudruck) add('Neudruck', d.neudruck === 1 ? 'Neudruck' : `${d.neudruck}. Neudruck`);
  add('Beantwortet von', d.answered_by);
  add('Ministerium', d.ministry);
  if (concurring.length) add('Im Einvernehmen mit', concurring.map((c) => c.name).join('; '));
  add('Kleine Anfrage', [d.ka_number, d.ka_drucksache ? `Drucksache ${d.ka_drucksache}` : null, d.ka_date ? `vom ${d.ka_date}` : null].filter(Boolean).join(' · ') || null);
  add('Antwortschreiben vom', d.letter_date);
  if (d.days !== null) meta.push(['Tage bis zur Antwort', `<span${isLate(d) ? ' class="late"' : ''}>${d.days}${isLate(d) ? ' (mehr als vier Wochen)' : ''}</span>`]);
  add('Datum des Originals', d.date_original);
  add('Ausgegeben', d.date_issued);
  meta.push(['Quelle', `${src ? `<a href="${esc(src)}">` : ''}<code>${esc(d.path)}</code>${src ? '</a>' : ''} <span class="src">(${esc(d.kind ?? '?')}, ${esc(d.pages ?? '?')} S., sha256 ${esc(d.sha256.slice(0, 12))}…)</span>`]);
  if (d.status !== 'ok') meta.push(['Status', `${esc(d.status)}: ${esc(d.error)}`]);

  const parts: string[] = [];
  parts.push(`<h1>${esc(docName(d))}${d.title ? `: ${esc(d.title)}` : ''}</h1>`);
  parts.push(`<dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`);
  if (askers.length) parts.push(`<h2>Fragesteller</h2><ul class="askers">${askers.map((a) => `<li>${esc(a.name)}${a.faction ? ` (${esc(a.faction)})` : ''}</li>`).join('')}</ul>`);
  if (d.preliminary) parts.push(`<h2>Vorbemerkung</h2><div class="a">${paragraphs(d.preliminary)}</div>`);

  if (questions.length || answers.length) {
    parts.push('<h2>Fragen und Antworten</h2>');
    const shown = new Set<number>();
    const q = (x: { number: number; text: string; page: number | null }) =>
      `<div class="q" id="frage-${x.number}"><strong>Frage ${x.number}</strong> <span class="src">${pageLink(x.page, null)}</span>${paragraphs(x.text)}</div>`;
    for (const a of answers) {
      const nums = a.qn ? a.qn.split(',').map(Number) : [];
      for (const n of nums) {
        const x = questions.find((y) => y.number === n);
        if (x && !shown.has(n)) { parts.push(q(x)); shown.add(n); }
      }
      const flags = [a.withheld ? `<p class="late">Verweigert: ${esc(a.withheld)}</p>` : '', a.no_data ? `<p class="late">Keine Daten: ${esc(a.no_data)}</p>` : ''].join('');
      parts.push(`<div class="a" id="antwort-${a.ord}"><strong>Antwort${nums.length ? ` zu Frage ${esc(nums.join(', '))}` : ` ${a.ord}`}</strong> <span class="src">${pageLink(a.page_start, a.page_end)}</span>${paragraphs(a.text)}${flags}</div>`);
    }
    for (const x of questions) if (!shown.has(x.number)) parts.push(q(x) + '<div class="a src">(keine Antwort erkannt)</div>');
  }
  if (tables.length) {
    parts.push(`<h2>Tabellen (${tables.length})</h2>`);
    for (const t of tables) parts.push(tableHtml(db, t, pageLink));
  }
  if (footnotes.length) {
    parts.push(`<h2>Fußnoten</h2><ol class="footnotes">${footnotes.map((f) => `<li value="${/^\d+$/.test(f.marker) ? esc(f.marker) : ''}"><sup>${esc(f.marker)}</sup> ${esc(f.text)} <span class="src">${pageLink(f.page, null)}</span></li>`).join('')}</ol>`);
  }
  if (d.drucksache) parts.push(versionsHtml(db, d.drucksache));
  return page(`${docName(d)}${d.title ? `: ${d.title}` : ''}`, parts.join('\n'), '..');
}

/** The comparable parts of one document: "kind key" → text (as v_document_changes keys them). */
function itemsOf(db: DB, documentId: number): Map<string, string | null> {
  const items = new Map<string, string | null>();
  for (const r of stmt(db, 'SELECT number, text FROM questions WHERE document_id = ? ORDER BY number').all(documentId) as { number: number; text: string }[]) items.set(`question\t${r.number}`, r.text);
  for (const r of stmt(db, "SELECT COALESCE(question_numbers, '#' || ord) AS k, text FROM answers WHERE document_id = ? ORDER BY ord").all(documentId) as { k: string; text: string }[]) items.set(`answer\t${r.k}`, r.text);
  for (const r of stmt(db, 'SELECT t.ord, c.row, c.col, c.text FROM cells c JOIN tables t ON t.id = c.table_id WHERE t.document_id = ? ORDER BY t.ord, c.row, c.col').all(documentId) as { ord: number; row: number; col: number; text: string | null }[]) items.set(`cell\t${r.ord}:${r.row}:${r.col}`, r.text);
  for (const r of stmt(db, 'SELECT marker, text FROM footnotes WHERE document_id = ? ORDER BY ord').all(documentId) as { marker: string; text: string }[]) items.set(`footnote\t${r.marker}`, r.text);
  const m = stmt(db, 'SELECT doc_type, neudruck, title, date, date_issued, answered_by, letter_date FROM documents WHERE id = ?').get(documentId) as Record<string, unknown>;
  for (const [k, v] of Object.entries(m)) items.set(`meta\t${k}`, v === null ? null : typeof v === 'object' ? JSON.stringify(v) : `${v as string | number | boolean}`);
  return items;
}

/**
 * Versions of a Drucksache and what changed between consecutive ones. Computed
 * here from the two documents' rows (v_document_changes says the same, but
 * evaluates its item list over the whole database: seconds per call).
 */
function versionsHtml(db: DB, drucksache: string): string {
  const versions = stmt(db, 
    `SELECT d.id, d.version, d.neudruck, d.is_current, s.path, s.loaded_at, s.sha256 FROM documents d JOIN sources s ON s.id = d.source_id
     WHERE d.drucksache = ? ORDER BY d.version`,
  ).all(drucksache) as { id: number; version: number; neudruck: number; is_current: number; path: string; loaded_at: string; sha256: string }[];
  if (versions.length < 2) return '';
  const link = (path: string) => { const u = sourceUrl(path); return u ? `<a href="${esc(u)}"><code>${esc(path)}</code></a>` : `<code>${esc(path)}</code>`; };
  const rows: string[] = [];
  let prev = itemsOf(db, versions[0].id);
  for (let i = 1; i < versions.length; i++) {
    const next = itemsOf(db, versions[i].id);
    const span = `${versions[i - 1].version} → ${versions[i].version}`;
    const row = (key: string, change: string, o: string | null | undefined, n: string | null | undefined) => {
      const [item, k] = key.split('\t');
      rows.push(`<tr class="chg-${change}"><td>${span}</td><td>${esc(item)}</td><td>${esc(k)}</td><td>${change}</td><td>${esc(o)}</td><td>${esc(n)}</td></tr>`);
    };
    for (const [k, o] of prev) {
      if (!next.has(k)) row(k, 'removed', o, null);
      else if (next.get(k) !== o) row(k, 'changed', o, next.get(k));
    }
    for (const [k, n] of next) if (!prev.has(k)) row(k, 'added', null, n);
    prev = next;
  }
  return `<h2>Fassungen (${versions.length})</h2>
<table class="versions"><tr><th>Fassung</th><th>Neudruck</th><th>Quelle</th><th>geladen</th><th></th></tr>
${versions.map((v) => `<tr><td>${v.version}</td><td>${v.neudruck}</td><td>${link(v.path)}</td><td>${esc(v.loaded_at)}</td><td>${v.is_current ? 'aktuell' : ''}</td></tr>`).join('\n')}</table>
<h3>Änderungen</h3>
${rows.length ? `<table class="changes"><tr><th>Fassungen</th><th>Teil</th><th>Schlüssel</th><th>Änderung</th><th>alt</th><th>neu</th></tr>\n${rows.join('\n')}</table>` : '<p>Keine inhaltlichen Unterschiede.</p>'}`;
}

// ---- overview --------------------------------------------------------------

function overviewPage(db: DB, docs: Doc[]): string {
  const perMinistry = new Map<string, number>();
  for (const d of docs) {
    if (!d.doc_type?.startsWith('antwort')) continue;
    const m = d.ministry ?? d.answered_by ?? '(unbekannt)';
    perMinistry.set(m, (perMinistry.get(m) ?? 0) + 1);
  }
  const ministryBars: Bar[] = [...perMinistry].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([label, value]) => ({ label, value }));

  const buckets = [[0, 7], [8, 14], [15, 21], [22, 28], [29, 35], [36, 42], [43, 56], [57, 84], [85, Infinity]] as const;
  const dayBars: Bar[] = buckets.map(([a, b]) => ({
    label: b === Infinity ? `> ${a - 1}` : `${a}–${b}`,
    value: docs.filter((d) => d.days !== null && d.days >= a && d.days <= b).length,
    fill: a > DEADLINE_DAYS ? '#c0504d' : '#7a9c59',
  }));
  // An answer dated before its question (a date misread) is shown as such, not dropped from the chart.
  const early = docs.filter((d) => d.days !== null && d.days < 0).length;
  if (early) dayBars.unshift({ label: '< 0', value: early, fill: '#888', title: `${early} Antworten datiert vor der Anfrage (Datum prüfen)` });
  const timed = docs.filter((d) => d.days !== null);
  const late = timed.filter(isLate).length;

  const months = db.prepare(
    `SELECT substr(d.date, 1, 7) AS month, count(t.id) AS n FROM documents d JOIN tables t ON t.document_id = d.id
     WHERE d.is_current = 1 AND d.date IS NOT NULL GROUP BY month ORDER BY month`,
  ).all() as { month: string; n: number }[];
  const monthBars: Bar[] = monthSeries(months).map((m) => ({ label: m.month, value: m.n }));
  const failed = db.prepare("SELECT path, error FROM sources WHERE status = 'failed' ORDER BY path").all() as { path: string; error: string | null }[];

  const body = `<h1>Übersicht</h1>
<p>${docs.length} aktuelle Dokumente, davon ${docs.filter((d) => d.n_tables).length} mit Tabellen; ${timed.length} Antworten mit Anfrage- und Antwortdatum, ${late} davon später als vier Wochen.</p>
<h2>Antworten je Ministerium</h2>
${ministryBars.length ? hBars(ministryBars, { title: 'Antworten je Ministerium' }) : '<p>Keine Antworten.</p>'}
<h2>Tage bis zur Antwort (Frist: vier Wochen)</h2>
${timed.length ? vBars(dayBars, { title: 'Tage bis zur Antwort', lineAfter: early ? 4 : 3, lineLabel: '4 Wochen' }) : '<p>Keine Antworten mit beiden Daten.</p>'}
<h2>Tabellen je Monat</h2>
${monthBars.length ? vBars(monthBars, { title: 'Tabellen je Monat' }) : '<p>Keine Tabellen.</p>'}
${failed.length ? `<h2>Nicht gelesene Eingaben (${failed.length})</h2><table><tr><th>Datei</th><th>Grund</th></tr>${failed.map((f) => `<tr><td><code>${esc(f.path)}</code></td><td>${esc(f.error)}</td></tr>`).join('')}</table>` : ''}`;
  return page('drucksachen: Übersicht', body);
}

/**
 * Counts per month with the months between filled in as 0: a time axis without
 * holes (months with no table would otherwise vanish and the bars mislead).
 * A span longer than MAX_MONTHS (a date misread by decades) is left as it is.
 */
export function monthSeries(rows: { month: string; n: number }[]): { month: string; n: number }[] {
  const MAX_MONTHS = 600;
  const key = (m: string) => { const r = /^(\d{4})-(\d{2})$/.exec(m); return r ? Number(r[1]) * 12 + Number(r[2]) - 1 : null; };
  const keys = rows.map((r) => key(r.month));
  if (!rows.length || keys.some((k) => k === null)) return rows;
  const first = keys[0]!;
  const last = keys[keys.length - 1]!;
  if (last - first >= MAX_MONTHS) return rows;
  const byKey = new Map(rows.map((r, i) => [keys[i]!, r.n]));
  const out: { month: string; n: number }[] = [];
  for (let k = first; k <= last; k++) out.push({ month: `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`, n: byKey.get(k) ?? 0 });
  return out;
}

export function reportCommand(o: ReportOptions, io: Io): number {
  if (!existsSync(o.db)) throw new UsageError(`no database at ${o.db} (run "drucksachen ingest" first, or give --db)`);
  const db = openDb(o.db);
  try {
    const t0 = Date.now();
    const r = writeReport(db, o.out);
    if (!o.quiet) io.err(`wrote ${r.files} pages for ${r.documents} documents to ${o.out} in ${((Date.now() - t0) / 1000).toFixed(1)}s: open ${join(o.out, 'index.html')}\n`);
    return 0;
  } finally {
    db.close();
  }
}
