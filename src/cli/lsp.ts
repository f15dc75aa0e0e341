// `lorekeeper lsp [--stdio]`: the language server for other editors (SPEC §6): dist/server.js, the
// bundle the VS Code extension starts too, loaded only when asked for so that `lorekeeper check`
// does not compile it.
import { startLanguageServer } from './onDemand';

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
