// The SQL the program reads at run time, copied into dist/ so that an
// installed package (npm install -g) finds it beside the code.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const copy = (from, to) => {
  mkdirSync(dirname(join(root, to)), { recursive: true });
  copyFileSync(join(root, from), join(root, to));
};
// The folder of the compiled src/ (dist/, or build/src/ for the bench, which compiles src/ beside it).
const out = process.argv[2] ?? 'dist';
copy('schema.sql', join(out, 'schema.sql'));
for (const f of readdirSync(join(root, 'src', 'load'))) if (f.endsWith('.sql')) copy(join('src', 'load', f), join(out, 'load', f));
