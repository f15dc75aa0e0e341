// The lore cache's merged-base file (src/cli/cachedBase.ts) taken apart and put together again, for
// the tests that damage one part of it: a header line of JSON, the body's JSON, 32-bit integers.
import { readFileSync, writeFileSync } from 'node:fs';

export interface BaseFileParts {
  header: Record<string, unknown>;
  /** The body as text, or as a value (written as JSON). */
  body: unknown;
  ints: number[];
}

export function readBaseFile(file: string): BaseFileParts & { body: Record<string, unknown> } {
  const bytes = readFileSync(file);
  const newline = bytes.indexOf(10);
  const header = JSON.parse(bytes.subarray(0, newline).toString('latin1')) as Record<string, unknown>;
  const bodyEnd = newline + 1 + (header.body as number);
  const body = JSON.parse(bytes.subarray(newline + 1, bodyEnd).toString('latin1')) as Record<string, unknown>;
  const rest = bytes.subarray(bodyEnd);
  const ints = Array.from(new Int32Array(new Uint8Array(rest).buffer));
  return { header, body, ints };
}

/** Writes the parts; the header's `body` length is that of the body written unless `keepLength`. */
export function writeBaseFile(file: string, parts: BaseFileParts, keepLength = false): void {
  const body = Buffer.from(typeof parts.body === 'string' ? parts.body : JSON.stringify(parts.body), 'latin1');
  const header = keepLength ? parts.header : { ...parts.header, body: body.length };
  writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'latin1'), body, Buffer.from(Int32Array.from(parts.ints).buffer)]));
}
