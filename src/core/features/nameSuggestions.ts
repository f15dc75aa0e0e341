// Whether to offer canon names for the word being typed, and which, so that completion never
// hijacks prose: with suggestions shown as the writer types, Enter accepts the selected item, so
// an ordinary word must never bring up a list (`and then⏎` must stay `and then`).
//   - As the writer types: only for a capitalised word of three letters or more that is no
//     ordinary English word (unless it is a canon name typed whole), or a phrase that begins a
//     name ("the attack on M"); only exact or prefix matches, never a near miss.
//   - Invoked explicitly (Ctrl+Space): anywhere, typos allowed for capitalised words; with
//     nothing typed, the characters of the scene and those alive at its date.
// Only an exact or prefix match is ever preselected.
import { isEnglishWord } from '../checks/english';
import type { StoryDate } from '../dates';
import { lifeStatusAt } from './lifeStatus';
import type { CompletionIndex, CompletionMatch, NameCandidate } from './completion';

export interface SuggestRequest {
  /** The line's text up to the cursor. */
  lineBefore: string;
  /** The writer asked for suggestions (Ctrl+Space), rather than the editor offering as they type. */
  explicit: boolean;
  date?: StoryDate;
  /** Ids of the entries the scene at the cursor mentions, those present first (see sceneCast). */
  sceneEntryIds?: readonly string[];
  limit?: number;
}

export interface NameSuggestion {
  match: CompletionMatch;
  /** Select this item when the list opens (only ever the first, and never a near miss). */
  preselect: boolean;
}

export interface NameSuggestions {
  /** Where the replaced text starts in the line, and what it is. */
  start: number;
  typed: string;
  items: NameSuggestion[];
}

const LAST_WORD = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]*)*$/u;

/** The names to offer at the cursor, or undefined when nothing should be offered. */
export function suggestNames(index: CompletionIndex, request: SuggestRequest): NameSuggestions | undefined {
  const limit = request.limit ?? 50;
  const query = index.queryAt(request.lineBefore);
  if (query.text.trim() === '') {
    if (!request.explicit) return undefined;
    return { start: query.start, typed: '', items: castSuggestions(index, request, limit) };
  }
  const word = LAST_WORD.exec(query.text)?.[0] ?? '';
  const capitalised = /^\p{Lu}/u.test(word);
  if (!request.explicit) {
    if (!capitalised) return undefined;
    // One or two letters are too little to guess from ("I", "At"), and an English word is just prose.
    const ordinary = word.length < 3 || isEnglishWord(word.toLowerCase());
    if (query.text === word && ordinary && !index.complete(word, { limit: 1, typos: false }).some((m) => m.match === 'exact')) return undefined;
  }
  const typos = capitalised && request.explicit;
  const matches = index.complete(query.text, { date: request.date, limit, typos });
  if (matches.length === 0) return request.explicit ? { start: query.start, typed: query.text, items: [] } : undefined;
  return {
    start: query.start,
    typed: query.text,
    items: matches.map((match, rank) => ({ match, preselect: rank === 0 && match.match !== 'typo' })),
  };
}

/** Per index, each entry's name (its first form that is no alias) by id, and the characters by name. */
interface Cast {
  byId: Map<string, NameCandidate>;
  characters: NameCandidate[];
}
const casts = new WeakMap<CompletionIndex, Cast>();

function castOf(index: CompletionIndex): Cast {
  let cast = casts.get(index);
  if (cast) return cast;
  const byId = new Map<string, NameCandidate>();
  for (const candidate of index.candidates) if (!candidate.isAlias && !byId.has(candidate.entry.id)) byId.set(candidate.entry.id, candidate);
  const characters = [...byId.values()].filter((c) => c.entry.kind === 'character').sort((a, b) => (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0));
  cast = { byId, characters };
  casts.set(index, cast);
  return cast;
}

/** Nothing typed: the scene's own characters first, then the characters alive at its date. */
function castSuggestions(index: CompletionIndex, request: SuggestRequest, limit: number): NameSuggestion[] {
  // Read once per index (a canon of 50,000 entries is not scanned again for each name listed).
  const { byId, characters } = castOf(index);
  const picked = new Map<string, CompletionMatch>();
  const add = (candidate: NameCandidate): void => {
    const { entry } = candidate;
    if (picked.size >= limit || picked.has(entry.id)) return;
    picked.set(entry.id, { candidate, match: 'prefix', distance: 0, wordIndex: 0, sharesName: false, status: lifeStatusAt(entry, request.date), holds: true });
  };
  for (const id of request.sceneEntryIds ?? []) {
    const candidate = byId.get(id);
    if (candidate) add(candidate);
  }
  for (const candidate of characters) {
    if (picked.size >= limit) break;
    if (request.date === undefined || lifeStatusAt(candidate.entry, request.date).state === 'alive') add(candidate);
  }
  return [...picked.values()].map((match) => ({ match, preselect: false }));
}
