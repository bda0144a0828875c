import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { IdPositions, PostingList } from './postingList.ts';

/**
 * MiniSearch's structures, as plain Maps and values that `v8.serialize` keeps as they are. Restoring
 * them skips the rebuilding `loadJSON` does term by term: at 300,000 sentences, measured here,
 * `loadJSON` takes 3.9 s and this 1.1 s.
 */
export interface MiniSearchState {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  dirtCount: number;
  tree: Map<string, unknown>;
  documentIds: Map<number, unknown>;
  fieldLength: Map<number, number[]>;
  storedFields: Map<number, unknown>;
}

/**
 * The version of the MiniSearch package in use, read from its own package.json (found from where the
 * module resolves). Part of the prebuilt index's key: another version rebuilds the index. Throws when
 * it cannot be read, rather than guessing.
 */
export const MINISEARCH_VERSION: string = readMiniSearchVersion();

function readMiniSearchVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('minisearch'));
  for (;;) {
    try {
      const found = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (found.name === 'minisearch' && found.version) return found.version;
    } catch {
      // no package.json here: look one folder up
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('minisearch: cannot read the installed version (package.json not found)');
    dir = parent;
  }
}

/**
 * A MiniSearch index that can be saved as plain structures and restored from them. It reaches
 * MiniSearch's state through the fields MiniSearch declares `protected` (for subclasses), so the
 * compiler checks every name on an upgrade; a restored index is a whole MiniSearch: `search`,
 * `autoSuggest`, `has`, `add`, `discard` and `replace` all work on it.
 */
export class StoredMiniSearch<T> extends MiniSearch<T> {
  /** Captures this index's structures (shared, not copied: serialize them right away). */
  state(): MiniSearchState {
    return {
      documentCount: this._documentCount,
      nextId: this._nextId,
      fieldIds: this._fieldIds,
      averageFieldLength: this._avgFieldLength,
      dirtCount: this._dirtCount,
      tree: this._index._tree as Map<string, unknown>,
      documentIds: this._documentIds,
      fieldLength: this._fieldLength,
      storedFields: this._storedFields as Map<number, unknown>,
    };
  }

  /** An index with captured structures and the options it was built with. */
  static restore<T>(state: MiniSearchState, options: Options<T>): StoredMiniSearch<T> {
    const index = new StoredMiniSearch<T>(options);
    index._documentCount = state.documentCount;
    index._nextId = state.nextId;
    index._fieldIds = state.fieldIds;
    index._avgFieldLength = state.averageFieldLength;
    index._dirtCount = state.dirtCount;
    // The package's public SearchableMap, over the saved tree (its type is declared twice by the package).
    index._index = new SearchableMap(state.tree as never) as unknown as typeof index._index;
    index._documentIds = state.documentIds;
    // The reverse map (id -> short id) is derived, not stored: made on first use (has, discard, replace).
    index._idToShortId = new IdPositions(state.documentIds);
    index._fieldLength = state.fieldLength;
    index._storedFields = state.storedFields as Map<number, Record<string, unknown>>;
    return index;
  }

  /** How many documents hold a term exactly (its document frequency), in O(term length). */
  documentFrequency(term: string): number {
    const data = this._index.get(term);
    if (data instanceof PostingList) return data.documentCount;
    let df = 0;
    if (data) for (const docs of data.values()) df = Math.max(df, docs.size);
    return df;
  }

  /** The average length of a field over the documents (MiniSearch's, counted in distinct tokens), 0 when empty. */
  averageFieldLength(field: string): number {
    const id = this._fieldIds[field];
    return id === undefined ? 0 : (this._avgFieldLength[id] ?? 0);
  }

  /** The terms held by more than `documents` documents (walks the term map once). */
  *commonTerms(documents: number): IterableIterator<string> {
    for (const [term, fields] of this._index) {
      let df = 0;
      for (const docs of fields.values()) df = Math.max(df, docs.size);
      if (df > documents) yield term;
    }
  }

  /** MiniSearch's short id of a document (as champion lists store them), or undefined. */
  shortIdOf(id: unknown): number | undefined {
    return this._idToShortId.get(id);
  }

  /** The id of a document from MiniSearch's short id (as champion lists store them). */
  idOf(shortId: number): unknown {
    return this._documentIds.get(shortId);
  }
}
