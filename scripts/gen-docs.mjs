// Writes docs/schema.md from the data dictionary (src/report/dictionary.ts) and
// the views of a fresh database. Run with `npm run docs` (builds first).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../dist/load/db.js';
import { schemaMarkdown, undocumented } from '../dist/report/dictionary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const db = openDb(':memory:');
const missing = undocumented(db);
if (missing.length) {
  console.error(`not described in src/report/dictionary.ts: ${missing.join(', ')}`);
  process.exit(1);
}
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'docs', 'schema.md'), schemaMarkdown(db));
db.close();
console.log('wrote docs/schema.md');
