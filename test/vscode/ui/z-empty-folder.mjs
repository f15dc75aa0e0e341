// Issue 11, a new fandom from nothing, through the workbench: code-server on an EMPTY folder →
// Lorekeeper: New Lore Base (its prompts answered) → New Lore Entry (a character, its snippet
// filled in, a death date added) → New Chapter with a Dated Scene, where that character acts
// after death → the warning in the Problems panel, its message in words. Runs last: it leaves
// the sample workspace, and goes back to it at the end.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const QUICK_INPUT = '.quick-input-widget';

export async function anEmptyFolderToAFirstWarning({ page, wb, workspace, serverUrl, screenshot }) {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'lorekeeper-empty-'));
  assert.deepEqual(fs.readdirSync(empty), [], 'the folder is empty');
  const quickInput = page.locator(QUICK_INPUT);
  /** Types an answer into the open input box or picker and presses Enter. */
  const answer = async (what, text, row) => {
    await wb.waitFor(() => quickInput.isVisible(), 15_000, `the prompt for ${what}`);
    if (text) await page.keyboard.type(text, { delay: 20 });
    if (row) await wb.waitFor(() => page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: row }).first().isVisible(), 10_000, `"${row}" offered for ${what}`);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
  };
  try {
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(empty)}`, { waitUntil: 'domcontentloaded' });
    // An empty folder lists no rows in the Explorer: wait for the workbench and the folder's name.
    await wb.waitFor(() => page.locator('.monaco-workbench .part.statusbar').isVisible(), 60_000, 'the workbench on the empty folder');
    await wb.waitFor(async () => (await page.title()).includes(path.basename(empty)), 30_000, 'the empty folder open');
    await page.waitForTimeout(1500);
    await wb.dismiss();

    // New Lore Base: the canon's title, then how it writes its years.
    await wb.runCommand('Lorekeeper: New Lore Base', { prompts: true, timeout: 30_000 });
    await answer("the canon's title", 'Harry Potter');
    await answer('the calendar', 'Plain years', 'Plain years');
    await wb.waitFor(() => fs.existsSync(path.join(empty, 'lore', '_settings.yaml')), 20_000, 'lore/_settings.yaml written');
    assert.match(fs.readFileSync(path.join(empty, 'lore', '_settings.yaml'), 'utf8'), /title: Harry Potter/);
    await wb.waitFor(async () => (await wb.activeTabName()) === 'characters.yaml', 15_000, 'the commented example entry opened');

    // New Lore Entry: a character, in lore/characters.yaml; the snippet's tab stops filled in.
    await wb.runCommand('Lorekeeper: New Lore Entry', { prompts: true });
    await answer('the kind', 'character', 'character');
    await answer('the file', '', 'characters.yaml');
    await wb.waitFor(async () => (await wb.editorText()).includes('- name: Name'), 15_000, 'the entry snippet inserted');
    // To the next tab stop: a completion popup the typing opened would take the Tab, so close it
    // first (Escape closes only the popup; the snippet's tab stops stay).
    const suggest = page.locator('.monaco-editor .suggest-widget.visible');
    const nextStop = async () => {
      await page.waitForTimeout(400);
      if (await suggest.isVisible()) {
        await page.keyboard.press('Escape');
        await wb.waitFor(async () => !(await suggest.isVisible()), 5_000, 'the completion popup closed');
      }
      await page.keyboard.press('Tab');
    };
    await page.keyboard.type('Albus Dumbledore', { delay: 20 }); // ${1:Name}
    await nextStop(); // aliases
    await page.keyboard.type('Dumbledore', { delay: 20 });
    await nextStop(); // born
    await page.keyboard.type('1881', { delay: 20 });
    await nextStop(); // summary
    await page.keyboard.type('Headmaster of Hogwarts', { delay: 20 });
    await page.waitForTimeout(400);
    if (await suggest.isVisible()) await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    // A death date on a new line: Enter keeps the entry's indentation.
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('died: 1960-06-30', { delay: 20 });
    await page.keyboard.press('Control+S');
    const yaml = path.join(empty, 'lore', 'characters.yaml');
    await wb.waitFor(() => /- name: Albus Dumbledore[\s\S]*born: 1881[\s\S]*\n {2}died: 1960-06-30/.test(fs.readFileSync(yaml, 'utf8')), 15_000, 'the entry saved with its death date')
      .catch((error) => { throw new Error(`${error.message}; the file reads:\n${fs.readFileSync(yaml, 'utf8')}`); });

    // A new chapter with a dated scene (after his death), where he acts.
    await wb.runCommand('Lorekeeper: New Chapter with a Dated Scene');
    await wb.waitFor(async () => (await wb.activeTabName()) === 'chapter-1.md', 15_000, 'chapters/chapter-1.md opened');
    // The tab is marked active a moment before the editor draws the new file's lines: wait for them.
    const marker = await wb.waitFor(async () => (await wb.editorProse()).match(/when: (\d{4})/), 15_000, "the chapter's scene marker drawn")
      .catch(async (error) => { throw new Error(`${error.message}; the editor shows: ${await wb.editorProse()}`); });
    assert.ok(Number(marker[1]) > 1960, `the chapter's scene marker dates it after 1960: ${marker[0]}`);
    // The command selects the placeholder line once the chapter is shown: type only then.
    await wb.waitFor(() => page.locator('.statusbar-item', { hasText: /\(\d+ selected\)/ }).first().isVisible(), 15_000, 'the placeholder line selected');
    await page.keyboard.type('Albus Dumbledore smiled at the new students.', { delay: 20 }); // replaces the selected placeholder line
    await page.keyboard.press('Control+S');
    const chapter = path.join(empty, 'chapters', 'chapter-1.md');
    await wb.waitFor(() => fs.existsSync(chapter) && fs.readFileSync(chapter, 'utf8').includes('smiled at the new students'), 15_000, 'the chapter saved');
    assert.match(fs.readFileSync(chapter, 'utf8'), /^<!-- when: \d{4}-\d{2}-\d{2} -->\nAlbus Dumbledore smiled at the new students\.\n?$/, 'the marker kept, the placeholder replaced');

    // The warning, in the Problems panel, written as prose.
    await screenshot('empty-folder-chapter-written');
    await wb.openProblems();
    const problem = (await wb.waitForProblem('Albus Dumbledore died', 30_000)).find((row) => row.includes('Albus Dumbledore died'));
    assert.match(problem, /Albus Dumbledore died on 30 June 1960, but this scene is set on \d{1,2} [A-Z][a-z]+ \d{4}\./);
    assert.doesNotMatch(problem, /\d{4}-\d{2}/, 'no ISO date in the message');
    await screenshot('empty-folder-first-warning');
    await wb.closePanel();
  } catch (error) {
    await screenshot('empty-folder-failed').catch(() => {});
    throw error;
  } finally {
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' }).catch(() => {});
    await wb.waitForWorkbench().catch(() => {});
    fs.rmSync(empty, { recursive: true, force: true });
  }
}
