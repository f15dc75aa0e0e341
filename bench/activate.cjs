// Times the extension's activation in a bare Node process: `require` of the bundle plus its
// `activate()` call, with a stub `vscode` module and a fake ExtensionContext. The stub's file
// system never answers, so what is timed is everything the extension does before it reads the
// lore (which it must do asynchronously, after activation has returned).
//   node bench/activate.cjs path/to/extension.js   (prints JSON on stdout)
'use strict';
const Module = require('node:module');
const { existsSync, readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const { join, resolve } = require('node:path');
const os = require('node:os');

const root = resolve(__dirname, '..');

/** Anything not spelt out below: a callable, constructible, endlessly deep no-op. */
function deep(name) {
  const props = new Map();
  return new Proxy(function () {}, {
    get(_, key) {
      if (props.has(key)) return props.get(key);
      if (key === 'then' || typeof key === 'symbol') return key === Symbol.iterator ? function* () {} : key === Symbol.toPrimitive ? () => name : undefined;
      if (key === 'dispose') return () => {};
      const value = deep(`${name}.${String(key)}`);
      props.set(key, value);
      return value;
    },
    set(_, key, value) {
      props.set(key, value);
      return true;
    },
    defineProperty(_, key, descriptor) {
      props.set(key, descriptor.value ?? descriptor.get?.());
      return true;
    },
    has: (_, key) => props.has(key),
    apply: () => deep(`${name}()`),
    construct: () => deep(`new ${name}`),
  });
}

/** A stand-in for one of the API's classes: extendable, and its instances answer any method. */
function stubClass(name) {
  const Stub = class {
    constructor(...args) {
      this.args = args;
      return new Proxy(this, {
        get(t, key, receiver) {
          if (key in t) return Reflect.get(t, key, receiver);
          if (key === 'then' || typeof key === 'symbol') return undefined;
          return deep(`${name}#${String(key)}`);
        },
      });
    }
  };
  Object.defineProperty(Stub, 'name', { value: name });
  return new Proxy(Stub, { get: (t, key) => (key in t || typeof key === 'symbol' ? t[key] : deep(`${name}.${String(key)}`)) });
}

class Uri {
  constructor(scheme, path) {
    Object.assign(this, { scheme, authority: '', path, query: '', fragment: '', fsPath: path });
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
  toJSON() {
    return { scheme: this.scheme, path: this.path };
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path);
  }
  static file(path) {
    return new Uri('file', path);
  }
  static parse(text) {
    const m = /^([\w+.-]+):\/\/(.*)$/.exec(text);
    return m ? new Uri(m[1], m[2]) : new Uri('file', text);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, [base.path, ...parts].join('/'));
  }
  static from(c) {
    return new Uri(c.scheme, c.path ?? '');
  }
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return { dispose() {} };
    };
  }
  fire(value) {
    for (const l of this.listeners) l(value);
  }
  dispose() {}
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  dispose() {
    this.fn?.();
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d?.dispose?.()));
  }
}

const never = () => new Promise(() => {});
const folder = Uri.file(os.tmpdir());
const configuration = { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => {} };
const overlay = (name, fields) => new Proxy(fields, { get: (t, k) => (k in t ? t[k] : typeof k === 'symbol' ? undefined : deep(`${name}.${String(k)}`)) });

// Every value the real module exports, read from @types/vscode: classes, enums, namespaces.
const exported = new Map();
const types = join(root, 'node_modules', '@types', 'vscode', 'index.d.ts');
if (existsSync(types)) {
  for (const m of readFileSync(types, 'utf8').matchAll(/^\texport (class|enum|namespace|const|let|function) (\w+)/gm)) exported.set(m[2], m[1]);
}
const vscode = {};
for (const [name, kind] of exported) vscode[name] = kind === 'class' ? stubClass(name) : deep(name);
Object.assign(vscode, {
  Uri,
  EventEmitter,
  Disposable,
  version: '1.95.0',
  workspace: overlay('workspace', {
    workspaceFolders: [{ uri: folder, name: 'bench', index: 0 }],
    getConfiguration: () => configuration,
    getWorkspaceFolder: () => ({ uri: folder, name: 'bench', index: 0 }),
    textDocuments: [],
    fs: overlay('workspace.fs', { readFile: never, readDirectory: never, stat: never, writeFile: never }),
    findFiles: never,
    createFileSystemWatcher: () => overlay('watcher', { onDidChange: () => new Disposable(), onDidCreate: () => new Disposable(), onDidDelete: () => new Disposable(), dispose() {} }),
  }),
});

const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request === 'vscode' ? vscode : load.call(this, request, parent, isMain);
};
process.on('unhandledRejection', () => {});

const memento = () => ({ get: (_k, fallback) => fallback, update: async () => {}, keys: () => [], setKeysForSync() {} });
const context = {
  subscriptions: [],
  extensionPath: root,
  extensionUri: Uri.file(root),
  globalState: memento(),
  workspaceState: memento(),
  storageUri: folder,
  globalStorageUri: folder,
  logUri: folder,
  storagePath: os.tmpdir(),
  globalStoragePath: os.tmpdir(),
  logPath: os.tmpdir(),
  asAbsolutePath: (p) => join(root, p),
  extensionMode: 1,
  environmentVariableCollection: deep('environmentVariableCollection'),
  secrets: deep('secrets'),
  extension: { id: 'lorekeeper.lorekeeper', extensionUri: Uri.file(root), extensionPath: root, packageJSON: {} },
};

const file = resolve(process.argv[2]);
let result;
const t0 = performance.now();
try {
  const extension = require(file);
  const t1 = performance.now();
  const returned = extension.activate(context);
  const t2 = performance.now();
  result = { ok: true, requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, async: returned instanceof Promise, subscriptions: context.subscriptions.length };
} catch (error) {
  result = { ok: false, error: String((error && error.stack) || error).split('\n').slice(0, 3).join(' | ') };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
