// An entry's card as the client can show it: the engine's Markdown, with links that open entries
// (VS Code's command links when the client asked for them, the YAML file at the entry elsewhere).
import { entryCard, type CardScene } from '../core/features/card';
import { isInsideFolders, normalizePath } from '../core/features/workspacePaths';
import type { Entry } from '../core/lore/entry';
import { OPEN_ENTRY_COMMAND } from './protocol';
import type { LoreState, Project } from './project';
import type { ClientSupport } from './workspace';

export function cardMarkdown(project: Project, state: LoreState, entry: Entry, support: ClientSupport, scene?: CardScene): string {
  const fileLink = (e: Entry): string => {
    const at = e.fieldLocations.name ?? e.location;
    return `${at.file}#L${at.range.start.line + 1}`;
  };
  const entryLink = (id: string): string => {
    if (support.entryLinks === 'command') return `command:${OPEN_ENTRY_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`;
    const target = state.lore.base.byId.get(id);
    return target ? fileLink(target) : '#';
  };
  return entryCard(entry, state.lore.base, {
    scene,
    links: {
      entry: entryLink,
      image: (path) => {
        // Only a file inside the workspace: a remote URL would load (and be tracked) on hover.
        const inside = isInsideFolders(path, [project.root]) ? normalizePath(path) : undefined;
        if (inside === undefined) return undefined;
        return support.entryLinks === 'command' ? `${inside}|width=160` : inside;
      },
      definition: (e) => ({
        href: support.entryLinks === 'command' ? entryLink(e.id) : fileLink(e),
        label: `Open in ${project.relativePath(e.location.file) ?? e.location.file.split('/').pop()}`,
      }),
    },
  });
}
