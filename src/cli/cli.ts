// dist/cli.js, the `lorekeeper` command: starts the CLI's bundle (dist/lorekeeper.js, src/cli/main.ts)
// with V8's code cache (codeCache.ts), so that a warm run compiles none of the functions an earlier
// run compiled. Only a `check` writes the cache (it then holds the check's functions), and not with
// --no-cache, which writes nothing; LOREKEEPER_CODE_CACHE=off compiles as `require` would.
// `lorekeeper lsp` starts the server from here: it needs nothing of the CLI's bundle.
import { join } from 'node:path';
import { codeCacheFolder } from './cacheFolder';
import { requireWithCodeCache } from './codeCache';
import { lspCommand } from './lsp';

const args = process.argv.slice(2);
if (args[0] === 'lsp') {
  // As dist/lorekeeper.js runs a command: a reader gone (EPIPE) is no one left to tell.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`lorekeeper: cannot write the results: ${error.code ?? error.message}\n`);
  });
  lspCommand(args.slice(1)).then(
    (status) => {
      if (status !== undefined) process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`lorekeeper: internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
} else {
  requireWithCodeCache(join(__dirname, 'lorekeeper.js'), { folder: codeCacheFolder(), write: args[0] === 'check' && !args.includes('--no-cache') });
}
