// The server over stdio, Node IPC or a socket (as `--stdio`, `--node-ipc`, `--socket=N` say).
// `file:` URIs are read with Node's fs; any other scheme (a virtual workspace) through the client.
// `lorekeeper lsp` and dist/server.js both start it. The lore is cached on disk where the CLI caches
// it (so that `lorekeeper check` and the editor warm each other), unless `--no-cache` is given. It
// watches the lore folders on disk itself too, beside whatever the editor reports.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { clientFileSystem, routedFileSystem } from '../clientFileSystem';
import { startServer } from '../server';
import { nodeUriFileSystem } from './fileSystem';
import { watchFolders } from './folderWatcher';
import { diskLoreCacheFor } from './loreCache';

const TRANSPORTS = /^--(stdio|node-ipc|socket|pipe)(=|$)|^--clientProcessId/;

export function startNodeServer(argv: string[] = process.argv.slice(2)): void {
  // Without a transport flag, stdio: what every editor's LSP client speaks.
  const connection = argv.some((a) => TRANSPORTS.test(a))
    ? createConnection(ProposedFeatures.all)
    : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const persistentCache = argv.includes('--no-cache') ? undefined : diskLoreCacheFor;
  startServer(connection, routedFileSystem(nodeUriFileSystem, clientFileSystem(connection)), { persistentCache, watchFolders });
}
