// The model types of drucksachen, in one place.
//
// One `DocFile` flows through every stage (like a vfile): the input file, its
// layout (extract), the rebuilt document (transform), and the messages any
// stage raised. Content problems are messages, not exceptions.
//
// Coordinates: PDF points, origin top-left of the page as displayed (y grows
// downwards). The bottom-up PDF y is flipped once, in the PDF extractor.
import type { DocErrorCode } from './errors.js';

/** Axis-aligned box: x0 < x1, y0 < y1 (top-left origin). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One word (a run of characters without a space), after merging text items. */
export interface Word {
  text: string;
  box: Box;
  fontSize: number;
  fontName: string;
  bold: boolean;
  /** Rotation of the text in degrees, counter-clockwise: 0, 90 (bottom-to-top), -90 / 270 (top-to-bottom), 180. */
  angle: number;
}

/** One line of text in reading order. */
export interface Line {
  text: string;
  /** Page number, 1-based. */
  page: number;
  box?: Box;
  words: Word[];
  fontSize?: number;
  /** True when (nearly) all characters of the line are bold. */
  bold?: boolean;
  angle?: number;
  /** Text inputs: the cells of a tab-separated line (present only when the line has a tab). */
  cells?: string[];
  /** Text inputs: the line is empty (a paragraph break). */
  blank?: boolean;
}

/** A ruling line (stroke, or a thin filled rectangle turned into a line). */
export interface Ruling {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Horizontal ('h') or vertical ('v'). */
  orient: 'h' | 'v';
  width: number;
}

/** A filled rectangle that is not thin enough to count as a line (cell shading). */
export interface FilledRect extends Box {}

export interface Page {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  /** /Rotate of the page (0, 90, 180, 270); the layout is already in display orientation. */
  rotation: number;
  lines: Line[];
  rulings: Ruling[];
  rects: FilledRect[];
}

export type InputKind = 'pdf' | 'text' | 'html';

/** The page/line/word layout model: the same for every input kind. */
export interface Layout {
  kind: InputKind;
  pages: Page[];
  /** PDF metadata (Producer, Creator, …) where there is some. */
  info?: Record<string, string>;
}

export type Severity = 'info' | 'warning' | 'error';

/** Pipeline stage that raised a message: extract, transform (or one of its steps), load. */
export type Stage = 'extract' | 'transform' | 'furniture' | 'footnotes' | 'meta' | 'qa' | 'tables' | 'load';

export interface Message {
  severity: Severity;
  /** Pipeline stage that raised it. */
  stage: Stage;
  text: string;
  page?: number;
  /** Stable code (src/errors.ts): every message has one, so users and tests match codes, not wording. */
  code: DocErrorCode;
  /** This message makes the document partial (warnings) — errors always make it failed. */
  partial?: boolean;
}

// ---------------------------------------------------------------------------
// The rebuilt document

export type DocType =
  | 'antwort_kleine_anfrage'
  | 'kleine_anfrage'
  | 'antwort_grosse_anfrage'
  | 'grosse_anfrage'
  | 'plenarprotokoll'
  | 'other';

export interface Person {
  name: string;
  /** Fraktion as normalised through src/data/fraktionen.json, or as written when unknown. */
  faction: string | null;
  factionAsWritten?: string | null;
}

export interface DocMeta {
  parliament: string | null;
  drucksache: string | null;
  wahlperiode: number | null;
  docType: DocType | null;
  neudruck: number;
  neudruckDate?: string | null;
  title: string | null;
  date: string | null;
  dateOriginal: string | null;
  dateIssued: string | null;
  kaNumber: number | null;
  kaDate: string | null;
  kaDrucksache: string | null;
  askers: Person[];
  /** Role as written, without the article: "Minister für …". */
  answeredBy: string | null;
  /** The ministry (or Staatskanzlei) behind the role, as an entity name. */
  ministry: string | null;
  /** "im Einvernehmen mit …" parties, as written. */
  concurring: string[];
  letterDate: string | null;
  /** For papers that are no Anfrage or answer: the kind its type line names ("Unterrichtung", "Antrag"). */
  paperKind?: string | null;
}

export interface Question {
  number: number;
  text: string;
  page: number | null;
}

export interface Answer {
  /** Ascending question numbers this one answer belongs to. */
  questions: number[];
  text: string;
  page: number | null;
  pageEnd: number | null;
  /** The phrase by which the answer withholds information ("… können nicht bekannt gegeben werden"), or null. */
  withheld?: string | null;
  /** The phrase by which the answer says there is no data ("… liegen keine Erkenntnisse vor"), or null. */
  noData?: string | null;
}

export interface Footnote {
  marker: string;
  text: string;
  page: number | null;
}

/** What a reference points to. */
export type ReferenceKind = 'drucksache' | 'vorlage' | 'ausschussprotokoll' | 'plenarprotokoll' | 'kleine_anfrage' | 'grosse_anfrage';

export interface Reference {
  kind: ReferenceKind;
  target: string;
  context: string;
}

export type TableKind = 'count' | 'matrix' | 'generic';

/** How the grid of a table was found. */
export type TableStrategy = 'text-tabs' | 'text-spaces' | 'text-words' | 'lattice' | 'stream';

/** One cell of the grid. A slot covered by a spanning cell is `null` in `Table.rows`. */
export interface Cell {
  text: string;
  rowSpan: number;
  colSpan: number;
  isHeader: boolean;
  page: number | null;
  box?: Box;
}

export interface TableNote {
  marker: string;
  text: string;
}

/** Something a table finder noticed about a table it made, with its code (src/errors.ts). */
export interface TableWarning {
  /** tables.check: a total differs from its rows; tables.ambiguous: a row's numbers split more than one way (left empty). */
  code: 'tables.check' | 'tables.ambiguous';
  text: string;
}

export interface Table {
  kind: TableKind;
  /** How the grid was found. */
  strategy: TableStrategy;
  /** Rows of the grid; `null` marks a slot spanned by another cell, '' an empty cell. */
  rows: (Cell | null)[][];
  /** Number of header rows at the top of `rows`. */
  headerRows: number;
  /** Number of label columns at the left (usually 1). */
  labelCols: number;
  pageStart: number | null;
  pageEnd: number | null;
  box?: Box;
  notes: TableNote[];
  warnings: TableWarning[];
  /** Questions of the answer the table stands in (null: not inside an answer). */
  questions: number[] | null;
  /** True when the table stands in an Anlage. */
  anlage: boolean;
  /** What the grid means (labels, values, marks, totals), read in the transform; the loader writes it as it is. */
  content?: TableContent;
}

/** A row or column label: the text without its note marker, whitespace collapsed, and the key that matches it across tables. */
export interface TableLabel {
  text: string;
  key: string;
}

export interface TableLine {
  /** null for header rows, label columns and unlabelled lines. */
  label: TableLabel | null;
  /** The note marker the label carried ("1)", "*"), or null. */
  marker: string | null;
}

export interface TableRowContent extends TableLine {
  /** A "Summe"/"Gesamt"/"Insgesamt" row. */
  total: boolean;
}

/** The typed content of one grid slot. */
export interface CellContent {
  header: boolean;
  /** The number of a body cell of a count table. */
  value: number | null;
  /** '%' for a percentage. */
  unit: string | null;
  /** The mark of a body cell of a matrix ("X", "ja"). */
  mark: string | null;
  marker: string | null;
}

export interface TableContent {
  /** The width of the widest row. */
  nCols: number;
  rows: TableRowContent[];
  cols: TableLine[];
  /** Parallel to `Table.rows` up to `nCols`; `undefined` where a row is shorter. */
  cells: (CellContent | undefined)[][];
}

/** Typed value of one body cell of a count table. */
export interface CountValue {
  row: number;
  col: number;
  rowLabel: string;
  colLabel: string;
  value: number | null;
  valueText: string;
  /** '%' when the cell was a percentage. */
  unit?: string;
}

export interface MatrixMark {
  row: number;
  col: number;
  rowLabel: string;
  colLabel: string;
  mark: string;
}

export interface DocumentModel {
  meta: DocMeta;
  questions: Question[];
  answers: Answer[];
  footnotes: Footnote[];
  tables: Table[];
  references: Reference[];
  /** Vorbemerkung der Landesregierung, where there is one. */
  preliminary: string | null;
  pageCount: number;
}

/** One entry of the Landtag portal (search result or detail page). */
export interface PortalEntry {
  drucksache: string;
  wahlperiode: number | null;
  docType: DocType;
  title: string | null;
  date: string | null;
  pages: number | null;
  kaNumber: number | null;
  kaDrucksache: string | null;
  ministry: string | null;
  neudruck: number;
  systematik: string[];
  schlagworte: string[];
  region: string | null;
  askers: Person[];
  url?: string | null;
}

export type Status = 'ok' | 'partial' | 'failed';

/** Where a message was raised. */
export interface Place {
  stage?: Stage;
  page?: number;
}

/**
 * The object that flows through every stage, one per input file (like a
 * vfile). Stages add messages; `status`, `error` and `errorCode` follow from
 * them (kept as fields so the object crosses to the writer thread as plain data).
 */
export class DocFile {
  sha256 = '';
  size = 0;
  kind: InputKind | null;
  parserVersion: string;
  messages: Message[] = [];
  layout?: Layout;
  doc?: DocumentModel;
  portal?: PortalEntry[];
  status: Status = 'ok';
  /** The reason for partial / failed, for people. */
  error: string | null = null;
  /** The stable code of the (first) reason for partial / failed; null when ok. */
  errorCode: DocErrorCode | null = null;
  /** Milliseconds spent per stage. */
  timings?: Record<string, number>;

  constructor(readonly path: string, kind: InputKind | null, parserVersion: string) {
    this.kind = kind;
    this.parserVersion = parserVersion;
  }

  /** A DocFile that crossed a thread as plain data, with its methods back. */
  static revive(plain: DocFile): DocFile {
    return Object.assign(Object.create(DocFile.prototype) as DocFile, plain);
  }

  /** Note something a stage could not do; does not change the status. */
  message(code: DocErrorCode, text: string, place: Place = {}, severity: Severity = 'warning'): void {
    this.messages.push({ severity, stage: place.stage ?? 'transform', text, code, ...(place.page !== undefined ? { page: place.page } : {}) });
  }

  /** The document was read but not all of it could be interpreted: status partial (unless failed). */
  partial(code: DocErrorCode, text: string, place: Place = {}): void {
    this.messages.push({ severity: 'warning', stage: place.stage ?? 'transform', text, code, partial: true, ...(place.page !== undefined ? { page: place.page } : {}) });
    this.settle();
  }

  /** The input could not be read: status failed; what was extracted so far is dropped. */
  fail(code: DocErrorCode, text: string, place: Place = {}): this {
    this.messages.push({ severity: 'error', stage: place.stage ?? 'extract', text, code, ...(place.page !== undefined ? { page: place.page } : {}) });
    delete this.layout;
    delete this.doc;
    delete this.portal;
    this.settle();
    return this;
  }

  /** status, error and errorCode from the messages: any error → failed, any partial warning → partial. */
  private settle(): void {
    const errors = this.messages.filter((m) => m.severity === 'error');
    const deciding = errors.length ? errors : this.messages.filter((m) => m.partial);
    this.status = errors.length ? 'failed' : deciding.length ? 'partial' : 'ok';
    this.error = deciding.length ? deciding.map((m) => m.text).join('; ') : null;
    this.errorCode = deciding[0]?.code ?? null;
  }
}
