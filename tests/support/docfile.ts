// A DocFile with the given fields, for tests that load a document without reading a file.
import { DocFile } from '../../src/model.js';

type Fields = Omit<Partial<DocFile>, 'message' | 'partial' | 'fail'> & { path: string };

export function docFile(fields: Fields): DocFile {
  return Object.assign(new DocFile(fields.path, fields.kind ?? null, fields.parserVersion ?? 'test'), fields);
}
