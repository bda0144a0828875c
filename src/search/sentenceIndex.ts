import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { Sentence } from '../corpus/sentence.ts';
import { termKey, tokenize } from '../text/terms.ts';
import { captureState, documentFrequency, type MiniSearchState, restoreState } from './miniSearchState.ts';

/** A query term with the weight it counts for (1 for the user's words, less for paraphrases). */
export interface WeightedTerm {
  key: string;
  weight: number;
}

/** How to match terms: prefix for the last word while one types, AND or OR. */
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
 * The most postings (sentence matches) one query may score, summed over its terms, rarest first. A
 * very common word beside rarer ones is skipped: it would cost the most and, by BM25, weigh the least.
 * This bounds a query's work whatever the corpus size.
 */
export const POSTINGS_BUDGET = 40_000;
/** Prefix matching applies to a last word of at least this many letters (short prefixes match too much). */
const MIN_PREFIX = 3;

/** The options the sentence index is built (and restored) with. */
const OPTIONS: Options<Sentence> = {
  fields: ['text'],
  storeFields: [],
  tokenize,
  processTerm: (term) => termKey(term) ?? null,
  searchOptions: { processTerm: (term) => term },
};

/**
 * The MiniSearch index of every sentence. Sentences are indexed by stemmed, stop-word-free keys
 * (see `termKey`); queries arrive as such keys already, with weights, so the same processing applies
 * to both sides and paraphrases can count for less than the user's own words.
 */
export class SentenceIndex {
  private constructor(private readonly search: MiniSearch<Sentence>) {}

  /** Indexes sentences. */
  static build(sentences: readonly Sentence[]): SentenceIndex {
    const search = new MiniSearch<Sentence>(OPTIONS);
    search.addAll(sentences as Sentence[]);
    return new SentenceIndex(search);
  }

  /** Restores an index captured with `state()`. */
  static restore(state: MiniSearchState): SentenceIndex {
    return new SentenceIndex(restoreState(state, OPTIONS));
  }

  /** The index's structures, for the prebuilt index file. */
  state(): MiniSearchState {
    return captureState(this.search);
  }

  /** The index's vocabulary size, for reports. */
  get termCount(): number {
    return this.search.termCount;
  }

  /**
   * Scores sentences against weighted keys with BM25, best first. Keys are taken rarest first within
   * POSTINGS_BUDGET; a key the index does not hold (a typo) is matched fuzzily (one edit, five or more
   * letters), and the last key by prefix when asked. At most MAX_QUERY_TERMS keys are used.
   */
  find(terms: WeightedTerm[], options: MatchOptions = {}): SentenceHit[] {
    const weights = new Map<string, number>();
    for (const { key, weight } of terms) {
      if (weights.size >= MAX_QUERY_TERMS && !weights.has(key)) continue;
      weights.set(key, Math.max(weights.get(key) ?? 0, weight));
    }
    if (weights.size === 0) return [];
    const keys = [...weights.keys()];
    const last = keys.at(-1);
    const ranked = keys
      .map((key) => ({ key, df: documentFrequency(this.search, key) }))
      .sort((a, b) => a.df - b.df);
    const kept: string[] = [];
    let postings = 0;
    for (const { key, df } of ranked) {
      if (kept.length > 0 && postings + df > POSTINGS_BUDGET) continue;
      kept.push(key);
      postings += df;
    }
    const unknown = new Set(ranked.filter((r) => r.df === 0).map((r) => r.key));
    const results: SearchResult[] = this.search.search(kept.join(' '), {
      combineWith: options.combineWith ?? 'OR',
      fuzzy: (term) => (unknown.has(term) && term.length >= 5 ? 1 : false),
      maxFuzzy: 1,
      prefix: (term) => options.prefixLast === true && term === last && term.length >= MIN_PREFIX,
      weights: { fuzzy: 0.3, prefix: 0.5 },
      boostTerm: (term) => weights.get(term) ?? 1,
    });
    return results.map((r) => ({ id: String(r.id), score: r.score, matched: r.queryTerms }));
  }
}
