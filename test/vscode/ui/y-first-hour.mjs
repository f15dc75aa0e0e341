// Issue 11 through the workbench, on the shipped sample: typing prose with as-you-type
// suggestions on (the extension turns them on for Markdown) never lets Enter replace an
// ordinary word; a capitalised name prefix is offered as you type; the marker hints, the Scene
// view and the walkthrough, with screenshots for the README.
import assert from 'node:assert/strict';

const STORY = 'examples/the-vineyard-at-dusk.md';
const LINE_2399 = 47; // a line in the 2399-09 scene (see writer.mjs)

export async function enterNeverReplacesAnOrdinaryWord({ page, wb, screenshot }) {
  await wb.dismiss();
  await wb.openFile(STORY);
  await wb.waitForActivation();
  await wb.goTo(LINE_2399, 999);
  const before = await wb.editorText();
  const dirtyBefore = await wb.isDirty();
  try {
    // A writer's sentences, typed at a writer's pace, pressing Enter after ordinary words.
    const typed = ['and then', 'at all', 'she said the day was over', 'The end', 'so it was', 'in the code'];
    await wb.focusEditor();
    for (const line of typed) {
      await page.keyboard.press('Enter');
      await page.keyboard.type(line, { delay: 40 });
      // Whatever the editor offers now, Enter would accept it: nothing may be offered.
      await page.waitForTimeout(200);
      if (await page.locator('.suggest-widget.visible .monaco-list-row').count()) {
        throw new Error(`suggestions opened after "${line}": ${(await wb.suggestions()).join(', ')}`);
      }
    }
    await page.keyboard.press('Enter');
    const after = await wb.editorText();
    for (const line of typed) assert.ok(after.split('\n').some((l) => l.trimEnd().endsWith(line)), `"${line}" kept as typed:\n${after}`);
    assert.doesNotMatch(after, /Artifact|Altan|Soong|strikethrough/);

    // A capitalised canon prefix is offered as the writer types, with no Ctrl+Space.
    await page.keyboard.type('She smiled at Pic', { delay: 120 });
    const rows = await wb.waitFor(async () => {
      const labels = await wb.suggestions();
      return labels.length > 0 && labels;
    }, 10_000, 'names offered as "Pic" is typed');
    assert.ok(rows[0] === 'Picard' || rows[0] === 'Jean-Luc Picard', `first offered: ${rows.join(', ')}`);
    await screenshot('as-you-type-capitalised-name');
    await page.keyboard.press('Escape');
  } finally {
    await page.keyboard.press('Escape');
    // Typed prose takes an undo stop per word or so: about forty here.
    await wb.undoUntil(async () => (await wb.isDirty()) === dirtyBefore && (await wb.editorText()) === before, { message: 'Ctrl+Z to remove the typed lines', timeout: 70_000 });
  }
}

export async function markerHintsShowWhatWasUnderstood({ page, wb, screenshot }) {
  await wb.dismiss();
  await wb.openFile(STORY);
  await wb.goTo(1, 1);
  // Inlay hints are drawn inside the editor's lines, after each marker.
  await wb.waitFor(async () => /· normal|· memory|· dream/.test(await wb.editorText()), 15_000, 'a marker hint in the editor');
  const text = await wb.editorText();
  assert.match(text, /<!-- when: [^>]+ -->\s*\d{4}(-\d\d)?(-\d\d)? · \w+/, `the hint follows the marker:\n${text.slice(0, 400)}`);
  await screenshot('marker-hints');
}

export async function sceneViewListsWhoIsInTheScene({ page, wb, screenshot }) {
  await wb.dismiss();
  await wb.openFile(STORY);
  await wb.goTo(LINE_2399, 1);
  const pane = page.locator('.pane-header', { hasText: /^\s*Scene/ }).first();
  await wb.waitFor(() => pane.isVisible(), 15_000, 'the Scene view in the Explorer');
  if ((await pane.getAttribute('aria-expanded')) === 'false') await pane.click();
  // Each member with where they stand at 2399-09: the sample gives few birth dates, so most are "alive".
  const member = page.locator('.monaco-list-row', { hasText: /Soji Asha\s*(alive|age)/ });
  await wb.waitFor(() => member.first().isVisible(), 15_000, 'Soji Asha in the Scene view, with her status');
  await screenshot('scene-view');
}

export async function walkthroughStartsAFandom({ page, wb, screenshot }) {
  await wb.dismiss();
  // The command opens a second picker, so it is typed rather than run with wb.runCommand.
  await page.keyboard.press('F1');
  await wb.waitFor(() => page.locator('.quick-input-widget').isVisible(), 5000, 'the command palette');
  await page.keyboard.type('Welcome: Open Walkthrough');
  const command = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Walkthrough' }).first();
  await wb.waitFor(() => command.isVisible(), 10_000, 'the Open Walkthrough command');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  await page.keyboard.type('Start a fandom');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Start a fandom with Lorekeeper' }).first();
  await wb.waitFor(() => row.isVisible(), 15_000, 'the walkthrough in the list');
  await row.click();
  await wb.waitFor(async () => (await page.locator('.gettingStartedContainer', { hasText: 'Create a lore base' }).count()) > 0, 20_000, 'the walkthrough page');
  await wb.waitFor(async () => (await page.locator('.gettingStartedContainer', { hasText: 'New Lore Base' }).count()) > 0, 10_000, 'its first step');
  await screenshot('walkthrough');
  await page.keyboard.press('Control+W');
}
