export function stemsOf(word: string): string[];
