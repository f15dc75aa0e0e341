// A check code's page (docs/checks/<code>.md, shipped in the extension) opens as a rendered
// Markdown preview, not as an editable file: the client rewrites each diagnostic's code link to
// a command link, which VS Code's hover and Problems panel open with commands allowed.
import * as vscode from 'vscode';

export const OPEN_CHECK_DOCS_COMMAND = 'lorekeeper.openCheckDocs';

/** The page of a check inside the extension, or undefined for any other address. */
export function checkDocsPage(extensionUri: vscode.Uri, target: string): vscode.Uri | undefined {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(target, true);
  } catch {
    return undefined;
  }
  const docs = vscode.Uri.joinPath(extensionUri, 'docs', 'checks').toString();
  const shown = uri.with({ fragment: '', query: '' }).toString();
  return shown.startsWith(`${docs}/`) && /^[a-z-]+\.md$/.test(shown.slice(docs.length + 1)) ? uri : undefined;
}

/** Each diagnostic whose code links to a shipped check page now links to its preview. */
export function withPreviewLinks(extensionUri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code;
    if (typeof code !== 'object' || code === null || !(code.target instanceof vscode.Uri)) continue;
    if (!checkDocsPage(extensionUri, code.target.toString())) continue;
    const args = encodeURIComponent(JSON.stringify([code.target.toString()]));
    diagnostic.code = { value: code.value, target: vscode.Uri.parse(`command:${OPEN_CHECK_DOCS_COMMAND}?${args}`) };
  }
  return diagnostics;
}

/** `lorekeeper.openCheckDocs(page)`: the page as a preview; only the extension's own check pages. */
export function registerCheckDocs(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_CHECK_DOCS_COMMAND, async (target: unknown) => {
    const page = typeof target === 'string' ? checkDocsPage(context.extensionUri, target) : undefined;
    if (!page) return false;
    await vscode.commands.executeCommand('markdown.showPreview', page);
    return true;
  });
}

/** A document of the extension itself (a check page a preview opened): never a manuscript to check. */
export function isExtensionDocument(extensionUri: vscode.Uri, uri: vscode.Uri): boolean {
  const root = extensionUri.toString().replace(/\/$/, '');
  return uri.toString().startsWith(`${root}/`);
}
