// `lorekeeper lsp [--stdio]`: the language server for other editors (SPEC §6): dist/server.js, the
// bundle the VS Code extension starts too, loaded only when asked for so that `lorekeeper check`
// does not compile it. dist/cli.js starts it without the CLI's own bundle (src/cli/cli.ts): a small
// module, with nothing of the engine.
import { join } from 'node:path';
import { codeCacheFolder } from './cacheFolder';
import { requireWithCodeCache } from './codeCache';

export const LSP_HELP = `Usage: lorekeeper lsp [--stdio] [--no-cache]

Speaks the Language Server Protocol on standard input and output: diagnostics, hover cards,
completion, quick fixes, definition, references and scene outlines for any editor with an LSP
client. See docs/editors.md for Neovim, Helix, Zed, Emacs and Sublime Text.

Options:
  --stdio              talk over stdin/stdout (the default)
  --no-cache           parse every lore file, ignoring and not writing the lore cache
                       (by default the server reads and writes the cache \`lorekeeper check\`
                       uses: node_modules/.cache/lorekeeper, else ~/.cache/lorekeeper)
  --node-ipc, --socket=PORT, --pipe=NAME
                       other transports, for clients that start the server themselves
  -h, --help           show this help
`;

/**
 * dist/server.js, which starts the server on the process's stdio (or the transport its flags name)
 * as it loads: compiled with the code cache of an earlier start (codeCache.ts), which the server
 * leaves as it exits (not with --no-cache, which writes nothing).
 */
function startLanguageServer(argv: readonly string[]): void {
  requireWithCodeCache(join(__dirname, 'server.js'), { folder: codeCacheFolder(), write: !argv.includes('--no-cache') });
}

/** Starts the server; returns an exit status only when it does not start. */
export async function lspCommand(argv: string[]): Promise<number | undefined> {
  for (const arg of argv) {
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(LSP_HELP);
      return 0;
    }
    if (!/^--(stdio|no-cache|node-ipc|socket=\d+|pipe=.+|clientProcessId=\d+)$/.test(arg)) {
      process.stderr.write(`lorekeeper: unknown option ${arg} for lsp (use --stdio)\n`);
      return 2;
    }
  }
  // The server reads its flags from process.argv, where `lsp` before them names no transport.
  startLanguageServer(argv);
  return undefined;
}
