// Every tolerance of the PDF table finder, in one place.
//
// Units: points (pt, display space) unless a name or comment says "em" (a
// multiple of the font size of the words concerned) or "share" (0…1).

export const TABLE_SETTINGS = {
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
    /** Slots thinner than this without text (between double rulings) collapse. */
    minSlot: 4,
    /** The side of a grid slot counts as ruled when rulings cover at least this share of it. */
    sideCover: 0.5,
    /** A grid needs at least this many rows and columns of cells to be a table. */
    minRows: 2,
    minCols: 2,
    /** At least this many cells must hold text. */
    minFilledCells: 2,
    /**
     * Under-ruled grid (lines only around rows or around blocks of columns): when at least this
     * share of the words inside stands in cells whose lines show column gaps, the grid is no table
     * of its own and the stream strategy reads the region (the rulings stay hints).
     */
    underRuledShare: 0.3,
  },

  /** Text inside a cell. */
  text: {
    /** Words whose vertical centres lie within this share of the line height belong to one line. */
    sameLine: 0.5,
  },

  /** Unruled (stream) tables: rows and columns from text alignment. */
  stream: {
    /** A gap between two words of a line wider than this (em) separates two cells. */
    cellGap: 1.0,
    /** A gap this wide (em) between words is plain word spacing, even in justified text. */
    wordGap: 0.6,
    /** A column gap needs at least this width (pt) in the projection of the rows. */
    minColumnGap: 2.5,
    /** Rows whose cells cross a column gap: at most this share of the body rows may do so. */
    maxCrossing: 0.15,
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
    /** Each column must hold text in at least this share of the body rows (sparse columns are merged). */
    minColumnFill: 0.1,
    /** Enumeration markers ("1.", "a)", "•"): a two-column block whose first column holds only these is a list. */
    listMarker: /^(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]|[•·▪‣◦*–-])$/,
    /** Prose check: a block whose cells average more than this many words per line is text, not a table. */
    maxWordsPerCell: 12,
    /** Header rows above the body: at most this many. */
    maxHeaderRows: 6,
  },

  /** Tables that run on over a page break. */
  stitch: {
    /** Column boundaries of the two parts must agree within this. */
    xTol: 4,
  },
};

export type TableSettings = typeof TABLE_SETTINGS;
