// Helpers that drive the VS Code workbench (code-server in headless Chromium) the way a
// writer would: keyboard, mouse, what is on screen. Used by test/vscode/ui/*.mjs through
// `ctx.wb` (the runner, scripts/vscode/run.mjs, creates it with createWorkbench(ctx)).
//
// Every helper waits on a condition with a deadline; none sleeps a fixed time.
// Selectors are those of VS Code 1.139 (code-server 4.139.1).
import fs from 'node:fs';
import path from 'node:path';

const EDITOR = '.part.editor .editor-group-container.active .monaco-editor';
const QUICK_INPUT = '.quick-input-widget';
const SUGGEST_ROWS = '.suggest-widget.visible .monaco-list-row';
const HOVER = '.monaco-hover:not(.hidden)';

/** Poll `condition` (sync or async) until it returns a truthy value, which is returned. */
export async function waitFor(condition, timeout = 10_000, message = 'condition') {
  const until = Date.now() + timeout;
  let lastError;
  for (let delay = 50; ; delay = Math.min(delay * 2, 250)) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (err) {
      if (err?.fatal) throw err; // no point waiting any longer
      lastError = err;
    }
    if (Date.now() > until) {
      const why = lastError ? ` (last error: ${String(lastError.message ?? lastError).split('\n')[0]})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${why}`);
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

/**
 * @param {{page: import('playwright-core').Page, workspace: string, logsDir?: string,
 *          extensionId?: string}} ctx
 */
export function createWorkbench(ctx) {
  const { page } = ctx;
  const visible = (selector) => page.locator(selector).first().isVisible().catch(() => false);

  const wb = {
    page,
    waitFor,
    /** Selector of the active editor (the one keys go to). */
    editor: EDITOR,

    /** The workbench is up, connected, and shows the workspace folder in the Explorer. */
    async waitForWorkbench(timeout = 60_000) {
      await waitFor(() => visible('.monaco-workbench .part.statusbar'), timeout, 'the workbench to render');
      await waitFor(() => visible('.explorer-folders-view .monaco-list-row'), timeout, 'the Explorer to list the workspace');
    },

    /**
     * Wait until the extension host has activated `extensionId` (default: the extension
     * under test). Reads the remote extension host log, which records every activation;
     * fails fast if activation threw.
     */
    async waitForActivation(extensionId = ctx.extensionId, timeout = 30_000) {
      if (!ctx.logsDir) throw new Error('waitForActivation needs ctx.logsDir');
      const id = extensionId.toLowerCase();
      return waitFor(() => {
        for (const file of listFiles(ctx.logsDir).filter((f) => /exthost\.log$/i.test(f))) {
          const text = fs.readFileSync(file, 'utf8');
          for (const line of text.split('\n')) {
            const l = line.toLowerCase();
            if (l.includes(`activating extension '${id}' failed`) || l.includes(`activating extension ${id} failed`)) {
              throw Object.assign(new Error(`activation of ${extensionId} failed: ${line}`), { fatal: true });
            }
            if (l.includes(`_doactivateextension ${id},`)) return line;
          }
        }
        return false;
      }, timeout, `activation of ${extensionId}`);
    },

    /** Open a workspace file by its path relative to the workspace folder. */
    async openFile(relPath, { via = 'quickopen', timeout = 20_000 } = {}) {
      const base = path.basename(relPath);
      if (via === 'explorer') {
        const parts = relPath.split(/[\\/]/);
        for (let i = 0; i < parts.length; i++) {
          const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${i + 1}"]`, { hasText: parts[i] }).first();
          await waitFor(() => row.isVisible(), timeout, `Explorer row ${parts.slice(0, i + 1).join('/')}`);
          const expanded = await row.getAttribute('aria-expanded');
          if (i < parts.length - 1) { if (expanded !== 'true') await row.click(); } else await row.click();
        }
      } else {
        // Ctrl+P, enter the path, wait until the *focused* row is our file (the list
        // first shows recent files), Enter; retried until the tab is active.
        const input = page.locator(`${QUICK_INPUT} .quick-input-box input`).first();
        const focused = page.locator(`${QUICK_INPUT} .monaco-list-row.focused`).first();
        await waitFor(async () => {
          if ((await wb.activeTabName()) === base) return true;
          await wb.dismiss();
          await page.keyboard.press('Control+P');
          if (!(await waitFor(() => visible(QUICK_INPUT), 2000, 'Quick Open').catch(() => false))) return false;
          await input.fill(relPath);
          const ready = await waitFor(async () => ((await focused.getAttribute('aria-label').catch(() => '')) ?? '').includes(base),
            3000, 'the file in Quick Open').catch(() => false);
          if (!ready) return false;
          await page.keyboard.press('Enter');
          return waitFor(async () => (await wb.activeTabName()) === base, 3000, 'the tab').catch(() => false);
        }, timeout, `Quick Open (Ctrl+P) to open ${relPath}`);
      }
      await waitFor(async () => (await wb.activeTabName()) === base && visible(`${EDITOR} .view-lines`), timeout, `${relPath} open in the active editor`);
      await wb.focusEditor();
    },

    /** Name of the active editor tab. */
    async activeTabName() {
      const t = page.locator('.part.editor .editor-group-container.active .tab.active').first();
      return (await t.count()) ? (await t.getAttribute('data-resource-name')) ?? undefined : undefined;
    },

    async focusEditor() {
      await page.locator(`${EDITOR} .view-lines`).first().waitFor({ state: 'visible' });
      // Focus without moving the cursor: the command keeps the editor's selection.
      await page.evaluate((sel) => {
        const el = document.querySelector(`${sel} .native-edit-context, ${sel} textarea.inputarea`);
        if (el instanceof HTMLElement) el.focus();
      }, EDITOR);
      await waitFor(() => page.evaluate((sel) => !!document.querySelector(sel)?.contains(document.activeElement), EDITOR), 5000, 'the editor to take focus');
    },

    /** Text of the active editor as rendered (visible lines only). */
    async editorText() {
      return page.evaluate((sel) => [...document.querySelectorAll(`${sel} .view-lines .view-line`)]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n'), EDITOR);
    },

    /**
     * The active editor's visible text as one paragraph: wrapped lines joined, runs of
     * white space collapsed (a long prose line is wrapped over several view lines).
     */
    async editorProse() {
      // Without the scene markers' inlay hints (`September 2399 · normal`): they draw in the view lines,
      // and a moment later than the text, so two reads of one text could differ.
      return (await wb.editorText()).replace(/ ?\S+ · (?:normal|dream|memory|vision|hologram|simulation)\b/g, '').replace(/\s+/g, ' ');
    },

    /** Whether the active editor tab has unsaved changes. */
    async isDirty() {
      return page.locator('.part.editor .editor-group-container.active .tab.active.dirty').count().then((n) => n > 0);
    },

    /**
     * Ctrl+Z until `done()` holds (one keystroke at a time, so never more undos than
     * needed; typed text can take one undo stop or several).
     */
    async undoUntil(done, { timeout = 10_000, message = 'the undo to restore the text' } = {}) {
      await wb.focusEditor();
      await waitFor(async () => {
        if (await done()) return true;
        await page.keyboard.press('Control+Z');
        return waitFor(done, 500, message).catch(() => false);
      }, timeout, message);
    },

    /** The status bar item whose text contains `text`; returns its text once shown. */
    async statusBarItem(text, { timeout = 15_000 } = {}) {
      const item = page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
      return waitFor(async () => (await item.isVisible().catch(() => false)) && (await item.innerText()).trim(),
        timeout, `a status bar item showing "${text}"`);
    },

    /** Move the cursor (Ctrl+G line[:column]). */
    async goTo(line, column = 1) {
      await wb.focusEditor();
      await page.keyboard.press('Control+G');
      await waitFor(() => visible(QUICK_INPUT), 5000, 'Go to Line');
      await page.keyboard.type(`${line}:${column}`);
      await page.keyboard.press('Enter');
      await waitFor(async () => !(await visible(QUICK_INPUT)), 5000, 'Go to Line to close');
    },

    /** Type into the focused editor; `{ at: 'end' }` first moves to the end of the file. */
    async typeText(text, { at } = {}) {
      await wb.focusEditor();
      if (at === 'end') await page.keyboard.press('Control+End');
      await page.keyboard.type(text);
      const lastLine = text.split('\n').pop().trim();
      if (lastLine) {
        await waitFor(async () => (await wb.editorText()).includes(lastLine), 5000, `typed text "${lastLine}" to appear`);
      }
    },

    /**
     * Ctrl+Space until the suggest widget shows rows (the first press can come before the
     * extension activated). Returns the rows' labels.
     */
    async triggerSuggest({ timeout = 20_000, expect } = {}) {
      await wb.focusEditor();
      return waitFor(async () => {
        await page.keyboard.press('Control+Space');
        const shown = await waitFor(() => page.locator(SUGGEST_ROWS).count(), 2500, 'suggest widget').catch(() => 0);
        if (!shown) { await page.keyboard.press('Escape'); return false; }
        const labels = await wb.suggestions();
        if (expect && !labels.some((l) => l.includes(expect))) { await page.keyboard.press('Escape'); return false; }
        return labels;
      }, timeout, `suggestions${expect ? ` including "${expect}"` : ''} (Ctrl+Space)`);
    },

    /**
     * The visible suggest rows as a writer reads them: the name, its detail (what
     * Lorekeeper writes after the name, e.g. " † 2379"), the description on the right,
     * and whether the row has the focus.
     */
    async suggestRows() {
      return page.locator(SUGGEST_ROWS).evaluateAll((rows) => rows.map((r) => ({
        label: r.querySelector('.label-name')?.textContent.trim() ?? '',
        detail: r.querySelector('.signature-label')?.textContent.trim() ?? '',
        description: r.querySelector('.details-label')?.textContent.trim() ?? '',
        focused: r.classList.contains('focused'),
      })));
    },

    /** Labels of the visible suggest rows. */
    async suggestions() {
      return page.locator(`${SUGGEST_ROWS} .label-name`).allTextContents()
        .then((l) => l.map((s) => s.trim()));
    },

    /** Accept the suggestion whose label contains `label` (or the focused one). */
    async acceptSuggestion(label) {
      if (label) {
        await page.locator(SUGGEST_ROWS, { hasText: label }).first().click();
      } else {
        await page.keyboard.press('Enter');
      }
      await waitFor(async () => (await page.locator(SUGGEST_ROWS).count()) === 0, 5000, 'the suggest widget to close');
    },

    /**
     * Hover the first visible occurrence of `word` in the active editor; returns the
     * hover's text once `.monaco-hover:not(.hidden)` shows something.
     */
    async hoverWord(word, { timeout = 15_000, expect } = {}) {
      return waitFor(async () => {
        const box = await page.evaluate(({ sel, word }) => {
          const lines = document.querySelectorAll(`${sel} .view-lines .view-line`);
          for (const line of lines) {
            const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const text = n.textContent.replace(/\u00a0/g, ' ');
              const re = new RegExp(`(^|[^\\p{L}\\p{N}_])(${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?![\\p{L}\\p{N}_])`, 'u');
              const m = re.exec(text);
              if (!m) continue;
              const start = m.index + m[1].length;
              const range = document.createRange();
              range.setStart(n, start);
              range.setEnd(n, start + word.length);
              const r = range.getBoundingClientRect();
              if (r.width > 0) return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
            }
          }
          return null;
        }, { sel: EDITOR, word });
        if (!box) throw new Error(`"${word}" is not visible in the active editor`);
        // Leave first so the hover controller sees a fresh mouse move onto the word.
        await page.mouse.move(box.x, box.y + 200);
        await page.mouse.move(box.x, box.y, { steps: 3 });
        const text = await waitFor(async () => {
          const h = page.locator(HOVER).last();
          if (!(await h.isVisible().catch(() => false))) return false;
          const t = (await h.innerText()).trim();
          return t && !/^Loading\.\.\.$/.test(t) ? t : false;
        }, 3000, 'a hover').catch(() => false);
        if (!text) return false;
        if (expect && !text.includes(expect)) throw new Error(`the hover shows only: ${text.replace(/\s+/g, ' ').slice(0, 100)}…`);
        return text;
      }, timeout, `a hover on "${word}"${expect ? ` containing "${expect}"` : ''}`);
    },

    /**
     * Run a command by its palette title (F1, type, pick the exact title). A command that asks
     * something (`prompts`) reuses the same quick input at once, so the palette is done when its
     * `>` query is gone, not only when the widget closes.
     */
    async runCommand(title, { timeout = 15_000, prompts = false } = {}) {
      await wb.dismiss();
      const row = page.locator(`${QUICK_INPUT} .monaco-list-row`).filter({
        has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(title)}\\s*$`) }),
      }).first();
      // The palette keeps the list of commands it opened with: in a window that has just opened,
      // the extensions' commands are registered a moment later, so a palette opened too early never
      // lists them. Close it and open it again until the command is there.
      await waitFor(async () => {
        await page.keyboard.press('F1');
        if (!(await waitFor(() => visible(QUICK_INPUT), 2000, 'command palette').catch(() => false))) return false;
        await page.keyboard.type(title);
        if (await waitFor(() => row.isVisible(), 3000, `command "${title}" in the palette`).catch(() => false)) return true;
        await page.keyboard.press('Escape');
        await waitFor(async () => !(await visible(QUICK_INPUT)), 2000, 'the palette closed').catch(() => {});
        return false;
      }, timeout, `command "${title}" in the palette`);
      await row.click();
      const paletteGone = async () => {
        if (!(await visible(QUICK_INPUT))) return true;
        if (!prompts) return false;
        const query = await page.locator(`${QUICK_INPUT} input`).first().inputValue().catch(() => '>');
        return !query.startsWith('>');
      };
      await waitFor(paletteGone, timeout, 'the command palette to close');
    },

    /**
     * Wait for a notification toast containing `text`, fully shown (its fade-in done);
     * returns its text.
     */
    async waitForNotification(text, timeout = 15_000) {
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
      await waitFor(async () => (await toast.isVisible()) && /\bnotification-fade-in-done\b/.test(await toast.getAttribute('class')),
        timeout, `a notification containing "${text}"`);
      return (await toast.innerText()).trim();
    },

    /** Wait until no notification toast contains `text` (e.g. a finished progress). */
    async waitForNoNotification(text, timeout = 15_000) {
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text });
      await waitFor(async () => (await toast.count()) === 0, timeout, `the notification "${text}" to go away`);
    },

    /** Open the Problems panel (Ctrl+Shift+M); returns the rows' texts. */
    async openProblems({ timeout = 10_000 } = {}) {
      if (!(await visible('.markers-panel'))) {
        await waitFor(async () => {
          await page.keyboard.press('Control+Shift+M');
          return waitFor(() => visible('.markers-panel'), 2000, 'Problems').catch(() => false);
        }, timeout, 'the Problems panel (Ctrl+Shift+M)');
      }
      return wb.problems();
    },

    /** Rows of the Problems panel (file rows and marker rows) as aria-labels/text. */
    async problems() {
      const rows = page.locator('.markers-panel .monaco-list-row');
      const n = await rows.count();
      const out = [];
      for (let i = 0; i < n; i++) {
        const r = rows.nth(i);
        out.push(((await r.getAttribute('aria-label')) || (await r.innerText())).trim());
      }
      return out;
    },

    /** Wait until a Problems row contains `text`; returns all rows. */
    async waitForProblem(text, timeout = 15_000) {
      await wb.openProblems();
      return waitFor(async () => {
        const rows = await wb.problems();
        return rows.some((r) => r.includes(text)) ? rows : false;
      }, timeout, `a problem containing "${text}"`);
    },

    /** Close the panel (Problems, Output, …) if it is open: Ctrl+J toggles it. */
    async closePanel({ timeout = 10_000 } = {}) {
      const panelOpen = () => visible('.part.panel');
      await waitFor(async () => {
        if (!(await panelOpen())) return true;
        await page.keyboard.press('Control+J');
        return waitFor(async () => !(await panelOpen()), 2000, 'the panel to close').catch(() => false);
      }, timeout, 'the panel to close (Ctrl+J)');
    },

    /** Problem count from the status bar (errors + warnings). */
    async problemCount() {
      const label = await page.locator('#status\\.problems').first().getAttribute('aria-label').catch(() => null);
      return (label?.match(/\d+/g) ?? []).map(Number).reduce((a, b) => a + b, 0);
    },

    /**
     * Ctrl+. at the cursor and pick the quick fix whose title contains `label`.
     * Put the cursor on the problem first (goTo). `beforePick` runs while the menu is
     * open (e.g. to take a screenshot of it).
     */
    async applyQuickFix(label, { timeout = 15_000, beforePick } = {}) {
      await wb.focusEditor();
      const item = page.locator('.action-widget .monaco-list-row', { hasText: label }).first();
      await waitFor(async () => {
        await page.keyboard.press('Control+.');
        const ok = await waitFor(() => item.isVisible(), 2500, 'quick fix menu').catch(() => false);
        if (!ok) await page.keyboard.press('Escape');
        return ok;
      }, timeout, `quick fix "${label}" (Ctrl+.)`);
      if (beforePick) await beforePick();
      await item.click();
      await waitFor(async () => !(await item.isVisible().catch(() => false)), 5000, 'the quick fix menu to close');
    },

    /** Close transient UI (quick input, suggest, hover, menus). */
    async dismiss() {
      for (let i = 0; i < 3; i++) {
        const open = await page.evaluate((q) => !!document.querySelector(
          `${q}:not([style*="display: none"]), .suggest-widget.visible, .monaco-hover:not(.hidden), .action-widget`), QUICK_INPUT);
        if (!open) return;
        await page.keyboard.press('Escape');
      }
    },
  };
  return wb;
}

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

function listFiles(dir) {
  try {
    return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}
