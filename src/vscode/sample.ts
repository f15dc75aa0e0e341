// "Open the Sample Story": the canon and story shipped in the extension (lore/ and examples/),
// copied into a folder the writer picks and opened there, so that an empty window can try
// everything before writing a line. Nothing is copied over an existing file.
import * as vscode from 'vscode';

export const OPEN_SAMPLE = 'lorekeeper.openSample';
const SAMPLE_FOLDERS = ['lore', 'examples'];

/** `target` (for the tests): the folder to copy into, and whether to open it afterwards. */
export function registerOpenSample(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_SAMPLE, async (target?: { folder: string; open?: boolean }) => {
    let folder = target ? vscode.Uri.parse(target.folder) : undefined;
    if (!folder) {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Put the sample story here', title: 'Lorekeeper: an empty folder for the sample story' });
      if (!picked?.[0]) return undefined;
      folder = picked[0];
    }
    let copied = 0;
    for (const name of SAMPLE_FOLDERS) copied += await copyTree(vscode.Uri.joinPath(extensionUri, name), vscode.Uri.joinPath(folder, name));
    if (target?.open === false) return copied;
    await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: vscode.workspace.workspaceFolders !== undefined });
    return copied;
  });
}

async function copyTree(from: vscode.Uri, to: vscode.Uri): Promise<number> {
  let count = 0;
  await vscode.workspace.fs.createDirectory(to);
  for (const [name, type] of await vscode.workspace.fs.readDirectory(from)) {
    const source = vscode.Uri.joinPath(from, name);
    const destination = vscode.Uri.joinPath(to, name);
    if (type & vscode.FileType.Directory) count += await copyTree(source, destination);
    else {
      const exists = await vscode.workspace.fs.stat(destination).then(() => true, () => false);
      if (exists) continue;
      await vscode.workspace.fs.copy(source, destination);
      count++;
    }
  }
  return count;
}
