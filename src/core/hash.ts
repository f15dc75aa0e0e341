// The string hash the engine's in-memory tables share: the 31-multiplier rolling hash of a text's
// UTF-16 code units (a scanner can compute it while it reads a word, a code unit at a time), and a
// finaliser that spreads it over the low bits a power-of-two table uses.

/** The 31-multiplier rolling hash of `text`'s code units (32-bit). */
export function rollingHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** `hash` with its high bits mixed into its low ones (for a table indexed by `hash & mask`). */
export function mixHash(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x45d9f3b);
  return hash ^ (hash >>> 16);
}
