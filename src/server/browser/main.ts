// dist/browser/server.js: the same server in a web worker (vscode.dev, github.dev), reading the
// workspace through the client (vscode.workspace.fs).
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { clientFileSystem } from '../clientFileSystem';
import { startServer } from '../server';

// The worker's global scope is where its messages come and go.
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
startServer(connection, clientFileSystem(connection));
