// Diagnostics: every open manuscript checked as the writer types — pulled by clients that support
// `textDocument/diagnostic`, pushed (debounced) to the others — and the lore's own problems pushed
// to their YAML files. Manuscripts a workspace check read from disk are pushed too, until opened.
import type { Connection, Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applySeverities, checkManuscript } from '../core/check';
import { decodeText, FileRefusedError } from '../core/fileSystem';
import { notCheckedReason } from '../core/features/manuscriptFiles';
import type { CheckCode, Diagnostic } from '../core/types';
import { SOURCE, toDiagnostic } from './convert';
import type { LoreState, Project } from './project';
import { joinUri, normaliseUri } from './uris';
import type { Workspace } from './workspace';

export class Diagnostics {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Lore and config files that have problems shown, per folder. */
  private readonly loreFiles = new Map<string, Set<string>>();
  /** Manuscripts not open whose findings came from a workspace check (normalised URIs). */
  private readonly checkedOnDisk = new Set<string>();
  /** Open documents whose findings were pushed (push mode, or a workspace check), by normalised URI. */
  private readonly pushed = new Set<string>();
  /** Open documents the client pulls for (pull mode; VS Code pulls only for visible ones). */
  private readonly pulled = new Set<string>();
  /** The version each open document was opened at (-1 once edited): a lore file closed after edits is reloaded from disk. */
  private readonly openedAt = new Map<string, number>();
  /** The lore's generation when each lore file was opened: a load since then read its open text. */
  private readonly openedInGeneration = new Map<string, number | undefined>();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: Workspace,
  ) {
    const { documents } = workspace;
    documents.onDidOpen(({ document }) => {
      const key = normaliseUri(document.uri);
      this.openedAt.set(key, document.version);
      this.openedInGeneration.set(key, this.workspace.projectFor(document.uri)?.current?.generation);
      // What a workspace check pushed stays until the document's own findings replace it.
      if (this.checkedOnDisk.delete(key)) this.pushed.add(key);
      this.schedule(document, 0);
    });
    documents.onDidChangeContent(({ document }) => {
      // The first "change" is the opening itself.
      if (this.openedAt.get(normaliseUri(document.uri)) === document.version) return;
      this.openedAt.set(normaliseUri(document.uri), -1);
      this.schedule(document);
    });
    documents.onDidClose(({ document }) => this.closed(document));
    workspace.onDidChangeLore((project, state) => this.loreChanged(project, state));
    if (this.pull) {
      connection.languages.diagnostics.on(async (params) => {
        const key = normaliseUri(params.textDocument.uri);
        const items = await this.itemsFor(params.textDocument.uri);
        if (this.workspace.openDocument(params.textDocument.uri)) {
          this.pulled.add(key);
          // Findings a workspace check pushed give way to the pulled ones.
          if (this.pushed.delete(key)) this.publish(params.textDocument.uri, []);
        }
        return { kind: DocumentDiagnosticReportKind.Full, items };
      });
    }
  }

  private get pull(): boolean {
    return this.workspace.support.pullDiagnostics;
  }

  private get docsBase(): string {
    return this.workspace.support.docsBase;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** The diagnostics of an open manuscript (for a pull), or none. */
  async itemsFor(uri: string): Promise<LspDiagnostic[]> {
    const document = this.workspace.openDocument(uri);
    const project = this.workspace.projectFor(uri);
    if (!document || !project) return [];
    const found = await this.check(project, document);
    return found ? found.map((f) => toDiagnostic(f, this.docsBase)) : [];
  }

  /** The engine's findings for an open document, or undefined when it is no manuscript. */
  async check(project: Project, document: TextDocument): Promise<Diagnostic[] | undefined> {
    const state = await project.ready();
    if (!state.active) return undefined;
    if (!project.isManuscript(document, state.settings)) return notChecked(project, state, document);
    // The document may have changed while the lore loaded: check what is open now.
    const current = this.workspace.openDocument(document.uri);
    if (!current) return undefined;
    return project.check(current, state).diagnostics;
  }

  private schedule(document: TextDocument, delay?: number): void {
    const project = this.workspace.projectFor(document.uri);
    if (!project) return;
    if (project.isLoreFile(document.uri) || project.isConfigFile(document.uri)) {
      // Unsaved edits to lore files count: problems follow the writer's typing, after a pause of
      // at least a second, so that a half-typed line is never flagged while it is typed.
      if (delay === undefined) project.scheduleReload(Math.max(1000, project.current?.settings.debounceMs ?? 0));
      return;
    }
    if (this.pull) return;
    const key = normaliseUri(document.uri);
    clearTimeout(this.timers.get(key));
    const wait = delay ?? project.current?.settings.debounceMs ?? 250;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.pushOpen(document.uri);
      }, wait),
    );
  }

  private async pushOpen(uri: string): Promise<void> {
    const project = this.workspace.projectFor(uri);
    const document = this.workspace.openDocument(uri);
    if (!project || !document) return;
    const found = await this.check(project, document).catch(() => undefined);
    const key = normaliseUri(uri);
    if (!this.workspace.openDocument(uri)) return;
    if (found) {
      this.pushed.add(key);
      this.publish(document.uri, found, document.version);
    } else if (this.pushed.delete(key)) this.publish(document.uri, []);
  }

  private closed(document: TextDocument): void {
    const key = normaliseUri(document.uri);
    this.workspace.completionRequests.delete(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const project = this.workspace.projectFor(document.uri);
    project?.forget(document.uri);
    this.pulled.delete(key);
    const edited = this.openedAt.get(key) === -1;
    this.openedAt.delete(key);
    const generation = this.openedInGeneration.get(key);
    this.openedInGeneration.delete(key);
    if (project && (project.isLoreFile(document.uri) || project.isConfigFile(document.uri))) {
      // Unsaved edits are gone: what is on disk is what counts now. A file opened already edited
      // (a quick fix's edit to a file that was not open) counts once a load has read it.
      if (edited || project.current?.generation !== generation) project.scheduleReload(0);
      return;
    }
    const wasChecked = this.pushed.delete(key);
    // A manuscript of the project keeps its findings from disk; an untitled draft loses them.
    if (project && !document.uri.startsWith('untitled:') && project.current && project.isManuscriptUri(document.uri, project.current.settings) && this.checkedOnDisk.size > 0) {
      void this.checkOnDisk(project, document.uri);
    } else if (wasChecked || this.pull) this.publish(document.uri, []);
  }

  private loreChanged(project: Project, state: LoreState): void {
    this.showLoreProblems(project, state);
    if (this.pull) {
      if (this.workspace.support.diagnosticRefresh) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
    } else {
      for (const document of this.workspace.documents.all()) {
        if (this.workspace.projectFor(document.uri) === project) this.schedule(document, 0);
      }
    }
    for (const key of this.checkedOnDisk) {
      if (project.contains(key) && !this.workspace.openDocument(key)) void this.checkOnDisk(project, key);
    }
  }

  /** Checks a manuscript from its file (not open) and pushes the findings. */
  async checkOnDisk(project: Project, uri: string): Promise<Diagnostic[] | undefined> {
    const state = await project.ready();
    const found = await checkFile(this.workspace, project, state, uri);
    const key = normaliseUri(uri);
    if (found && !this.workspace.openDocument(uri)) {
      this.checkedOnDisk.add(key);
      this.publish(uri, found);
    } else if (!found) {
      this.checkedOnDisk.delete(key);
      this.publish(uri, []);
    }
    return found;
  }

  /** Shows what a workspace check found in a file (pushed unless the document is open and pulled). */
  showChecked(uri: string, found: Diagnostic[]): void {
    const open = this.workspace.openDocument(uri);
    if (open) {
      // A pulled document shows its findings already; any other open one gets them pushed.
      if (!this.pulled.has(normaliseUri(uri))) {
        this.pushed.add(normaliseUri(uri));
        this.publish(open.uri, found, open.version);
      }
      return;
    }
    this.checkedOnDisk.add(normaliseUri(uri));
    this.publish(uri, found);
  }

  private showLoreProblems(project: Project, state: LoreState): void {
    const byFile = new Map<string, LspDiagnostic[]>();
    const add = (file: string, diagnostic: LspDiagnostic): void => {
      const key = normaliseUri(file);
      const list = byFile.get(key) ?? [];
      list.push(diagnostic);
      byFile.set(key, list);
    };
    const config = state.settings.configFile;
    if (state.active || config) {
      for (const problem of applySeverities(state.loaded.base.problems, state.settings.checks)) add(problem.file, toDiagnostic(problem, this.docsBase));
    }
    if (config) {
      const messages = [...(state.settings.configProblem ? [state.settings.configProblem] : []), ...state.loaded.missingFolders.map((f) => `Lore folder not found: ${f.name}.`)];
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      for (const message of messages) add(joinUri(project.root, config), { range, message, severity: 1, source: SOURCE, code: 'lorekeeper-config' });
    }
    const before = this.loreFiles.get(project.root) ?? new Set<string>();
    for (const file of before) if (!byFile.has(file)) this.publish(this.clientUri(file), []);
    for (const [file, diagnostics] of byFile) this.connection.sendDiagnostics({ uri: this.clientUri(file), diagnostics });
    this.loreFiles.set(project.root, new Set(byFile.keys()));
  }

  /** An open document's URI as the client spelled it, else ours. */
  private clientUri(uri: string): string {
    return this.workspace.openDocument(uri)?.uri ?? uri;
  }

  private publish(uri: string, found: Diagnostic[], version?: number): void {
    this.connection.sendDiagnostics({ uri: this.clientUri(uri), version, diagnostics: found.map((f) => toDiagnostic(f, this.docsBase)) });
  }
}

/** Checks a manuscript file: its open document's text if it is open, else the file's bytes. */
export async function checkFile(workspace: Workspace, project: Project, state: LoreState, uri: string): Promise<Diagnostic[] | undefined> {
  const open = workspace.openDocument(uri);
  if (open) return project.check(open, state).diagnostics;
  let bytes: Uint8Array;
  try {
    // The file system refuses a named pipe, a device or a file over the limit from its stat.
    bytes = await workspace.fs.readFile(uri);
  } catch (error) {
    if (!(error instanceof FileRefusedError)) return undefined;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return applySeverities([{ file: uri, range, severity: 'warning', code: 'unreadable-manuscript', message: `Not checked: ${error.message}.` }], state.settings.checks);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return applySeverities([{ file: uri, range, severity: 'warning', code: 'unreadable-manuscript', message: `Not checked: ${decoded.reason}.` }], state.settings.checks);
  }
  return checkManuscript(state.lore, uri, decoded.text, { severities: state.settings.checks, ignoredWords: state.settings.words }).diagnostics;
}

/**
 * A Markdown or text file Lorekeeper does not check where a writer may expect it to (a chapter saved
 * inside the lore folder, an excluded file): one information on its first line saying why.
 */
function notChecked(project: Project, state: LoreState, document: TextDocument): Diagnostic[] | undefined {
  const path = project.relativePath(document.uri);
  if (path === undefined || !/\.(md|markdown|txt)$/i.test(path)) return undefined;
  const reason = notCheckedReason(path, state.settings);
  if (!reason) return undefined;
  const firstLine = document.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }).replace(/\r?\n$/, '');
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(firstLine.length, 80) } };
  return [{ file: document.uri, range, severity: 'info', code: 'not-checked' as CheckCode, message: reason }];
}
