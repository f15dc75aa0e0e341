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

/** The hash a word table or bit set files a word under: the rolling hash of its code units, mixed. */
export function wordHash(word: string): number {
  return mixHash(rollingHash(word));
}

/**
 * A bit set over the hashes of `keys` (bit `wordHash(key) & mask`, where mask is the
 * set's length in bits less one): at least 2^16 bits and 32 per key, so that few other words hit a
 * set bit. A word whose bit is clear is none of the keys.
 */
export function wordBits(keys: readonly string[]): Uint32Array {
  let size = 1 << 16;
  while (size < keys.length * 32) size *= 2;
  const bits = new Uint32Array(size >>> 5);
  const mask = size - 1;
  for (let k = 0; k < keys.length; k++) {
    const bit = wordHash(keys[k]) & mask;
    bits[bit >>> 5] |= 1 << (bit & 31);
  }
  return bits;
}
