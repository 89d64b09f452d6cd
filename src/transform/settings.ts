// The settings of the readers, pdfplumber style: one object with every
// tolerance of the PDF table finder (tables/pdf/settings.ts), the windows of
// the header reader (meta.ts) and the limits of the text table finders
// (tables/text-words.ts, tables/text-aligned.ts), each with its unit;
// `resolveSettings(partial)` lays changes over the defaults and validates the result.
import { TABLE_SETTINGS, type TableSettings } from './tables/pdf/settings.js';

/** Where the header reader looks (counts of paragraphs or lines from the top of the flow). */
export const HEADER_SETTINGS = {
  /** Paragraphs at the top of the flow read as the header. */
  scanParas: 14,
  /** Top lines that can name the parliament, the Drucksache and the Wahlperiode. */
  topLines: 6,
  /** Top lines that can hold a Drucksache number on a line of its own and the header date. */
  drucksacheLines: 8,
  /** Paragraphs looked through for the sentence naming the answering ministry. */
  answererParas: 40,
  /** House styles: paragraphs before the first heading or question that can be the header. */
  profileParas: 8,
  /** House styles: characters of the joined header read with the profile's phrases. */
  profileChars: 6000,
  /** House styles: characters read after the start of a footer sentence glued into a body line. */
  inlineFooterChars: 400,
};

export type HeaderSettings = typeof HEADER_SETTINGS;

/**
 * Tables of text inputs whose cells are words separated by single spaces (tables/text-words.ts):
 * lengths in characters, counts of lines, tokens or rows, shares of a table's rows or lines.
 */
export const WORD_TABLE_SETTINGS = {
  /** A table line is at most this long (characters); a longer line is prose and ends the table. */
  maxLineChars: 80,
  /** Lines looked at after a lead-in or an Anlage heading (keeps the scan linear). */
  maxRegionLines: 400,
  /** Blank lines in a row that a table runs on over (a page break: page foot, blank, page head). */
  maxBlankRun: 4,
  /** Caption lines after an "Anlage N" heading, up to the one that ends a sentence. */
  captionLines: 3,
  /** Fewest rows of a table. */
  minRecords: 3,
  /** Most printed lines of one row (a row running longer is no row of this kind). */
  maxRecordLines: 10,
  /** Most columns. */
  maxCols: 8,
  /** Longest header cell (characters). */
  maxHeaderCell: 80,
  /** Tokens of a row key before its number ("EnLAG (Nr. 1)": the number is the third). */
  maxKeyTokens: 4,
  /** Row keys: distinct word parts at most this share of the rows (a key is a repeated word plus a number). */
  keyWords: 0.34,
  /** Row keys: at least this share of them distinct (a key names its row). */
  keyDistinct: 0.9,
  /** Keyed rows: the values of the last column (repeated words, numbers) end at least this share of the rows. */
  closedShareKeyed: 0.8,
  /** Unkeyed rows: the values of the last column end at least this share of the table's lines. */
  closedShareLines: 0.5,
  /** A value of the last column is seen at least this often (numbers and years count as one value). */
  minClosedCount: 3,
  /** Most distinct values of the last column. */
  maxClosedValues: 4,
  /** A phrase that ends at least this many rows' text marks a column (its cells). */
  minSupport: 2,
  /** Longest such phrase (tokens). */
  maxPhraseTokens: 8,
  /** Rows without a key: at least this share of them printed on one line. */
  singleLineShare: 0.6,
  /** Numbers among the words of the cells before the last column: above this share the block is no table of words. */
  maxNumberShare: 0.1,
  /** Rows whose cells cannot be told apart: above this share the table is left to the prose. */
  maxUndecided: 0.2,
};

export type WordTableSettings = typeof WORD_TABLE_SETTINGS;

/** Tables of text inputs whose cells are separated by spaces (count tables: a row ends in numbers). */
export const ALIGNED_TABLE_SETTINGS = {
  /** Greatest number of label-only lines before a row's values (a narrow label cell wrapped many times). */
  maxWrapped: 10,
  /** Most values in a row (a longer run of numbers is no table row; keeps the reading linear). */
  maxRowValues: 60,
  /** Most three-digit groups after the first group of a space-grouped number ("1 234 567 890"). */
  maxGroups: 4,
  /** Longest label-only line inside a table (characters; wrapped cells are narrow, prose lines are long). */
  maxLabelLine: 45,
  /** Longest row label on a value line (characters). */
  maxRowLabel: 50,
  /** Longest column label of a header (characters; longer ones are prose, not a header). */
  maxColumnLabel: 60,
  /** Longest corner label of a header (characters). */
  maxCorner: 80,
  /** Longest row label, a label wrapped over several lines included (characters). */
  maxJoinedLabel: 160,
  /** Rows of differing lengths it takes to call a region a destroyed table (an address block has fewer). */
  minDestroyedRows: 5,
  /** Header lines looked at above the first row. */
  maxHeaderLines: 6,
};

export type AlignedTableSettings = typeof ALIGNED_TABLE_SETTINGS;

export interface Settings {
  tables: TableSettings;
  header: HeaderSettings;
  words: WordTableSettings;
  aligned: AlignedTableSettings;
}

export const SETTINGS: Settings = { tables: TABLE_SETTINGS, header: HEADER_SETTINGS, words: WORD_TABLE_SETTINGS, aligned: ALIGNED_TABLE_SETTINGS };

/**
 * Units: pt (points, display space), em (times the print size of the words
 * concerned), share (0…1), ratio (a factor, ≥ 0), count (a whole number ≥ 0),
 * pattern (a RegExp). Every setting has one; validation follows from it.
 */
export type Unit = 'pt' | 'em' | 'share' | 'ratio' | 'count' | 'pattern';

const UNITS: { [S in keyof Settings]: { [G in keyof Settings[S]]: Settings[S][G] extends object ? Record<keyof Settings[S][G], Unit> : Unit } } = {
  tables: {
    text: { defaultFontSize: 'pt', boldShare: 'share' },
    edges: { snapTol: 'pt', joinTol: 'pt', minLength: 'pt' },
    lattice: {
      intersectTol: 'pt', gridTol: 'pt', openBorder: 'pt', minSlot: 'em', sideCover: 'share', minRows: 'count', minCols: 'count',
      labelReach: 'em', rotatedShare: 'share', minFilledCells: 'count', defaultRowHeight: 'pt', underRuledShare: 'share',
      footReach: 'ratio', footColumns: 'share', footValues: 'share',
    },
    stream: {
      cellGap: 'em', pieceGap: 'em', wordGap: 'em', minColumnGap: 'pt', sizeTol: 'share', fullRow: 'share', rulingThrough: 'share',
      ruleSpan: 'share', spanShare: 'share', minRows: 'count', minCols: 'count', maxSingleRun: 'count', maxRowGap: 'ratio',
      maxSingleWidth: 'share', listMarker: 'pattern', maxWordsPerCell: 'count', evenGapTol: 'pt', evenRows: 'share', alignTol: 'em',
      minAligned: 'share', pitchQuantile: 'share', tightGap: 'share', maxHeaderSize: 'ratio', maxHeaderRows: 'count',
    },
    rotatedHeader: { overlap: 'pt', maxHeight: 'pt', minLabels: 'count' },
    stitch: { xTol: 'pt', marginShare: 'share', smallPrint: 'share' },
  },
  header: {
    scanParas: 'count', topLines: 'count', drucksacheLines: 'count', answererParas: 'count', profileParas: 'count', profileChars: 'count',
    inlineFooterChars: 'count',
  },
  words: {
    maxLineChars: 'count', maxRegionLines: 'count', maxBlankRun: 'count', captionLines: 'count', minRecords: 'count',
    maxRecordLines: 'count', maxCols: 'count', maxHeaderCell: 'count', maxKeyTokens: 'count', keyWords: 'share',
    keyDistinct: 'share', closedShareKeyed: 'share', closedShareLines: 'share', minClosedCount: 'count',
    maxClosedValues: 'count', minSupport: 'count', maxPhraseTokens: 'count', singleLineShare: 'share', maxNumberShare: 'share',
    maxUndecided: 'share',
  },
  aligned: {
    maxWrapped: 'count', maxRowValues: 'count', maxGroups: 'count', maxLabelLine: 'count', maxRowLabel: 'count',
    maxColumnLabel: 'count', maxCorner: 'count', maxJoinedLabel: 'count', minDestroyedRows: 'count', maxHeaderLines: 'count',
  },
};

/** The unit of a setting, by its path ("tables.stream.cellGap"), or undefined for no such setting. */
export function unitOf(path: string): Unit | undefined {
  let node: unknown = UNITS;
  for (const k of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, k)) return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return typeof node === 'string' ? (node as Unit) : undefined;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends RegExp ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

export class SettingsError extends Error {
  override name = 'SettingsError';
}

function checkValue(path: string, unit: Unit, v: unknown): void {
  if (unit === 'pattern') {
    if (!(v instanceof RegExp)) throw new SettingsError(`${path}: a RegExp is needed`);
    return;
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new SettingsError(`${path}: a finite number ≥ 0 (${unit}) is needed, not ${String(v)}`);
  if (unit === 'share' && v > 1) throw new SettingsError(`${path}: a share is at most 1, not ${v}`);
  if (unit === 'count' && !Number.isInteger(v)) throw new SettingsError(`${path}: a whole number is needed, not ${v}`);
}

/** Throws a SettingsError naming the first setting that is unknown or out of range for its unit. */
export function validateSettings(s: Settings): Settings {
  const sections: Record<string, unknown> = { ...s };
  for (const [section, groups] of Object.entries(UNITS)) {
    const given = sections[section];
    for (const [group, units] of Object.entries(groups as Record<string, Unit | Record<string, Unit>>)) {
      const value = typeof given === 'object' && given !== null ? (given as Record<string, unknown>)[group] : undefined;
      if (typeof units === 'string') checkValue(`${section}.${group}`, units, value);
      else for (const [key, unit] of Object.entries(units)) checkValue(`${section}.${group}.${key}`, unit, (value as Record<string, unknown> | undefined)?.[key]);
    }
  }
  return s;
}

/** Lay `over` over `base`, one level of objects at a time; a key `base` does not have is an error. */
function merge<T>(base: T, over: unknown, path: string): T {
  if (over === undefined) return base;
  if (typeof base !== 'object' || base === null || base instanceof RegExp) return over as T;
  if (typeof over !== 'object' || over === null) throw new SettingsError(`${path || 'settings'}: an object is needed`);
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    if (!Object.hasOwn(out, k)) throw new SettingsError(`${path ? path + '.' : ''}${k}: no such setting`);
    out[k] = merge(out[k], v, path ? `${path}.${k}` : k);
  }
  return out as T;
}

/** The defaults with `partial` laid over them, validated. The defaults themselves are never changed. */
export function resolveSettings(partial: DeepPartial<Settings> = {}): Settings {
  return validateSettings(merge(SETTINGS, partial, ''));
}

/** The table finder's part of resolveSettings. */
export function resolveTableSettings(partial: DeepPartial<TableSettings> = {}): TableSettings {
  return resolveSettings({ tables: partial }).tables;
}

// The defaults must pass their own validation (a unit missing from UNITS fails the type check above).
validateSettings(SETTINGS);
