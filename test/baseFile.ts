// The lore cache's merged-base file (src/cli/cachedBase.ts) taken apart and put together again, for
// the tests that damage one part of it: a header line of JSON, the body's strings (one text), 32-bit
// integers (the strings' lengths, the packed body, then the entries' field lists and locations).
import { readFileSync, writeFileSync } from 'node:fs';
import { baseDigest, type BaseHeader } from '../src/cli/cachedBase';
import { packJson, packStrings, unpackJson, unpackStrings } from '../src/cli/packedJson';

export interface BaseFileParts {
  header: Record<string, unknown>;
  /** The body as a value (packed again when written). */
  body: unknown;
  /** The field lists and locations. */
  ints: number[];
  /** The strings' text as written instead of the body's own (to damage it). */
  text?: string;
}

export function readBaseFile(file: string): BaseFileParts & { body: Record<string, unknown> } {
  const bytes = readFileSync(file);
  const newline = bytes.indexOf(10);
  const header = JSON.parse(bytes.subarray(0, newline).toString('latin1')) as Record<string, unknown>;
  const textEnd = newline + 1 + (header.text as number);
  const all = new Int32Array(new Uint8Array(bytes.subarray(textEnd)).buffer);
  const count = header.strings as number;
  const packed = count + (header.words as number);
  const strings = unpackStrings(bytes.subarray(newline + 1, textEnd), header.wide as boolean, all.subarray(0, count))!;
  const body = unpackJson({ strings, objects: header.objects as string[][], numbers: header.numbers as number[], words: all.subarray(count, packed) }) as Record<string, unknown>;
  return { header, body, ints: Array.from(all.subarray(packed)) };
}

/**
 * Writes the parts. The header's sizes, key lists and numbers are those of the body written unless
 * `keepLength`; its digest is kept as it was (as anyone but Lorekeeper would) unless `freshDigest`.
 */
export function writeBaseFile(file: string, parts: BaseFileParts, keepLength = false, freshDigest = false): void {
  const packed = packJson(parts.body);
  const strings = packStrings(packed.strings);
  const text = parts.text === undefined ? strings.bytes : Buffer.from(parts.text, 'latin1');
  const lengthsAndWords = Buffer.from(new Int32Array([...strings.lengths, ...packed.words]).buffer);
  let header = keepLength
    ? parts.header
    : { ...parts.header, objects: packed.objects, numbers: packed.numbers, text: text.length, wide: strings.wide, strings: strings.lengths.length, words: packed.words.length };
  if (freshDigest) {
    const { digest: _digest, ...described } = header;
    header = { ...described, digest: baseDigest(described as Omit<BaseHeader, 'digest'>, text, lengthsAndWords) };
  }
  const line = JSON.stringify(header);
  const pad = ' '.repeat((4 - ((line.length + 1 + text.length) % 4)) % 4);
  writeFileSync(file, Buffer.concat([Buffer.from(`${line}${pad}\n`, 'latin1'), text, lengthsAndWords, Buffer.from(Int32Array.from(parts.ints).buffer)]));
}
