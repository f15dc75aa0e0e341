// A writer's afternoon with Lorekeeper, through the VS Code workbench (code-server in a
// headless browser), on the SHIPPED SAMPLE: the repo's lore/ (Star Trek: Picard) and
// examples/the-vineyard-at-dusk.md, whose planted contradictions examples/EXPECTED.md lists
// (run.mjs --ui-workspace sample, the default, composes that workspace).
//
// Tests run in the order written and share one window; each starts by closing whatever the
// last one left open, waits on what is on screen (never a fixed sleep), and saves a
// screenshot of its moment. A test that edits the story undoes its edit.
import assert from 'node:assert/strict';

const STORY = 'examples/the-vineyard-at-dusk.md';
const CANON = 'Star Trek: Picard';

// Where things are in the story (1-based lines; see examples/EXPECTED.md).
const LINE_2333 = 15; // "They have given me the Stargazer," Jean-Luc said.  (scene: 2333)
const LINE_2399 = 47; // "You're supposed to be picking," Rios told her.      (scene: 2399-09)
const LINE_PICARD_94 = 35; // Picard, 94, carried his own basket…                (2399-09)
const LINE_ICHEB = 53; // Icheb walked up from the lower rows…  (dead-character; Icheb died 2386)
const LINE_JURRATI = 33; const COL_JURRATI = 448; // "Rios and Jurrati had claimed" (unknown-name, hint)

// The seven warnings; the eighth contradiction, unknown-name, is a hint, and VS Code's
// Problems panel never lists hints (they show as dots under the word, in the hover, and
// in the Check Continuity summary, where this suite checks it).
const WARNING_CODES = ['unborn-character', 'dead-character', 'wrong-date', 'wrong-elapsed-time', 'wrong-age', 'nonexistent-entity', 'wrong-title'];
const ALL_CODES = [...WARNING_CODES, 'unknown-name'];

export async function opensTheStoryFromTheExplorer({ wb, screenshot }) {
  await wb.dismiss();
  // Click the examples folder, then the story, in the Explorer.
  await wb.openFile(STORY, { via: 'explorer' });
  await wb.waitForActivation();
  const lorekeeper = async (expect) => wb.waitFor(async () => {
    const text = await wb.statusBarItem(CANON);
    return text.includes(expect) && text;
  }, 15_000, `the Lorekeeper status bar item to show "${CANON}" and "${expect}"`);

  // The status bar follows the cursor from scene to scene.
  await wb.goTo(LINE_2333);
  await lorekeeper('2333');
  await wb.goTo(LINE_2399, 999);
  const text = await lorekeeper('2399');
  assert.match(text, /Star Trek: Picard · \d+ entries · September 2399/);
  await screenshot('story-open-status-bar');
}

export async function completesACanonNameWithTheDeadMarked({ page, wb, screenshot }) {
  await wb.dismiss();
  await wb.goTo(LINE_2399, 999); // the end of a line in a 2399 scene
  const before = await wb.editorProse();
  assert.ok(!(await wb.isDirty()), 'the story starts unmodified');
  await wb.typeText(' Dat');
  // Lorekeeper turns suggestions-as-you-type on for prose: a capitalised name prefix brings
  // them up with no Ctrl+Space (ordinary words never do: y-first-hour.mjs).
  await wb.waitFor(async () => (await wb.suggestions()).includes('Data'), 10_000, '"Data" offered as "Dat" is typed');
  const rows = await wb.suggestRows();
  const data = rows.find((r) => r.label === 'Data');
  assert.ok(data, `"Data" is offered (rows: ${rows.map((r) => r.label).join(', ')})`);
  assert.equal(data.detail, '† 2379', 'Data is marked dead (label detail)');
  assert.equal(data.description, 'character');
  // Ctrl+Space again opens the focused suggestion's card beside the list.
  if (data.focused) {
    await page.keyboard.press('Control+Space');
    await wb.waitFor(async () => {
      const details = page.locator('.suggest-details-container .suggest-details').first();
      return (await details.isVisible().catch(() => false)) && /Died:.*2379/.test(await details.innerText());
    }, 10_000, 'the card of Data beside the suggestions');
  }
  await screenshot('completion-dead-marked');

  await page.keyboard.press('Escape');
  await wb.waitFor(async () => (await page.locator('.suggest-widget.visible').count()) === 0, 5000, 'the suggestions to close');
  await wb.undoUntil(async () => !(await wb.isDirty()) && (await wb.editorProse()) === before,
    { message: 'Ctrl+Z to remove the typed " Dat"' });
}

export async function hoverShowsTheCardAtTheSceneDate({ wb, screenshot }) {
  await wb.dismiss();
  await wb.goTo(LINE_ICHEB);
  const icheb = await wb.hoverWord('Icheb', { expect: 'dead — died in 2386' });
  assert.match(icheb, /In 2399: dead — died in 2386, 13 years before this scene\./);
  await screenshot('hover-icheb-dead');
  await wb.dismiss();

  await wb.goTo(LINE_PICARD_94);
  const picard = await wb.hoverWord('Picard', { expect: '94 years old' });
  assert.match(picard, /^Jean-Luc Picard$/m, 'the card is headed by the canon name');
  assert.match(picard, /In 2399: 94 years old\./);
  assert.match(picard, /Born: 13 July 2305 · 94 in 2399/);
  await screenshot('hover-picard-card');
  await wb.dismiss();
}

export async function problemsListsTheStorysContradictions({ page, wb, screenshot }) {
  await wb.dismiss();
  await wb.openProblems();
  // Every marker row of the story (the file row is its parent, one level up).
  const markers = async () => (await page.locator('.markers-panel .monaco-list-row[aria-level="2"]').allInnerTexts())
    .map((t) => t.replace(/\s+/g, ' ').trim());
  const rows = await wb.waitFor(async () => {
    const all = await markers();
    return all.length === ALL_CODES.length && all;
  }, 15_000, `${ALL_CODES.length} problems of the story in the Problems panel (unknown-name is info: listed too)`).catch(async (err) => {
    throw new Error(`${err.message}; it lists: ${JSON.stringify(await markers())}`);
  });
  const fileRow = await page.locator('.markers-panel .monaco-list-row[aria-level="1"]').first().innerText();
  assert.match(fileRow, /the-vineyard-at-dusk\.md/);
  for (const code of ALL_CODES) {
    assert.equal(rows.filter((r) => r.includes(code)).length, 1, `one "${code}" row (rows: ${JSON.stringify(rows)})`);
  }
  assert.ok(rows.every((r) => r.includes('Lorekeeper')), 'every row comes from Lorekeeper');
  assert.equal(await wb.problemCount(), ALL_CODES.length, 'the status bar counts them too, the misspelling included');
  await screenshot('problems-panel');
  await wb.closePanel(); // the editor gets its room back
}

export async function quickFixCorrectsAMisspelledName({ page, wb, screenshot }) {
  await wb.dismiss();
  await wb.goTo(LINE_JURRATI, COL_JURRATI + 2);
  const before = await wb.editorProse();
  assert.match(before, /Rios and Jurrati had claimed/);
  // The seventh finding is information (SPEC §3: as cSpell shows its findings): the only info squiggle.
  const hints = () => page.locator(`${wb.editor} .view-overlays .squiggly-info`).count();
  await wb.waitFor(async () => (await hints()) === 1, 10_000, 'the unknown-name info under "Jurrati"');
  await wb.applyQuickFix("Change to 'Jurati'", { beforePick: () => screenshot('quick-fix-menu') });
  await wb.waitFor(async () => /Rios and Jurati had claimed/.test(await wb.editorProse()), 10_000, 'the editor to read "Rios and Jurati"');
  await wb.waitFor(async () => (await hints()) === 0, 10_000, 'the info squiggle to go away');
  await screenshot('quick-fix-applied');

  await wb.undoUntil(async () => !(await wb.isDirty()) && (await wb.editorProse()) === before,
    { message: 'Ctrl+Z to bring back "Jurrati"' });
}

export async function checkContinuityReportsASummary({ wb, screenshot }) {
  await wb.dismiss();
  await wb.runCommand('Lorekeeper: Check Continuity');
  const summary = await wb.waitForNotification('contradictions', 30_000);
  await wb.waitForNoNotification('checking continuity'); // the progress toast has gone
  assert.match(summary, new RegExp(`${ALL_CODES.length} contradictions in 2 manuscripts: `));
  // Each check named in words, never by its code.
  for (const words of ['1 dead character acting', '1 character acting before their birth', '1 ship, place or thing outside its existence', '1 wrong date', '1 wrong age', '1 wrong time since an event', '1 title or name that does not hold yet or any more', '1 possibly misspelled name']) {
    assert.ok(summary.includes(words), `the summary says "${words}": ${summary}`);
  }
  for (const code of ALL_CODES) assert.ok(!summary.includes(code), `no code in the summary: ${summary}`);
  await screenshot('check-continuity-summary');
}
