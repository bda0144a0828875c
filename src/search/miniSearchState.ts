import MiniSearch, { type Options } from 'minisearch';
import { PostingList } from './postingList.ts';

/**
 * MiniSearch's internal structures, as plain Maps and values that `v8.serialize` keeps as they are.
 * Restoring them skips the rebuilding `loadJSON` does term by term: at 300,000 sentences, measured
 * here, `loadJSON` takes 3.9 s and this 1.1 s. It reads MiniSearch's private fields, so the version is
 * pinned (package.json) and part of the prebuilt index's key: another version rebuilds the index.
 */
export interface MiniSearchState {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  dirtCount: number;
  tree: Map<string, unknown>;
  documentIds: Map<number, unknown>;
  idToShortId: Map<unknown, number>;
  fieldLength: Map<number, number[]>;
  storedFields: Map<number, unknown>;
}

interface Internals {
  _documentCount: number;
  _nextId: number;
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _dirtCount: number;
  _index: { _tree: Map<string, unknown>; constructor: new (tree: Map<string, unknown>) => unknown };
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldLength: Map<number, number[]>;
  _storedFields: Map<number, unknown>;
}

/** Captures a MiniSearch index's structures (shared, not copied: serialize them right away). */
export function captureState<T>(index: MiniSearch<T>): MiniSearchState {
  const m = index as unknown as Internals;
  return {
    documentCount: m._documentCount,
    nextId: m._nextId,
    fieldIds: m._fieldIds,
    averageFieldLength: m._avgFieldLength,
    dirtCount: m._dirtCount,
    tree: m._index._tree,
    documentIds: m._documentIds,
    idToShortId: m._idToShortId,
    fieldLength: m._fieldLength,
    storedFields: m._storedFields,
  };
}

/** Builds a MiniSearch index from captured structures and the same options it was built with. */
export function restoreState<T>(state: MiniSearchState, options: Options<T>): MiniSearch<T> {
  const index = new MiniSearch<T>(options);
  const m = index as unknown as Internals;
  if (!m._index?._tree || !(m._documentIds instanceof Map)) {
    throw new Error(
      'miniSearchState: this MiniSearch version keeps its index differently; rebuild the index',
    );
  }
  const SearchableMap = m._index.constructor;
  Object.assign(m, {
    _documentCount: state.documentCount,
    _nextId: state.nextId,
    _fieldIds: state.fieldIds,
    _avgFieldLength: state.averageFieldLength,
    _dirtCount: state.dirtCount,
    _index: new SearchableMap(state.tree),
    _documentIds: state.documentIds,
    _idToShortId: state.idToShortId,
    _fieldLength: state.fieldLength,
    _storedFields: state.storedFields,
  });
  return index;
}

/** How many documents hold a term exactly (its document frequency), read from the index in O(term length). */
export function documentFrequency<T>(index: MiniSearch<T>, term: string): number {
  const data = (
    index as unknown as { _index: { get(term: string): Map<number, Map<number, number>> | undefined } }
  )._index.get(term);
  if (data instanceof PostingList) return data.documentCount;
  let df = 0;
  if (data) for (const docs of data.values()) df = Math.max(df, docs.size);
  return df;
}
