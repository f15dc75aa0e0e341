// The shipped import mappings (presets/*.yaml), bundled into the CLI and the extension so that
// `--preset` works wherever they run.
import harryPotter from '../../../presets/harry-potter.yaml';
import memoryAlpha from '../../../presets/memory-alpha.yaml';
import wookieepedia from '../../../presets/wookieepedia.yaml';
import { parseMapping, type Mapping } from './mapping';

export const PRESETS: Readonly<Record<string, string>> = {
  'harry-potter': harryPotter,
  'memory-alpha': memoryAlpha,
  wookieepedia,
};

export const PRESET_NAMES = Object.keys(PRESETS).sort();

export function presetMapping(name: string): Mapping | undefined {
  const source = PRESETS[name];
  if (source === undefined) return undefined;
  const parsed = parseMapping(source, `presets/${name}.yaml`);
  if (!parsed.ok) throw new Error(`shipped preset is broken: ${parsed.message}`);
  return parsed.mapping;
}

/** The preset whose site names match the export's <sitename> or <dbname>. */
export function guessPreset(siteName: string | undefined, dbName: string | undefined): string | undefined {
  const wanted = [siteName, dbName].filter((s): s is string => !!s).map((s) => s.toLowerCase());
  for (const name of PRESET_NAMES) {
    const mapping = presetMapping(name)!;
    if (mapping.siteNames.some((s) => wanted.includes(s.toLowerCase()))) return name;
  }
  return undefined;
}
