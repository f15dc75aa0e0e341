// dist/cli.js, the `lorekeeper` command: starts the CLI's bundle (dist/lorekeeper.js, src/cli/main.ts)
// with V8's code cache (codeCache.ts), so that a warm run compiles none of the functions an earlier
// run compiled. Only a `check` writes the cache (it then holds the check's functions), and not with
// --no-cache, which writes nothing; LOREKEEPER_CODE_CACHE=off compiles as `require` would.
import { join } from 'node:path';
import { codeCacheFolder } from './cacheFolder';
import { requireWithCodeCache } from './codeCache';

const args = process.argv.slice(2);
requireWithCodeCache(join(__dirname, 'lorekeeper.js'), { folder: codeCacheFolder(), write: args[0] === 'check' && !args.includes('--no-cache') });
