// The Lore view in the Explorer: entries by kind, the dead marked with † and their death year;
// clicking one opens it in its YAML file. The entries and their cards come from the server.
import * as vscode from 'vscode';
import { EntryCardRequest, type LoreStateResult } from '../server/protocol';
import { OPEN_ENTRY } from './cards';
import type { LoreClient } from './client';

type EntrySummary = NonNullable<LoreStateResult['entries']>[number];
type Node = { kind: string; count: number } | { entry: EntrySummary };

const KIND_ORDER = ['character', 'place', 'ship', 'organization', 'event', 'item', 'species', 'concept'];
const KIND_LABEL: Record<string, string> = {
  character: 'Characters',
  place: 'Places',
  ship: 'Ships',
  organization: 'Organizations',
  event: 'Events',
  item: 'Items',
  species: 'Species',
  concept: 'Concepts',
};
const KIND_ICON: Record<string, string> = {
  character: 'person',
  place: 'globe',
  ship: 'rocket',
  organization: 'organization',
  event: 'calendar',
  item: 'package',
  species: 'symbol-class',
  concept: 'lightbulb',
};

export class LoreTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private entries: Promise<EntrySummary[]> | undefined;

  constructor(private readonly lore: LoreClient) {
    this.subscription = lore.onDidChangeLore(() => {
      this.entries = undefined;
      this.changed.fire(undefined);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private load(): Promise<EntrySummary[]> {
    this.entries ??= this.lore.loreState({ entries: true }).then(
      (state) => (state?.active ? state.entries ?? [] : []),
      () => [],
    );
    return this.entries;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const entries = await this.load();
    if (!node) {
      const counts = new Map<string, number>();
      for (const entry of entries) counts.set(entry.kind, (counts.get(entry.kind) ?? 0) + 1);
      const rank = (kind: string): number => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
      return [...counts]
        .sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))
        .map(([kind, count]) => ({ kind, count }));
    }
    if ('kind' in node) {
      return entries
        .filter((entry) => entry.kind === node.kind)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((entry) => ({ entry }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('kind' in node) {
      const item = new vscode.TreeItem(KIND_LABEL[node.kind] ?? node.kind, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(node.count);
      item.iconPath = new vscode.ThemeIcon(KIND_ICON[node.kind] ?? 'symbol-misc');
      item.id = `kind:${node.kind}`;
      item.contextValue = 'loreKind';
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entry.name, vscode.TreeItemCollapsibleState.None);
    item.id = `entry:${entry.id}`;
    item.description = entry.note;
    item.iconPath = new vscode.ThemeIcon(KIND_ICON[entry.kind] ?? 'symbol-misc');
    item.contextValue = 'loreEntry';
    item.command = { title: 'Open Lore Entry', command: OPEN_ENTRY, arguments: [entry.id] };
    return item;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: Node): Promise<vscode.TreeItem> {
    if (!('entry' in node)) return item;
    const card = await this.lore.request(EntryCardRequest, { id: node.entry.id }).catch(() => null);
    if (card) {
      const tooltip = new vscode.MarkdownString(card.markdown);
      tooltip.isTrusted = { enabledCommands: [OPEN_ENTRY] };
      item.tooltip = tooltip;
    }
    return item;
  }
}
