import type { Options } from 'minisearch';
import { normalizeWord, STOP_WORDS, tokenize } from '../text/terms.ts';
import { type MiniSearchState, StoredMiniSearch } from './storedMiniSearch.ts';

/** What a phrase of the corpus is: a name (for `/who`, `/where`), a theme, or a plain word. */
export type PhraseKind = 'person' | 'organization' | 'group' | 'place' | 'theme' | 'word';

/** A phrase that can be looked up or suggested. */
export interface Phrase {
  id: number;
  text: string;
  kind: PhraseKind;
  /** The key of the item it names (entity or theme index), or -1 for plain words. */
  ref: number;
}

/** The options the phrase index is built (and restored) with. */
const PHRASE_OPTIONS: Options<Phrase> = {
  fields: ['text'],
  storeFields: [],
  tokenize,
  processTerm: (term) => normalizeWord(term) || null,
};

/** What makes two phrases the same one: kind and text, case aside. */
function phraseKey(phrase: Omit<Phrase, 'id'>): string {
  return `${phrase.kind}:${phrase.text.toLowerCase()}`;
}

/** A phrase found for a query, with its relevance. */
export interface PhraseHit {
  phrase: Phrase;
  score: number;
}

/**
 * A small MiniSearch index of names, themes and the corpus's words, matched by prefix and with typos:
 * it finds "Liu" or "jianch" for `/who`, suggests what to type (autocomplete) and offers "did you mean"
 * words when a query finds nothing. Words are only lower-cased, not stemmed, so suggestions read well.
 */
export class PhraseIndex {
  private constructor(
    private readonly search: StoredMiniSearch<Phrase>,
    /** Every phrase, by id. */
    readonly phrases: readonly Phrase[],
  ) {}

  /** Indexes phrases; duplicates (same kind and text) are kept once. */
  static build(entries: Array<Omit<Phrase, 'id'>>): PhraseIndex {
    const phrases: Phrase[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const key = phraseKey(entry);
      if (seen.has(key)) continue;
      seen.add(key);
      phrases.push({ ...entry, id: phrases.length });
    }
    const search = new StoredMiniSearch<Phrase>(PHRASE_OPTIONS);
    search.addAll(phrases);
    return new PhraseIndex(search, phrases);
  }

  /**
   * This index with more phrases (those it lacks, by kind and text), added in place to the same
   * MiniSearch: for the corpus's words after a reload that added articles. The index it was made from
   * must not be used afterwards.
   */
  extendedWith(entries: Array<Omit<Phrase, 'id'>>): PhraseIndex {
    const seen = new Set(this.phrases.map(phraseKey));
    const phrases = [...this.phrases];
    const added: Phrase[] = [];
    for (const entry of entries) {
      const key = phraseKey(entry);
      if (seen.has(key)) continue;
      seen.add(key);
      const phrase = { ...entry, id: phrases.length };
      phrases.push(phrase);
      added.push(phrase);
    }
    this.search.addAll(added);
    return new PhraseIndex(this.search, phrases);
  }

  /** Restores an index captured with `state()`. */
  static restore(state: MiniSearchState, phrases: readonly Phrase[]): PhraseIndex {
    return new PhraseIndex(StoredMiniSearch.restore(state, PHRASE_OPTIONS), phrases);
  }

  /** The index's structures, for the prebuilt index file. */
  state(): MiniSearchState {
    return this.search.state();
  }

  /** The phrases of the given kinds that match every word of the query (prefix and one typo allowed). */
  find(query: string, kinds: readonly PhraseKind[], limit = 25): PhraseHit[] {
    const words = tokenize(query).slice(0, 12).join(' ');
    if (!words) return [];
    const allowed = new Set(kinds);
    return this.search
      .search(words, {
        combineWith: 'AND',
        prefix: (term) => term.length >= 2,
        fuzzy: (term) => (term.length >= 5 ? 1 : false),
        maxFuzzy: 1,
        filter: (result) => allowed.has(this.phrases[Number(result.id)]?.kind as PhraseKind),
      })
      .slice(0, limit)
      .map((r) => ({ phrase: this.phrases[Number(r.id)] as Phrase, score: r.score }));
  }

  /**
   * "Did you mean" words for a query: MiniSearch's autoSuggest over the corpus words, for each word of
   * the query (typos, other endings), skipping stop words; at most `limit`.
   */
  suggest(query: string, limit = 5): string[] {
    const suggestions: string[] = [];
    for (const word of tokenize(query).slice(0, 12)) {
      const normal = normalizeWord(word);
      if (normal.length < 3 || STOP_WORDS.has(normal)) continue;
      const matches = this.search.autoSuggest(normal, {
        fuzzy: 0.25,
        maxFuzzy: 2,
        prefix: true,
        filter: (r) => this.phrases[Number(r.id)]?.kind === 'word',
      });
      for (const { suggestion } of matches) {
        if (suggestion !== normal && !suggestions.includes(suggestion)) suggestions.push(suggestion);
        if (suggestions.length >= limit) return suggestions;
      }
    }
    return suggestions;
  }

  /**
   * The corpus word a misspelt word stands for ("confrence" -> "conference"): the closest word within
   * two edits of its surface form (not its stem: "confrenc" is far from "confer"), or null.
   */
  correct(word: string): string | null {
    const normal = normalizeWord(word);
    if (normal.length < 4) return null;
    const [best] = this.search.autoSuggest(normal, {
      fuzzy: (term) => (term.length >= 7 ? 2 : 1),
      filter: (r) => this.phrases[Number(r.id)]?.kind === 'word',
    });
    return best && best.suggestion !== normal ? best.suggestion : null;
  }
}
