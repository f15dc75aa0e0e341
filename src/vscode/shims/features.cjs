'use strict';
// Stand-ins for the vscode-languageclient features that Lorekeeper's server never uses (README.md
// here): notebook document sync, file-operation events, semantic tokens, formatting, rename and
// the other language features it does not declare. Each keeps the shape the client and its other
// features rely on, and does nothing: the client advertises none of these capabilities, so a
// server never registers them.
const vscode = require('vscode');
const proto = require('vscode-languageserver-protocol');

/** A static feature that fills no capability and serves nothing. */
class Unused {
  constructor(client) {
    this.client = client;
  }
  getState() {
    return { kind: 'static' };
  }
  fillClientCapabilities() {}
  initialize() {}
  clear() {}
}

/**
 * The diagnostic feature listens to the notebook feature's events and the client asks it whether
 * it handles a document: never, and the events never fire.
 */
class NotebookDocumentSyncFeature {
  static CellScheme = 'vscode-notebook-cell';
  constructor(client) {
    this.client = client;
    this.registrationType = proto.NotebookDocumentSyncRegistrationType.type;
    this.emitters = { open: new vscode.EventEmitter(), change: new vscode.EventEmitter(), close: new vscode.EventEmitter(), save: new vscode.EventEmitter() };
  }
  getState() {
    return { kind: 'document', id: this.registrationType.method, registrations: false, matches: false };
  }
  get onOpenNotificationSent() {
    return this.emitters.open.event;
  }
  get onChangeNotificationSent() {
    return this.emitters.change.event;
  }
  get onCloseNotificationSent() {
    return this.emitters.close.event;
  }
  get onSaveNotificationSent() {
    return this.emitters.save.event;
  }
  fillClientCapabilities() {}
  preInitialize() {}
  initialize() {}
  register() {}
  unregister() {}
  clear() {}
  handles() {
    return false;
  }
  getProvider() {
    return undefined;
  }
}

const UNUSED = [
  'SemanticTokensFeature',
  'DidCreateFilesFeature',
  'DidRenameFilesFeature',
  'DidDeleteFilesFeature',
  'WillCreateFilesFeature',
  'WillRenameFilesFeature',
  'WillDeleteFilesFeature',
  'DocumentFormattingFeature',
  'DocumentRangeFormattingFeature',
  'DocumentOnTypeFormattingFeature',
  'RenameFeature',
  'TextDocumentContentFeature',
  'InlineCompletionItemFeature',
  'TypeHierarchyFeature',
  'CallHierarchyFeature',
  'ColorProviderFeature',
  'FoldingRangeFeature',
  'LinkedEditingFeature',
  'InlineValueFeature',
  'SelectionRangeFeature',
  'DocumentLinkFeature',
  'DeclarationFeature',
  'ImplementationFeature',
  'TypeDefinitionFeature',
  'DocumentHighlightFeature',
  'SignatureHelpFeature',
];

module.exports = { NotebookDocumentSyncFeature, ...Object.fromEntries(UNUSED.map((name) => [name, Unused])) };
