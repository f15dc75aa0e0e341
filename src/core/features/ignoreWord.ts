// "Ignore this word in this workspace": the word added to the `words:` list of lorekeeper.yaml
// (as cSpell's add-to-dictionary), keeping the file's comments and layout.
import { isMap, isSeq, parseDocument, type Document, type YAMLSeq } from 'yaml';

/**
 * The text of lorekeeper.yaml with `word` in its `words:` list (the file created when undefined).
 * Undefined when the file cannot take it (invalid YAML, not a mapping) or already lists the word.
 */
export function addIgnoredWord(existing: string | undefined, word: string): string | undefined {
  if (existing === undefined || existing.trim() === '') {
    return `${existing?.trimEnd() ? `${existing.trimEnd()}\n` : ''}# Words Lorekeeper never flags as misspelled canon names.\nwords:\n  - ${quoteIfNeeded(word)}\n`;
  }
  const doc = parseDocument(existing) as unknown as Document;
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const list = doc.contents.get('words', true);
  if (isSeq(list)) {
    if (list.items.some((item) => String((item as { value?: unknown }).value ?? item).toLowerCase() === word.toLowerCase())) return undefined;
    (list as YAMLSeq<unknown>).add(doc.createNode(word));
  } else if (list === undefined || list === null) {
    doc.contents.set('words', doc.createNode([word]));
  } else return undefined;
  return doc.toString({ lineWidth: 0 });
}

function quoteIfNeeded(word: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N}' .-]*$/u.test(word) && !/^(yes|no|true|false|null|on|off)$/i.test(word) ? word : JSON.stringify(word);
}
