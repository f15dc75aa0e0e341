// The Lore view in the Explorer: entries by kind, the dead marked with † and their death year;
// clicking one opens it in its YAML file.
import * as vscode from 'vscode';
import { endNote } from '../core/features/lifeStatus';
import type { Entry } from '../core/lore/entry';
import { cardMarkdown, OPEN_ENTRY } from './cards';
import type { Project } from './project';

type Node = { kind: string; count: number } | { entry: Entry };

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

  constructor(private readonly project: Project) {
    this.subscription = project.onDidChangeLore(() => this.changed.fire(undefined));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const state = await this.project.ready();
    if (!state.active) return [];
    const entries = state.lore.base.entries;
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
    const state = this.project.current;
    const note = state ? endNote(entry, state.lore.base.calendar) : undefined;
    const item = new vscode.TreeItem(entry.name, vscode.TreeItemCollapsibleState.None);
    item.id = `entry:${entry.id}`;
    item.description = note;
    item.iconPath = new vscode.ThemeIcon(KIND_ICON[entry.kind] ?? 'symbol-misc');
    item.contextValue = 'loreEntry';
    item.command = { title: 'Open Lore Entry', command: OPEN_ENTRY, arguments: [entry.id] };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    const state = this.project.current;
    if ('entry' in node && state) item.tooltip = cardMarkdown(this.project, state, node.entry);
    return item;
  }
}
