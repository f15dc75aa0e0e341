// A small LSP client for the protocol tests: starts `node dist/cli.js lsp --stdio`, frames
// JSON-RPC by hand (so that tests can also send what no well-behaved client would), answers the
// server's own requests as an editor does, and records every notification.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CLI = resolve('dist/cli.js');

interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Array<{ range: Range; message: string; code?: string; severity?: number; source?: string; data?: unknown }>;
}

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface ClientOptions {
  /** Advertise pull diagnostics (textDocument/diagnostic) as VS Code does. */
  pull?: boolean;
  /** What `workspace/configuration` answers for the `lorekeeper` section. */
  settings?: Record<string, unknown>;
  args?: string[];
  /** The CLI bundle to start (default dist/cli.js). */
  cli?: string;
  /** Files the client serves through lorekeeper/fs (as vscode.workspace.fs does), by URI. */
  files?: Record<string, string>;
  /** Flags for the server's Node (`--cpu-prof`). */
  nodeArgs?: string[];
  /** Server requests left unanswered, by method (a client that hangs). */
  unanswered?: string[];
  /** Environment variables for the server (by default the lore cache goes to a folder of the test run, not the user's). */
  env?: Record<string, string>;
}

/** Where servers started by tests keep their lore cache (outside node_modules the cache goes to XDG_CACHE_HOME). */
export const TEST_CACHE_HOME = join(tmpdir(), `lorekeeper-lsp-cache-${process.pid}`);

export class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Message) => void }>();
  readonly notifications: Message[] = [];
  readonly serverRequests: Message[] = [];
  private waiters: Array<() => void> = [];
  stderr = '';
  exited: Promise<number | null>;
  settings: Record<string, unknown>;

  constructor(private readonly options: ClientOptions = {}) {
    this.settings = options.settings ?? {};
    this.child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.cli ?? CLI, 'lsp', ...(options.args ?? ['--stdio'])], { stdio: 'pipe', env: { ...process.env, XDG_CACHE_HOME: TEST_CACHE_HOME, ...options.env } });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(JSON.parse(body) as Message);
    }
  }

  private handle(message: Message): void {
    if (message.method && message.id !== undefined && message.id !== null) {
      this.serverRequests.push(message);
      if (!this.options.unanswered?.includes(message.method)) this.respond(message);
    } else if (message.method) {
      this.notifications.push(message);
    } else if (typeof message.id === 'number') {
      this.pending.get(message.id)?.resolve(message);
      this.pending.delete(message.id);
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Answers the server's requests as an editor would. */
  private respond(message: Message): void {
    let result: unknown = null;
    if (message.method === 'workspace/configuration') {
      const items = (message.params as { items: Array<{ section?: string }> }).items;
      result = items.map((item) => (item.section === 'lorekeeper' ? this.settings : null));
    } else if (message.method === 'lorekeeper/fs/readFile') {
      const text = this.options.files?.[(message.params as { uri: string }).uri];
      result = text === undefined ? { error: 'FileNotFound' } : { base64: Buffer.from(text, 'utf8').toString('base64') };
    } else if (message.method === 'lorekeeper/fs/readDirectory') {
      const folder = `${(message.params as { uri: string }).uri}/`;
      const names = new Map<string, boolean>();
      for (const uri of Object.keys(this.options.files ?? {})) {
        if (!uri.startsWith(folder)) continue;
        const rest = uri.slice(folder.length);
        names.set(rest.split('/')[0], rest.includes('/'));
      }
      result = names.size === 0 ? { error: 'FileNotFound' } : { entries: [...names].map(([name, isDirectory]) => ({ name, isDirectory })) };
    }
    this.sendRaw({ jsonrpc: '2.0', id: message.id, result });
  }

  sendRaw(message: object | string): void {
    const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  async request<T = unknown>(method: string, params?: unknown, timeoutMs = 10_000): Promise<T> {
    const message = await this.requestMessage(method, params, timeoutMs);
    if (message.error) throw new Error(`${method}: ${message.error.message} (${message.error.code})`);
    return message.result as T;
  }

  requestMessage(method: string, params?: unknown, timeoutMs = 10_000): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolveRequest, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer within ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      this.pending.set(id, {
        resolve: (m) => {
          clearTimeout(timer);
          resolveRequest(m);
        },
      });
      this.sendRaw({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params?: unknown): void {
    this.sendRaw({ jsonrpc: '2.0', method, params });
  }

  /** Waits until a notification satisfies `match` (looking at those already received first). */
  async waitFor<T = Message>(match: (m: Message) => boolean, timeoutMs = 10_000, from = 0): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.notifications.slice(from).find(match);
      if (found) return found as T;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching notification within ${timeoutMs} ms; got: ${this.notifications.map((n) => n.method).join(', ')}\n${this.stderr}`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          done();
        });
      });
    }
  }

  /** The next diagnostics published for a URI after notification number `from`. */
  async diagnosticsFor(uri: string, from = 0, match: (p: Published) => boolean = () => true, timeoutMs = 10_000): Promise<Published> {
    const message = await this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Published).uri === uri && match(m.params as Published), timeoutMs, from);
    return message.params as Published;
  }

  /** The diagnostics published for a URI after the next lore reload that follows notification `from`. */
  async diagnosticsAfterReload(uri: string, from: number): Promise<Published> {
    await this.waitFor((m) => m.method === 'lorekeeper/loreChanged', 10_000, from);
    const reloaded = this.notifications.findIndex((m, i) => i >= from && m.method === 'lorekeeper/loreChanged');
    return this.diagnosticsFor(uri, reloaded + 1);
  }

  async initialize(folders: string[], initializationOptions?: unknown, folderUris?: string[]): Promise<{ capabilities: Record<string, unknown> }> {
    const capabilities = {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        ...(this.options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { insertReplaceSupport: true, snippetSupport: false } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        publishDiagnostics: { versionSupport: true },
        ...(this.options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
    };
    const result = await this.request<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: folderUris?.[0] ?? (folders[0] ? uriOf(folders[0]) : null),
      workspaceFolders: (folderUris ?? folders.map(uriOf)).map((uri, i) => ({ uri, name: `folder${i}` })),
      capabilities,
      initializationOptions,
    });
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string, languageId = 'markdown', version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Shuts the server down politely; resolves with its exit code. */
  async shutdown(): Promise<number | null> {
    await this.request('shutdown');
    this.notify('exit');
    return this.exited;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** A temporary folder holding the given files; removed by `cleanup`. */
export function folderWith(files: Record<string, string>): { dir: string; uri: (path: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'lorekeeper-lsp-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, uri: (path) => uriOf(join(dir, path)), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line !== range.end.line) return '(multi-line)';
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

/** Applies LSP text edits to a text (edits of one document, non-overlapping). */
export function applyEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/**
 * Project folders and servers for one test file, all cleaned up after it: `project(files)` makes a
 * folder holding `defaults` and `files`, `client(options)` starts a server.
 */
export function testBench(defaults: Record<string, string>, after: (fn: () => void) => void) {
  const clients: LspClient[] = [];
  const folders: Array<{ cleanup: () => void }> = [];
  after(() => {
    for (const c of clients) c.kill();
    for (const f of folders) f.cleanup();
    rmSync(TEST_CACHE_HOME, { recursive: true, force: true });
  });
  return {
    folders,
    project(files: Record<string, string> = {}) {
      const folder = folderWith({ ...defaults, ...files });
      folders.push(folder);
      return folder;
    },
    client(options?: ClientOptions): LspClient {
      const c = new LspClient(options);
      clients.push(c);
      return c;
    },
  };
}
