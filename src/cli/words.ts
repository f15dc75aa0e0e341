// `lorekeeper words`: the canon's names as a dictionary for a spell or grammar checker, so that
// cSpell, Harper, LTeX and Vale stop flagging canon names as typos.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { canonWords, DICTIONARY_FORMATS, formatDictionary, type DictionaryFormat } from '../core/features/dictionary';
import { loadProjectLore, readArguments, readConfig, UsageError } from './project';

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

export async function wordsCommand(argv: string[], cwd: string): Promise<number> {
  try {
    return await run(argv, cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`lorekeeper: ${error.message}\n`);
    return 2;
  }
}

async function run(argv: string[], cwd: string): Promise<number> {
  let format: DictionaryFormat = 'plain';
  let out: string | undefined;
  let config: string | undefined;
  let language: string | undefined;
  const lore: string[] = [];
  for (const { flag, arg, value } of readArguments(argv)) {
    switch (flag) {
      case '-h':
      case '--help':
        process.stdout.write(WORDS_HELP);
        return 0;
      case '--format': {
        const f = value();
        if (!(DICTIONARY_FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}" (use ${DICTIONARY_FORMATS.join(', ')})`);
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
        throw new UsageError(flag.startsWith('-') ? `unknown option ${flag} for words (see lorekeeper words --help)` : `lorekeeper words takes no paths (got "${arg}")`);
    }
  }
  // The same reading of the project as `lorekeeper check`: a pipe as --config is refused, never opened.
  const { loaded } = await loadProjectLore(cwd, lore, readConfig(cwd, config), false);
  const text = formatDictionary(canonWords(loaded.base), format, { title: loaded.base.title, language });
  if (out) {
    try {
      writeFileSync(resolve(cwd, out), text);
    } catch (error) {
      throw new UsageError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    await new Promise<void>((done) => process.stdout.write(text, () => done()));
  }
  return 0;
}
