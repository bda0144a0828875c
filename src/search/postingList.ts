/**
 * A Map whose entries come from a compact source (typed arrays, an array of ids) and are copied into
 * the Map only when it is first changed. Reads before that go to the source, so a prebuilt index
 * loads as flat arrays without building millions of Map entries; after a change it is a plain Map.
 * Every Map method works in both states: MiniSearch may call any of them.
 */
export abstract class LazyMap<K, V> extends Map<K, V> {
  #filled = false;

  /** How many entries the source holds. */
  protected abstract sourceSize(): number;
  /** The source's entries, in order. */
  protected abstract sourceEntries(): IterableIterator<[K, V]>;
  /** One entry of the source (the default scans; subclasses look up directly). */
  protected sourceGet(key: K): V | undefined {
    for (const [k, v] of this.sourceEntries()) if (k === key) return v;
    return undefined;
  }
  protected sourceHas(key: K): boolean {
    return this.sourceGet(key) !== undefined;
  }

  /** Copies the source into the Map (once), before the first change. */
  private fill(): void {
    if (this.#filled) return;
    for (const [k, v] of this.sourceEntries()) super.set(k, v);
    this.#filled = true;
  }

  override get(key: K): V | undefined {
    return this.#filled ? super.get(key) : this.sourceGet(key);
  }

  override has(key: K): boolean {
    return this.#filled ? super.has(key) : this.sourceHas(key);
  }

  override get size(): number {
    return this.#filled ? super.size : this.sourceSize();
  }

  override set(key: K, value: V): this {
    this.fill();
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.fill();
    return super.delete(key);
  }

  override clear(): void {
    this.#filled = true;
    super.clear();
  }

  override entries(): MapIterator<[K, V]> {
    return this.#filled ? super.entries() : this.sourceEntries();
  }

  override *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  override *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }
}

/**
 * One term's postings as MiniSearch reads them (field id -> document id -> term frequency), kept as
 * two typed arrays; the document map is made when a query first needs this term. A prebuilt index
 * then loads as flat arrays: most terms are never queried between two restarts.
 */
export class PostingList extends LazyMap<number, Map<number, number>> {
  private docsMap: Map<number, number> | null = null;

  constructor(
    readonly docs: Int32Array,
    readonly freqs: Int32Array,
  ) {
    super();
  }

  /** How many documents hold the term (without building the map). */
  get documentCount(): number {
    return this.docsMap === null ? this.docs.length : (this.get(0)?.size ?? 0);
  }

  /** The documents of field 0 (citebot indexes one field), as a Map built on first use. */
  private documents(): Map<number, number> {
    if (!this.docsMap) {
      const map = new Map<number, number>();
      for (let i = 0; i < this.docs.length; i++) map.set(this.docs[i] as number, this.freqs[i] as number);
      this.docsMap = map;
    }
    return this.docsMap;
  }

  protected sourceSize(): number {
    return 1;
  }

  protected *sourceEntries(): IterableIterator<[number, Map<number, number>]> {
    yield [0, this.documents()];
  }

  protected override sourceGet(fieldId: number): Map<number, number> | undefined {
    return fieldId === 0 ? this.documents() : undefined;
  }

  protected override sourceHas(fieldId: number): boolean {
    return fieldId === 0;
  }
}

/** A tree of MiniSearch's radix map: edges to subtrees, and '' to a term's data. */
type Tree = Map<string, unknown>;

/** Flattened postings of one term, as stored in the index file. */
interface FlatPostings {
  docs: Int32Array;
  freqs: Int32Array;
}

/**
 * A copy of a one-field MiniSearch tree with every term's postings flattened to typed arrays, for
 * writing. The live index is not changed.
 */
export function flattenTree(tree: Tree): Tree {
  const copy: Tree = new Map();
  for (const [edge, child] of tree) {
    if (edge === '') {
      const docs = (child as Map<number, Map<number, number>>).get(0) ?? new Map<number, number>();
      copy.set('', {
        docs: Int32Array.from(docs.keys()),
        freqs: Int32Array.from(docs.values()),
      } satisfies FlatPostings);
    } else copy.set(edge, flattenTree(child as Tree));
  }
  return copy;
}

/** Turns a flattened tree (as read) back into a tree MiniSearch can search, with lazy posting lists. */
export function inflateTree(tree: Tree): Tree {
  for (const [edge, child] of tree) {
    if (edge === '') {
      const flat = child as FlatPostings | PostingList | Map<number, unknown>;
      if (!(flat instanceof Map)) tree.set('', new PostingList(flat.docs, flat.freqs));
    } else inflateTree(child as Tree);
  }
  return tree;
}

/**
 * MiniSearch's document id map (short id -> id) over an array: short ids are the positions in which
 * the documents were added, so nothing is built at load time.
 */
export class PositionIds extends LazyMap<number, unknown> {
  constructor(private readonly ids: readonly string[]) {
    super();
  }

  protected sourceSize(): number {
    return this.ids.length;
  }

  protected *sourceEntries(): IterableIterator<[number, unknown]> {
    for (let i = 0; i < this.ids.length; i++) yield [i, this.ids[i]];
  }

  protected override sourceGet(shortId: number): unknown {
    return Number.isInteger(shortId) ? this.ids[shortId] : undefined;
  }

  protected override sourceHas(shortId: number): boolean {
    return Number.isInteger(shortId) && shortId >= 0 && shortId < this.ids.length;
  }
}

/**
 * The reverse of a document id map (id -> short id), made on first use: only `has`, `discard` and
 * `replace` read it, which a loaded index seldom calls.
 */
export class IdPositions extends LazyMap<unknown, number> {
  private reverse: Map<unknown, number> | null = null;

  constructor(private readonly documentIds: Map<number, unknown>) {
    super();
  }

  private map(): Map<unknown, number> {
    if (!this.reverse) {
      this.reverse = new Map();
      for (const [shortId, id] of this.documentIds) this.reverse.set(id, shortId);
    }
    return this.reverse;
  }

  protected sourceSize(): number {
    return this.map().size;
  }

  protected sourceEntries(): IterableIterator<[unknown, number]> {
    return this.map().entries();
  }

  protected override sourceGet(id: unknown): number | undefined {
    return this.map().get(id);
  }

  protected override sourceHas(id: unknown): boolean {
    return this.map().has(id);
  }
}

/**
 * MiniSearch's field-length map (short id -> [length]) over one Int32Array, for a one-field index:
 * nothing to build at load time. `get` returns a fresh one-element array, as MiniSearch reads `[0]`.
 */
export class FieldLengths extends LazyMap<number, number[]> {
  constructor(readonly lengths: Int32Array) {
    super();
  }

  /** The lengths of a map, as an array by short id. */
  static flatten(map: Map<number, number[]>): Int32Array {
    let last = -1;
    for (const id of map.keys()) last = Math.max(last, id);
    const lengths = new Int32Array(last + 1);
    for (const [id, value] of map) lengths[id] = value[0] ?? 0;
    return lengths;
  }

  protected sourceSize(): number {
    return this.lengths.length;
  }

  protected *sourceEntries(): IterableIterator<[number, number[]]> {
    for (let i = 0; i < this.lengths.length; i++) yield [i, [this.lengths[i] as number]];
  }

  protected override sourceGet(shortId: number): number[] | undefined {
    return shortId >= 0 && shortId < this.lengths.length ? [this.lengths[shortId] as number] : undefined;
  }

  protected override sourceHas(shortId: number): boolean {
    return shortId >= 0 && shortId < this.lengths.length;
  }
}
