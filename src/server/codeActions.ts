// textDocument/codeAction: the quick fixes for Lorekeeper's diagnostics — the canon value, a dream
// or memory scene, a suppression comment, and a new lore entry for a name the lore does not know.
// Each fix is an edit the engine computes; nothing is applied without the writer choosing it.
import type { CodeAction, CodeActionParams, Diagnostic as LspDiagnostic, TextDocumentEdit, CreateFile, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { appendEntry, minimalEdit, newEntryId, writableLoreFolder } from '../core/features/addEntry';
import { sceneModeEdit } from '../core/features/sceneMode';
import { disableNextLineEdit } from '../core/features/suppress';
import { decodeText } from '../core/fileSystem';
import { computeLineStarts, offsetAt, PRESENCE_CODES, SUSPENDING_MODES } from '../core/manuscript';
import type { Diagnostic } from '../core/types';
import { sameRange, SOURCE, toTextEdit } from './convert';
import type { LoreState, Project } from './project';
import { joinUri } from './uris';
import type { Workspace } from './workspace';

const SCENE_MODES = [...SUSPENDING_MODES];

export async function codeActions(workspace: Workspace, params: CodeActionParams): Promise<CodeAction[] | null> {
  if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return null;
  const document = workspace.openDocument(params.textDocument.uri);
  const project = workspace.projectFor(params.textDocument.uri);
  if (!document || !project) return null;
  const state = await project.ready();
  if (!state.active || !project.isManuscript(document, state.settings)) return null;
  const checked = project.check(document, state);
  const { manuscript } = checked;
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== undefined && diagnostic.source !== SOURCE) continue;
    // The finding behind the diagnostic, in the document as it is now.
    const finding = findingFor(checked.diagnostics, diagnostic);
    if (!finding) continue;
    const fix = (title: string, edit: WorkspaceEdit, preferred = false): void => {
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, isPreferred: preferred });
    };
    const edit = (change: { range: LspDiagnostic['range']; newText: string }): WorkspaceEdit => documentEdit(document, [change]);

    if (finding.fix !== undefined) fix(`Change to '${finding.fix}'`, edit({ range: finding.range, newText: finding.fix }), true);

    if (PRESENCE_CODES.has(finding.code)) {
      const offset = offsetAt(manuscript.lineStarts, finding.range.start);
      for (const mode of SCENE_MODES) fix(`Mark this scene as a ${mode}`, edit(toTextEdit(manuscript.lineStarts, sceneModeEdit(manuscript, offset, mode))));
    }

    if (finding.code === 'unknown-name') {
      const name = document.getText(finding.range);
      const added = await addToLore(workspace, project, state, name);
      if (added) fix(`Add '${name}' to the lore (${added.label})`, added.edit);
    }

    if (!finding.code.startsWith('lore-')) {
      const change = disableNextLineEdit(manuscript.text, manuscript.lineStarts, finding.range.start.line, finding.code);
      fix(`Disable ${finding.code} on this line`, edit(toTextEdit(manuscript.lineStarts, change)));
    }
  }
  return actions;
}

/** Clients hand back what they were given, minus what they dropped: match on code and range. */
function findingFor(findings: Diagnostic[], diagnostic: LspDiagnostic): Diagnostic | undefined {
  const code = typeof diagnostic.code === 'number' ? String(diagnostic.code) : diagnostic.code;
  const candidates = findings.filter((f) => f.code === code && sameRange(f.range, diagnostic.range));
  return candidates.find((f) => f.message === diagnostic.message) ?? candidates[0];
}

function documentEdit(document: TextDocument, edits: Array<{ range: LspDiagnostic['range']; newText: string }>): WorkspaceEdit {
  const change: TextDocumentEdit = { textDocument: { uri: document.uri, version: document.version }, edits };
  return { documentChanges: [change] };
}

/**
 * The edit that adds an entry named `name` to the story's own lore: `characters/new.yaml` in the
 * last lore folder (the story's layer) when it has a `characters` folder, else `new.yaml` there.
 * The file is edited as text (comments and layout kept) and left unsaved for the writer.
 */
async function addToLore(workspace: Workspace, project: Project, state: LoreState, name: string): Promise<{ edit: WorkspaceEdit; label: string } | undefined> {
  if (state.lore.base.byId.has(newEntryId(name))) return undefined;
  // Never a write outside the workspace (`lore: [lore, ../../elsewhere]`): the last layer inside it.
  const layers = state.settings.lore.map((layer) => joinUri(project.root, layer));
  const folder = writableLoreFolder(layers, workspace.folders.map((p) => p.root));
  if (folder === undefined) return undefined;
  const characters = joinUri(folder, 'characters');
  const hasCharacters = await workspace.fs.readDirectory(characters).then(
    () => true,
    () => false,
  );
  const target = joinUri(hasCharacters ? characters : folder, 'new.yaml');
  const open = workspace.openDocument(target);
  let before: string | undefined = open?.getText();
  if (before === undefined) {
    before = await workspace.fs.readFile(target).then(
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
  const uri = open?.uri ?? target;
  const label = project.relativePath(target) ?? target;
  if (before === undefined) {
    // A new file: only clients that can create files get this fix.
    if (!workspace.support.createFiles) return undefined;
    const create: CreateFile = { kind: 'create', uri, options: { ignoreIfExists: true } };
    const insert: TextDocumentEdit = { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: after }] };
    return { edit: { documentChanges: [create, insert] }, label };
  }
  const change = minimalEdit(before, after);
  const edits = [toTextEdit(computeLineStarts(before), change)];
  return { edit: { documentChanges: [{ textDocument: { uri, version: open ? open.version : null }, edits }] }, label };
}
