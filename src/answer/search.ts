import type { SentenceHit, SentenceSearch } from '../search/sentenceIndex.ts';
import type { Answer } from './answer.ts';
import type { Engine } from './engine.ts';
import { hitItems, type PageOptions, pageOf } from './items.ts';
import { boundQuery, plainTerms } from './query.ts';

/** /search: plain full-text search: sentences holding all the words (or, failing that, any), the last as a prefix. */
export function search(engine: Engine, rawQuery = '', page: PageOptions = {}): Answer {
  const query = boundQuery(rawQuery);
  return pageOf(engine, 'search', query, page, hitItems(engine, searchHits(engine.sentenceIndex, query)));
}

/** The sentences /search shows for a query (already bounded), best first, from one index or several searched as one. */
export function searchHits(index: SentenceSearch, query: string): SentenceHit[] {
  const terms = plainTerms(query);
  // One search: sentences that match every word come first; if none does, any match will do.
  const any = index.find(terms, { prefixLast: true });
  const wanted = new Set(any.flatMap((h) => h.matched)).size;
  const all = any.filter((h) => h.matched.length >= wanted);
  return all.length ? all : any;
}
