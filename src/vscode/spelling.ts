// Beside the spell checkers: when the writer names a file in `lorekeeper.spelling.dictionaryFile`,
// the canon's names are written there (one word a line, a cSpell or LTeX dictionary file) after
// every load of the lore, so that cSpell stops underlining them. Off by default: nothing is
// written unless the writer asks for it.
import * as vscode from 'vscode';
import { CanonWordsRequest } from '../server/protocol';
import type { LoreClient } from './client';

export class CanonDictionary implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private last: string | undefined;

  constructor(private readonly lore: LoreClient) {
    this.disposables.push(
      lore.onDidChangeLore(() => void this.update()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('lorekeeper.spelling.dictionaryFile')) {
          this.last = undefined;
          void this.update();
        }
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Writes the dictionary if it is turned on and its words changed; returns the file written. */
  async update(): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const setting = vscode.workspace.getConfiguration('lorekeeper', folder?.uri).get<string>('spelling.dictionaryFile', '').trim();
    // Writing a file where a workspace's settings say is for trusted workspaces only.
    if (!folder || setting === '' || !vscode.workspace.isTrusted) return undefined;
    const target = /^[a-z][\w+.-]*:/i.test(setting) ? vscode.Uri.parse(setting) : vscode.Uri.joinPath(folder.uri, setting);
    try {
      const result = await this.lore.request(CanonWordsRequest, { uri: folder.uri.toString(), format: 'plain' });
      if (!result || result.text === this.last) return undefined;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
      this.last = result.text;
      return target;
    } catch (error) {
      void vscode.window.showWarningMessage(`Lorekeeper: cannot write the canon dictionary ${setting} (${(error as Error).message}).`);
      return undefined;
    }
  }
}
