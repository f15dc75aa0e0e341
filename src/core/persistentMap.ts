// A map with some values replaced, that shares the storage of the map it was made from: a reload
// of one lore file replaces a few hundred of 150,000 values, and copying a Map that large costs
// more than everything else the reload does. The earlier map stays as it was.

/**
 * `map` with the values of `changes` put in. Every key of `changes` must be a key of `map`: keys
 * are never added or removed, so the keys and their order stay those of `map` (what a Map built
 * again would give). Layers of replaced values are merged as they grow (each at most half the
 * size of the one below it), so that a lookup reads a few small maps and a replacement costs,
 * over many of them, a few copies of each value replaced.
 */
export function replacingValues<K, V>(map: ReadonlyMap<K, V>, changes: Map<K, V>): ReadonlyMap<K, V> {
  if (changes.size === 0) return map;
  const layers = map instanceof LayeredMap ? [...(map as LayeredMap<K, V>).layers] : [map];
  let top: ReadonlyMap<K, V> = changes;
  while (top.size * 2 >= layers[layers.length - 1].size) {
    const below = layers.pop()!;
    const merged = new Map(below);
    for (const [key, value] of top) merged.set(key, value);
    top = merged;
    if (layers.length === 0) return merged;
  }
  layers.push(top);
  return new LayeredMap(layers);
}

/** layers[0] holds every key; each later layer replaces values of some (the newest last). Values are never undefined. */
class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  constructor(readonly layers: ReadonlyArray<ReadonlyMap<K, V>>) {}

  get size(): number {
    return this.layers[0].size;
  }

  get(key: K): V | undefined {
    const layers = this.layers;
    for (let i = layers.length - 1; i > 0; i--) {
      const value = layers[i].get(key);
      if (value !== undefined) return value;
    }
    return layers[0].get(key);
  }

  has(key: K): boolean {
    return this.layers[0].has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const key of this.layers[0].keys()) yield [key, this.get(key)!];
  }

  keys(): MapIterator<K> {
    return this.layers[0].keys();
  }

  *values(): MapIterator<V> {
    for (const key of this.layers[0].keys()) yield this.get(key)!;
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const key of this.layers[0].keys()) callback.call(thisArg, this.get(key)!, key, this);
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

/**
 * The map `key → values[places.get(key)]`, read through: made in no time, whatever its size, for
 * a list whose values are replaced while the keys and their places stay (a reload's entries by
 * id). Keys and their order are those of `places`. `values` must not change while the map is read.
 */
export function valuesAt<K, V>(places: ReadonlyMap<K, number>, values: readonly V[]): ReadonlyMap<K, V> {
  return new PlacedMap(places, values);
}

class PlacedMap<K, V> implements ReadonlyMap<K, V> {
  // Private fields: a base written out as JSON never spells the whole list again through its map.
  readonly #places: ReadonlyMap<K, number>;
  readonly #values: readonly V[];

  constructor(places: ReadonlyMap<K, number>, values: readonly V[]) {
    this.#places = places;
    this.#values = values;
  }

  get size(): number {
    return this.#places.size;
  }

  get(key: K): V | undefined {
    const at = this.#places.get(key);
    return at === undefined ? undefined : this.#values[at];
  }

  has(key: K): boolean {
    return this.#places.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, at] of this.#places) yield [key, this.#values[at]];
  }

  keys(): MapIterator<K> {
    return this.#places.keys();
  }

  *values(): MapIterator<V> {
    for (const at of this.#places.values()) yield this.#values[at];
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, at] of this.#places) callback.call(thisArg, this.#values[at], key, this);
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
