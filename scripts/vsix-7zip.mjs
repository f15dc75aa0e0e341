// npm run package: the .vsix is built with --no-dependencies, so node_modules/7zip-bin is not in it.
// Copy linux-x64's 7-Zip (1.4 MB; every platform's would be 12 MB) and its licence into dist/7zip/,
// where the import looks when the 7zip-bin package is absent (src/cli/import/readExport.ts).
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules', '7zip-bin');
const to = join(root, 'dist', '7zip');
mkdirSync(join(to, 'linux-x64'), { recursive: true });
copyFileSync(join(from, 'linux', 'x64', '7za'), join(to, 'linux-x64', '7za'));
chmodSync(join(to, 'linux-x64', '7za'), 0o755);
copyFileSync(join(from, 'LICENSE.txt'), join(to, 'LICENSE.txt'));
console.log('dist/7zip/linux-x64/7za: the 7-Zip of 7zip-bin, for the .vsix');
