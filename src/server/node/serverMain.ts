// dist/server.js: the language server as its own bundle (the VS Code extension starts it over IPC).
import { startNodeServer } from './main';

startNodeServer();
