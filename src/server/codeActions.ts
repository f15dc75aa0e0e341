// textDocument/codeAction: the quick fixes for Lorekeeper's diagnostics — the canon value, a dream
// or memory scene, a suppression comment, a new lore entry for a name the lore does not know, the
// word as an alias of the entry it is close to, the word ignored in lorekeeper.yaml, the lore entry
// opened; in lore files, a prose date normalised, a misspelt field renamed, a duplicate alias removed.
// Each fix is an edit the engine computes; nothing is applied without the writer choosing it.
import type { CodeAction, CodeActionParams, Diagnostic as LspDiagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { appendEntry, newEntryId, writableLoreFolder } from '../core/features/addEntry';
import { addIgnoredWord } from '../core/features/ignoreWord';
import { addAlias, removeListItemAt } from '../core/features/loreEdits';
import { sceneModeEdit } from '../core/features/sceneMode';
import { disableNextLineEdit } from '../core/features/suppress';
import { offsetAt, PRESENCE_CODES, SUSPENDING_MODES } from '../core/manuscript';
import type { Diagnostic } from '../core/types';
import { sameRange, SOURCE, toTextEdit } from './convert';
import { textOf } from './editorViews';
import { wholeFileEdit } from './fileEdits';
import type { LoreState, Project } from './project';
import { ADD_TO_LORE_COMMAND, OPEN_ENTRY_COMMAND, SAVE_FILE_COMMAND } from './protocol';
import { joinUri } from './uris';
import type { Workspace } from './workspace';

const SCENE_MODES = [...SUSPENDING_MODES];

export async function codeActions(workspace: Workspace, params: CodeActionParams): Promise<CodeAction[] | null> {
  if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return null;
  const document = workspace.openDocument(params.textDocument.uri);
  const project = workspace.projectFor(params.textDocument.uri);
  if (!document || !project) return null;
  if (project.isLoreFile(document.uri)) return loreFileActions(workspace, project, document, params);
  const state = await project.ready();
  if (!state.active || !project.isManuscript(document, state.settings)) return null;
  const commands = new Set(workspace.support.clientCommands);
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

    const entry = finding.entity ? state.lore.base.byId.get(finding.entity) : undefined;
    if (entry && commands.has(OPEN_ENTRY_COMMAND)) {
      const title = `Open the lore entry of ${entry.name}`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: OPEN_ENTRY_COMMAND, arguments: [entry.id] } });
    }

    if (finding.code === 'unknown-name') {
      const name = document.getText(finding.range);
      if (commands.has(ADD_TO_LORE_COMMAND)) {
        // The client asks the kind and the file (lorekeeper/loreFiles, lorekeeper/addEntry).
        if (!state.lore.base.byId.has(newEntryId(name))) {
          const title = `Add '${name}' to the lore…`;
          actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: ADD_TO_LORE_COMMAND, arguments: [{ uri: document.uri, name }] } });
        }
      } else {
        const added = await addToLore(workspace, project, state, name);
        if (added) fix(`Add '${name}' to the lore (${added.label})`, added.edit);
      }
      if (entry) {
        const before = await textOf(workspace, entry.location.file);
        const after = typeof before === 'string' ? addAlias(before, entry, name) : undefined;
        const edit = typeof before === 'string' && after !== undefined ? wholeFileEdit(workspace, entry.location.file, before, after) : undefined;
        if (edit) fix(`Add '${name}' as an alias of ${entry.name}`, edit);
      }
      const config = joinUri(project.root, state.settings.configFile ?? 'lorekeeper.yaml');
      const before = await textOf(workspace, config);
      const after = before === null ? undefined : addIgnoredWord(before, name);
      const edit = before !== null && after !== undefined ? wholeFileEdit(workspace, config, before, after) : undefined;
      if (edit) {
        const title = `Ignore '${name}' in this workspace (lorekeeper.yaml)`;
        // Saved at once where the client can, so that the CLI and every open manuscript agree.
        const save = commands.has(SAVE_FILE_COMMAND) ? { title: 'Save lorekeeper.yaml', command: SAVE_FILE_COMMAND, arguments: [workspace.openDocument(config)?.uri ?? config] } : undefined;
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, ...(save ? { command: save } : {}) });
      }
    }

    if (!finding.code.startsWith('lore-')) {
      const change = disableNextLineEdit(manuscript.text, manuscript.lineStarts, finding.range.start.line, finding.code);
      fix(`Disable ${finding.code} on this line`, edit(toTextEdit(manuscript.lineStarts, change)));
    }
  }
  return actions;
}

/** Lore files: the engine's fix for a finding (a date, a field name), a duplicate alias removed. */
async function loreFileActions(workspace: Workspace, project: Project, document: TextDocument, params: CodeActionParams): Promise<CodeAction[] | null> {
  const ours = params.context.diagnostics.filter((d) => d.source === undefined || d.source === SOURCE);
  if (ours.length === 0) return null;
  const key = project.relativePath(document.uri);
  const findingIn = (state: LoreState, diagnostic: LspDiagnostic): Diagnostic | undefined =>
    findingFor(state.lore.base.problems.filter((p) => project.relativePath(p.file) === key), diagnostic);
  let state = await project.whenIdle();
  // A diagnostic of a newer text than the lore last read (the writer typed since): read it again once.
  if (ours.some((d) => !findingIn(state, d))) {
    project.scheduleReload(0);
    state = await project.whenIdle();
  }
  const actions: CodeAction[] = [];
  for (const diagnostic of ours) {
    const finding = findingIn(state, diagnostic);
    if (!finding) continue;
    const add = (title: string, edit: WorkspaceEdit): void => {
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, isPreferred: true });
    };
    if (finding.fix !== undefined) {
      const what = finding.code === 'lore-unknown-field' ? `Rename the field to '${finding.fix}'` : finding.code === 'lore-invalid-date' ? `Write the date as ${finding.fix}` : `Change to '${finding.fix}'`;
      add(what, documentEdit(document, [{ range: diagnostic.range, newText: finding.fix }]));
    }
    if (finding.code === 'lore-duplicate-alias') {
      const before = document.getText();
      const after = removeListItemAt(before, finding.range.start);
      const edit = after === undefined ? undefined : wholeFileEdit(workspace, document.uri, before, after);
      if (edit) add(`Remove the duplicate alias '${document.getText(diagnostic.range)}'`, edit);
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
  const before = await textOf(workspace, target);
  if (before === null) return undefined;
  const after = appendEntry(before, { name, kind: 'character' });
  if (after === undefined) return undefined;
  const edit = wholeFileEdit(workspace, target, before, after);
  return edit && { edit, label: project.relativePath(target) ?? target };
}
