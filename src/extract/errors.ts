// Errors of the extract stage. An input that cannot be read at all raises an
// ExtractError; its message is shown to people as the source's reason.

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

export class ExtractError extends Error {
  readonly code: ExtractErrorCode;
  constructor(code: ExtractErrorCode, message: string) {
    super(message);
    this.name = 'ExtractError';
    this.code = code;
  }
}
