// "Lorekeeper: New Lore Base" and "Lorekeeper: New Lore Entry": start a fandom from the editor.
// The questions are asked here; the files and snippets come from the engine (features/newLore).
import * as vscode from 'vscode';
import { CALENDAR_CHOICES, calendarOf, entryInsertion, entrySnippet, exampleEntryFile, fileForKind, newChapterText, settingsFile, type CalendarChoice } from '../core/features/newLore';
import { ENTRY_KINDS } from '../core/lore/fields';
import { currentText } from './fileEdits';
import type { Project } from './project';

export const NEW_LORE_BASE = 'lorekeeper.newLoreBase';
export const NEW_LORE_ENTRY = 'lorekeeper.newLoreEntry';
export const NEW_CHAPTER = 'lorekeeper.newChapter';

/** Answers given in advance (by the walkthrough's links or the tests): no question is asked for them. */
export interface NewLoreBaseAnswers {
  title?: string;
  calendar?: CalendarChoice;
}

export interface NewLoreEntryAnswers {
  kind?: string;
  /** A path relative to the workspace folder (`lore/characters.yaml`). */
  file?: string;
}

export function registerNewLore(project: Project): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(NEW_LORE_BASE, (answers?: NewLoreBaseAnswers) => newLoreBase(project, answers ?? {})),
    vscode.commands.registerCommand(NEW_LORE_ENTRY, (answers?: NewLoreEntryAnswers) => newLoreEntry(project, answers ?? {})),
    vscode.commands.registerCommand(NEW_CHAPTER, () => newChapter(project)),
  );
}

/** `chapters/chapter-N.md` (the first free N), opening on a dated scene marker. */
async function newChapter(project: Project): Promise<vscode.Uri> {
  const state = await project.ready();
  let n = 1;
  let uri = vscode.Uri.joinPath(project.root, 'chapters', 'chapter-1.md');
  while ((await currentText(uri)) !== undefined) uri = vscode.Uri.joinPath(project.root, 'chapters', `chapter-${++n}.md`);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { contents: new TextEncoder().encode(newChapterText(state.lore.base.calendar)) });
  await vscode.workspace.applyEdit(edit);
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const line = editor.document.lineAt(1).range;
  editor.selection = new vscode.Selection(line.start, line.end);
  return uri;
}

async function loreFolder(project: Project): Promise<{ name: string; uri: vscode.Uri }> {
  const state = await project.ready();
  // New entries go in the story's own layer (the last one); the settings in the first.
  const name = state.settings.lore[state.settings.lore.length - 1] ?? 'lore';
  return { name, uri: vscode.Uri.joinPath(project.root, name) };
}

async function newLoreBase(project: Project, answers: NewLoreBaseAnswers): Promise<vscode.Uri | undefined> {
  const state = await project.ready();
  const folderName = state.settings.lore[0] ?? 'lore';
  const folder = vscode.Uri.joinPath(project.root, folderName);
  const settings = vscode.Uri.joinPath(folder, '_settings.yaml');
  if ((await currentText(settings)) !== undefined) {
    void vscode.window.showInformationMessage(`Lorekeeper: ${folderName}/_settings.yaml already exists; it is opened for you.`);
    await vscode.window.showTextDocument(settings);
    return settings;
  }
  const title = answers.title ?? (await vscode.window.showInputBox({ title: 'New Lore Base (1/2)', prompt: 'The canon\'s title', placeHolder: 'Harry Potter', ignoreFocusOut: true }));
  if (title === undefined) return undefined;
  let calendar = answers.calendar;
  if (!calendar) {
    const picked = await vscode.window.showQuickPick(
      CALENDAR_CHOICES.map((c) => ({ label: c.label, detail: c.detail, choice: c.choice })),
      { title: 'New Lore Base (2/2): how does this canon write its years?', ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    calendar = picked.choice;
    if (calendar.kind === 'custom') {
      const eras = await vscode.window.showInputBox({ title: 'Eras of my own', prompt: 'The era before year 0 and the era after it, separated by a slash (either may be empty)', placeHolder: 'BC/AD', ignoreFocusOut: true });
      if (eras === undefined) return undefined;
      const [before, after] = eras.split('/').map((e) => e.trim());
      calendar = { kind: 'custom', before: before || undefined, after: after || undefined };
    }
  }
  const example = vscode.Uri.joinPath(folder, 'characters.yaml');
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(settings, { contents: new TextEncoder().encode(settingsFile(title, calendar)) });
  if ((await currentText(example)) === undefined) edit.createFile(example, { contents: new TextEncoder().encode(exampleEntryFile(calendarOf(calendar))) });
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  project.scheduleReload(0);
  await vscode.window.showTextDocument(example, { preview: false });
  void vscode.window.showInformationMessage(`Lorekeeper: the lore base "${title}" is ready in ${folderName}/. Add a first character with "Lorekeeper: New Lore Entry".`);
  return settings;
}

async function newLoreEntry(project: Project, answers: NewLoreEntryAnswers): Promise<vscode.Uri | undefined> {
  const state = await project.ready();
  const kind = answers.kind ?? (await vscode.window.showQuickPick([...ENTRY_KINDS], { title: 'New Lore Entry (1/2): what is it?', ignoreFocusOut: true }));
  if (!kind) return undefined;
  const folder = await loreFolder(project);
  let uri: vscode.Uri;
  if (answers.file) uri = vscode.Uri.joinPath(project.root, answers.file);
  else {
    const suggested = `${folder.name}/${fileForKind(kind)}`;
    const files = state.loaded.files.map((f) => vscode.Uri.parse(f)).filter((f) => project.relativePath(f)?.startsWith(`${folder.name}/`) && !/_?settings\.ya?ml$/.test(f.path));
    const items = [
      ...(files.some((f) => project.relativePath(f) === suggested) ? [] : [{ label: `$(new-file) ${suggested}`, description: 'a new file', uri: vscode.Uri.joinPath(project.root, suggested) }]),
      ...files.map((f) => ({ label: project.relativePath(f) ?? f.path, description: '', uri: f })),
    ].sort((a, b) => Number(b.label.endsWith(fileForKind(kind))) - Number(a.label.endsWith(fileForKind(kind))));
    const picked = await vscode.window.showQuickPick(items, { title: 'New Lore Entry (2/2): in which file?', ignoreFocusOut: true });
    if (!picked) return undefined;
    uri = picked.uri;
  }
  const before = await currentText(uri);
  if (before === null) return undefined;
  if (before === undefined) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true });
    await vscode.workspace.applyEdit(edit);
  }
  const where = entryInsertion(before ?? '');
  if (!where.ok) {
    void vscode.window.showWarningMessage(`Lorekeeper: cannot add an entry to ${project.relativePath(uri) ?? uri.path}: ${where.reason}.`);
    return undefined;
  }
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  const snippet = new vscode.SnippetString(`${where.prefix.replace(/\$/g, '\\$')}${entrySnippet(kind, state.lore.base.calendar, where.indent)}`);
  await editor.insertSnippet(snippet, end);
  return uri;
}
