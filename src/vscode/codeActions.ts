// Quick fixes for Lorekeeper's diagnostics: the canon value, a dream or memory scene, a
// suppression comment, and a new lore entry for a name the lore does not know yet.
import * as vscode from 'vscode';
import { appendEntry, minimalEdit, newEntryId, writableLoreFolder } from '../core/features/addEntry';
import { sceneModeEdit, type TextEdit } from '../core/features/sceneMode';
import { disableNextLineEdit } from '../core/features/suppress';
import { computeLineStarts, offsetAt, PRESENCE_CODES, positionAt, SUSPENDING_MODES } from '../core/manuscript';
import { decodeText } from '../core/fileSystem';
import { fromPosition, toPosition } from './convert';
import type { LiveDiagnostics } from './diagnostics';
import type { LoreState, Project } from './project';

const SCENE_MODES = [...SUSPENDING_MODES];

export function registerCodeActions(project: Project, diagnostics: LiveDiagnostics, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    selector,
    {
      async provideCodeActions(document, _range, context) {
        const state = await project.ready();
        if (!state.active || !project.isManuscript(document, state.settings)) return undefined;
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of context.diagnostics) {
          if (diagnostic.source !== 'Lorekeeper') continue;
          const finding = diagnostics.findingFor(document.uri, diagnostic);
          if (!finding) continue;
          const fix = (title: string, edit: vscode.WorkspaceEdit, preferred = false): void => {
            const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
            action.diagnostics = [diagnostic];
            action.edit = edit;
            action.isPreferred = preferred;
            actions.push(action);
          };

          if (finding.fix !== undefined) {
            const edit = new vscode.WorkspaceEdit();
            edit.replace(document.uri, diagnostic.range, finding.fix);
            fix(`Change to '${finding.fix}'`, edit, true);
          }

          const { manuscript } = project.check(document, state);
          if (PRESENCE_CODES.has(finding.code)) {
            const offset = offsetAt(manuscript.lineStarts, fromPosition(diagnostic.range.start));
            for (const mode of SCENE_MODES) {
              fix(`Mark this scene as a ${mode}`, documentEdit(document, manuscript.lineStarts, sceneModeEdit(manuscript, offset, mode)));
            }
          }

          if (finding.code === 'unknown-name') {
            const name = document.getText(diagnostic.range);
            const added = await addToLore(project, state, name);
            if (added) {
              const action = new vscode.CodeAction(`Add '${name}' to the lore (${added.label})`, vscode.CodeActionKind.QuickFix);
              action.diagnostics = [diagnostic];
              action.edit = added.edit;
              action.command = { title: 'Show the new entry', command: 'vscode.open', arguments: [added.uri] };
              actions.push(action);
            }
          }

          if (!finding.code.startsWith('lore-')) {
            const line = diagnostic.range.start.line;
            fix(`Disable ${finding.code} on this line`, documentEdit(document, manuscript.lineStarts, disableNextLineEdit(manuscript.text, manuscript.lineStarts, line, finding.code)));
          }
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}

function documentEdit(document: vscode.TextDocument, lineStarts: number[], change: TextEdit): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const range = new vscode.Range(toPosition(positionAt(lineStarts, change.start)), toPosition(positionAt(lineStarts, change.end)));
  edit.replace(document.uri, range, change.newText);
  return edit;
}

/**
 * The edit that adds an entry named `name` to the story's own lore: `characters/new.yaml` in the
 * last lore folder (the story's layer) when it has a `characters` folder, else `new.yaml` there.
 * The file is edited as a document (comments and layout kept) and left unsaved for the writer.
 */
async function addToLore(project: Project, state: LoreState, name: string): Promise<{ edit: vscode.WorkspaceEdit; uri: vscode.Uri; label: string } | undefined> {
  if (state.lore.base.byId.has(newEntryId(name))) return undefined;
  // Never a write outside the workspace (`lore: [lore, ../../elsewhere]`): the last layer inside it.
  const workspace = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
  const layers = state.settings.lore.map((layer) => vscode.Uri.joinPath(project.root, layer).toString());
  const target = writableLoreFolder(layers, workspace);
  if (target === undefined) return undefined;
  const folder = vscode.Uri.parse(target);
  const characters = vscode.Uri.joinPath(folder, 'characters');
  const hasCharacters = await vscode.workspace.fs.stat(characters).then(
    (s) => (s.type & vscode.FileType.Directory) !== 0,
    () => false,
  );
  const uri = vscode.Uri.joinPath(hasCharacters ? characters : folder, 'new.yaml');
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let before: string | undefined = open?.getText();
  if (before === undefined) {
    before = await vscode.workspace.fs.readFile(uri).then(
      (bytes) => {
        const decoded = decodeText(bytes);
        return decoded.ok ? decoded.text : '\0';
      },
      () => undefined,
    );
  }
  if (before === '\0') return undefined;
  const after = appendEntry(before, { name, kind: 'character' });
  if (after === undefined) return undefined;
  const edit = new vscode.WorkspaceEdit();
  if (before === undefined) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), after);
  } else {
    const change = minimalEdit(before, after);
    const lineStarts = computeLineStarts(before);
    const range = new vscode.Range(toPosition(positionAt(lineStarts, change.start)), toPosition(positionAt(lineStarts, change.end)));
    edit.replace(uri, range, change.newText);
  }
  return { edit, uri, label: project.relativePath(uri) ?? uri.path };
}
