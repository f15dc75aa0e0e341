// In lore YAML files: completion of entry ids where a `relations` target is expected.
import * as vscode from 'vscode';
import { relationTargetAt } from '../core/features/relationIds';
import type { Entry } from '../core/lore/entry';
import type { Project } from './project';

export function registerRelationCompletion(project: Project): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider({ pattern: '**/*.{yaml,yml}' }, {
    async provideCompletionItems(document, position) {
      if (!project.isLoreFile(document.uri)) return undefined;
      const target = relationTargetAt(document.getText(), document.offsetAt(position));
      if (!target) return undefined;
      const state = await project.ready();
      const prefix = target.prefix.toLowerCase();
      const picked = new Map<string, Entry>();
      // Ids that start with what was typed, then entries whose names do ("pic" → jean-luc-picard).
      for (const entry of state.lore.base.entries) {
        if (picked.size >= 200) break;
        if (entry.id.startsWith(prefix)) picked.set(entry.id, entry);
      }
      if (prefix.length > 0) {
        for (const match of project.completion(state).complete(prefix.replace(/-/g, ' '), { limit: 100 })) {
          picked.set(match.candidate.entry.id, match.candidate.entry);
        }
      }
      const range = new vscode.Range(document.positionAt(target.start), position);
      const items = [...picked.values()].map((entry, rank) => {
        const item = new vscode.CompletionItem({ label: entry.id, description: `${entry.name} · ${entry.kind}` }, vscode.CompletionItemKind.Reference);
        item.range = range;
        item.filterText = target.prefix;
        item.sortText = String(rank).padStart(4, '0');
        return item;
      });
      return new vscode.CompletionList(items, true);
    },
  });
}
