// Every name and alias of the canon in a trie of words, so that scanning a text costs one Map
// lookup per word — and one more per word of a name being matched — whatever the canon's size.
import { foldAccents, type Entry } from '../lore/entry';
import { derivationOf, releaseSource, type BaseDerivation, type LoreBase } from '../lore/base';
import { TITLE_FIELDS, titleOf, type Span } from '../lore/periods';
import { wordBits } from '../hash';
import { replacingValues } from '../persistentMap';
import { partsFromSnapshot, snapshotOf, type NameIndexSnapshot } from './nameIndexSnapshot';

export interface NameForm {
  entry: Entry;
  /** The name as written in the lore. */
  text: string;
  /** Words of the name, accents folded, case kept (a leading article dropped). */
  words: string[];
  /** Normalised separators between consecutive words (`' '`, `'-'`, `'.'`, `"'"`). */
  separators: string[];
  /** Punctuation that ends the name (`J.L.`). */
  trailing: string;
  isAlias: boolean;
  /** A timed alias (SPEC §1): when it holds. Absent for names that hold at every date. */
  spans?: Span[];
  /** A titled form (`Captain Picard`): a value of the entry's `rank`/`title` periods before one of its names. */
  title?: TitledPart;
}

export interface TitledPart {
  /** The field the title comes from (`rank`, `title`). */
  field: string;
  /** The title as written before the name, its parenthesised part removed (`Admiral`). */
  text: string;
  /** How many of the form's words are the title's. */
  words: number;
  /** The name after the title, as the lore writes it (`Picard`). */
  name: string;
}

/** A node of the title trie: the title that ends here, and the next words (keyed separator + word). */
export interface TitleNode {
  title?: string;
  next?: Map<string, TitleNode>;
}

/** A node of the name trie: the forms that end here, and the next words (keyed separator + word). */
export interface NameNode {
  forms: NameForm[];
  next?: ReadonlyMap<string, NameNode>;
}

export const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** The name a lore cache keeps the name index under, beside the merged base it was built from. */
export const NAME_INDEX_CACHE = 'names';
const ARTICLES = new Set(['the', 'a', 'an', 'The', 'A', 'An']);

export class NameIndex {
  /** Every first word of the name trie (accents folded, case as written), and the places in `forms` of the forms under it. */
  private readonly firsts: FirstPlaces;
  /**
   * The trie below each first word, by its slot in `firsts`: built when the word is first looked
   * up (a text names a small share of a large canon), from the forms `firsts` places there.
   * Shared by the indexes a reload derives from this one, save the slots they own (see `Roots`).
   */
  private readonly roots: Roots;
  /**
   * The same trie in upper case, for headings in ALL CAPS: each first word's part is built when it
   * is first looked up, as few texts need more than a handful of them.
   */
  private readonly upperRoots = new Map<string, NameNode>();
  /** Each upper-case first word → the places in `forms` of the forms starting with it; made on first use. */
  private upperFirsts: FirstPlaces | undefined;
  /** Every name form, by place (entries in the base's order); a restored index makes each when first asked for. */
  private readonly formList: FormList;
  /** Every word of every name (folded) → the first entry using it, to tell an unknown word from part of a known name. */
  readonly knownWords: ReadonlyMap<string, Entry>;
  /** A folded word → the word as the lore spells it (`Cristobal` → `Cristóbal`). */
  readonly spellings: Map<string, string>;
  /**
   * Titles of `rank`/`title` periods (`Captain`, `Lieutenant Commander`), as a trie of words. A
   * titled form is a title, then one of the entry's names: matched as the two parts, so that
   * titles cost their own count, never titles × names.
   */
  private readonly titleRoots: Map<string, TitleNode>;
  /** Titled forms made so far, by the name form and the title before it (one object per pair). */
  private readonly titled = new Map<NameForm, Map<string, NameForm | null>>();
  /** Where each entry's forms begin in `forms` (by the entry's place in the base), then the end. */
  private readonly starts: Int32Array;
  private readonly base: LoreBase;
  /** Whether this index was restored from a snapshot (see `toSnapshot`) rather than built. */
  readonly restored: boolean;
  /** Builds the trie below a first word's slot from the snapshot the index was restored from (see IndexParts.root). */
  private readonly snapshotRoot: IndexParts['root'];
  /**
   * The bit set of the scanner's first-word filter over `firstWords(true)` (see wordBits): kept in
   * a snapshot, else made on first use; the indexes a reload derives have the same first words, so they share it.
   */
  private firstBits: Uint32Array | undefined;

  /**
   * The index of the base's names. When the base was made from an earlier one by replacing a few
   * entries (a lore file edited, see `derivationOf`) and that one's index exists, only their forms
   * are replaced, in copies of the structures they touch: the earlier index stays as it was, and
   * the new one is the same as one built from scratch. Else a `snapshot` of an index of the same
   * base (kept in a lore cache) is restored when it fits this base, and the index is built when not.
   */
  constructor(base: LoreBase, snapshot?: unknown) {
    const derivation = derivationOf(base);
    const from = derivation?.from;
    const previous = from ? latestIndex.get(from) : undefined;
    const updated = previous && from ? updatedParts(previous.parts(), from, derivation!.replaced) : undefined;
    if (derivation) releaseSource(base);
    const restored = !updated && snapshot !== undefined ? partsFromSnapshot(base, snapshot) : undefined;
    const parts = updated?.parts ?? restored ?? builtParts(base, (previous ?? lastBuilt)?.formsByEntry());
    this.firsts = parts.firsts;
    // The parts of an earlier trie that no replaced form reaches are this one's too.
    this.roots = updated ? derivedRoots(previous!.roots, parts.firsts, updated.touched) : { shared: new Array<NameNode | undefined>(parts.firsts.slots.size) };
    this.upperFirsts = parts.upperFirsts;
    this.formList = parts.forms;
    this.knownWords = parts.knownWords;
    this.spellings = parts.spellings;
    this.titleRoots = parts.titleRoots;
    this.starts = parts.starts;
    this.base = base;
    this.restored = restored !== undefined;
    this.snapshotRoot = parts.root;
    this.firstBits = parts.firstBits;
    latestIndex.set(base, this);
    lastBuilt = this;
  }

  /**
   * The index as typed arrays and one string table, entries by their place in the base: to keep
   * beside the cached base it was built from, so that a warm start restores it (see the constructor).
   */
  toSnapshot(): NameIndexSnapshot {
    this.upperFirstWords();
    return snapshotOf(this.parts(), this.base);
  }

  /** Every name form, in order (all made, if the index was restored): for tests and snapshots, not for lookups. */
  get forms(): NameForm[] {
    return this.formList.all();
  }

  /** How many name forms the index has. */
  get formCount(): number {
    return this.formList.length;
  }

  /** The name form at a place (0 ≤ at < formCount). */
  form(at: number): NameForm {
    return this.formList.at(at);
  }

  /** Each entry's forms, for a later index of a base that keeps some of the same entry objects. */
  private formsByEntry(): Map<Entry, NameForm[]> {
    const byEntry = new Map<Entry, NameForm[]>();
    const { entries } = this.base;
    for (let i = 0; i < entries.length; i++) {
      const forms: NameForm[] = [];
      for (let at = this.starts[i]; at < this.starts[i + 1]; at++) forms.push(this.formList.at(at));
      byEntry.set(entries[i], forms);
    }
    return byEntry;
  }

  /** The structures of this index, for making the next one from it. */
  private parts(): IndexParts {
    return { root: this.snapshotRoot, firstBits: this.firstBits, firsts: this.firsts, upperFirsts: this.upperFirsts, forms: this.formList, knownWords: this.knownWords, spellings: this.spellings, titleRoots: this.titleRoots, starts: this.starts };
  }

  /** Whether any entry has `rank` or `title` periods (no titled form can match otherwise). */
  get hasTitles(): boolean {
    return this.titleRoots.size > 0;
  }

  /** The title trie below a first word as written (folded), or undefined. */
  titleRoot(word: string): TitleNode | undefined {
    return this.titleRoots.get(word);
  }

  /**
   * The titled form of `title` before the name form `name` (`Captain` + `Picard`), when the title
   * is one of that entry's and the name may carry one; else undefined.
   */
  titledForm(name: NameForm, title: string): NameForm | undefined {
    if (name.spans || name.title) return undefined;
    let byTitle = this.titled.get(name);
    if (!byTitle) this.titled.set(name, (byTitle = new Map()));
    let form = byTitle.get(title);
    if (form === undefined) {
      const own = titlesOf(name.entry)?.get(title);
      form = own && !startsWithTitle(name, name.entry) ? {
        entry: name.entry,
        text: `${title} ${name.text}`,
        words: [...own.words, ...name.words],
        separators: [...own.separators, ' ', ...name.separators],
        trailing: name.trailing,
        isAlias: true,
        title: { field: own.field, text: title, words: own.words.length, name: name.text },
      } : null;
      byTitle.set(title, form);
    }
    return form ?? undefined;
  }

  /** The trie below a first word as written (folded), or undefined. */
  root(word: string): NameNode | undefined {
    const slot = this.firsts.slots.get(word);
    if (slot === undefined) return undefined;
    const { shared, own } = this.roots;
    if (own === undefined || !own.slots.has(slot)) return (shared[slot] ??= this.rootAt(slot));
    let node = own.built.get(slot);
    if (!node) own.built.set(slot, (node = this.rootAt(slot)));
    return node;
  }

  private rootAt(slot: number): NameNode {
    return this.snapshotRoot ? this.snapshotRoot(slot, this.formList) : builtRoot(this.firsts, slot, this.formList, false);
  }

  /** The ALL CAPS trie below an upper-case first word. */
  upperRoot(word: string): NameNode | undefined {
    let node = this.upperRoots.get(word);
    if (!node) {
      const upper = this.upperFirstWords();
      const slot = upper.slots.get(word);
      if (slot === undefined) return undefined;
      this.upperRoots.set(word, (node = builtRoot(upper, slot, this.formList, true)));
    }
    return node;
  }

  private upperFirstWords(): FirstPlaces {
    if (!this.upperFirsts) {
      const upperFirsts = new PlacesBuilder();
      const forms = this.formList;
      for (let at = 0; at < forms.length; at++) upperFirsts.add(forms.at(at).words[0].toUpperCase(), at);
      this.upperFirsts = upperFirsts.packed();
    }
    return this.upperFirsts;
  }

  /**
   * Every key of the name and title tries (`root`, `titleRoot`) and, when `upper`, of the ALL
   * CAPS trie (`upperRoot`, without building it): for pre-filters that skip most words of prose
   * before any lookup. Each call makes a new iteration; the index itself never changes.
   */
  *firstWords(upper: boolean): Iterable<string> {
    yield* this.firsts.slots.keys();
    yield* this.titleRoots.keys();
    if (upper) yield* this.upperFirstWords().slots.keys();
  }

  /** The bit set of the scanner's first-word filter (see `firstBits`). */
  firstWordBits(): Uint32Array {
    return (this.firstBits ??= firstWordBits({ firsts: this.firsts, titleRoots: this.titleRoots, upperFirsts: this.upperFirsts }));
  }
}

/**
 * The bit set of the scanner's first-word filter (see wordBits) over the keys of
 * `firstWords(true)`, some perhaps twice, without building the ALL CAPS trie's first words: each
 * first word upper-cased (what `upperRoot` takes) unless they are built. The one definition of the
 * set, for an index and for the snapshot that keeps it.
 */
export function firstWordBits(parts: Pick<IndexParts, 'firsts' | 'titleRoots' | 'upperFirsts'>): Uint32Array {
  const keys = [...parts.firsts.slots.keys()];
  const count = keys.length;
  for (const title of parts.titleRoots.keys()) keys.push(title);
  if (parts.upperFirsts) for (const upper of parts.upperFirsts.slots.keys()) keys.push(upper);
  else for (let k = 0; k < count; k++) keys.push(keys[k].toUpperCase());
  return wordBits(keys);
}

/** Words, each in a slot (0, 1, …): a Map of them, or a restored index's table (see WordTable). */
export interface WordSlots {
  readonly size: number;
  get(word: string): number | undefined;
  keys(): IterableIterator<string>;
}

/**
 * First words and the places in `forms` of the forms below each, in order: the places of the
 * word in slot s are `places[starts[s]]` up to `places[starts[s + 1]]` (one list for all words).
 */
export interface FirstPlaces {
  slots: WordSlots;
  starts: Int32Array;
  places: Int32Array;
}

/** An index's structures. `firsts` and `upperFirsts` hold while the forms keep their places and words (a reload's swaps). */
export interface IndexParts {
  firsts: FirstPlaces;
  upperFirsts: FirstPlaces | undefined;
  forms: FormList;
  knownWords: ReadonlyMap<string, Entry>;
  spellings: Map<string, string>;
  titleRoots: Map<string, TitleNode>;
  starts: Int32Array;
  /**
   * A restored index's way to build the trie below a first word's slot from its snapshot, its forms
   * taken from `forms` (without it, `builtRoot`): it holds for the indexes a reload derives, whose
   * forms keep their words.
   */
  root?: (slot: number, forms: FormList) => NameNode;
  /** A restored index's first-word filter (see wordBits), kept in its snapshot: the same for the indexes a reload derives. */
  firstBits?: Uint32Array;
}

/**
 * An index's name forms by place. A built index has them all; a restored one makes each from its
 * snapshot when first asked for, once: the indexes a reload derives from it share what is made,
 * and keep the forms they replaced apart (`own`), so that the earlier index stays as it was.
 */
export class FormList {
  private constructor(
    readonly length: number,
    private readonly made: Array<NameForm | undefined>,
    private readonly make: ((at: number) => NameForm) | undefined,
    private readonly own: ReadonlyMap<number, NameForm> | undefined,
  ) {}

  /** Forms all made. */
  static of(forms: NameForm[]): FormList {
    return new FormList(forms.length, forms, undefined, undefined);
  }

  /** `length` forms, each made by `make` when first asked for. */
  static lazy(length: number, make: (at: number) => NameForm): FormList {
    return new FormList(length, new Array<NameForm | undefined>(length).fill(undefined), make, undefined);
  }

  at(at: number): NameForm {
    if (this.own !== undefined) {
      const form = this.own.get(at);
      if (form !== undefined) return form;
    }
    const form = this.made[at];
    if (form !== undefined) return form;
    return (this.made[at] = this.make!(at));
  }

  /** Every form, in order (all made). */
  all(): NameForm[] {
    if (!this.make && !this.own) return this.made as NameForm[];
    const all = new Array<NameForm>(this.length);
    for (let at = 0; at < this.length; at++) all[at] = this.at(at);
    return all;
  }

  /** The same list with the forms at some places replaced; this one is left as it was. */
  replacing(swaps: ReadonlyMap<number, NameForm>): FormList {
    if (!this.make) {
      const made = this.made.slice();
      for (const [at, form] of swaps) made[at] = form;
      return FormList.of(made as NameForm[]);
    }
    const own = new Map(this.own);
    for (const [at, form] of swaps) own.set(at, form);
    return new FormList(this.length, this.made, this.make, own);
  }
}

/**
 * First words and their forms' places, gathered in order, then packed (see FirstPlaces): one slot
 * per word in the order first met, its places in the order added. Two flat lists rather than a
 * list per word, which a canon's 30,000 first words made and the packing then copied.
 */
class PlacesBuilder {
  private readonly slots = new Map<string, number>();
  private readonly counts: number[] = [];
  private readonly slotOf: number[] = [];
  private readonly places: number[] = [];

  add(first: string, at: number): void {
    let slot = this.slots.get(first);
    if (slot === undefined) {
      slot = this.counts.length;
      this.slots.set(first, slot);
      this.counts.push(0);
    }
    this.counts[slot]++;
    this.slotOf.push(slot);
    this.places.push(at);
  }

  packed(): FirstPlaces {
    const { counts, slotOf, places: added } = this;
    const starts = new Int32Array(counts.length + 1);
    for (let s = 0; s < counts.length; s++) starts[s + 1] = starts[s] + counts[s];
    const next = starts.slice(0, counts.length);
    const places = new Int32Array(added.length);
    for (let k = 0; k < added.length; k++) places[next[slotOf[k]]++] = added[k];
    return { slots: this.slots, starts, places };
  }
}

/**
 * The part of a trie below the first word in `slot`, built from the forms `firsts` places there,
 * in the order of `forms`: the part a whole trie built form by form would have.
 */
export function builtRoot(firsts: FirstPlaces, slot: number, forms: FormList, upper: boolean): NameNode {
  const root: NameNode = { forms: [] };
  const { starts, places } = firsts;
  for (let k = starts[slot]; k < starts[slot + 1]; k++) {
    const form = forms.at(places[k]);
    insert(root, form.words, form.separators, form, upper);
  }
  return root;
}

/**
 * The tries below first words, by slot. `shared[slot]` is the part of every index that shares the
 * list and does not own the slot: an index made by a reload shares its predecessor's list, and
 * owns the slots whose part differs (a replaced form is below them), with those made so far in
 * `built`. The indexes sharing one list descend from the one that made it, and a slot that none
 * of them owns is below no replaced form: whichever builds its part, it is every one's. So a
 * reload copies the owned slots, not a list as long as the canon's first words.
 */
interface Roots {
  shared: Array<NameNode | undefined>;
  own?: { slots: ReadonlySet<number>; built: Map<number, NameNode> };
}

/** Past this share of the slots owned, a reload makes a list of its own (of the parts still valid). */
const OWNED_SHARE = 1 / 16;

function derivedRoots(previous: Roots, firsts: FirstPlaces, touched: ReadonlySet<string>): Roots {
  const touchedSlots = new Set<number>();
  for (const first of touched) {
    const slot = firsts.slots.get(first);
    if (slot !== undefined) touchedSlots.add(slot);
  }
  const slots = new Set(previous.own?.slots);
  for (const slot of touchedSlots) slots.add(slot);
  // The parts the previous index owned and built, where no form changed now, hold here too.
  const kept = (slot: number): NameNode | undefined => (touchedSlots.has(slot) ? undefined : previous.own?.built.get(slot));
  if (slots.size > firsts.slots.size * OWNED_SHARE) {
    const shared = previous.shared.slice();
    for (const slot of slots) shared[slot] = kept(slot);
    return { shared };
  }
  const built = new Map<number, NameNode>();
  for (const slot of previous.own?.built.keys() ?? []) {
    const node = kept(slot);
    if (node) built.set(slot, node);
  }
  return { shared: previous.shared, own: { slots, built } };
}

/** The index last built for each base, for the base a reload makes from it. */
const latestIndex = new WeakMap<LoreBase, NameIndex>();
/**
 * The index built last: a base merged again whole still keeps most entry objects. Held, not weakly
 * referred to: a WeakRef made keeps its target until the current job ends, and a host that reloads
 * many times in one job (a test, a benchmark, a batch) would keep every index it ever made.
 */
let lastBuilt: NameIndex | undefined;

interface BuildingParts {
  firsts: PlacesBuilder;
  forms: NameForm[];
  knownWords: Map<string, Entry>;
  spellings: Map<string, string>;
  titleRoots: Map<string, TitleNode>;
  starts: Int32Array;
}

/** The index built from scratch; `known` gives the forms of entries an earlier index had (a reload). */
function builtParts(base: LoreBase, known?: ReadonlyMap<Entry, NameForm[]>): IndexParts {
  const { entries } = base;
  const parts: BuildingParts = { firsts: new PlacesBuilder(), forms: [], knownWords: new Map(), spellings: new Map(), titleRoots: new Map(), starts: new Int32Array(entries.length + 1) };
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    parts.starts[i] = parts.forms.length;
    const forms = known?.get(entry) ?? formsOf(entry);
    for (let k = 0; k < forms.length; k++) addForm(parts, forms[k]);
    addTitles(parts.titleRoots, entry);
  }
  parts.starts[entries.length] = parts.forms.length;
  return { ...parts, forms: FormList.of(parts.forms), firsts: parts.firsts.packed(), upperFirsts: undefined };
}

function addForm(parts: BuildingParts, nameForm: NameForm): void {
  const { entry, text, words } = nameForm;
  const at = parts.forms.length;
  parts.forms.push(nameForm);
  // A title's words (`Captain`) are common nouns, not names: they never make a word "known".
  for (let w = nameForm.title?.words ?? 0; w < words.length; w++) if (parts.knownWords.get(words[w]) === undefined) parts.knownWords.set(words[w], entry);
  if (!isAscii(text)) {
    for (const original of text.match(WORD) ?? []) {
      const folded = foldAccents(original);
      if (folded !== original && !parts.spellings.has(folded)) parts.spellings.set(folded, original);
    }
  }
  const first = words[0];
  parts.firsts.add(first, at);
  // A name the lore writes in lower case (`the attack on Mars`) may open a sentence.
  // Only a letter above `Z` (a lower-case one, or any non-ASCII one) can change in upper case.
  if (first.charCodeAt(0) >= 0x61) {
    const capitalised = first[0].toUpperCase() + first.slice(1);
    if (capitalised !== first) parts.firsts.add(capitalised, at);
  }
}

/** The places in the base of the entries that have titles (`rank`/`title` periods), in order: for a snapshot. */
export function titledEntries(base: LoreBase): number[] {
  const places: number[] = [];
  const { entries } = base;
  for (let at = 0; at < entries.length; at++) if (titlesOf(entries[at])) places.push(at);
  return places;
}

/** The title trie of the base's entries at these places (`titledEntries`), for an index restored from a snapshot. */
export function titleRootsOf(base: LoreBase, places: Int32Array): Map<string, TitleNode> {
  const titleRoots = new Map<string, TitleNode>();
  for (let k = 0; k < places.length; k++) addTitles(titleRoots, base.entries[places[k]]);
  return titleRoots;
}

function addTitles(titleRoots: Map<string, TitleNode>, entry: Entry): void {
  const titles = titlesOf(entry);
  if (titles) for (const title of titles.values()) addTitle(titleRoots, title);
}

function addTitle(titleRoots: Map<string, TitleNode>, title: { words: string[]; separators: string[]; text: string }): void {
  const { words, separators, text } = title;
  const first = words[0];
  for (const root of new Set([first, first[0].toUpperCase() + first.slice(1)])) {
    let node = titleRoots.get(root);
    if (!node) titleRoots.set(root, (node = {}));
    for (let k = 1; k < words.length; k++) {
      const key = separators[k - 1] + words[k];
      node.next ??= new Map();
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = {}));
      node = child;
    }
    node.title = text;
  }
}

/**
 * The previous index's parts with the replaced entries' forms swapped in, and the first words
 * whose part of the trie holds a replaced form (built again on lookup) — or undefined when the
 * replacement changes more than the forms' entries (other words, other titles): then the index
 * is built again.
 */
function updatedParts(before: IndexParts, from: LoreBase, replaced: BaseDerivation['replaced']): { parts: IndexParts; touched: Set<string> } | undefined {
  if (before.starts.length !== from.entries.length + 1) return undefined;
  const swaps: Array<{ old: NameForm; form: NameForm; at: number }> = [];
  for (const { index, old, entry } of replaced) {
    const start = before.starts[index];
    const oldForms: NameForm[] = [];
    for (let at = start; at < before.starts[index + 1]; at++) oldForms.push(before.forms.at(at));
    const forms = formsOf(entry);
    if (forms.length !== oldForms.length || oldForms.some((form) => form.entry !== old)) return undefined;
    if (!sameTitles(titlesOf(old), titlesOf(entry))) return undefined;
    for (let k = 0; k < forms.length; k++) {
      const was = oldForms[k];
      const form = forms[k];
      if (formKey(was.words, was.separators) !== formKey(form.words, form.separators) || (was.title?.words ?? 0) !== (form.title?.words ?? 0)) return undefined;
      swaps.push({ old: was, form, at: start + k });
    }
  }
  const replacedForms = new Map<number, NameForm>();
  const knownWords = new Map<string, Entry>();
  const touched = new Set<string>();
  for (const { old, form, at } of swaps) {
    replacedForms.set(at, form);
    for (let w = form.title?.words ?? 0; w < form.words.length; w++) {
      const word = form.words[w];
      if ((knownWords.get(word) ?? before.knownWords.get(word)) === old.entry) knownWords.set(word, form.entry);
    }
    const first = form.words[0];
    touched.add(first);
    touched.add(first[0].toUpperCase() + first.slice(1));
  }
  return {
    parts: {
      root: before.root,
      firstBits: before.firstBits,
      firsts: before.firsts,
      upperFirsts: before.upperFirsts,
      forms: before.forms.replacing(replacedForms),
      knownWords: replacingValues(before.knownWords, knownWords),
      spellings: before.spellings,
      titleRoots: before.titleRoots,
      starts: before.starts,
    },
    touched,
  };
}

function sameTitles(a: Map<string, Title> | undefined, b: Map<string, Title> | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.size !== b.size) return false;
  for (const text of a.keys()) if (!b.has(text)) return false;
  return true;
}

/**
 * An entry's names split into words. Made once per index: a reload takes the earlier index's
 * forms of the entries it keeps (see `formsByEntry`), rather than a cache beside every entry.
 */
function formsOf(entry: Entry): NameForm[] {
  const forms: NameForm[] = [];
  const { aliases } = entry;
  for (let k = -1; k < aliases.length; k++) {
    const isAlias = k >= 0;
    const text = isAlias ? aliases[k] : entry.name;
    const split = splitName(text);
    if (!split) continue;
    let { words, separators } = split;
    // A leading article is optional in prose: index the name without it.
    if (words.length > 1 && ARTICLES.has(words[0])) {
      words = words.slice(1);
      separators = separators.slice(1);
    }
    const form: NameForm = { entry, text, words, separators, trailing: split.trailing, isAlias };
    const spans = isAlias ? entry.aliasSpans?.[text] : undefined;
    if (spans) form.spans = spans;
    forms.push(form);
  }
  if (entry.periods) markTitledAliases(entry, forms);
  return forms;
}

interface Title {
  field: string;
  text: string;
  words: string[];
  separators: string[];
}

/** The titles of an entry's `rank`/`title` periods (parenthesised parts removed), once per entry object. */
const titlesCache = new WeakMap<Entry, Map<string, Title> | null>();

function titlesOf(entry: Entry): Map<string, Title> | undefined {
  // Most entries have no periods: nothing to remember for them.
  if (!entry.periods) return undefined;
  let titles = titlesCache.get(entry);
  if (titles === undefined) {
    titles = null;
    for (const field of TITLE_FIELDS) {
      for (const period of entry.periods?.[field] ?? []) {
        const text = titleOf(period.value);
        const split = text === '' ? undefined : splitName(text);
        if (!split || titles?.has(text)) continue;
        (titles ??= new Map()).set(text, { field, text, words: split.words, separators: split.separators });
      }
    }
    titlesCache.set(entry, titles);
  }
  return titles ?? undefined;
}

/** `Admiral Picard` is no name to put a title before: it already has one of the entry's titles. */
function startsWithTitle(form: NameForm, entry: Entry): boolean {
  for (const title of titlesOf(entry)?.values() ?? []) if (startsWithWords(form.words, title.words)) return true;
  return false;
}

/** An alias that spells a titled form out (`aliases: [Emperor Palpatine]`) is checked as one. */
function markTitledAliases(entry: Entry, forms: NameForm[]): void {
  const titles = titlesOf(entry);
  if (!titles) return;
  const names = new Map(forms.filter((f) => !f.spans).map((f) => [formKey(f.words, f.separators), f]));
  for (const form of forms) {
    if (!form.isAlias || form.spans) continue;
    for (const title of titles.values()) {
      if (!startsWithWords(form.words, title.words) || form.separators[title.words.length - 1] !== ' ') continue;
      const rest = names.get(formKey(form.words.slice(title.words.length), form.separators.slice(title.words.length)));
      if (!rest || rest === form) continue;
      form.title = { field: title.field, text: title.text, words: title.words.length, name: rest.text };
      break;
    }
  }
}

function formKey(words: string[], separators: string[]): string {
  let key = words[0] ?? '';
  for (let i = 1; i < words.length; i++) key += separators[i - 1] + words[i];
  return key;
}

function startsWithWords(words: string[], prefix: string[]): boolean {
  if (prefix.length >= words.length) return false;
  for (let i = 0; i < prefix.length; i++) if (words[i] !== prefix[i]) return false;
  return true;
}

function isAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text);
}

/** Puts a form at the end of its path below its first word's node. */
function insert(root: NameNode, words: string[], separators: string[], form: NameForm, upper: boolean): void {
  let node = root;
  for (let k = 1; k < words.length; k++) {
    const key = separators[k - 1] + (upper ? words[k].toUpperCase() : words[k]);
    const next = (node.next ??= new Map()) as Map<string, NameNode>;
    let child = next.get(key);
    if (!child) {
      child = { forms: [] };
      next.set(key, child);
    }
    node = child;
  }
  // A node's first form makes its list (an empty list grows room for many on its first push).
  if (node.forms.length === 0) node.forms = [form];
  else if (!node.forms.includes(form)) node.forms.push(form);
}

/** Separators of so many single spaces, one frozen list for each count: most names have only those. */
const SPACES: ReadonlyArray<string>[] = [];

export function spaces(count: number): string[] {
  if (count >= 8) return new Array<string>(count).fill(' ');
  return (SPACES[count] ??= Object.freeze(new Array<string>(count).fill(' '))) as string[];
}

/** Splits a name into words and the separators between them, normalised as prose is. */
export function splitName(text: string): { words: string[]; separators: string[]; trailing: string } | undefined {
  // Most names are plain ASCII words and single spaces: split in one pass, nothing to trim or fold.
  const plain = plainWords(text);
  if (plain) return { words: plain, separators: spaces(plain.length - 1), trailing: '' };
  const folded = foldAccents(text.trim());
  const words: string[] = [];
  const separators: string[] = [];
  let last = -1;
  for (const match of folded.matchAll(WORD)) {
    if (last >= 0) separators.push(normaliseSeparator(folded.slice(last, match.index)));
    words.push(match[0]);
    last = match.index! + match[0].length;
  }
  if (words.length === 0) return undefined;
  const trailing = folded.slice(last).replace(/\s+/g, '');
  return { words, separators, trailing: /^[.]+$/.test(trailing) ? trailing : '' };
}

/** The words of a text made only of ASCII letters and digits between single spaces, else undefined. */
function plainWords(text: string): string[] | undefined {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (i === start) return undefined;
      start = i + 1;
    } else if (!((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57))) {
      return undefined;
    }
  }
  // `split` makes lists of the exact length (a list grown word by word keeps room for more: the index holds 150k of them).
  return start === text.length ? undefined : text.split(' ');
}

/** Whitespace of any kind is one space; typographic apostrophes and hyphens are plain ones. */
export function normaliseSeparator(separator: string): string {
  if (separator === ' ') return separator;
  return separator.replace(/\s+/g, ' ').replace(/[’‘`]/g, "'").replace(/[‐‑‒–]/g, '-');
}
