import type { Article } from '../corpus/article.ts';
import { type CorpusProblem, loadCorpus } from '../corpus/loadCorpus.ts';
import { type Sentence, sentenceId } from '../corpus/sentence.ts';
import type { EntityKind } from '../extract/entities.ts';
import {
  type DateItem,
  type Knowledge,
  type SentenceFeatures,
  unpackFeatures,
} from '../extract/knowledge.ts';
import type { Entity } from '../extract/mergeEntities.ts';
import {
  buildSnapshot,
  type CorpusSnapshot,
  FAMILY_OF_KIND,
  type PhraseFamily,
  phraseFamily,
} from '../index/snapshot.ts';
import { chronoNode } from '../lib/lazyModules.ts';
import { type Phrase, PhraseIndex, type PhraseKind } from '../search/phraseIndex.ts';
import { type SentenceHit, SentenceIndex } from '../search/sentenceIndex.ts';
import { termKeys, tokenize } from '../text/terms.ts';
import {
  type Answer,
  type AnswerItem,
  type AnswerSpan,
  type CommandName,
  citationOf,
  roundScore,
} from './answer.ts';
import { type AskAnalysis, analyzeQuestion, answerSpanOf, type RankedSentence, rankAnswers } from './ask.ts';
import type { AskSource } from './evidence.ts';
import type { ScoredSpan } from './span.ts';

/** Paging of a command's items. */
export interface PageOptions {
  /** How many items at most (1 to MAX_LIMIT). */
  limit?: number;
  /** How many of the best items to skip (for "More"). */
  offset?: number;
}

/**
 * The longest query the core reads; the rest is ignored (Discord allows 6,000 characters). It fits,
 * with the longest command name, in an embed's author line (256 characters), where "More" reads the
 * query back: a query is never cut there, so More pages the very question that was answered.
 */
export const MAX_QUERY_CHARS = 240;
/** The most items one answer holds. */
export const MAX_LIMIT = 25;
/** At most this many citations per item: the quoted sentence and other mentions. */
const MAX_CITATIONS = 8;

const DEFAULT_LIMIT: Record<CommandName, number> = {
  who: 10,
  where: 10,
  when: 10,
  themes: 10,
  ask: 3,
  search: 5,
  source: 10,
};

/** At most this many search hits are turned into answers (pages beyond are not offered). */
const MAX_CANDIDATES = 200;

const WHO_KINDS: readonly EntityKind[] = ['person', 'organization', 'group'];
const WHERE_KINDS: readonly EntityKind[] = ['place'];

/**
 * Cleans a user's query before it reaches any index: control characters become spaces, runs of
 * space collapse, and only the first MAX_QUERY_CHARS characters are kept (cut at a word boundary). No
 * input can make a query slow.
 */
export function boundQuery(query: string | undefined | null): string {
  const cleaned = String(query ?? '')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ')
    .slice(0, MAX_QUERY_CHARS * 2)
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= MAX_QUERY_CHARS) return cleaned;
  // Cut at a word boundary: a word cut in half ("con" of "conference") is a word nobody asked about.
  const cut = cleaned.slice(0, MAX_QUERY_CHARS + 1);
  const space = cut.lastIndexOf(' ');
  return (space > 0 ? cut.slice(0, space) : cut.slice(0, MAX_QUERY_CHARS)).trim();
}

/**
 * The list commands that answer what a question asks in general: "who ...?" -> /who, "where" ->
 * /where, "when" -> /when, a question about the article itself (who wrote it, which paper, the
 * source) -> /source, "what was discussed / what happened" -> /themes.
 */
export function commandsFor(question: string): string[] {
  const q = question.toLowerCase();
  const found: string[] = [];
  if (
    /\b(?:wrote|write|written|author|source|sources|publish\w*|paper|article|outlet|link|reported|reporter|editor)\b/.test(
      q,
    )
  )
    found.push('/source');
  if (/\bwho(?:m|se)?\b/.test(q)) found.push('/who');
  if (/\bwhere\b/.test(q)) found.push('/where');
  if (/\b(?:when|what (?:day|date|time|year))\b/.test(q)) found.push('/when');
  if (/\bwhat\b/.test(q) && !found.length) found.push('/themes');
  return found;
}

/** Items made on demand, so that a page never builds the whole list (lists grow with the corpus). */
interface ItemSource {
  count: number;
  at(index: number): AnswerItem;
}

const EMPTY: ItemSource = {
  count: 0,
  at: () => ({ label: null, detail: null, text: '', citations: [], score: 0 }),
};

/**
 * citebot's core: the articles, what was extracted from them, and the indexes, answering each
 * command with sentences quoted verbatim and cited. Knows nothing of Discord or the terminal.
 * Built from a snapshot (see `buildSnapshot`), so a prebuilt index starts it without recomputing.
 * Every query's work is bounded: lists are precomputed and paged, searches have a postings budget.
 */
export class Citebot {
  readonly articles: readonly Article[];
  readonly sentences: readonly Sentence[];
  readonly knowledge: Knowledge;
  /** Corpus files that could not be loaded (reported at start-up; the others still answer). */
  readonly problems: readonly CorpusProblem[];
  /** The plain data this bot was built from (what the prebuilt index file holds). */
  readonly snapshot: CorpusSnapshot;
  private readonly articleById = new Map<string, Article>();
  /** For each article (by id): its index and where its sentences start, per paragraph (no map of every sentence). */
  private readonly articleSentences = new Map<string, { first: number; paragraphStarts: Int32Array }>();
  private datesBySentenceCache: Map<string, DateItem[]> | null = null;
  private readonly dateByIso = new Map<string, DateItem>();
  private readonly sentenceIndex: SentenceIndex;
  private readonly phraseIndexCache: Partial<Record<PhraseFamily, PhraseIndex>> = {};
  private readonly entityLists: Record<'who' | 'where', Entity[]>;
  /** Lower-cased id, title, publisher and agency of each article, for /source filters (made on first use). */
  private sourceText: string[] | null = null;
  private askSourceCache: AskSource | null = null;

  constructor(snapshot: CorpusSnapshot) {
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
      this.articleSentences.set(article, { first, paragraphStarts: starts });
    }
    for (const date of this.knowledge.dates) this.dateByIso.set(date.iso, date);
    this.sentenceIndex = SentenceIndex.restore(snapshot.sentenceIndex);
    // Entities are ranked when the snapshot is built (people first, then by mentions).
    const ranked = this.knowledge.entities;
    this.entityLists = {
      who: ranked.filter((e) => WHO_KINDS.includes(e.kind)),
      where: ranked.filter((e) => WHERE_KINDS.includes(e.kind)),
    };
  }

  /** The dates each sentence names (made on first use: only `/when` with words needs it). */
  private get datesBySentence(): Map<string, DateItem[]> {
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
    return this.datesBySentenceCache;
  }

  /** The position of a sentence in the corpus from its id (`article:paragraph.sentence`), or undefined. */
  private positionOf(id: string): number | undefined {
    const colon = id.lastIndexOf(':');
    const dot = id.indexOf('.', colon);
    const entry = this.articleSentences.get(id.slice(0, colon));
    if (!entry || colon < 0 || dot < 0) return undefined;
    const start = entry.paragraphStarts[Number(id.slice(colon + 1, dot))];
    if (start === undefined || start < 0) return undefined;
    const position = start + Number(id.slice(dot + 1)) - 1;
    return this.sentences[position]?.id === id ? position : undefined;
  }

  /** A phrase index, restored on first use (a prebuilt index leaves them for after start-up). */
  private phraseIndex(family: PhraseFamily): PhraseIndex {
    let index = this.phraseIndexCache[family];
    if (!index) {
      const data = phraseFamily(this.snapshot.phraseIndexes[family]);
      index = PhraseIndex.restore(data.state, data.phrases);
      this.phraseIndexCache[family] = index;
    }
    return index;
  }

  /** Restores what start-up left for later (phrase indexes, the dates map) and runs one question, so that no user's query pays for it. */
  warm(): void {
    for (const family of ['names', 'themes', 'words'] as const) this.phraseIndex(family);
    void this.datesBySentence;
    this.ask('Who said what, where and when?');
  }

  /** Builds the bot from articles (extraction and indexing; see `openCorpus` for the prebuilt index). */
  static fromArticles(articles: Article[], problems: CorpusProblem[] = []): Citebot {
    return new Citebot(buildSnapshot(articles, problems));
  }

  /** Loads a corpus folder and builds the bot, without the prebuilt index (see loadCorpus for errors). */
  static load(dir: string): Citebot {
    const { articles, problems } = loadCorpus(dir);
    return Citebot.fromArticles(articles, problems);
  }

  /** Runs a command by name: the one entry point the CLI, the console and Discord use. */
  run(command: CommandName, query = '', page: PageOptions = {}): Answer {
    switch (command) {
      case 'who':
        return this.who(query, page);
      case 'where':
        return this.where(query, page);
      case 'when':
        return this.when(query, page);
      case 'themes':
        return this.themes(query, page);
      case 'ask':
        return this.ask(query, page);
      case 'search':
        return this.search(query, page);
      case 'source':
        return this.source(query, page);
    }
  }

  /** People, organizations and participant groups, each with its role; with a name, the sentences about it. */
  who(query = '', page: PageOptions = {}): Answer {
    return this.entityAnswer('who', query, page);
  }

  /** Places, each with its description; with a place, the sentences about it. */
  where(query = '', page: PageOptions = {}): Answer {
    return this.entityAnswer('where', query, page);
  }

  /** Dates and what happened on them; with a date ("Monday", "2024-10-14") or words, the matching ones. */
  when(rawQuery = '', page: PageOptions = {}): Answer {
    const query = boundQuery(rawQuery);
    const dateItem = (date: DateItem, score: number) => {
      const first = date.mentions[0];
      const detail = first ? `${first.expression}: ${first.event}` : null;
      return this.item(
        date.iso,
        detail,
        date.mentions.slice(0, MAX_CITATIONS).map((m) => m.sentenceId),
        score,
      );
    };
    if (!query) {
      const dates = this.knowledge.dates;
      return this.answer('when', query, page, {
        count: dates.length,
        at: (i) => dateItem(dates[i] as DateItem, (dates[i] as DateItem).mentions.length),
      });
    }
    const iso = this.parseDay(query);
    if (iso) {
      const date = this.dateByIso.get(iso);
      return this.answer(
        'when',
        query,
        page,
        date ? { count: 1, at: () => dateItem(date, date.mentions.length) } : EMPTY,
      );
    }
    // Words about an event: the best sentences that name a date, each date once.
    const seen = new Set<string>();
    const matches: Array<{ date: DateItem; score: number }> = [];
    for (const hit of this.sentenceIndex.find(this.weighted(query)).slice(0, MAX_CANDIDATES)) {
      for (const date of this.datesBySentence.get(hit.id) ?? []) {
        if (seen.has(date.iso)) continue;
        seen.add(date.iso);
        matches.push({ date, score: hit.score });
      }
    }
    return this.answer('when', query, page, {
      count: matches.length,
      at: (i) =>
        dateItem(
          (matches[i] as (typeof matches)[number]).date,
          (matches[i] as (typeof matches)[number]).score,
        ),
    });
  }

  /** The key themes of the event, ranked; with a theme, the sentences about it. */
  themes(rawQuery = '', page: PageOptions = {}): Answer {
    const query = boundQuery(rawQuery);
    const themes = this.knowledge.themes;
    const detail = (variants: string[]) =>
      variants.length ? `also: ${variants.slice(0, 5).join('; ')}` : null;
    if (!query) {
      return this.answer('themes', query, page, {
        count: themes.length,
        at: (i) => {
          const t = themes[i] as (typeof themes)[number];
          return this.item(t.phrase, detail(t.variants), t.sentenceIds, t.score);
        },
      });
    }
    const matched = this.matchPhrases(query, ['theme']).flatMap(({ phrase, score }) => {
      const theme = themes[phrase.ref];
      return theme
        ? [{ label: theme.phrase, detail: detail(theme.variants), sentenceIds: theme.sentenceIds, score }]
        : [];
    });
    if (matched.length) return this.answer('themes', query, page, this.perSentence(matched));
    return this.answer('themes', query, page, this.hitItems(this.sentenceIndex.find(this.weighted(query))));
  }

  /** The sentences that best answer a free question, best first, each with the words that answer it. */
  ask(rawQuery = '', page: PageOptions = {}): Answer {
    const query = boundQuery(rawQuery);
    if (!query) return this.answer('ask', query, page, EMPTY);
    const { analysis, ranked } = rankAnswers(query, this.askSource);
    return this.answer('ask', query, page, {
      count: ranked.length,
      at: (i) => {
        const hit = ranked[i] as RankedSentence;
        const item = this.item(null, null, [hit.id], hit.score);
        const features = this.featuresOf(this.positionOf(hit.id) ?? -1);
        const span = answerSpanOf(analysis, hit, item.text, features, i === 0);
        return { ...item, answer: span ? this.answerSpan(hit.id, item.text, span) : null };
      },
    });
  }

  /** The ranker's candidates and their evidence for a question (for evaluation and fitting weights). */
  askAnalysis(rawQuery: string): AskAnalysis {
    return analyzeQuestion(boundQuery(rawQuery), this.askSource);
  }

  /** What the sentence at a position names (people, places, dates, numbers, quotations). */
  featuresOf(position: number): SentenceFeatures {
    return unpackFeatures(this.knowledge.features[position] ?? 0);
  }

  /** What the ranker reads of this corpus. */
  private get askSource(): AskSource {
    this.askSourceCache ??= {
      index: this.sentenceIndex,
      positionOf: (id) => this.positionOf(id),
      sentenceAt: (position) => this.sentences[position],
      featuresAt: (position) => this.featuresOf(position),
      correct: (word) => this.phraseIndex('words').correct(word),
    };
    return this.askSourceCache;
  }

  /** The answering span of a quoted sentence, with the resolved day when it names a date. */
  private answerSpan(id: string, text: string, span: ScoredSpan): AnswerSpan {
    const words = text.slice(span.start, span.end);
    let iso: string | null = null;
    if (span.kind === 'date') {
      const mentions = this.datesBySentence.get(id) ?? [];
      for (const date of mentions)
        for (const m of date.mentions)
          if (m.sentenceId === id && (m.expression.includes(words) || words.includes(m.expression)))
            iso = date.iso;
    }
    return { text: words, start: span.start, end: span.end, iso };
  }

  /** Plain full-text search: sentences holding all the words (or, failing that, any), the last as a prefix. */
  search(rawQuery = '', page: PageOptions = {}): Answer {
    const query = boundQuery(rawQuery);
    const terms = this.weighted(query);
    // One search: sentences that match every word come first; if none does, any match will do.
    const any = this.sentenceIndex.find(terms, { prefixLast: true });
    const wanted = new Set(any.flatMap((h) => h.matched)).size;
    const all = any.filter((h) => h.matched.length >= wanted);
    const hits = all.length ? all : any;
    return this.answer('search', query, page, this.hitItems(hits));
  }

  /** Each article's metadata: title, publisher, agency, date, dateline, editors and link. */
  source(rawQuery = '', page: PageOptions = {}): Answer {
    const query = boundQuery(rawQuery);
    const words = tokenize(query.toLowerCase());
    this.sourceText ??= this.articles.map((a) =>
      `${a.id} ${a.title} ${a.publisher} ${a.agency ?? ''}`.toLowerCase(),
    );
    const haystacks = this.sourceText;
    const articles = words.length
      ? this.articles.filter((_, i) => words.every((w) => haystacks[i]?.includes(w)))
      : this.articles;
    return this.answer('source', query, page, {
      count: articles.length,
      at: (i) => {
        const a = articles[i] as Article;
        const first = this.articleSentences.get(a.id)?.first;
        const lead = first === undefined ? undefined : this.sentences[first];
        const parts = [a.publisher, a.agency, `published ${a.published}`];
        if (a.dateline) parts.push(`dateline ${a.dateline.place}, ${a.dateline.date}`);
        if (a.editors.length) parts.push(`editors: ${a.editors.join(', ')}`);
        return this.item(a.title, parts.filter(Boolean).join(' · '), lead ? [lead.id] : [], 1);
      },
    });
  }

  /** Suggestions as one types: names, places, themes or words matching the start of the input. */
  complete(kind: 'who' | 'where' | 'themes' | 'ask' | 'search', rawInput: string, limit = 25): string[] {
    const input = boundQuery(rawInput).slice(0, 100);
    if (!input) {
      const source =
        kind === 'who' || kind === 'where'
          ? this.entityLists[kind].slice(0, limit).map((e) => e.name)
          : this.knowledge.themes.slice(0, limit).map((t) => t.phrase);
      return source;
    }
    const kinds: readonly PhraseKind[] =
      kind === 'who'
        ? WHO_KINDS
        : kind === 'where'
          ? WHERE_KINDS
          : kind === 'themes'
            ? ['theme']
            : ['theme', ...WHO_KINDS, 'place'];
    return [...new Set(this.findPhrases(input, kinds, limit).map((h) => h.phrase.text))].slice(0, limit);
  }

  private entityAnswer(command: 'who' | 'where', rawQuery: string, page: PageOptions): Answer {
    const query = boundQuery(rawQuery);
    const list = this.entityLists[command];
    if (!query) {
      return this.answer(command, query, page, {
        count: list.length,
        at: (i) => {
          const e = list[i] as Entity;
          return this.item(e.name, e.detail, e.sentenceIds, e.sentenceIds.length);
        },
      });
    }
    const entities = this.knowledge.entities;
    const matched = this.matchPhrases(query, command === 'who' ? WHO_KINDS : WHERE_KINDS).flatMap(
      ({ phrase, score }) => {
        const e = entities[phrase.ref];
        return e ? [{ label: e.name, detail: e.detail, sentenceIds: e.sentenceIds, score }] : [];
      },
    );
    return this.answer(command, query, page, this.perSentence(matched));
  }

  /** One item per sentence of each matched label, in order, made on demand. */
  private perSentence(
    matched: Array<{ label: string; detail: string | null; sentenceIds: string[]; score: number }>,
  ): ItemSource {
    const starts: number[] = [];
    let count = 0;
    for (const m of matched) {
      starts.push(count);
      count += m.sentenceIds.length;
    }
    return {
      count,
      at: (i) => {
        let k = matched.length - 1;
        while (k > 0 && (starts[k] as number) > i) k--;
        const m = matched[k] as (typeof matched)[number];
        return this.item(m.label, m.detail, [m.sentenceIds[i - (starts[k] as number)] as string], m.score);
      },
    };
  }

  /** Sentence hits as plain items, made on demand. */
  private hitItems(hits: SentenceHit[]): ItemSource {
    return {
      count: hits.length,
      at: (i) => this.item(null, null, [(hits[i] as SentenceHit).id], (hits[i] as SentenceHit).score),
    };
  }

  /** Phrases of the given kinds matching a query, best first, from the family index that holds them. */
  private findPhrases(query: string, kinds: readonly PhraseKind[], limit = 25) {
    const families = [...new Set(kinds.map((k) => FAMILY_OF_KIND[k]))];
    return families
      .flatMap((f) => this.phraseIndex(f).find(query, kinds, limit))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  /** Phrases of the given kinds matching a query, best first, one per item they name. */
  private matchPhrases(
    query: string,
    kinds: readonly PhraseKind[],
  ): Array<{ phrase: Phrase; score: number }> {
    const seen = new Set<string>();
    return this.findPhrases(query, kinds).filter(({ phrase }) => {
      const key = `${phrase.kind === 'theme' ? 't' : 'e'}:${phrase.ref}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /**
   * What to try when a query found nothing: for /who, /where and /themes the closest names or themes
   * (else the first of the list); otherwise close words of the corpus (MiniSearch autoSuggest), else the
   * top themes.
   */
  private suggestFor(command: CommandName, query: string): string[] {
    if (command === 'who' || command === 'where' || command === 'themes') {
      const close = tokenize(query)
        .slice(0, 5)
        .flatMap((w) => this.complete(command, w, 3));
      const list =
        command === 'themes'
          ? this.knowledge.themes.slice(0, 5).map((t) => t.phrase)
          : this.entityLists[command].slice(0, 5).map((e) => e.name);
      return [...new Set(close.length ? close : list)].slice(0, 5);
    }
    const words = this.phraseIndex('words').suggest(query);
    const commands = command === 'ask' ? commandsFor(query) : [];
    const fallback = words.length ? words : this.knowledge.themes.slice(0, 3).map((t) => t.phrase);
    return [...commands, ...fallback].slice(0, 5);
  }

  private weighted(query: string) {
    return termKeys(query).map((key) => ({ key, weight: 1 }));
  }

  /** A day named by a query ("2024-10-14", "Oct. 14", "Monday"), relative to the corpus's first dateline. */
  private parseDay(query: string): string | null {
    if (/^\d{4}-\d{2}-\d{2}$/.test(query)) return query;
    const reference = this.articles[0]?.dateline?.date ?? this.articles[0]?.published.slice(0, 10);
    const day = reference ? new Date(`${reference}T12:00:00Z`) : new Date();
    const parsed = chronoNode().parse(query, { instant: day, timezone: 0 }, { forwardDate: false })[0];
    if (!parsed || parsed.text.length < query.length * 0.6) return null;
    const wanted = parsed.start.get('weekday');
    if (parsed.start.isCertain('weekday') && !parsed.start.isCertain('day')) {
      const match = this.knowledge.dates.find((d) => new Date(`${d.iso}T12:00:00Z`).getUTCDay() === wanted);
      if (match) return match.iso;
    }
    return parsed.start.date().toISOString().slice(0, 10);
  }

  private sentenceOf(id: string): Sentence | undefined {
    const position = this.positionOf(id);
    return position === undefined ? undefined : this.sentences[position];
  }

  /** An article by id, or undefined (a map look-up, not a scan). */
  article(id: string): Article | undefined {
    return this.articleById.get(id);
  }

  /** The sentence at an article's paragraph and sentence (1-based), or undefined (no scan). */
  sentenceAt(article: string, paragraph: number, sentence: number): Sentence | undefined {
    return this.sentenceOf(sentenceId(article, paragraph, sentence));
  }

  /** An item quoting the first sentence, citing it and the other sentences (up to MAX_CITATIONS). */
  private item(
    label: string | null,
    detail: string | null,
    sentenceIds: string[],
    score: number,
  ): AnswerItem {
    const sentences: Sentence[] = [];
    for (const id of sentenceIds) {
      const sentence = this.sentenceOf(id);
      if (sentence) sentences.push(sentence);
      if (sentences.length >= MAX_CITATIONS) break;
    }
    return {
      label,
      detail,
      text: sentences[0]?.text ?? '',
      citations: sentences.map((s) =>
        citationOf(s, this.articleById.get(s.article) ?? { title: '', url: '' }),
      ),
      score: roundScore(score),
    };
  }

  /** Pages the items and, when none are left, offers suggestions instead of an unrelated sentence. */
  private answer(command: CommandName, query: string, page: PageOptions, source: ItemSource): Answer {
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(page.limit ?? DEFAULT_LIMIT[command])));
    const offset = Math.max(0, Math.floor(page.offset ?? 0));
    const items: AnswerItem[] = [];
    for (let i = offset; i < source.count && items.length < limit; i++) {
      const item = source.at(i);
      if (item.text) items.push(item);
    }
    const suggestions = !items.length && query && offset === 0 ? this.suggestFor(command, query) : [];
    return { command, query, items, total: source.count, suggestions };
  }
}
