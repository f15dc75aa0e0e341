// The story quick fixes that need VS Code: "Add 'Name' to the lore…" asks what the name is (a
// character, a place, a ship…) and in which lore file it goes (files of that kind first, or a new
// one); the server computes the edit, keeping every byte already in the file. And saving a file a
// quick fix edited. The fixes themselves come from the server (src/server/codeActions.ts).
import * as vscode from 'vscode';
import { ADD_TO_LORE_COMMAND, AddEntryRequest, LoreFilesRequest, LoreVocabularyRequest, SAVE_FILE_COMMAND } from '../server/protocol';
import type { LoreClient } from './client';

/** Answers given in advance (tests, other extensions): no question is asked for them. */
export interface AddToLoreArgs {
  uri: string;
  name: string;
  kind?: string;
  /** The lore file's URI, or a path relative to the workspace folder. */
  file?: string;
}

const KIND_DETAIL: Record<string, string> = {
  character: 'a person, a droid, an animal with a name',
  place: 'a planet, a city, a house, a room',
  ship: 'a starship, a boat, a vehicle with a name',
  organization: 'a house, a crew, an order, a company',
  event: 'a battle, a wedding, a war, with its date',
  item: 'a sword, a ring, an artefact',
  species: 'a people or a kind of creature',
  concept: 'a spell, a law, an idea of the canon',
};

export function registerAddToLore(lore: LoreClient): vscode.Disposable {
  return vscode.commands.registerCommand(ADD_TO_LORE_COMMAND, (args: AddToLoreArgs) => addToLore(lore, args));
}

/** Returns the lore file edited, or undefined when the writer cancelled or the file could not take the entry. */
async function addToLore(lore: LoreClient, args: AddToLoreArgs): Promise<vscode.Uri | undefined> {
  if (!args || typeof args.uri !== 'string' || typeof args.name !== 'string') return undefined;
  const { name, uri } = args;
  let kind = args.kind;
  if (!kind) {
    const { kinds } = await lore.request0(LoreVocabularyRequest);
    const picked = await vscode.window.showQuickPick(
      kinds.map((k) => ({ label: k, detail: KIND_DETAIL[k] })),
      { title: `Add '${name}' to the lore (1/2): what is it?`, ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    kind = picked.label;
  }
  let file = args.file;
  if (file !== undefined && !/^[a-z][\w+.-]*:/i.test(file)) {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    file = vscode.Uri.joinPath(folder.uri, file).toString();
  }
  if (file === undefined) {
    const found = await lore.request(LoreFilesRequest, { uri, kind });
    if (!found || found.files.length === 0) {
      void vscode.window.showWarningMessage("Lorekeeper: the story has no lore folder inside the workspace to add the entry to.");
      return undefined;
    }
    const items = found.files.map((f) => ({
      label: f.exists ? f.label : `$(new-file) ${f.label}`,
      description: f.exists ? (f.ofKind ? `${kind} entries` : '') : 'a new file',
      uri: f.uri,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: `Add '${name}' to the lore (2/2): in which file?`, ignoreFocusOut: true });
    if (!picked) return undefined;
    file = picked.uri;
  }
  const answer = await lore.request(AddEntryRequest, { uri, name, kind, file });
  if (!answer) return undefined;
  if ('error' in answer) {
    void vscode.window.showWarningMessage(`Lorekeeper: cannot add '${name}': ${answer.error}.`);
    return undefined;
  }
  const edit = await lore.asWorkspaceEdit(answer.edit);
  if (!edit || !(await vscode.workspace.applyEdit(edit))) return undefined;
  const target = vscode.Uri.parse(file);
  // The new entry is shown, unsaved: the writer fills in its dates and saves.
  await vscode.window.showTextDocument(target, { preview: false, preserveFocus: true });
  return target;
}

/** Saves a file a quick fix edited (it may not be open in an editor). */
export function registerSaveFile(): vscode.Disposable {
  return vscode.commands.registerCommand(SAVE_FILE_COMMAND, async (uri: string) => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    await document.save();
  });
}
