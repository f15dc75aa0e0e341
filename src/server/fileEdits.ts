// A whole-text change of a file turned into the smallest LSP edit: one replacement, so that every
// byte the writer wrote outside it stays as it was. A file that does not exist yet is created
// (for clients that can create files).
import type { CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { minimalEdit } from '../core/features/addEntry';
import { computeLineStarts } from '../core/manuscript';
import { toTextEdit } from './convert';
import type { Workspace } from './workspace';

/** `before` undefined: no such file yet. Undefined when the file would have to be created and the client cannot. */
export function wholeFileEdit(workspace: Workspace, target: string, before: string | undefined, after: string): WorkspaceEdit | undefined {
  const open = workspace.openDocument(target);
  const uri = open?.uri ?? target;
  if (before === undefined) {
    if (!workspace.support.createFiles) return undefined;
    const create: CreateFile = { kind: 'create', uri, options: { ignoreIfExists: true } };
    const insert: TextDocumentEdit = { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: after }] };
    return { documentChanges: [create, insert] };
  }
  const edits = [toTextEdit(computeLineStarts(before), minimalEdit(before, after))];
  return { documentChanges: [{ textDocument: { uri, version: open ? open.version : null }, edits }] };
}
