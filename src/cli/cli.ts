// dist/cli.js, the `lorekeeper` command: starts the CLI's bundle (dist/lorekeeper.js, src/cli/main.ts)
// with V8's code cache (codeCache.ts), so that a warm run compiles none of the functions an earlier
// run compiled. Only a `check` writes the cache (it then holds the check's functions), and not with
// --no-cache, which writes nothing; LOREKEEPER_CODE_CACHE=off compiles as `require` would.
// `lorekeeper lsp` starts the server from here: it needs nothing of the CLI's bundle.
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { codeCacheFolder } from './cacheFolder';
import { internalError, runToExit } from './exit';
import { requireWithCodeCache } from './codeCache';
import { lspCommand } from './lsp';

const args = process.argv.slice(2);

/**
 * A `check` is a short run whose time is mostly V8 compiling the scan and the checks as they grow
 * hot, on the one core beside the main thread. With a third of V8's default inlining budget the
 * optimising compiler does far less work and the code it makes is as fast for this engine:
 * measured with `bench/run.mjs`'s corpora, a warm check of 1M words used about 13% less CPU time
 * (10,000 entries: 810 → 700 ms; 50,000: 1200 → 1090 ms; 5M words: 2210 → 1990 ms), with the same
 * output. The flags only tune heuristics, are set before any of the engine's code runs (so before
 * the compiler thread has work), and apply to `--threads` workers too. A flag given to `node` on
 * its own command line is left as it is.
 *
 * Its regular expressions are compiled to machine code when first run, not first to bytecode for
 * V8's regexp interpreter and then again to machine code on their second run: a check runs several
 * dozen patterns of Unicode classes, most of them a few times per chapter, and compiling each once
 * saved 7–18 ms (2–4%) of a warm check at 10,000 entries (interleaved, 14–16 rounds; neutral at
 * 50,000 entries, over 5M words, over an empty folder and cold), with the same output.
 *
 * Only the compiler's heuristics may be set here, once the process runs: a garbage collector flag
 * set at run time (`--single-threaded-gc` was tried) leaves V8 inconsistent, and a check of 50,000
 * entries then dies in a fatal V8 check. The size of V8's thread pool, which matters on two cores,
 * is a Node option (`--v8-pool-size`, read before any script) and so is the user's to give.
 */
const CHECK_V8_FLAGS = ['--max-inlined-bytecode-size=150', '--max-inlined-bytecode-size-cumulative=300', '--no-regexp-tier-up'];
/** The flag a command-line argument sets, whatever its spelling: `--no-x`, `--x=1` and `--x` are all `--x`. */
const flagName = (arg: string): string => arg.replaceAll('_', '-').split('=')[0].replace(/^--no-/, '--');
if (args[0] === 'check') {
  const given = new Set(process.execArgv.map(flagName));
  const applied = CHECK_V8_FLAGS.filter((flag) => !given.has(flagName(flag)));
  for (const flag of applied) setFlagsFromString(flag);
  if (process.env.LOREKEEPER_TIMING) process.stderr.write(`V8 flags of a check: ${applied.join(' ') || 'none (given to node)'}\n`);
}
if (args[0] === 'lsp') {
  runToExit(() => lspCommand(args.slice(1)), internalError);
} else {
  requireWithCodeCache(join(__dirname, 'lorekeeper.js'), { folder: codeCacheFolder(), write: args[0] === 'check' && !args.includes('--no-cache') });
}
