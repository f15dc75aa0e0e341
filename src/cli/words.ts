// `lorekeeper words`: the canon's names as a dictionary for a spell or grammar checker, so that
// cSpell, Harper, LTeX and Vale stop flagging canon names as typos.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig } from '../core/config';
import { canonWords, DICTIONARY_FORMATS, formatDictionary, type DictionaryFormat } from '../core/features/dictionary';
import { loadLore } from '../core/lore/load';
import { nodeFileSystem } from './nodeFileSystem';

export const WORDS_HELP = `Usage: lorekeeper words [--format cspell|harper|ltex|vale|plain] [options]

Writes the canon's names and aliases as a dictionary for a spell checker: every word of a
name that is not ordinary English (Picard, Jurati, Jean-Luc).

Formats:
  cspell    a cSpell configuration file with \`words\` (cspell.json)
  harper    Harper's user dictionary (one word a line)
  ltex      the \`ltex.dictionary\` setting, as JSON
  vale      a Vale vocabulary's accept.txt (one escaped pattern a line)
  plain     one word a line (default; a cSpell or LTeX dictionary file)

Options:
  --lore DIR           lore folder (repeat for layers; default: the config's \`lore\`, else ./lore)
  --config FILE        configuration file (default: ./lorekeeper.yaml if present)
  --language TAG       the LTeX language the words are for (default en-US)
  --out FILE           write the dictionary to FILE instead of standard output
  -h, --help           show this help
`;

class WordsUsageError extends Error {}

export async function wordsCommand(argv: string[], cwd: string): Promise<number> {
  try {
    return await run(argv, cwd);
  } catch (error) {
    if (!(error instanceof WordsUsageError)) throw error;
    process.stderr.write(`lorekeeper: ${error.message}\n`);
    return 2;
  }
}

async function run(argv: string[], cwd: string): Promise<number> {
  const args = [...argv];
  let format: DictionaryFormat = 'plain';
  let out: string | undefined;
  let config: string | undefined;
  let language: string | undefined;
  const lore: string[] = [];
  while (args.length > 0) {
    const arg = args.shift()!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args.shift();
      if (v === undefined || v === '') throw new WordsUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        process.stdout.write(WORDS_HELP);
        return 0;
      case '--format': {
        const f = value();
        if (!(DICTIONARY_FORMATS as readonly string[]).includes(f)) throw new WordsUsageError(`unknown format "${f}" (use ${DICTIONARY_FORMATS.join(', ')})`);
        format = f as DictionaryFormat;
        break;
      }
      case '--out':
        out = value();
        break;
      case '--lore':
        lore.push(value());
        break;
      case '--config':
        config = value();
        break;
      case '--language':
        language = value();
        break;
      default:
        throw new WordsUsageError(flag.startsWith('-') ? `unknown option ${flag} for words (see lorekeeper words --help)` : `lorekeeper words takes no paths (got "${arg}")`);
    }
  }
  const configPath = config ? resolve(cwd, config) : ['lorekeeper.yaml', 'lorekeeper.yml'].map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  let folders = lore;
  if (configPath) {
    let text: string;
    try {
      text = readFileSync(configPath, 'utf8');
    } catch {
      throw new WordsUsageError(`cannot read config file ${config ?? configPath}`);
    }
    const parsed = parseConfig(text);
    if (!parsed.ok) throw new WordsUsageError(`${config ?? 'lorekeeper.yaml'}: ${parsed.message}`);
    if (folders.length === 0) folders = parsed.config.lore ?? [];
  }
  if (folders.length === 0) folders = ['lore'];
  for (const folder of folders) {
    const path = resolve(cwd, folder);
    if (!existsSync(path) || !statSync(path).isDirectory()) throw new WordsUsageError(`lore folder not found: ${folder} (use --lore DIR or set \`lore\` in lorekeeper.yaml)`);
  }
  const loaded = await loadLore(nodeFileSystem, folders.map((name) => ({ name, path: resolve(cwd, name) })));
  const text = formatDictionary(canonWords(loaded.base), format, { title: loaded.base.title, language });
  if (out) {
    try {
      writeFileSync(resolve(cwd, out), text);
    } catch (error) {
      throw new WordsUsageError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    await new Promise<void>((done) => process.stdout.write(text, () => done()));
  }
  return 0;
}
