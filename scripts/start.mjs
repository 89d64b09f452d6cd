// `npm start`: ingest input/ into output/drucksachen.sqlite with plain CSV in
// output/csv, then CSV for German Excel in output/csv-excel and the Datasette
// metadata in output/metadata.json. Runs the real CLI twice (portable: no shell
// syntax in package.json); exits with ingest's code.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', cwd: root }).status ?? 3;

const ingest = run('ingest', 'input', '--db', 'output/drucksachen.sqlite', '--csv', 'output/csv');
if (ingest === 0 || ingest === 1) {
  const exported = run('export', '--db', 'output/drucksachen.sqlite', '--csv-dialect', 'excel-de', '--out', 'output/csv-excel',
    '--metadata', 'output/metadata.json', '--quiet');
  process.exitCode = ingest || exported;
} else {
  process.exitCode = ingest;
}
