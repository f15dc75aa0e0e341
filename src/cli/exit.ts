// How a `lorekeeper` command ends: shared by dist/cli.js, which starts `lsp` itself, and the CLI's
// bundle, which runs every other command. A small module, so that the starter stays small.
import { describeError } from '../core/fileSystem';

/**
 * Runs `command` and sets the exit status it gives (undefined: a server was started, and ends the
 * process itself). A reader gone from stdout (`lorekeeper check | head -1`, EPIPE) is no one left
 * to tell; any other failure to write makes the status 2, and so does an error, told by `failure`.
 */
export function runToExit(command: () => Promise<number | undefined>, failure: (error: unknown) => string): void {
  let writeFailed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`lorekeeper: cannot write the results: ${describeError(error)}\n`);
    writeFailed = true;
  });
  command().then(
    (status) => {
      if (status !== undefined) process.exitCode = writeFailed ? 2 : status;
    },
    (error: unknown) => {
      process.stderr.write(`lorekeeper: ${failure(error)}\n`);
      process.exitCode = 2;
    },
  );
}

/** An error no command expects, with its stack (for a bug report). */
export function internalError(error: unknown): string {
  return `internal error: ${(error as Error).stack ?? String(error)}`;
}
