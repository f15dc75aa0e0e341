// The server over stdio, Node IPC or a socket (as `--stdio`, `--node-ipc`, `--socket=N` say).
// `file:` URIs are read with Node's fs; any other scheme (a virtual workspace) through the client.
// `lorekeeper lsp` and dist/server.js both start it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { clientFileSystem, routedFileSystem } from '../clientFileSystem';
import { startServer } from '../server';
import { nodeUriFileSystem } from './fileSystem';

const TRANSPORTS = /^--(stdio|node-ipc|socket|pipe)(=|$)|^--clientProcessId/;

export function startNodeServer(argv: string[] = process.argv.slice(2)): void {
  // Without a transport flag, stdio: what every editor's LSP client speaks.
  const connection = argv.some((a) => TRANSPORTS.test(a))
    ? createConnection(ProposedFeatures.all)
    : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection, routedFileSystem(nodeUriFileSystem, clientFileSystem(connection)));
}
