// dist/cli.js, the `lorekeeper` command: starts the CLI's bundle (dist/lorekeeper.js, src/cli/main.ts)
// with V8's code cache (codeCache.ts), so that a warm run compiles none of the functions an earlier
// run compiled. Only a `check` writes the cache (it then holds the check's functions), and not with
// --no-cache, which writes nothing; LOREKEEPER_CODE_CACHE=off compiles as `require` would.
// `lorekeeper lsp` starts the server from here: it needs nothing of the CLI's bundle.
import { join } from 'node:path';
import { codeCacheFolder } from './cacheFolder';
import { internalError, runToExit } from './exit';
import { requireWithCodeCache } from './codeCache';
import { lspCommand } from './lsp';

const args = process.argv.slice(2);
if (args[0] === 'lsp') {
  runToExit(() => lspCommand(args.slice(1)), internalError);
} else {
  requireWithCodeCache(join(__dirname, 'lorekeeper.js'), { folder: codeCacheFolder(), write: args[0] === 'check' && !args.includes('--no-cache') });
}
