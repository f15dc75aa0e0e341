// Types for the parts of generate.mjs that bench/inprocess.ts uses.
export const GENERATOR_VERSION: number;
export function mulberry32(seed: number): () => number;
export function generate(options: { entries?: number; words?: number; chapters?: number; seed?: number; outDir: string }): Record<string, unknown>;
