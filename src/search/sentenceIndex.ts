import type { BM25Params, Options, SearchOptions, SearchResult } from 'minisearch';
import type { Sentence } from '../corpus/sentence.ts';
import { isDictionaryWord } from '../lexicon/wordClasses.ts';
import { termKey, tokenize } from '../text/terms.ts';
import { type MiniSearchState, StoredMiniSearch } from './storedMiniSearch.ts';

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
 * The most postings (sentence matches) MiniSearch scores for one query, summed over its terms, rarest
 * first; a term past the budget is left out (by BM25 it weighs the least). With the champion lists
 * below, this bounds a query's work whatever the corpus size.
 */
export const POSTINGS_BUDGET = 6_000;
/** A term in more sentences than this is scored from its champion list, not from its full postings. */
export const CHAMPION_DF = 2_000;
/** How many of a common term's best sentences its champion list keeps. */
export const CHAMPIONS = 500;

/**
 * For each common term, the sentences where it weighs most, with its BM25 score there (a tiered
 * index, "champion lists"): a query on common words scores these few hundred, not tens of thousands.
 */
export type ChampionLists = Map<string, ChampionList>;

/** A common term's best sentences (MiniSearch short ids) and its BM25 score in each. */
export interface ChampionList {
  docs: Int32Array;
  scores: Float32Array;
}

/** BM25's parameters: MiniSearch's defaults, stated so that a search with a collection's statistics can restate them. */
const BM25: BM25Params = { k: 1.2, b: 0.7, d: 0.5 };

/** BM25's inverse document frequency of a key held by `df` of `documents` sentences, as MiniSearch computes it. */
export function bm25Idf(documents: number, df: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/**
 * What BM25 reads of the sentences it scores: how many there are, their average length (distinct
 * tokens, as MiniSearch counts them) and in how many each key occurs. An index's own, or those of a
 * collection of indexes searched as one (see `SentenceIndexUnion`).
 */
export interface IndexStatistics {
  readonly documentCount: number;
  readonly averageLength: number;
  frequency(key: string): number;
}

/** What the answerers search: one sentence index, or several searched as one corpus. */
export interface SentenceSearch {
  /** How many sentences it holds. */
  readonly size: number;
  /** In how many sentences a key occurs. */
  frequency(key: string): number;
  /** A key's inverse document frequency (see `SentenceIndex.idf`). */
  idf(key: string): number;
  /** Sentences scored against weighted keys, best first (see `SentenceIndex.find`). */
  find(terms: WeightedTerm[], options?: MatchOptions): SentenceHit[];
}

/** The structures of a sentence index, for the prebuilt index file. */
export interface SentenceIndexState {
  mini: MiniSearchState;
  champions: ChampionLists;
}

/**
 * Prefix matching applies to a last word of at least this many letters that the index does not hold
 * as a word: a part word being typed ("transi"); a finished word is matched as it is.
 */
const MIN_PREFIX = 4;

/** The options the sentence index is built (and restored) with. */
export const SENTENCE_INDEX_OPTIONS: Options<Sentence> = {
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
export class SentenceIndex implements SentenceSearch {
  /** Common terms whose champion lists an update made stale: scored again when a query first needs them. */
  private readonly stale = new Set<string>();

  private constructor(
    private readonly search: StoredMiniSearch<Sentence>,
    private readonly champions: ChampionLists,
  ) {}

  /** Indexes sentences and computes the champion lists of common terms. */
  static build(sentences: readonly Sentence[]): SentenceIndex {
    const search = new StoredMiniSearch<Sentence>(SENTENCE_INDEX_OPTIONS);
    search.addAll(sentences as Sentence[]);
    return new SentenceIndex(search, championLists(search));
  }

  /** Restores an index captured with `state()`. */
  static restore(state: SentenceIndexState): SentenceIndex {
    return new SentenceIndex(StoredMiniSearch.restore(state.mini, SENTENCE_INDEX_OPTIONS), state.champions);
  }

  /** How many sentences the index holds. */
  get size(): number {
    return this.search.documentCount;
  }

  /** In how many sentences a key occurs (0 for a key the corpus lacks). */
  frequency(key: string): number {
    return this.search.documentFrequency(key);
  }

  /**
   * How much a key tells sentences apart: BM25's inverse document frequency, log(1 + (N - df + 0.5) /
   * (df + 0.5)). A key the corpus lacks gets the highest value, as a word of one sentence would.
   */
  idf(key: string): number {
    return bm25Idf(this.search.documentCount, Math.max(1, this.search.documentFrequency(key)));
  }

  /** This index's own statistics (what `find` scores with unless given a collection's). */
  get statistics(): IndexStatistics {
    return {
      documentCount: this.search.documentCount,
      averageLength: this.search.averageFieldLength('text'),
      frequency: (key) => this.search.documentFrequency(key),
    };
  }

  /**
   * Changes the index in place: removes sentences (the old versions of changed articles, removed
   * articles) and adds new ones, through MiniSearch's `remove` and `addAll`. `remove` (not `discard`)
   * takes the sentences' postings out now, so every document frequency (hence every score, alone or
   * in a union) is the one an index built anew would have: a discarded sentence would be counted
   * until a vacuum, and could turn a word's inverse document frequency negative. The champion lists of
   * the common terms these sentences hold are marked stale and scored again when a query first needs
   * them (a term that became common gets one, one that no longer is loses it), so a reload that adds
   * one article to a large corpus costs that article, not a search of every common term.
   */
  update(added: readonly Sentence[], removed: readonly Sentence[]): void {
    for (const sentence of removed) if (this.search.has(sentence.id)) this.search.remove(sentence);
    this.search.addAll(added as Sentence[]);
    const touched = new Set<string>();
    for (const sentence of [...added, ...removed])
      for (const word of tokenize(sentence.text)) {
        const key = termKey(word);
        if (key) touched.add(key);
      }
    for (const key of touched) {
      if (this.search.documentFrequency(key) > CHAMPION_DF) this.stale.add(key);
      else {
        this.champions.delete(key);
        this.stale.delete(key);
      }
    }
  }

  /** A common term's champion list, scored again first if an update made it stale. */
  private championsOf(key: string): ChampionList | undefined {
    if (this.stale.delete(key)) this.champions.set(key, championList(this.search, key));
    return this.champions.get(key);
  }

  /** Scores every stale champion list now (before the index is written to a file). */
  refreshChampions(): void {
    for (const key of [...this.stale]) this.championsOf(key);
  }

  /** The index's structures, for the prebuilt index file (stale champion lists are scored first). */
  state(): SentenceIndexState {
    this.refreshChampions();
    return { mini: this.search.state(), champions: this.champions };
  }

  /**
   * Scores sentences against weighted keys with BM25, best first. Common keys (in more than
   * CHAMPION_DF sentences) are scored from their champion lists; the others through MiniSearch, rarest
   * first within POSTINGS_BUDGET. A key that neither the index nor English holds (a typo) is matched
   * fuzzily (one edit, five or more letters), and the last key by prefix when asked. As in MiniSearch, a sentence's score
   * is the sum over the keys it matches, times how many keys it matches. At most MAX_QUERY_TERMS keys.
   *
   * Given a collection's `statistics` (this index as one part of several searched as one corpus), the
   * keys are chosen and scored as one index of the whole collection would: by the collection's
   * document frequencies, document count and average length (see `collectionScoring`). A key common
   * in the collection but not here is scored from this part's own postings, as the collection's
   * champion list would hold its best; a champion list of this part is rescaled to the collection's
   * IDF (its length normalization stays this part's: the one approximation, for keys in more than
   * CHAMPION_DF sentences).
   */
  find(terms: WeightedTerm[], options: MatchOptions = {}, statistics?: IndexStatistics): SentenceHit[] {
    const weights = new Map<string, number>();
    for (const { key, weight } of terms) {
      if (weights.size >= MAX_QUERY_TERMS && !weights.has(key)) continue;
      weights.set(key, Math.max(weights.get(key) ?? 0, weight));
    }
    if (weights.size === 0) return [];
    const keys = [...weights.keys()];
    const frequency = (key: string) =>
      statistics ? statistics.frequency(key) : this.search.documentFrequency(key);
    const ranked = keys.map((key) => ({ key, df: frequency(key) })).sort((a, b) => a.df - b.df);
    const lastKey = keys.at(-1);
    const lastIsPartial = ranked.find((r) => r.key === lastKey)?.df === 0;
    const last =
      options.prefixLast === true && lastIsPartial && (lastKey?.length ?? 0) >= MIN_PREFIX
        ? lastKey
        : undefined;
    const viaMiniSearch: string[] = [];
    const viaChampions: string[] = [];
    let postings = 0;
    for (const { key, df } of ranked) {
      if (df > CHAMPION_DF && (this.champions.has(key) || this.stale.has(key))) viaChampions.push(key);
      else if (statistics && df > CHAMPION_DF) viaMiniSearch.push(key);
      else if (viaMiniSearch.length === 0 || postings + df <= POSTINGS_BUDGET) {
        viaMiniSearch.push(key);
        postings += df;
      }
    }
    // Typo matching is for misspellings: a key the corpus lacks that is not an English word either
    // ("event" must not match "even").
    const unknown = new Set(ranked.filter((r) => r.df === 0 && !isDictionaryWord(r.key)).map((r) => r.key));
    const totals = new Map<string, { score: number; matched: string[] }>();
    if (viaMiniSearch.length) {
      const results: SearchResult[] = this.search.search(viaMiniSearch.join(' '), {
        combineWith: 'OR',
        fuzzy: (term) => (unknown.has(term) && term.length >= 5 ? 1 : false),
        maxFuzzy: 1,
        prefix: (term) => term === last,
        weights: { fuzzy: 0.3, prefix: 0.5 },
        boostTerm: (term) => weights.get(term) ?? 1,
        ...(statistics ? this.collectionScoring(statistics) : {}),
      });
      for (const r of results)
        totals.set(String(r.id), { score: r.score / (r.queryTerms.length || 1), matched: [...r.queryTerms] });
    }
    for (const key of viaChampions) {
      const list = this.championsOf(key);
      if (!list) continue;
      const weight =
        (weights.get(key) ?? 1) *
        (statistics
          ? bm25Idf(statistics.documentCount, frequency(key)) /
            bm25Idf(this.search.documentCount, this.search.documentFrequency(key))
          : 1);
      list.docs.forEach((doc, i) => {
        const id = String(this.search.idOf(doc));
        const entry = totals.get(id);
        const score = (list.scores[i] ?? 0) * weight;
        if (entry) {
          entry.score += score;
          entry.matched.push(key);
        } else totals.set(id, { score, matched: [key] });
      });
    }
    const wanted = viaMiniSearch.length + viaChampions.length;
    const hits: SentenceHit[] = [];
    for (const [id, { score, matched }] of totals) {
      if (options.combineWith === 'AND' && matched.length < wanted) continue;
      hits.push({ id, score: score * matched.length, matched });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /**
   * MiniSearch options that make its BM25 score this index's postings with a collection's statistics.
   * A term t in a sentence of length L scores idf(N, df) * (d + tf (k + 1) / (tf + k (1 - b + b L / avg))).
   * MiniSearch reads N, df and avg from this index; the collection's differ. The length term is
   * restated exactly by other parameters: with r = avg here / avg of the collection, k' = k (1 - b) +
   * k b r and b' = k b r / k' give k' (1 - b' + b' L / avg here) = k (1 - b + b L / avg of the
   * collection); with d' = d (k' + 1) / (k + 1) the score is (k' + 1) / (k + 1) times the
   * collection's. A per-term document boost, ((k + 1) / (k' + 1)) times the collection's IDF over
   * this index's, makes it the collection's score (up to floating-point rounding) for the term and
   * for any term derived from it (prefix, typo), each with its own document frequencies.
   */
  private collectionScoring(statistics: IndexStatistics): Pick<SearchOptions, 'bm25' | 'boostDocument'> {
    const own = this.search.averageFieldLength('text');
    const ratio = statistics.averageLength > 0 ? own / statistics.averageLength : 1;
    const k = BM25.k * (1 - BM25.b) + BM25.k * BM25.b * ratio;
    const b = k > 0 ? (BM25.k * BM25.b * ratio) / k : BM25.b;
    const d = (BM25.d * (k + 1)) / (BM25.k + 1);
    const lengthScale = (BM25.k + 1) / (k + 1);
    const boosts = new Map<string, number>();
    return {
      bm25: { k, b, d },
      boostDocument: (_id, term) => {
        let boost = boosts.get(term);
        if (boost === undefined) {
          const here = bm25Idf(this.search.documentCount, this.search.documentFrequency(term));
          const there = bm25Idf(statistics.documentCount, statistics.frequency(term));
          boost = here > 0 ? (lengthScale * there) / here : 0;
          boosts.set(term, boost);
        }
        return boost;
      },
    };
  }
}

/**
 * Several sentence indexes searched as one corpus (a server's collection: the base's index and the
 * server's own): each part is scored with the statistics of the whole (see `SentenceIndex.find`), so
 * a sentence scores what it would in one index of every part's sentences, and the parts' hits are
 * merged by score (on a tie, the earlier part's first). `keep` drops a part's hits that another part
 * hides (an article id the base holds too).
 */
export class SentenceIndexUnion implements SentenceSearch {
  private readonly statistics: IndexStatistics;

  constructor(
    private readonly parts: readonly SentenceIndex[],
    private readonly keep: (part: number, id: string) => boolean = () => true,
  ) {
    // Read from the parts on every use (a part's index may be updated in place, as a reload does).
    const count = () => parts.reduce((n, p) => n + p.size, 0);
    this.statistics = {
      get documentCount() {
        return count();
      },
      get averageLength() {
        const documents = count();
        const lengths = parts.reduce((n, p) => n + p.statistics.averageLength * p.size, 0);
        return documents > 0 ? lengths / documents : 0;
      },
      frequency: (key) => parts.reduce((n, p) => n + p.frequency(key), 0),
    };
  }

  get size(): number {
    return this.statistics.documentCount;
  }

  frequency(key: string): number {
    return this.statistics.frequency(key);
  }

  idf(key: string): number {
    return bm25Idf(this.statistics.documentCount, Math.max(1, this.statistics.frequency(key)));
  }

  find(terms: WeightedTerm[], options: MatchOptions = {}): SentenceHit[] {
    const hits = this.parts.flatMap((part, p) =>
      part.find(terms, options, this.statistics).filter((hit) => this.keep(p, hit.id)),
    );
    return hits.sort((a, b) => b.score - a.score);
  }
}

/**
 * The champion lists of an index: for every term in more than CHAMPION_DF sentences, the CHAMPIONS
 * sentences where MiniSearch scores it highest (a one-term search: its BM25 score there).
 */
function championLists(search: StoredMiniSearch<Sentence>): ChampionLists {
  const lists: ChampionLists = new Map();
  for (const term of search.commonTerms(CHAMPION_DF)) lists.set(term, championList(search, term));
  return lists;
}

/** One term's champion list: the CHAMPIONS sentences where a one-term search scores it highest. */
function championList(search: StoredMiniSearch<Sentence>, term: string): ChampionList {
  const top = search.search(term, { prefix: false, fuzzy: false }).slice(0, CHAMPIONS);
  return {
    docs: Int32Array.from(top, (r) => search.shortIdOf(r.id) ?? -1),
    scores: Float32Array.from(top, (r) => r.score),
  };
}
