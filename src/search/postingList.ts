/**
 * One term's postings as MiniSearch reads them (field id -> document id -> term frequency), kept as
 * two typed arrays and turned into a Map only when a query first needs this term. A prebuilt index
 * then loads as flat arrays: most terms are never queried between two restarts.
 */
export class PostingList {
  private docsMap: Map<number, number> | null = null;

  constructor(
    readonly docs: Int32Array,
    readonly freqs: Int32Array,
  ) {}

  /** How many documents hold the term (without building the map). */
  get documentCount(): number {
    return this.docs.length;
  }

  /** The documents of field 0 (citebot indexes one field), built on first use. */
  get(fieldId: number): Map<number, number> | undefined {
    if (fieldId !== 0) return undefined;
    if (!this.docsMap) {
      const map = new Map<number, number>();
      for (let i = 0; i < this.docs.length; i++) map.set(this.docs[i] as number, this.freqs[i] as number);
      this.docsMap = map;
    }
    return this.docsMap;
  }

  has(fieldId: number): boolean {
    return fieldId === 0;
  }

  get size(): number {
    return 1;
  }

  *keys(): IterableIterator<number> {
    yield 0;
  }

  *values(): IterableIterator<Map<number, number>> {
    yield this.get(0) as Map<number, number>;
  }

  *entries(): IterableIterator<[number, Map<number, number>]> {
    yield [0, this.get(0) as Map<number, number>];
  }

  [Symbol.iterator](): IterableIterator<[number, Map<number, number>]> {
    return this.entries();
  }

  forEach(callback: (value: Map<number, number>, key: number) => void): void {
    callback(this.get(0) as Map<number, number>, 0);
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
      if (!(flat instanceof PostingList) && !(flat instanceof Map))
        tree.set('', new PostingList(flat.docs, flat.freqs));
    } else inflateTree(child as Tree);
  }
  return tree;
}

/**
 * MiniSearch's document id map (short id -> id) over an array, built in no time: short ids are the
 * positions in which the documents were added.
 */
export class PositionIds extends Map<number, unknown> {
  constructor(private readonly ids: readonly string[]) {
    super();
  }

  override get(shortId: number): string | undefined {
    return this.ids[shortId];
  }

  override has(shortId: number): boolean {
    return Number.isInteger(shortId) && shortId >= 0 && shortId < this.ids.length;
  }

  override get size(): number {
    return this.ids.length;
  }

  override *entries(): MapIterator<[number, unknown]> {
    for (let i = 0; i < this.ids.length; i++) yield [i, this.ids[i]];
  }

  override *keys(): MapIterator<number> {
    for (let i = 0; i < this.ids.length; i++) yield i;
  }

  override *values(): MapIterator<unknown> {
    yield* this.ids;
  }

  override [Symbol.iterator](): MapIterator<[number, unknown]> {
    return this.entries();
  }

  override forEach(callback: (value: unknown, key: number, map: Map<number, unknown>) => void): void {
    for (let i = 0; i < this.ids.length; i++) callback(this.ids[i], i, this);
  }
}

/**
 * MiniSearch's field-length map (short id -> [length]) over one Int32Array, for a one-field index:
 * nothing to build at load time. `get` returns a fresh one-element array, as MiniSearch reads `[0]`.
 */
export class FieldLengths extends Map<number, number[]> {
  constructor(readonly lengths: Int32Array) {
    super();
  }

  /** The lengths of a real map, as an array by short id. */
  static flatten(map: Map<number, number[]>): Int32Array {
    if (map instanceof FieldLengths) return map.lengths;
    const lengths = new Int32Array(map.size);
    for (const [id, value] of map) lengths[id] = value[0] ?? 0;
    return lengths;
  }

  override get(shortId: number): number[] | undefined {
    return shortId >= 0 && shortId < this.lengths.length ? [this.lengths[shortId] as number] : undefined;
  }

  override has(shortId: number): boolean {
    return shortId >= 0 && shortId < this.lengths.length;
  }

  override get size(): number {
    return this.lengths.length;
  }

  override *entries(): MapIterator<[number, number[]]> {
    for (let i = 0; i < this.lengths.length; i++) yield [i, [this.lengths[i] as number]];
  }

  override [Symbol.iterator](): MapIterator<[number, number[]]> {
    return this.entries();
  }
}
