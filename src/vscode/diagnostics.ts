// Live diagnostics: every open manuscript is re-checked as the writer types (debounced), every
// lore problem is shown in its YAML file, and each diagnostic's code links to its documentation.
import * as vscode from 'vscode';
import { applySeverities, checkManuscript } from '../core/check';
import { docsPath, SEVERITY_OF } from '../core/codes';
import { decodeText, FileRefusedError } from '../core/fileSystem';
import type { Diagnostic } from '../core/types';
import { toRange, toSeverity, toUri } from './convert';
import type { LoreState, Project } from './project';
import { workspaceFileSystem } from './workspaceFileSystem';

interface Finding {
  diagnostic: vscode.Diagnostic;
  finding: Diagnostic;
}

export class LiveDiagnostics implements vscode.Disposable {
  private readonly manuscripts = vscode.languages.createDiagnosticCollection('lorekeeper');
  private readonly lore = vscode.languages.createDiagnosticCollection('lorekeeper-lore');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly findings = new Map<string, Finding[]>();
  /** Manuscripts not open in an editor whose findings came from a workspace check. */
  private readonly checkedOnDisk = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly project: Project,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      this.manuscripts,
      this.lore,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
      project.onDidChangeLore((state) => this.loreChanged(state)),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  /** The engine's finding behind a diagnostic VS Code hands back (to a code action). */
  findingFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Diagnostic | undefined {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return this.findings
      .get(uri.toString())
      ?.find((f) => f.finding.code === code && f.diagnostic.message === diagnostic.message && f.diagnostic.range.isEqual(diagnostic.range))?.finding;
  }

  /** Shows a manuscript's findings (from a live check or a workspace check). */
  show(uri: vscode.Uri, found: Diagnostic[], onDisk = false): void {
    const key = uri.toString();
    const findings = found.map((finding) => ({ finding, diagnostic: this.toDiagnostic(finding) }));
    this.findings.set(key, findings);
    this.manuscripts.set(uri, findings.map((f) => f.diagnostic));
    if (onDisk) this.checkedOnDisk.add(key);
  }

  /** Checks an open document now. */
  async checkNow(document: vscode.TextDocument): Promise<void> {
    const state = await this.project.ready();
    if (document.isClosed) return;
    if (!state.active || !this.project.isManuscript(document, state.settings)) {
      if (this.findings.has(document.uri.toString())) this.clear(document.uri);
      return;
    }
    this.show(document.uri, this.project.check(document, state).diagnostics);
  }

  private schedule(document: vscode.TextDocument, delay?: number): void {
    const key = document.uri.toString();
    const state = this.project.current;
    if (state && !this.project.isManuscript(document, state.settings) && !this.findings.has(key)) return;
    clearTimeout(this.timers.get(key));
    const wait = delay ?? state?.settings.debounceMs ?? 250;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.checkNow(document);
      }, wait),
    );
  }

  private closed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    // Unsaved text is gone: what is on disk is what counts now.
    if (this.checkedOnDisk.has(key) && document.uri.scheme !== 'untitled') void this.checkOnDisk(document.uri);
    else this.clear(document.uri);
  }

  private clear(uri: vscode.Uri): void {
    this.findings.delete(uri.toString());
    this.manuscripts.delete(uri);
  }

  private loreChanged(state: LoreState): void {
    this.showLoreProblems(state);
    for (const document of vscode.workspace.textDocuments) {
      if (this.project.isManuscript(document, state.settings) || this.findings.has(document.uri.toString())) void this.checkNow(document);
    }
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (const key of this.checkedOnDisk) if (!open.has(key)) void this.checkOnDisk(vscode.Uri.parse(key));
  }

  /** Re-checks a manuscript that is not open, from the file on disk. */
  async checkOnDisk(uri: vscode.Uri): Promise<void> {
    const state = await this.project.ready();
    const found = await checkFile(this.project, state, uri);
    if (found) this.show(uri, found, true);
    else {
      this.checkedOnDisk.delete(uri.toString());
      this.clear(uri);
    }
  }

  private showLoreProblems(state: LoreState): void {
    this.lore.clear();
    if (!state.active && !state.settings.configFile) return;
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, diagnostic: vscode.Diagnostic): void => {
      const list = byFile.get(file) ?? [];
      list.push(diagnostic);
      byFile.set(file, list);
    };
    for (const problem of applySeverities(state.loaded.base.problems, state.settings.checks)) add(problem.file, this.toDiagnostic(problem));
    const config = state.settings.configFile;
    if (config) {
      const problems = [
        ...(state.settings.configProblem ? [state.settings.configProblem] : []),
        ...state.loaded.missingFolders.map((f) => `Lore folder not found: ${f.name}.`),
      ];
      for (const message of problems) {
        const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'Lorekeeper';
        diagnostic.code = 'lorekeeper-config';
        add(config.toString(), diagnostic);
      }
    }
    for (const [file, diagnostics] of byFile) this.lore.set(toUri(file), diagnostics);
  }

  private toDiagnostic(finding: Diagnostic): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, toSeverity(finding.severity));
    diagnostic.source = 'Lorekeeper';
    diagnostic.code = SEVERITY_OF.has(finding.code)
      ? { value: finding.code, target: vscode.Uri.joinPath(this.extensionUri, docsPath(finding.code)) }
      : finding.code;
    return diagnostic;
  }
}

/** Checks a manuscript file: its open editor's text if it has one, else the file's bytes. */
export async function checkFile(project: Project, state: LoreState, uri: vscode.Uri): Promise<Diagnostic[] | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return project.check(open, state).diagnostics;
  let bytes: Uint8Array;
  const path = uri.toString();
  try {
    // Stat first: a named pipe, a device or a file over the limit is reported, never read.
    bytes = await workspaceFileSystem.readFile(path);
  } catch (error) {
    if (!(error instanceof FileRefusedError)) return undefined;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return applySeverities([{ file: path, range, severity: 'warning', code: 'unreadable-manuscript', message: `Not checked: ${error.message}.` }], state.settings.checks);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return applySeverities([{ file: path, range, severity: 'warning', code: 'unreadable-manuscript', message: `Not checked: ${decoded.reason}.` }], state.settings.checks);
  }
  return checkManuscript(state.lore, path, decoded.text, { severities: state.settings.checks, ignoredWords: state.settings.words }).diagnostics;
}
