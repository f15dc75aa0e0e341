// The standalone page of `lorekeeper timeline --format html`, in the same headless Chromium as the
// workbench tests (a tab of its own): it loads nothing, and its zoom, entry filter and hover
// details work.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function theStandalonePageZoomsFiltersAndExplains({ page, wb, screenshot }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lorekeeper-timeline-html-'));
  const out = path.join(dir, 'timeline.html');
  const made = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'timeline', 'examples/the-vineyard-at-dusk.md', '--lore', 'lore', '--out', out],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: dir } });
  assert.equal(made.status, 0, made.stderr);
  const tab = await page.context().newPage();
  const requests = [];
  const errors = [];
  tab.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await tab.setViewportSize({ width: 1280, height: 800 });
    await tab.goto(pathToFileURL(out).href);
    await tab.locator('#lk-chart svg').waitFor();

    // Zoom: the drawing grows and shrinks, the label says by how much.
    const width = async () => tab.locator('#lk-chart svg').evaluate((s) => s.getBoundingClientRect().width);
    const before = await width();
    await tab.click('#lk-in');
    assert.ok(await width() > before * 1.2, 'zoomed in');
    assert.equal(await tab.locator('#lk-zoom').innerText(), '125%');
    await tab.click('#lk-fit');
    assert.ok(Math.abs(await width() - (await tab.locator('#lk-chart').evaluate((c) => c.clientWidth))) < 8, 'fits the window');

    // The filter keeps one entry lit.
    await tab.selectOption('#lk-filter', 'icheb');
    const dimmed = await tab.locator('g.lk-lane.lk-dim').count();
    const lanes = await tab.locator('g.lk-lane').count();
    assert.equal(dimmed, lanes - 1, 'every other lane is dimmed');
    assert.equal(await tab.locator('g.lk-lane[data-entry="icheb"]').evaluate((g) => g.classList.contains('lk-dim')), false);
    const litScenes = await tab.locator('g.lk-scene-item:not(.lk-dim)').evaluateAll((els) => els.map((e) => e.getAttribute('data-line')));
    assert.deepEqual(litScenes, ['27'], 'only the scene that mentions Icheb stays lit');

    // Hover details: the scene's date, who is there, its contradiction.
    // The mouse moved onto the marker where it is drawn (after Fit, the whole drawing is on screen).
    const box = await tab.locator('g.lk-scene-item[data-line="27"] circle').first().boundingBox();
    assert.ok(box, 'scene 2 is drawn');
    await tab.mouse.move(box.x + box.width / 2 - 20, box.y + box.height / 2);
    await tab.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    const tip = tab.locator('#lk-tip');
    await wb.waitFor(() => tip.isVisible(), 5000, 'the hover details');
    assert.match(await tip.innerText(), /Scene 2 · II\. · 2399-09[\s\S]*dead-character: Icheb died in 2386/);
    // The runner names the picture (and takes the workbench's); it is replaced by this tab's.
    const file = await screenshot('timeline-html-standalone');
    await tab.screenshot({ path: file, animations: 'disabled' });

    assert.deepEqual(requests, [], 'the page asks the network for nothing');
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await tab.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
