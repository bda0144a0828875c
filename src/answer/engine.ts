import type { Article } from '../corpus/article.ts';
import type { CorpusProblem } from '../corpus/loadCorpus.ts';
import { inArticle, parseSentenceId, type Sentence, sentenceId } from '../corpus/sentence.ts';
import type { EntityKind } from '../extract/entities.ts';
import {
  type DateItem,
  type Knowledge,
  type SentenceFeatures,
  unpackFeatures,
} from '../extract/knowledge.ts';
import type { Entity } from '../extract/mergeEntities.ts';
import type { Theme } from '../extract/themes.ts';
import { PhraseIndex } from '../search/phraseIndex.ts';
import { SentenceIndex } from '../search/sentenceIndex.ts';
import { buildSnapshot, type CorpusSnapshot, type PhraseFamily, phraseFamily } from '../snapshot/snapshot.ts';
import type { AskSource } from './evidence.ts';

/** What the list commands show of one article: its entities, dates and themes, citing only its sentences. */
export interface ArticleLists {
  who: readonly Entity[];
  where: readonly Entity[];
  dates: readonly DateItem[];
  themes: readonly Theme[];
}

/** Items (entities, themes ...) citing only the sentences kept, those left with none dropped. */
export function citingOnly<T extends { sentenceIds: readonly string[] }>(
  items: readonly T[],
  keep: (id: string) => boolean,
): T[] {
  return items.flatMap((item) => {
    const sentenceIds = item.sentenceIds.filter(keep);
    return sentenceIds.length ? [{ ...item, sentenceIds }] : [];
  });
}

/** How many articles' lists are kept (each is made in one pass over the corpus's lists). */
const ARTICLE_LISTS_KEPT = 64;

/** The kinds of entity /who lists. */
export const WHO_KINDS: readonly EntityKind[] = ['person', 'organization', 'group'];
/** The kinds of entity /where lists. */
export const WHERE_KINDS: readonly EntityKind[] = ['place'];

/**
 * citebot's engine: a loaded corpus as the answerers read it. It holds the articles, what was
 * extracted from them and the indexes, and looks things up by id and position without scanning. Built
 * from a snapshot (see `buildSnapshot`), so a prebuilt index starts it without recomputing; what
 * start-up does not need (phrase indexes, the dates of each sentence) is restored on first use.
 * It answers nothing itself: each command has its answerer (`who.ts`, `ask.ts`, ...; `run.ts`).
 */
export class Engine {
  readonly articles: readonly Article[];
  readonly sentences: readonly Sentence[];
  readonly knowledge: Knowledge;
  /** Corpus files that could not be loaded (reported at start-up; the others still answer). */
  readonly problems: readonly CorpusProblem[];
  /** The plain data this engine was built from (what the prebuilt index file holds). */
  readonly snapshot: CorpusSnapshot;
  /** Every sentence, indexed for search. */
  readonly sentenceIndex: SentenceIndex;
  /** The entities /who and /where list, in their order (people first, then by mentions). */
  readonly entityLists: Readonly<Record<'who' | 'where', readonly Entity[]>>;
  private readonly articleById = new Map<string, Article>();
  /** For each article (by id): where its sentences start, overall and per paragraph (no map of every sentence). */
  private readonly articleSentences = new Map<
    string,
    { first: number; count: number; paragraphStarts: Int32Array }
  >();
  private datesBySentenceCache: Map<string, DateItem[]> | null = null;
  private readonly dateByIso = new Map<string, DateItem>();
  private readonly phraseIndexCache: Partial<Record<PhraseFamily, PhraseIndex>> = {};
  private askSourceCache: AskSource | null = null;
  private nameKindsCache: Map<string, EntityKind | null> | null = null;
  /** `kindOfName` bound once, for the span finder. */
  private readonly kindOf = (name: string) => this.kindOfName(name);
  private readonly articleListsCache = new Map<string, ArticleLists>();

  /**
   * An engine over a snapshot. `built` hands over indexes already made for the snapshot (a reload
   * that updated the running ones in place) instead of restoring them from it.
   */
  constructor(
    snapshot: CorpusSnapshot,
    built: { sentenceIndex?: SentenceIndex; phraseIndexes?: Partial<Record<PhraseFamily, PhraseIndex>> } = {},
  ) {
    this.snapshot = snapshot;
    this.articles = snapshot.articles;
    this.problems = snapshot.problems;
    this.knowledge = snapshot.knowledge;
    this.sentences = this.knowledge.sentences;
    for (const article of this.articles) this.articleById.set(article.id, article);
    // Sentences are stored article by article, paragraph by paragraph: a sentence's position is
    // arithmetic on these starts.
    const sentences = this.sentences;
    for (let i = 0; i < sentences.length; ) {
      const article = (sentences[i] as Sentence).article;
      const paragraphs = this.articleById.get(article)?.paragraphs.length ?? 0;
      const starts = new Int32Array(paragraphs + 2).fill(-1);
      const first = i;
      while (i < sentences.length && (sentences[i] as Sentence).article === article) {
        const s = sentences[i] as Sentence;
        if (s.sentence === 1) starts[s.paragraph] = i;
        i++;
      }
      this.articleSentences.set(article, { first, count: i - first, paragraphStarts: starts });
    }
    for (const date of this.knowledge.dates) this.dateByIso.set(date.iso, date);
    this.sentenceIndex = built.sentenceIndex ?? SentenceIndex.restore(snapshot.sentenceIndex);
    Object.assign(this.phraseIndexCache, built.phraseIndexes);
    const ranked = this.knowledge.entities;
    this.entityLists = {
      who: ranked.filter((e) => WHO_KINDS.includes(e.kind)),
      where: ranked.filter((e) => WHERE_KINDS.includes(e.kind)),
    };
  }

  /** Builds an engine from articles (extraction and indexing; `app/openCorpus` uses the prebuilt index). */
  static fromArticles(articles: Article[], problems: CorpusProblem[] = []): Engine {
    return new Engine(buildSnapshot(articles, problems));
  }

  /** An article by id, or undefined (a map look-up, not a scan). */
  article(id: string): Article | undefined {
    return this.articleById.get(id);
  }

  /** The position of a sentence in the corpus from its id, or undefined. */
  positionOf(id: string): number | undefined {
    const place = parseSentenceId(id);
    const entry = place && this.articleSentences.get(place.article);
    if (!place || !entry) return undefined;
    const start = entry.paragraphStarts[place.paragraph];
    if (start === undefined || start < 0) return undefined;
    const position = start + place.sentence - 1;
    return this.sentences[position]?.id === id ? position : undefined;
  }

  /** A sentence by id, or undefined (no scan). */
  sentence(id: string): Sentence | undefined {
    const position = this.positionOf(id);
    return position === undefined ? undefined : this.sentences[position];
  }

  /** The sentence at an article's paragraph and sentence (1-based), or undefined (no scan). */
  sentenceAt(article: string, paragraph: number, sentence: number): Sentence | undefined {
    return this.sentence(sentenceId(article, paragraph, sentence));
  }

  /**
   * The lists of one article (for `--article` and Discord's `article` option): the corpus's items that
   * it mentions, in the corpus's order, each citing only this article's sentences. Undefined for an
   * unknown article.
   */
  listsOf(article: string): ArticleLists | undefined {
    if (!this.articleById.has(article)) return undefined;
    let lists = this.articleListsCache.get(article);
    if (!lists) {
      const mine = inArticle(article);
      lists = {
        who: citingOnly(this.entityLists.who, mine),
        where: citingOnly(this.entityLists.where, mine),
        dates: this.knowledge.dates.flatMap((d) => {
          const mentions = d.mentions.filter((m) => mine(m.sentenceId));
          return mentions.length ? [{ iso: d.iso, mentions }] : [];
        }),
        // An article's own themes cite only its sentences already.
        themes: this.knowledge.articleThemes[article] ?? [],
      };
      if (this.articleListsCache.size >= ARTICLE_LISTS_KEPT) {
        const oldest = this.articleListsCache.keys().next().value;
        if (oldest !== undefined) this.articleListsCache.delete(oldest);
      }
      this.articleListsCache.set(article, lists);
    }
    return lists;
  }

  /** An article's sentences, in order (none for an unknown id). */
  sentencesOf(article: string): readonly Sentence[] {
    const entry = this.articleSentences.get(article);
    return entry ? this.sentences.slice(entry.first, entry.first + entry.count) : [];
  }

  /** The first sentence of an article, or undefined. */
  leadOf(article: string): Sentence | undefined {
    const first = this.articleSentences.get(article)?.first;
    return first === undefined ? undefined : this.sentences[first];
  }

  /** What the sentence at a position names (people, places, dates, numbers, quotations). */
  featuresOf(position: number): SentenceFeatures {
    return unpackFeatures(this.knowledge.features[position] ?? 0);
  }

  /** The date of a day (ISO), or undefined when no article names it. */
  dateOn(iso: string): DateItem | undefined {
    return this.dateByIso.get(iso);
  }

  /** The dates a sentence names (the map is made on first use: only /when with words and /ask need it). */
  datesIn(id: string): readonly DateItem[] {
    if (!this.datesBySentenceCache) {
      const map = new Map<string, DateItem[]>();
      for (const date of this.knowledge.dates) {
        for (const m of date.mentions) {
          const list = map.get(m.sentenceId);
          if (list) list.push(date);
          else map.set(m.sentenceId, [date]);
        }
      }
      this.datesBySentenceCache = map;
    }
    return this.datesBySentenceCache.get(id) ?? [];
  }

  /**
   * The kind of a name as the articles use it ("Kenya": place, "Kopp": person), from the entities'
   * names and aliases as written; undefined for a name no entity has, or one entities of two kinds
   * share ("Washington"). The map is made on first use (only /ask reads it).
   */
  kindOfName(name: string): EntityKind | undefined {
    if (!this.nameKindsCache) {
      const kinds = new Map<string, EntityKind | null>();
      for (const entity of this.knowledge.entities)
        for (const written of [entity.name, ...entity.aliases]) {
          const known = kinds.get(written);
          kinds.set(written, known === undefined || known === entity.kind ? entity.kind : null);
        }
      this.nameKindsCache = kinds;
    }
    return this.nameKindsCache.get(name) ?? undefined;
  }

  /** A phrase index, restored on first use (a prebuilt index leaves them for after start-up). */
  phraseIndex(family: PhraseFamily): PhraseIndex {
    let index = this.phraseIndexCache[family];
    if (!index) {
      const data = phraseFamily(this.snapshot.phraseIndexes[family]);
      index = PhraseIndex.restore(data.state, data.phrases);
      this.phraseIndexCache[family] = index;
    }
    return index;
  }

  /** A phrase index if it is restored or built already (nothing is built to answer). */
  builtPhraseIndex(family: PhraseFamily): PhraseIndex | undefined {
    return this.phraseIndexCache[family];
  }

  /** Restores what start-up left for later (phrase indexes, the dates map), so that no user's query pays for it. */
  restoreAll(): void {
    for (const family of ['names', 'themes', 'words'] as const) this.phraseIndex(family);
    this.datesIn('');
    this.kindOfName('');
  }

  /** What the /ask ranker reads of this corpus. */
  get askSource(): AskSource {
    this.askSourceCache ??= {
      index: this.sentenceIndex,
      positionOf: (id) => this.positionOf(id),
      sentenceAt: (position) => this.sentences[position],
      readingAt: (position) => ({ features: this.featuresOf(position), kindOf: this.kindOf }),
      correct: (word) => this.phraseIndex('words').correct(word),
    };
    return this.askSourceCache;
  }
}
