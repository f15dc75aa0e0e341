// One bundle per entry point: the CLI, the extension, and each test file.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @param {string} dir @param {(f: string) => boolean} keep */
function filesUnder(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'fixtures') return [];
    return statSync(path).isDirectory() ? filesUnder(path, keep) : keep(path) ? [path] : [];
  });
}

/**
 * Which build this is, for the CLI's lore cache: a hash of the sources, the lock file and the
 * version, so that a rebuilt Lorekeeper never serves results cached by another.
 */
function buildId() {
  const hash = createHash('sha256');
  const files = ['package.json', 'package-lock.json', ...filesUnder('src', () => true).sort()];
  for (const file of files) if (existsSync(file)) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

const common = {
  define: { __LOREKEEPER_BUILD__: JSON.stringify(buildId()) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  loader: { '.txt': 'text', '.yaml': 'text' },
  // The 7-Zip binary is found through its package at run time, not bundled.
  external: ['7zip-bin'],
};

/** Small stand-ins for two of the language client's dependencies (src/vscode/shims/README.md). */
const clientShims = {
  minimatch: './src/vscode/shims/minimatch.cjs',
  'semver/functions/parse': './src/vscode/shims/semver-parse.cjs',
  'semver/functions/satisfies': './src/vscode/shims/semver-satisfies.cjs',
};

/**
 * The language client's features the server never uses (notebook sync, file operations, semantic
 * tokens, formatting, rename, …) replaced by one small file (src/vscode/shims/README.md). A feature
 * the server starts to declare must leave this list.
 */
const unusedClientFeatures = {
  name: 'unused-client-features',
  setup(build) {
    build.onResolve({ filter: /^\.\/(notebook|fileOperations|semanticTokens|formatting|rename|textDocumentContent|inlineCompletion|typeHierarchy|callHierarchy|colorProvider|foldingRange|linkedEditingRange|inlineValue|selectionRange|documentLink|declaration|implementation|typeDefinition|documentHighlight|signatureHelp)$/ }, (args) =>
      /vscode-languageclient[\\/]lib[\\/]common$/.test(args.resolveDir) ? { path: join(process.cwd(), 'src', 'vscode', 'shims', 'features.cjs') } : undefined,
    );
  },
};

const requireHere = createRequire(import.meta.url);

/**
 * `specifier`, as Lorekeeper's own sources import it, replaced by a module whose exports are
 * getters that run `load` (a JS expression) on first use: a call site sees the real module's own
 * functions and classes, but nothing of it is evaluated until then. Names in `eagerFile` (an
 * absolute path) come from that small module at once instead.
 */
function lazyExports(specifier, load, eagerFile) {
  const names = Object.keys(requireHere(specifier));
  const eager = eagerFile ? `const eager = require(${JSON.stringify(eagerFile)});\n` : 'const eager = {};\n';
  return {
    name: `lazy-${specifier}`,
    setup(build) {
      const filter = new RegExp(`^${specifier}$`);
      build.onResolve({ filter }, (args) => (args.namespace === 'file' && !/node_modules/.test(args.importer) ? { path: specifier, namespace: 'lazy-exports' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'lazy-exports' }, () => ({
        loader: 'js',
        resolveDir: process.cwd(),
        contents: `${eager}let real;
const load = () => (real ??= ${load});
for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: name in eager ? () => eager[name] : () => load()[name] });
`,
      }));
    },
  };
}

/**
 * The CLI's `yaml`, read from dist/yaml.js the first time it is used: a warm `lorekeeper check`
 * reads the lore from its cache and front matter without the library, which is a quarter of the
 * code it would otherwise compile for nothing.
 */
const lazyYaml = lazyExports('yaml', "require(require('node:path').join(__dirname, 'yaml.js'))");
const yamlEntry = requireHere.resolve('yaml');

/**
 * The extension's `vscode-languageserver-protocol` (src/server/protocol.ts declares the custom
 * requests with it): the request and notification types come from vscode-jsonrpc's small
 * messages module, the same classes the language client uses, and the rest of the protocol is
 * evaluated when the client loads, not when the extension is required.
 */
const lazyProtocol = lazyExports('vscode-languageserver-protocol', "require('vscode-languageserver-protocol')", join(dirname(requireHere.resolve('vscode-jsonrpc')), 'messages.js'));

const builds = [
  // dist/cli.js, the command, is a small starter: it runs dist/lorekeeper.js (the CLI itself) with
  // V8's code cache of an earlier run (src/cli/codeCache.ts).
  {
    ...common,
    entryPoints: { cli: 'src/cli/cli.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: { lorekeeper: 'src/cli/main.ts' },
    outdir: 'dist',
    plugins: [lazyYaml],
  },
  { ...common, entryPoints: { yaml: yamlEntry }, outdir: 'dist' },
  // The CLI's rarely-used commands (import, timeline), which dist/cli.js loads only when asked for
  // (src/cli/onDemand.ts), so that `lorekeeper check` compiles a third of the code it used to.
  {
    ...common,
    entryPoints: { commands: 'src/cli/commands.ts' },
    outdir: 'dist',
  },
];

if (existsSync('src/vscode/extension.ts')) {
  builds.push({
    ...common,
    entryPoints: { extension: 'src/vscode/extension.ts' },
    outdir: 'dist',
    external: ['vscode', '7zip-bin'],
    alias: clientShims,
    plugins: [unusedClientFeatures, lazyProtocol],
  });
}

// The language server on its own (the extension starts it, and the CLI's `lsp` loads it).
builds.push({
  ...common,
  entryPoints: { server: 'src/server/node/serverMain.ts' },
  outdir: 'dist',
});

// vscode.dev and github.dev: the extension and its server for the browser (a web worker).
if (existsSync('src/vscode/browser/extension.ts')) {
  builds.push(
    {
      ...common,
      platform: 'browser',
      target: 'es2022',
      entryPoints: { extension: 'src/vscode/browser/extension.ts' },
      outdir: join('dist', 'browser'),
      external: ['vscode'],
      alias: clientShims,
      plugins: [unusedClientFeatures, lazyProtocol],
    },
    {
      ...common,
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
      entryPoints: { server: 'src/server/browser/main.ts' },
      outdir: join('dist', 'browser'),
    },
  );
}

if (!production) {
  const unitTests = filesUnder('test', (f) => f.endsWith('.test.ts') && !f.startsWith(join('test', 'vscode')));
  builds.push({
    ...common,
    entryPoints: unitTests,
    outdir: join('dist-test', 'unit'),
    outbase: 'test',
    sourcemap: 'inline',
  });
  const hostSuite = filesUnder(join('test', 'vscode', 'suite'), (f) => f.endsWith('.ts'));
  if (hostSuite.length > 0) {
    builds.push({
      ...common,
      entryPoints: hostSuite,
      outdir: join('dist-test', 'vscode', 'suite'),
      outbase: join('test', 'vscode', 'suite'),
      external: ['vscode', 'mocha', '7zip-bin'],
      sourcemap: 'inline',
    });
  }
  rmSync('dist-test', { recursive: true, force: true });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
