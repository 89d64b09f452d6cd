// Every tolerance of the PDF table finder, in one place.
//
// Units: points (pt, display space) unless a name or comment says "em" (a
// multiple of the font size of the words concerned) or "share" (0…1).

import { BOLD_SHARE } from '../../../common/bold.js';

export const TABLE_SETTINGS = {
  /** The words of a table. */
  text: {
    /** Print size (pt) assumed for words and tables whose size is unknown. */
    defaultFontSize: 10,
    /** A cell or a row is bold when more than this share of its characters (cells) is bold (see common/bold.ts). */
    boldShare: BOLD_SHARE,
  },

  /** Ruling lines → edges. */
  edges: {
    /** Parallel rulings whose positions differ by at most this are one line (double borders, jitter). */
    snapTol: 1.5,
    /** Collinear segments with a gap of at most this are joined into one edge. */
    joinTol: 3,
    /** Edges shorter than this are dropped (dots, corner marks). */
    minLength: 3,
  },

  /** Ruled (lattice) tables: edges → intersections → grid → cells. */
  lattice: {
    /** A vertical and a horizontal edge meet when their ends come within this of each other. */
    intersectTol: 3,
    /** Grid positions (column x, row y) closer than this are one. */
    gridTol: 2,
    /** Rulings reaching at least this far past the outermost crossing ruling open a border column/row. */
    openBorder: 6,
    /** Slots thinner than this (em of the grid's text) without text in them (double rulings) collapse. */
    minSlot: 0.8,
    /** The side of a grid slot counts as ruled when rulings cover at least this share of it. */
    sideCover: 0.5,
    /** A grid needs at least this many rows and columns of cells to be a table. */
    minRows: 2,
    minCols: 2,
    /** Row labels without borders left of a grid are looked for within this distance (em). */
    labelReach: 12,
    /** A grid is read sideways when at least this share of its filled cells holds text at one angle ≠ 0. */
    rotatedShare: 0.75,
    /** At least this many cells must hold text. */
    minFilledCells: 2,
    /** Row height (pt) assumed for a grid whose rows have no height. */
    defaultRowHeight: 10,
    /**
     * Under-ruled grid (lines only around rows or around blocks of columns): when some cell holds
     * `stream.minRows` lines with column gaps, or at least this share of the filled cells has such a
     * line, the grid is no table of its own and the stream strategy reads its words.
     */
    underRuledShare: 0.3,
    /** An unruled last row (a total under the bottom rule) is looked for within this many row heights below the grid… */
    footReach: 2.5,
    /** …and taken in when its words fill at least this share of the columns, one word per column, */
    footColumns: 0.5,
    /** …and at least this share of them (the label left out) are numbers. */
    footValues: 0.8,
  },

  /** Unruled (stream) tables: rows and columns from text alignment. */
  stream: {
    /** A gap between two words of a line wider than this (em) separates two cells. */
    cellGap: 1.0,
    /** Inside a table, a gap wider than this (em) between two words of a body row can hold a column corridor. */
    pieceGap: 0.5,
    /** A gap narrower than this (em) is a space inside a phrase; at a column bound a wider one parts two cells. */
    wordGap: 0.32,
    /** A column gap needs at least this width (pt) in the projection of the rows. */
    minColumnGap: 2.5,
    /** Rows of one block differ in print size by at most this share. */
    sizeTol: 0.2,
    /** Without rows of values, the body starts at the first row with this share of the usual number of cells. */
    fullRow: 0.8,
    /** A vertical ruling through at least this share of a block's height is a column bound. */
    rulingThrough: 0.5,
    /** A rule across at least this share of the table's width above the header is its top rule. */
    ruleSpan: 0.8,
    /** A phrase reaching into a neighbouring column by less than this share of its width does not span it. */
    spanShare: 0.25,
    /** A table needs this many rows with cells in at least two columns… */
    minRows: 3,
    /** …and at least this many columns. */
    minCols: 2,
    /** Rows with a single cell inside a table (wrapped labels, section rows): at most this many in a row. */
    maxSingleRun: 3,
    /** A vertical gap larger than this many median row pitches ends a table. */
    maxRowGap: 2.6,
    /** A single-cell row wider than this share of the table is prose (a title, a note), not a row. */
    maxSingleWidth: 0.6,
    /** Enumeration markers ("1.", "a)", "•"): a two-column block whose first column holds only these is a list. */
    listMarker: /^(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]|[•·▪‣◦*–-])$/,
    /** Prose check: two or three columns whose cells average more than this many words are text set in columns. */
    maxWordsPerCell: 6,
    /** Prose check: a line whose three or more cells stand this evenly apart (pt) is justified text. */
    evenGapTol: 0.6,
    /** Prose check: …in at least this share of the rows. */
    evenRows: 0.6,
    /** Alignment: cell edges within this (em) of the column's median edge line up… */
    alignTol: 0.5,
    /** …and in each inner column at least this share of the cells must line up (left, right or centre). */
    minAligned: 0.5,
    /** The usual row pitch of a table: this quantile of its line distances (rows are set apart more than wrapped lines). */
    pitchQuantile: 0.75,
    /** A line closer to the line above than this share of the row pitch continues its row (a wrapped cell). */
    tightGap: 0.8,
    /** Header rows above the body are set no larger than this many times the body's print size. */
    maxHeaderSize: 1.05,
    /** Header rows above the body: at most this many. */
    maxHeaderRows: 6,
  },

  /** Column labels set sideways above an unruled table (an X-matrix's tool names). */
  rotatedHeader: {
    /** Labels end at most this far (pt) below the top of the table's first body row… */
    overlap: 2,
    /** …and start at most this far (pt) above it. */
    maxHeight: 250,
    /** At least this many columns must get a label. */
    minLabels: 2,
  },

  /** Tables that run on over a page break. */
  stitch: {
    /** Column boundaries of the two parts must agree within this. */
    xTol: 4,
    /** Lines in this share of the page height at the top and bottom are page furniture (headers, footers). */
    marginShare: 0.12,
    /** Lines set smaller than this share of the table's print size are notes or footnotes. */
    smallPrint: 0.95,
  },
};

export type TableSettings = typeof TABLE_SETTINGS;
