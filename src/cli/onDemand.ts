// The bundles the CLI loads only for the command that needs them (esbuild.mjs builds them next to
// dist/cli.js): `check`, the command run most, compiles none of their code.
import { join } from 'node:path';
import { UsageError } from './project';

/** dist/commands.js: `import` and `timeline` (src/cli/commands.ts). */
export type Commands = typeof import('./commands');

let loaded: Commands | undefined;

export function commands(): Commands {
  return (loaded ??= loadBundle('commands.js') as Commands);
}

/** A usage error thrown here or in dist/commands.js, which has its own copy of the class. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError || (loaded !== undefined && error instanceof loaded.UsageError);
}

function loadBundle(file: string): unknown {
  // A path built at run time, so that esbuild leaves the require to Node instead of bundling it.
  return require(join(__dirname, file));
}
