// npm links the bins of dependencies, not the project's own: link ours into
// node_modules/.bin so `npx --no-install drucksachen` works in a fresh clone.
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'cli.js');
const link = join(root, 'node_modules', '.bin', 'drucksachen');
mkdirSync(dirname(link), { recursive: true });
rmSync(link, { force: true });
symlinkSync(relative(dirname(link), target), link);
chmodSync(target, 0o755);
