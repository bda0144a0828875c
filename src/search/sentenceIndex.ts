import MiniSearch, { type SearchResult } from 'minisearch';
import type { Sentence } from '../corpus/sentence.ts';
import { termKey, tokenize } from '../text/terms.ts';

/** A query term with the weight it counts for (1 for the user's words, less for paraphrases). */
export interface WeightedTerm {
  key: string;
  weight: number;
}

/** How to match terms: fuzzy for long words, prefix for the last word while one types, AND or OR. */
export interface MatchOptions {
  prefixLast?: boolean;
  combineWith?: 'AND' | 'OR';
}

/** A sentence that matched, its relevance and which query keys it matched. */
export interface SentenceHit {
  id: string;
  score: number;
  matched: string[];
}

/** At most this many distinct terms of one query reach the index (a 6,000-character query stays fast). */
export const MAX_QUERY_TERMS = 12;

/**
 * The MiniSearch index of every sentence. Sentences are indexed by stemmed, stop-word-free keys
 * (see `termKey`); queries arrive as such keys already, with weights, so the same processing applies
 * to both sides and paraphrases can count for less than the user's own words.
 */
export class SentenceIndex {
  private readonly search: MiniSearch<Sentence>;

  constructor(sentences: Sentence[]) {
    this.search = new MiniSearch<Sentence>({
      fields: ['text'],
      storeFields: [],
      tokenize,
      processTerm: (term) => termKey(term) ?? null,
      searchOptions: { processTerm: (term) => term },
    });
    this.search.addAll(sentences);
  }

  /** The index's vocabulary size, for reports. */
  get termCount(): number {
    return this.search.termCount;
  }

  /**
   * Scores sentences against weighted keys with BM25: fuzzy matching (one edit) for keys of five or more
   * letters, and prefix matching for the last key when asked. At most MAX_QUERY_TERMS keys are used.
   */
  find(terms: WeightedTerm[], options: MatchOptions = {}): SentenceHit[] {
    const weights = new Map<string, number>();
    for (const { key, weight } of terms) {
      if (weights.size >= MAX_QUERY_TERMS && !weights.has(key)) continue;
      weights.set(key, Math.max(weights.get(key) ?? 0, weight));
    }
    if (weights.size === 0) return [];
    const keys = [...weights.keys()];
    const results: SearchResult[] = this.search.search(keys.join(' '), {
      combineWith: options.combineWith ?? 'OR',
      fuzzy: (term) => (term.length >= 5 ? 1 : false),
      maxFuzzy: 1,
      prefix: (_term, i, all) => options.prefixLast === true && i === all.length - 1,
      weights: { fuzzy: 0.3, prefix: 0.5 },
      boostTerm: (term) => weights.get(term) ?? 1,
    });
    return results.map((r) => ({ id: String(r.id), score: r.score, matched: r.queryTerms }));
  }
}
