// What a strategy found on a page, before it becomes part of the document.
import type { Box, Table } from '../../../model.js';
import type { TWord, View } from './view.js';

export interface Found {
  table: Table;
  /** The words the table took (their lines leave the body text). */
  words: TWord[];
  /** The view (reading frame) the table was read in. */
  view: View;
  /** Column boundaries in the view's frame (for stitching parts over a page break). */
  cols: number[];
  /** Box in the view's frame. */
  box: Box;
}
