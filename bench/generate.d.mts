// Types for the parts of generate.mjs that bench/inprocess.ts uses.
export function mulberry32(seed: number): () => number;
