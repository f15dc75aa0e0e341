// "Lorekeeper: New Lore Base" and "Lorekeeper: New Lore Entry": start a fandom from the editor.
// The questions are asked here; the files and snippets come from the server (lorekeeper/newLoreText,
// lorekeeper/projectInfo, lorekeeper/loreVocabulary), in the lore's calendar.
import * as vscode from 'vscode';
import { LoreFilesRequest, LoreVocabularyRequest, NewLoreTextRequest, ProjectInfoRequest, ReloadLoreRequest, type LoreVocabularyResult, type ProjectInfoResult } from '../server/protocol';
import type { LoreClient } from './client';
import { currentText, relativePath } from './fileEdits';

type CalendarChoice = LoreVocabularyResult['calendars'][number]['choice'];

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

interface Project {
  lore: LoreClient;
  root: vscode.Uri;
}

export function registerNewLore(lore: LoreClient, root: vscode.Uri): vscode.Disposable {
  const project: Project = { lore, root };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(NEW_LORE_BASE, (answers?: NewLoreBaseAnswers) => newLoreBase(project, answers ?? {})),
    vscode.commands.registerCommand(NEW_LORE_ENTRY, (answers?: NewLoreEntryAnswers) => newLoreEntry(project, answers ?? {})),
    vscode.commands.registerCommand(NEW_CHAPTER, () => newChapter(project)),
  );
}

async function infoOf(project: Project): Promise<ProjectInfoResult | undefined> {
  return (await project.lore.request(ProjectInfoRequest, { uri: project.root.toString() })) ?? undefined;
}

/** `chapters/chapter-N.md` (the first free N), opening on a dated scene marker. */
async function newChapter(project: Project): Promise<vscode.Uri | undefined> {
  const text = await project.lore.request(NewLoreTextRequest, { uri: project.root.toString(), what: 'chapter' });
  if (text?.what !== 'chapter') return undefined;
  let n = 1;
  let uri = vscode.Uri.joinPath(project.root, 'chapters', 'chapter-1.md');
  while ((await currentText(uri)) !== undefined) uri = vscode.Uri.joinPath(project.root, 'chapters', `chapter-${++n}.md`);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { contents: new TextEncoder().encode(text.text) });
  await vscode.workspace.applyEdit(edit);
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const line = editor.document.lineAt(1).range;
  editor.selection = new vscode.Selection(line.start, line.end);
  return uri;
}

async function newLoreBase(project: Project, answers: NewLoreBaseAnswers): Promise<vscode.Uri | undefined> {
  const info = await infoOf(project);
  const folderName = info?.lore[0] ?? 'lore';
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
    const { calendars } = await project.lore.request0(LoreVocabularyRequest);
    const picked = await vscode.window.showQuickPick(
      calendars.map((c) => ({ label: c.label, detail: c.detail, choice: c.choice })),
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
  const texts = await project.lore.request(NewLoreTextRequest, { uri: project.root.toString(), what: 'base', title, calendar });
  if (texts?.what !== 'base') return undefined;
  const example = vscode.Uri.joinPath(folder, 'characters.yaml');
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(settings, { contents: new TextEncoder().encode(texts.settings) });
  if ((await currentText(example)) === undefined) edit.createFile(example, { contents: new TextEncoder().encode(texts.example) });
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  // The server hears of the new files from the file watcher; the lore is read again at once.
  void project.lore.request0(ReloadLoreRequest).catch(() => undefined);
  await vscode.window.showTextDocument(example, { preview: false });
  void vscode.window.showInformationMessage(`Lorekeeper: the lore base "${title}" is ready in ${folderName}/. Add a first character with "Lorekeeper: New Lore Entry".`);
  return settings;
}

async function newLoreEntry(project: Project, answers: NewLoreEntryAnswers): Promise<vscode.Uri | undefined> {
  const kind = answers.kind ?? (await vscode.window.showQuickPick((await project.lore.request0(LoreVocabularyRequest)).kinds, { title: 'New Lore Entry (1/2): what is it?', ignoreFocusOut: true }));
  if (!kind) return undefined;
  let uri: vscode.Uri;
  if (answers.file) uri = vscode.Uri.joinPath(project.root, answers.file);
  else {
    // The story's own layer's files, those of the kind first, or a new file named for the kind.
    const found = await project.lore.request(LoreFilesRequest, { uri: project.root.toString(), kind });
    if (!found || found.files.length === 0) {
      void vscode.window.showWarningMessage('Lorekeeper: the story has no lore folder inside the workspace to add the entry to.');
      return undefined;
    }
    const items = found.files.map((f) => ({ label: f.exists ? f.label : `$(new-file) ${f.label}`, description: f.exists ? '' : 'a new file', uri: vscode.Uri.parse(f.uri) }));
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
  const where = await project.lore.request(NewLoreTextRequest, { uri: project.root.toString(), what: 'entry', kind, existing: before });
  if (where?.what !== 'entry') return undefined;
  if ('error' in where) {
    void vscode.window.showWarningMessage(`Lorekeeper: cannot add an entry to ${relativePath(project.root, uri) ?? uri.path}: ${where.error}.`);
    return undefined;
  }
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  const snippet = new vscode.SnippetString(where.snippet);
  await editor.insertSnippet(snippet, end);
  return uri;
}
