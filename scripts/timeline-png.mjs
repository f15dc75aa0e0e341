#!/usr/bin/env node
// Renders an SVG (default docs/images/timeline.svg) to a PNG beside it with headless Chromium, for
// the places that will not show an SVG (the extension's README in the Marketplace).
//   node scripts/timeline-png.mjs [FILE.svg]     (CHROMIUM=path overrides /usr/bin/chromium)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const svg = resolve(process.argv[2] ?? 'docs/images/timeline.svg');
const png = svg.replace(/\.svg$/i, '.png');
const chromium = process.env.CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (!chromium) {
  console.log(`timeline-png: no Chromium found (set CHROMIUM=…): ${png} not updated`);
  process.exit(0);
}
const head = readFileSync(svg, 'utf8').slice(0, 400);
const size = /width="(\d+)" height="(\d+)"/.exec(head);
if (!size) {
  console.error(`timeline-png: ${svg} has no width/height`);
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), 'lorekeeper-png-'));
const result = spawnSync(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--hide-scrollbars',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
  `--window-size=${size[1]},${size[2]}`, `--screenshot=${png}`, pathToFileURL(svg).href,
], { encoding: 'utf8', timeout: 60_000 });
rmSync(profile, { recursive: true, force: true });
if (result.status !== 0 || !existsSync(png)) {
  console.error(`timeline-png: Chromium failed: ${(result.stderr ?? '').split('\n').filter(Boolean).pop() ?? result.status}`);
  process.exit(1);
}
console.log(`Wrote ${png}`);
