// Where a short word or character occurs in a whole text, found in one pass, so that a check asks
// "is there one between these offsets?" with a binary search instead of slicing the text around
// every mention and running a pattern over the slice. The checks use it as an exact pre-filter:
// where the answer is no, the pattern they run could not have matched either.

export class Occurrences {
  /** Start offsets, ascending. */
  private readonly starts: number[] = [];

  /**
   * Every occurrence of `word` in `text`, overlapping ones included (a plain substring search,
   * as `String#includes` sees it); with `pattern` (flag `g`, matching exactly `word.length`
   * characters), every match of it instead (e.g. a case-insensitive word, or one of a class of
   * characters).
   */
  constructor(text: string, private readonly length: number, find: RegExp | string) {
    if (typeof find === 'string') {
      for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + 1)) this.starts.push(at);
      return;
    }
    // `test`, not `exec`: no match array is made for each occurrence.
    find.lastIndex = 0;
    while (find.test(text)) this.starts.push(find.lastIndex - length);
  }

  /** Whether some occurrence lies wholly inside [from, to). */
  within(from: number, to: number): boolean {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && starts[lo] + this.length <= to;
  }
}

/** Occurrences of any of several words (each a plain substring search), as one question. */
export class AnyOccurrence {
  private readonly words: Occurrences[];

  constructor(text: string, words: readonly string[]) {
    this.words = words.map((word) => new Occurrences(text, word.length, word));
  }

  within(from: number, to: number): boolean {
    for (const word of this.words) if (word.within(from, to)) return true;
    return false;
  }
}
