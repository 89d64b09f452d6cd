// The data dictionary: what every view and column means, with units. One
// source for docs/schema.md and for Datasette's metadata.json; a test checks
// that every column of every view is described and that the doc is current
// (regenerate with `npm run docs`).
import type { DB } from '../load/db.js';

export interface ColumnDoc {
  text: string;
  unit?: string | undefined;
}

/** Columns that mean the same in every view that has them. */
const COMMON: Record<string, ColumnDoc> = {
  source_sha256: { text: 'sha256 of the input file\'s bytes (hex): identifies the source; "path:…" for a path that could not be read' },
  source_path: { text: 'path of the input file when it was loaded' },
  drucksache: { text: 'Drucksache number as printed, "WP/number" (e.g. 18/14087); NULL when the paper does not state one' },
  is_current: { text: '1 for the current version of that Drucksache (the newest Neudruck / the file loaded last), 0 for an older version' },
  table_ord: { text: 'number of the table within its document, from 1, in reading order' },
  page: { text: 'page of the source file where it is printed', unit: 'page (1-based)' },
  page_start: { text: 'first page', unit: 'page (1-based)' },
  page_end: { text: 'last page', unit: 'page (1-based)' },
  question_numbers: { text: 'numbers of the questions it belongs to, ascending, comma-separated ("3,4")' },
  marker: { text: 'footnote marker as printed ("1", "*", "a")' },
  text: { text: 'the text as printed, hyphenation at line ends removed' },
  ministry: { text: 'the answering ministry (full name)' },
  doc_type: { text: 'antwort_kleine_anfrage, kleine_anfrage, antwort_grosse_anfrage, grosse_anfrage, plenarprotokoll or other' },
  neudruck: { text: '0 for an original, 1 for "Neudruck", 2 for "2. Neudruck", …' },
  ka_number: { text: 'number of the Kleine Anfrage' },
  ka_drucksache: { text: 'Drucksache of the Kleine Anfrage an answer answers' },
  ka_date: { text: 'date of the Kleine Anfrage', unit: 'ISO date' },
  letter_date: { text: 'date of the letter that answered', unit: 'ISO date' },
  title: { text: 'title of the paper' },
  date: { text: 'date of the paper', unit: 'ISO date' },
  pages: { text: 'number of pages', unit: 'pages' },
  row_label: { text: 'label of the row (first column(s)), footnote markers dropped' },
  col_label: { text: 'label of the column (header rows), footnote markers dropped' },
  document_sha256: { text: 'sha256 of the document\'s source' },
  portal_sha256: { text: 'sha256 of the portal page\'s source' },
  field: { text: 'name of the metadata field' },
  version: { text: 'version of the Drucksache: 1, 2, … in order of Neudruck number, then first load' },
  ord: { text: 'position, from 1, in the order printed' },
  kind: { text: 'kind (see the view)' },
  name: { text: 'name' },
};

export interface ViewDoc {
  title: string;
  text: string;
  /** Columns that differ from COMMON or are only in this view. */
  columns: Record<string, ColumnDoc>;
  example?: string | undefined;
}

const COORD: ColumnDoc = { text: 'edge of the cell\'s box on its page', unit: 'PDF points (1/72 inch), origin top left' };

export const VIEWS: Record<string, ViewDoc> = {
  v_documents: {
    title: 'Documents',
    text: 'One row per input file, failed ones too, with the metadata of the document read from it.',
    columns: {
      status: { text: 'ok, partial (loaded with a problem, see error) or failed' },
      error: { text: 'the reason, for partial and failed' },
      error_code: { text: 'stable machine-readable code for error (NULL when status is ok)' },
      wahlperiode: { text: 'Wahlperiode (electoral term)', unit: 'number' },
      date_original: { text: '"Datum des Originals" printed in the footer', unit: 'ISO date' },
      date_issued: { text: '"Ausgegeben" date printed in the footer', unit: 'ISO date' },
      answered_by: { text: 'who answered, as written, without article ("Minister für …")' },
      kind: { text: 'kind of input: pdf, text or html' },
      pages: { text: 'pages of the input', unit: 'pages' },
      parser_version: { text: 'version of drucksachen that read it' },
      parliament: { text: 'the parliament (short code such as NW, BT, or its name)' },
    },
    example: "SELECT drucksache, date, title, ministry FROM v_current_documents WHERE doc_type = 'antwort_kleine_anfrage' ORDER BY date DESC;",
  },
  v_askers: {
    title: 'Askers',
    text: 'The members of parliament who asked, in the order printed, with their normalised Fraktion.',
    columns: { name: { text: 'name of the member' }, faction: { text: 'Fraktion, normalised (e.g. "BÜNDNIS 90/DIE GRÜNEN")' } },
    example: 'SELECT faction, count(*) AS papers FROM v_current_askers GROUP BY faction ORDER BY papers DESC;',
  },
  v_questions: {
    title: 'Questions',
    text: 'Every numbered question of a paper.',
    columns: { number: { text: 'number of the question as printed', unit: 'number' } },
  },
  v_answers: {
    title: 'Answers',
    text: 'Every answer, with the questions it answers (answers to several questions at once are one row).',
    columns: {
      answer_ord: { text: 'number of the answer in its document, from 1' },
      withheld: { text: 'the sentence that withholds information, or NULL' },
      no_data: { text: 'the sentence that says there is no data, or NULL' },
    },
    example: 'SELECT drucksache, question_numbers, withheld FROM v_current_answers WHERE withheld IS NOT NULL;',
  },
  v_answer_timing: {
    title: 'Answer timing',
    text: 'How long the government took to answer: from the date of the Kleine Anfrage to the letter (four weeks are allowed).',
    columns: {
      days: { text: 'days from ka_date to letter_date', unit: 'days' },
      over_four_weeks: { text: '1 when more than 28 days, 0 when not, NULL when a date is missing' },
      answers_withholding: { text: 'answers of the document that withhold information', unit: 'count' },
      answers_without_data: { text: 'answers of the document that say there is no data', unit: 'count' },
    },
    example: 'SELECT drucksache, ministry, days FROM v_current_answer_timing WHERE over_four_weeks = 1 ORDER BY days DESC;',
  },
  v_tables: {
    title: 'Tables',
    text: 'Every table found in a document.',
    columns: {
      kind: { text: 'count (numbers), matrix (marks such as X) or generic' },
      n_rows: { text: 'rows of the grid, header rows included', unit: 'rows' },
      n_cols: { text: 'columns of the grid', unit: 'columns' },
      question_numbers: { text: 'the questions whose answer the table is ("3,4")' },
      strategy: { text: 'how it was found: text-tabs, lattice (ruling lines) or stream (text positions)' },
      anlage: { text: '1 when printed as an Anlage (annex)' },
      warnings: { text: 'problems seen while reading it, joined with " | "' },
    },
  },
  v_table_cells: {
    title: 'Table cells',
    text: 'Every slot of every table grid; a slot covered by a spanning cell has text NULL.',
    columns: {
      row: { text: 'row in the grid, from 0 (header rows first)' },
      col: { text: 'column in the grid, from 0' },
      text: { text: 'the cell\'s text as printed (NULL: covered by a spanning cell)' },
      is_header: { text: '1 for a header cell' },
      row_span: { text: 'rows the cell spans', unit: 'rows' },
      col_span: { text: 'columns the cell spans', unit: 'columns' },
      x0: COORD, y0: COORD, x1: COORD, y1: COORD,
    },
  },
  v_count_values: {
    title: 'Count values',
    text: 'The body cells of count tables, with their row and column labels and the number.',
    columns: {
      value: { text: 'the number (INTEGER when whole, REAL otherwise; NULL when the cell is no number, e.g. "-")' },
      value_text: { text: 'the cell as printed' },
      unit: { text: 'unit printed with the number (%, €, …) or NULL' },
    },
    example: 'SELECT drucksache, row_label, col_label, value FROM v_current_count_values WHERE value IS NOT NULL ORDER BY value DESC LIMIT 20;',
  },
  v_matrix_marks: {
    title: 'Matrix marks',
    text: 'The marked cells of X-matrices: one row per mark.',
    columns: { mark: { text: 'the mark as printed (X, x, ✓, …)' } },
    example: 'SELECT col_label AS tool, count(*) AS bodies FROM v_current_matrix_marks GROUP BY col_label ORDER BY bodies DESC;',
  },
  v_footnotes: {
    title: 'Footnotes',
    text: 'The document\'s footnotes: notes at the page bottom that the text refers to.',
    columns: {},
  },
  v_table_notes: {
    title: 'Table notes',
    text: 'Notes printed under a table ("1) Der Einsatz von …", "* Die …").',
    columns: {},
  },
  v_portal_entries: {
    title: 'Portal entries',
    text: 'Entries of the Landtag portal\'s HTML pages (search results, detail pages). is_current: the entry of the portal page loaded last for that Drucksache.',
    columns: {
      ministry: { text: 'the portal\'s short code of the ministry (e.g. MSW)' },
      systematik: { text: 'subject classification, items joined with "; "' },
      schlagworte: { text: 'keywords, joined with "; "' },
      region: { text: 'region named by the portal' },
      askers: { text: 'askers as "Name (Fraktion)", joined with "; "' },
      is_current: { text: '1 for the entry of the portal page loaded last for that Drucksache' },
    },
  },
  v_label_usage: {
    title: 'Label usage',
    text: 'Per table label (a tool, a body, …) of a document: its value in count tables and its marks in matrices.',
    columns: {
      label: { text: 'the label as first printed' },
      count_total: { text: 'sum of its plain counts (count tables with one value column, no unit)', unit: 'count' },
      count_tables: { text: 'count tables that gave it a value', unit: 'tables' },
      marks_as_column: { text: 'marks in its matrix column', unit: 'marks' },
      marks_as_row: { text: 'marks in its matrix row', unit: 'marks' },
    },
    example: 'SELECT drucksache, label, count_total AS seats, marks_as_column AS bodies FROM v_current_label_usage WHERE count_total IS NOT NULL OR marks_as_column > 0;',
  },
  v_document_versions: {
    title: 'Document versions',
    text: 'Every version of a Drucksache loaded from a different file (Neudruck, corrected file); versions are counted per parliament.',
    columns: { loaded_at: { text: 'when the source was loaded', unit: 'ISO timestamp (UTC)' }, parliament: { text: 'short code of the parliament (the same number in two parliaments is two Drucksachen)' } },
  },
  v_references: {
    title: 'References',
    text: 'References in a document to other papers (Drucksachen, Vorlagen, Ausschussprotokolle, …).',
    columns: {
      kind: { text: 'drucksache, vorlage, ausschussprotokoll, kleine_anfrage, …' },
      target: { text: 'the referenced number' },
      context: { text: 'the words around the reference' },
    },
  },
  v_source_conflicts: {
    title: 'Source conflicts',
    text: 'Where a portal entry and the loaded document disagree on a field.',
    columns: { document_value: { text: 'the value read from the document' }, portal_value: { text: 'the value on the portal page' } },
  },
  v_document_changes: {
    title: 'Document changes',
    text: 'What changed between consecutive versions of a Drucksache: one row per question, answer, cell, footnote or metadata field added, removed or changed.',
    columns: {
      old_version: { text: 'the older version' },
      new_version: { text: 'the newer version' },
      old_sha256: { text: 'source of the older version' },
      new_sha256: { text: 'source of the newer version' },
      item: { text: 'question, answer, cell, footnote or meta' },
      key: { text: 'question number; answer\'s question numbers or "#ord"; cell "table_ord:row:col"; footnote marker; field name' },
      change: { text: 'added, removed or changed' },
      old_text: { text: 'text in the older version' },
      new_text: { text: 'text in the newer version' },
      is_current: { text: '1 when the newer version of the pair is the current one' },
    },
  },
  v_document_enrichments: {
    title: 'Document enrichments',
    text: 'Fields of a document filled in from a portal entry (the document itself did not state them).',
    columns: { value: { text: 'the value taken from the portal' } },
  },
  v_concurring: {
    title: 'Concurring',
    text: 'Who concurred with an answer ("im Einvernehmen mit …"), in order.',
    columns: { party: { text: 'the concurring ministry or body' } },
  },
  v_ministries: {
    title: 'Ministries',
    text: 'Every ministry named by a document or the data file, with its short code and its name after later renames.',
    columns: {
      name: { text: 'name as printed' },
      code: { text: 'the portal\'s short code, or NULL' },
      current_name: { text: 'the name in force after the renames of later Wahlperioden' },
    },
  },
  v_parliaments: {
    title: 'Parliaments',
    text: 'Every parliament the house-style data knows.',
    columns: { code: { text: 'short code (BT, BR, NW, …)' }, name: { text: 'name of the parliament' } },
  },
};

/** The FTS tables, for Datasette and the doc. */
export const FTS_DOC = {
  table: 'search_parts',
  fts: ['search_words', 'search_trigram'],
  text: 'Every searchable part (title, Vorbemerkung, question, answer, table cell with words: numbers and marks are not indexed, footnote, table note) of every document; search_words (words, umlauts folded) and search_trigram (parts of words) index its text column.',
};

const isCurrentView = (v: string) => v.startsWith('v_current_');

/** The views of the database and their columns, in the order of VIEWS, then the others by name. */
export function viewColumns(db: DB): { view: string; columns: string[] }[] {
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").all() as { name: string }[])
    .map((r) => r.name).filter((n) => n.startsWith('v_') && !isCurrentView(n));
  const order = Object.keys(VIEWS);
  names.sort((a, b) => (order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9) || a.localeCompare(b));
  return names.map((view) => ({ view, columns: (db.prepare(`PRAGMA table_info(${view})`).all() as { name: string }[]).map((c) => c.name) }));
}

export function columnDoc(view: string, column: string): ColumnDoc | undefined {
  return VIEWS[view]?.columns[column] ?? COMMON[column];
}

/** Views or columns of the database without a description: must be empty. */
export function undocumented(db: DB): string[] {
  const out: string[] = [];
  for (const { view, columns } of viewColumns(db)) {
    if (!VIEWS[view]) out.push(view);
    for (const c of columns) if (!columnDoc(view, c)) out.push(`${view}.${c}`);
  }
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/schema.md. */
export function schemaMarkdown(db: DB): string {
  const views = viewColumns(db);
  const currents = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'v\\_current\\_%' ESCAPE '\\'").all() as { name: string }[]).map((r) => r.name));
  const out: string[] = [
    '# Data dictionary',
    '',
    '<!-- Generated by `npm run docs` from src/report/dictionary.ts and the views of src/load/views.sql: do not edit by hand. -->',
    '',
    'The SQL views of `output/drucksachen.sqlite` are the stable interface (the base tables are in `schema.sql`).',
    'Every view with a `drucksache` has `is_current`; `v_current_<name>` is `v_<name>` with the current version of',
    'each Drucksache only (no duplicates from older versions). Dates are ISO (`2020-07-07`); whole numbers are',
    'INTEGER. `drucksachen export` writes each view as CSV, JSON or NDJSON; `datasette output/drucksachen.sqlite',
    '-m output/metadata.json` shows them with these descriptions.',
    '',
    ...views.map((v) => `- [\`${v.view}\`](#${v.view.replace(/_/g, '_')})${currents.has(v.view.replace(/^v_/, 'v_current_')) ? ` (current only: \`${v.view.replace(/^v_/, 'v_current_')}\`)` : ''}`),
    '',
  ];
  for (const { view, columns } of views) {
    const d = VIEWS[view];
    out.push(`## ${view}`, '', `**${d?.title ?? view}.** ${d?.text ?? ''}`, '', '| column | meaning | unit |', '| --- | --- | --- |');
    for (const c of columns) {
      const cd = columnDoc(view, c);
      out.push(`| \`${c}\` | ${cell(cd?.text ?? '')} | ${cell(cd?.unit ?? '')} |`);
    }
    if (d?.example) out.push('', 'Example:', '', '```sql', d.example, '```');
    out.push('');
  }
  out.push('## Full-text search', '', `\`${FTS_DOC.table}\` (kind, ref, page, text): ${FTS_DOC.text} Use \`drucksachen search\`, or SQL:`, '',
    '```sql', "SELECT d.drucksache, p.kind, p.ref, p.page, snippet(search_words, 0, '[', ']', '…', 12) AS snippet",
    'FROM search_words JOIN search_parts p ON p.id = search_words.rowid JOIN documents d ON d.id = p.document_id',
    "WHERE search_words MATCH 'videokonferenz*' AND d.is_current = 1 ORDER BY bm25(search_words);", '```', '',
    '`kind` is title, preliminary (Vorbemerkung), question, answer, cell, footnote or table_note; `ref` is the question number,',
    'the answer\'s number, `table_ord:row:col` of a cell (rows and columns from 0), the footnote marker or `table_ord:marker`.', '');
  return out.join('\n');
}

/** Datasette's metadata.json (https://docs.datasette.io/en/stable/metadata.html). */
export function datasetteMetadata(db: DB, dbName = 'drucksachen'): unknown {
  const tables: Record<string, unknown> = {};
  for (const { view, columns } of viewColumns(db)) {
    const d = VIEWS[view];
    // Units go into the descriptions: Datasette's "units" only takes Pint unit names.
    const cols: Record<string, string> = {};
    for (const c of columns) {
      const cd = columnDoc(view, c);
      if (cd) cols[c] = cd.unit ? `${cd.text} [${cd.unit}]` : cd.text;
    }
    tables[view] = { title: d?.title ?? view, description: d?.text ?? '', columns: cols };
    const cur = view.replace(/^v_/, 'v_current_');
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?").get(cur)) {
      tables[cur] = { title: `${d?.title ?? view} (current versions)`, description: `${view} with the current version of each Drucksache only.`, columns: cols };
    }
  }
  tables[FTS_DOC.table] = { title: 'Search parts', description: FTS_DOC.text, fts_table: FTS_DOC.fts[0], fts_pk: 'id' };
  return {
    title: 'drucksachen',
    description: 'Drucksachen (parliamentary papers) read into SQLite: documents, askers, questions, answers, tables. See docs/schema.md.',
    databases: { [dbName]: { tables } },
  };
}
