// Lorekeeper: Show Timeline on the SHIPPED SAMPLE (lore/ + examples/the-vineyard-at-dusk.md),
// through the workbench like a writer: the webview opens beside the story, shows its six scenes
// and its contradictions, follows the cursor, redraws as the writer types (no reload), and a
// click on a scene moves the editor there. The test closes what it opened.
import assert from 'node:assert/strict';

const STORY = 'examples/the-vineyard-at-dusk.md';
const LINE_SCENE_2 = 47; // "You're supposed to be picking," Rios told her.   (scene 2, 2399-09)
const LINE_SCENE_6 = 120; // Picard blinked, and the row was empty.            (scene 6, 2399-09, clean)
const SCENE_4_LINE = 73; // <!-- when: 2399-09 --> before "## IV."
// The story's scenes start at these lines (its markers). examples/EXPECTED.md is a manuscript of
// the sample workspace too (undated, listed apart), so scenes are found by file and line, not number.
const SCENE_LINES = [9, 27, 63, 73, 93, 111];

/** The story's scene marker that starts at `line`. */
const sceneAt = (frame, line) => frame.locator(`g.lk-scene-item[data-file$="the-vineyard-at-dusk.md"][data-line="${line}"]`);

/** The frame of the timeline webview (code-server nests it: webview host → active frame). */
async function timelineFrame(wb, timeout = 30_000) {
  return wb.waitFor(async () => {
    for (const frame of wb.page.frames()) {
      if (await frame.locator('#lk-chart svg').count().catch(() => 0)) return frame;
    }
    return undefined;
  }, timeout, 'the timeline webview to draw');
}

export async function showsTheTimelineBesideTheStory({ page, wb, screenshot }) {
  await wb.dismiss();
  await wb.openFile(STORY);
  await wb.waitForActivation();
  await wb.runCommand('Lorekeeper: Show Timeline');
  const frame = await timelineFrame(wb);

  // The story's six scenes, three of them warning-coloured, the two suspended ones drawn apart.
  const scenes = frame.locator('g.lk-scene-item[data-file$="the-vineyard-at-dusk.md"]');
  await wb.waitFor(async () => (await scenes.count()) === 6, 15_000, 'six scene markers of the story');
  const lines = await scenes.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-line'))).sort((a, b) => a - b));
  assert.deepEqual(lines, SCENE_LINES);
  const warned = await frame.locator('g.lk-scene-item circle.lk-warn').evaluateAll((els) => els.map((e) => Number(e.parentElement.getAttribute('data-line'))).sort((a, b) => a - b));
  for (const line of [9, 27, 73]) assert.ok(warned.includes(line), `the scene at line ${line} is in the warning colour (warned: ${warned})`);
  for (const line of [63, 93]) assert.ok(!warned.includes(line), `near-miss: the memory or dream at line ${line} is not`);
  assert.equal(await frame.locator('g.lk-scene-item circle.lk-scene-suspended').count(), 2, 'the memory and the dream');
  const chartText = await frame.evaluate(() => document.getElementById('lk-chart').textContent);
  assert.match(chartText, /Undated text \(1\)[\s\S]*EXPECTED\.md/, 'the undated notes are listed apart');
  const list = await frame.locator('g.lk-diagnostic').allTextContents();
  assert.ok(list.length >= 7, `the seven planted findings are listed with their messages (${list.length})`);
  assert.ok(list.some((t) => /dead-character\s*Icheb died/.test(t)), `the dead-character message (${list.join(' | ')})`);
  // Hover details carry the whole message.
  const tips = await frame.locator('g.lk-diagnostic').evaluateAll((els) => els.map((e) => e.getAttribute('data-tip')));
  assert.ok(tips.includes("dead-character: Icheb died in 2386 (Captured by Bjayzl's people, who harvested his Borg implants while he lived; Seven of Nine ended his suffering), but this scene is set in September 2399. Source: Star Trek: Voyager; PIC: Stardust City Rag."), tips.join(' | '));
  // Themed with the editor's colours: the page maps them onto the drawing.
  assert.equal(await frame.evaluate(() => document.body.classList.contains('lk-themed')), true);
  const tab = page.locator('.tab', { hasText: 'Timeline' }).first();
  assert.ok(await tab.isVisible(), 'a Timeline tab');

  // The cursor's scene is marked.
  await wb.goTo(LINE_SCENE_2);
  await wb.waitFor(async () => (await frame.locator('g.lk-scene-item.lk-here').getAttribute('data-line').catch(() => null)) === '27',
    10_000, 'scene 2 marked as the cursor\'s');
  await screenshot('timeline-webview');
}

export async function redrawsAsTheWriterTypes({ page, wb, screenshot }) {
  await wb.dismiss();
  const frame = await timelineFrame(wb);
  await frame.evaluate(() => { window.lkNotReloaded = true; });
  await wb.goTo(LINE_SCENE_6, 999);
  const icheb = async () => /dead-character: Icheb died in 2386/.test((await sceneAt(frame, 111).getAttribute('data-tip').catch(() => '')) ?? '');
  assert.equal(await icheb(), false, 'scene 6 starts without Icheb');
  await wb.typeText(' Icheb waved from the gate.');
  // Scene 6 now has a dead character acting in it: its marker turns to the warning colour.
  await wb.waitFor(icheb, 15_000, 'scene 6 to show the new dead-character');
  assert.equal(await sceneAt(frame, 111).locator('circle.lk-warn').count(), 1, 'in the warning colour');
  assert.equal(await frame.evaluate(() => window.lkNotReloaded === true), true, 'updated in place, not reloaded');
  await wb.waitFor(async () => (await frame.locator('g.lk-scene-item.lk-here').getAttribute('data-line').catch(() => null)) === '111',
    10_000, 'still following the cursor');
  await screenshot('timeline-live-update');
  // Ctrl+Z until the typed sentence is gone from the text (the view lines show only what is scrolled
  // into view, so they are not compared whole), then save, so that the file on disk is the story
  // as it was whatever the editor's dirty state says.
  await wb.undoUntil(async () => !(await wb.editorProse()).includes('Icheb waved'), { message: 'Ctrl+Z to remove the typed sentence' });
  await wb.focusEditor();
  await page.keyboard.press('Control+S');
  await wb.waitFor(async () => !(await wb.isDirty()), 10_000, 'the story to be saved as it was');
  await wb.waitFor(async () => !(await icheb()), 15_000, 'the dead-character to leave scene 6 again');
}

export async function clickingASceneOpensItInTheStory({ page, wb, screenshot }) {
  await wb.dismiss();
  await wb.goTo(15);
  await wb.statusBarItem('Ln 15,');
  const frame = await timelineFrame(wb);
  // A real mouse click where the marker is on screen (the drawing may be redrawn meanwhile: the
  // place stays the same, so the click is retried there until the editor moves).
  const position = await wb.waitFor(async () => {
    const marker = sceneAt(frame, SCENE_4_LINE).locator('circle').first();
    await marker.scrollIntoViewIfNeeded({ timeout: 2000 });
    const box = await marker.boundingBox();
    if (!box) return false;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    return wb.statusBarItem(`Ln ${SCENE_4_LINE},`, { timeout: 2000 }).catch(() => false);
  }, 20_000, 'a click on scene 4 to move the editor to its line');
  assert.match(position, new RegExp(`Ln ${SCENE_4_LINE}, Col 1`));
  assert.equal(await wb.activeTabName(), 'the-vineyard-at-dusk.md', 'the story is the active editor again');
  await wb.waitFor(async () => (await frame.locator('g.lk-scene-item.lk-here').getAttribute('data-line').catch(() => null)) === String(SCENE_4_LINE),
    10_000, 'scene 4 marked as the cursor\'s');
  await screenshot('timeline-scene-clicked');

  // A click on a lane's name opens the entry where the lore defines it.
  await wb.waitFor(async () => {
    const label = frame.locator('g.lk-lane-label[data-entry="icheb"]');
    await label.scrollIntoViewIfNeeded({ timeout: 2000 });
    const box = await label.boundingBox();
    if (!box) return false;
    await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    return wb.waitFor(async () => (await wb.activeTabName()) === 'next-generation.yaml', 2000, 'the lore file').catch(() => false);
  }, 20_000, 'a click on the Icheb lane to open lore/characters/next-generation.yaml');
  await wb.waitFor(async () => /name: Icheb/.test(await wb.editorText()), 10_000, 'the Icheb entry in view');

  // Tidy up for the tests that follow: one editor group again.
  await wb.runCommand('View: Close All Editor Groups');
  await wb.waitFor(async () => (await page.locator('.tab', { hasText: 'Timeline' }).count()) === 0, 10_000, 'the timeline to close');
}
