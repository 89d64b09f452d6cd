// The parser version recorded on every source. Bump PARSER_REVISION whenever a
// change alters what is extracted, so `ingest --reparse` re-reads old sources.
// (A test checks that PACKAGE_VERSION matches package.json.)
export const PACKAGE_VERSION = '0.1.0';
export const PARSER_REVISION = 7;
export const PARSER_VERSION = `${PACKAGE_VERSION}+p${PARSER_REVISION}`;
