// The lore's title as the status bar shows it. The title comes from a lore pack, which anyone may
// have written: no `$(icon)` syntax in the item's text, no Markdown in its tooltip.
import { escape } from './card';

/** For the status bar item's text: one line, short, with `$(` defused. */
export function statusBarTitle(title: string | undefined): string {
  const flat = (title ?? '')
    .replace(/\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?)/g, '') // terminal escape sequences
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 80);
  return flat.replace(/\$\(/g, '$\u200b(') || 'Lore';
}

/** For the Markdown tooltip: escaped, so that `[x](command:…)` or `![](https://…)` stays text. */
export function statusTooltipTitle(title: string | undefined): string {
  return escape(statusBarTitle(title ?? 'lore'));
}
