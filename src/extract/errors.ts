// Errors of the extract stage. An input that cannot be read at all raises an
// ExtractError; its message is shown to people as the source's reason, its
// code (src/errors.ts) is what programs act on.
import { AppError, type DocErrorCode } from '../errors.js';

/** The short names the extractors use; each stands for one stable DocErrorCode. */
export type ExtractErrorCode =
  | 'empty'
  | 'not-pdf'
  | 'corrupt'
  | 'encrypted'
  | 'no-text'
  | 'not-portal'
  | 'encoding'
  | 'unsupported'
  | 'io'
  | 'too-large';

const CODES: Record<ExtractErrorCode, DocErrorCode> = {
  empty: 'input.empty',
  'not-pdf': 'pdf.not-pdf',
  corrupt: 'pdf.corrupt',
  encrypted: 'pdf.encrypted',
  'no-text': 'text.no-text',
  'not-portal': 'html.not-portal',
  encoding: 'text.encoding',
  unsupported: 'input.unsupported',
  io: 'io.read',
  'too-large': 'pdf.too-large',
};

export class ExtractError extends AppError {
  declare readonly code: DocErrorCode;
  constructor(code: ExtractErrorCode | DocErrorCode, message: string) {
    super(code in CODES ? CODES[code as ExtractErrorCode] : (code as DocErrorCode), message);
    this.name = 'ExtractError';
  }
}
