import * as chrono from 'chrono-node';
import type { Article } from '../corpus/article.ts';
import { type CorpusProblem, loadCorpus } from '../corpus/loadCorpus.ts';
import type { Sentence } from '../corpus/sentence.ts';
import type { EntityKind } from '../extract/entities.ts';
import { buildKnowledge, type Knowledge } from '../extract/knowledge.ts';
import type { Entity } from '../extract/mergeEntities.ts';
import { type Phrase, PhraseIndex, type PhraseKind } from '../search/phraseIndex.ts';
import { type SentenceHit, SentenceIndex } from '../search/sentenceIndex.ts';
import { termKeys, tokenize } from '../text/terms.ts';
import { type Answer, type AnswerItem, type CommandName, citationOf, roundScore } from './answer.ts';
import { rankAnswers } from './ask.ts';

/** Paging of a command's items. */
export interface PageOptions {
  /** How many items at most (1 to MAX_LIMIT). */
  limit?: number;
  /** How many of the best items to skip (for "More"). */
  offset?: number;
}

/** The longest query the core reads; the rest is ignored (Discord allows 6,000 characters). */
export const MAX_QUERY_CHARS = 300;
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

const WHO_KINDS: readonly EntityKind[] = ['person', 'organization', 'group'];
const WHERE_KINDS: readonly EntityKind[] = ['place'];
const KIND_ORDER: Record<EntityKind, number> = { person: 0, organization: 1, group: 2, place: 3 };

/**
 * Cleans a user's query before it reaches any index: control characters become spaces, runs of
 * space collapse, and only the first MAX_QUERY_CHARS characters are kept. No input can make a query slow.
 */
export function boundQuery(query: string | undefined | null): string {
  return String(query ?? '')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ')
    .slice(0, MAX_QUERY_CHARS * 2)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_CHARS);
}

/**
 * citebot's core: the articles, what was extracted from them, and the indexes, answering each
 * command with sentences quoted verbatim and cited. Knows nothing of Discord or the terminal.
 */
export class Citebot {
  readonly articles: readonly Article[];
  readonly sentences: readonly Sentence[];
  readonly knowledge: Knowledge;
  /** Corpus files that could not be loaded (reported at start-up; the others still answer). */
  readonly problems: readonly CorpusProblem[];
  private readonly articleById = new Map<string, Article>();
  private readonly sentenceById = new Map<string, Sentence>();
  private readonly sentenceIndex: SentenceIndex;
  private readonly phraseIndex: PhraseIndex;
  private readonly entityLists: Record<'who' | 'where', Entity[]>;

  constructor(articles: Article[], problems: CorpusProblem[] = []) {
    this.articles = articles;
    this.problems = problems;
    for (const article of articles) this.articleById.set(article.id, article);
    this.knowledge = buildKnowledge(articles);
    this.sentences = this.knowledge.sentences;
    for (const sentence of this.sentences) this.sentenceById.set(sentence.id, sentence);
    this.sentenceIndex = new SentenceIndex(this.knowledge.sentences);
    const ranked = [...this.knowledge.entities].sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        b.sentenceIds.length - a.sentenceIds.length ||
        this.order(a.sentenceIds[0]) - this.order(b.sentenceIds[0]),
    );
    this.entityLists = {
      who: ranked.filter((e) => WHO_KINDS.includes(e.kind)),
      where: ranked.filter((e) => WHERE_KINDS.includes(e.kind)),
    };
    this.phraseIndex = new PhraseIndex(this.phrases());
  }

  /** Loads a corpus folder (see loadCorpus for what is reported and what is fatal). */
  static load(dir: string): Citebot {
    const { articles, problems } = loadCorpus(dir);
    return new Citebot(articles, problems);
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
    const dates = this.knowledge.dates;
    let chosen = dates.map((d) => ({ date: d, score: d.mentions.length }));
    if (query) {
      const iso = this.parseDay(query);
      if (iso) chosen = chosen.filter((c) => c.date.iso === iso);
      else {
        const hits = new Map(
          this.sentenceIndex
            .find(termKeys(query).map((key) => ({ key, weight: 1 })))
            .map((h) => [h.id, h.score]),
        );
        chosen = chosen
          .map((c) => ({
            ...c,
            score: Math.max(0, ...c.date.mentions.map((m) => hits.get(m.sentenceId) ?? 0)),
          }))
          .filter((c) => c.score > 0)
          .sort((a, b) => b.score - a.score);
      }
    }
    const items = chosen.map(({ date, score }) => {
      const first = date.mentions[0];
      const detail = first ? `${first.expression}: ${first.event}` : null;
      return this.item(
        date.iso,
        detail,
        date.mentions.map((m) => m.sentenceId),
        score,
      );
    });
    return this.answer('when', query, items, page);
  }

  /** The key themes of the event, ranked; with a theme, the sentences about it. */
  themes(rawQuery = '', page: PageOptions = {}): Answer {
    const query = boundQuery(rawQuery);
    const themes = this.knowledge.themes;
    let items: AnswerItem[];
    if (!query) {
      items = themes.map((t) => this.item(t.phrase, this.variantsDetail(t.variants), t.sentenceIds, t.score));
    } else {
      const matched = this.matchPhrases(query, ['theme']);
      items = matched.flatMap(({ phrase, score }) => {
        const theme = themes[phrase.ref];
        if (!theme) return [];
        return theme.sentenceIds.map((id) =>
          this.item(theme.phrase, this.variantsDetail(theme.variants), [id], score),
        );
      });
      if (!items.length) items = this.plainItems(this.sentenceIndex.find(this.weighted(query)));
    }
    return this.answer('themes', query, items, page);
  }

  /** The sentences that best answer a free question, best first. */
  ask(rawQuery = '', page: PageOptions = {}): Answer {
    const query = boundQuery(rawQuery);
    const hits = query
      ? rankAnswers(
          query,
          this.sentenceIndex,
          (id) => this.knowledge.features.get(id),
          (id) => this.sentenceById.get(id)?.text ?? '',
        )
      : [];
    return this.answer('ask', query, this.plainItems(hits), page);
  }

  /** Plain full-text search: sentences holding all the words (or, failing that, any), the last as a prefix. */
  search(rawQuery = '', page: PageOptions = {}): Answer {
    const query = boundQuery(rawQuery);
    const terms = this.weighted(query);
    let hits = this.sentenceIndex.find(terms, { combineWith: 'AND', prefixLast: true });
    if (!hits.length) hits = this.sentenceIndex.find(terms, { prefixLast: true });
    return this.answer('search', query, this.plainItems(hits), page);
  }

  /** Each article's metadata: title, publisher, agency, date, dateline, editors and link. */
  source(rawQuery = '', page: PageOptions = {}): Answer {
    const query = boundQuery(rawQuery);
    const words = tokenize(query.toLowerCase());
    const articles = this.articles.filter((a) => {
      const haystack = `${a.id} ${a.title} ${a.publisher} ${a.agency ?? ''}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    });
    const items = articles.map((a) => {
      const lead = this.sentences.find((s) => s.article === a.id);
      const parts = [a.publisher, a.agency, `published ${a.published}`];
      if (a.dateline) parts.push(`dateline ${a.dateline.place}, ${a.dateline.date}`);
      if (a.editors.length) parts.push(`editors: ${a.editors.join(', ')}`);
      return lead ? this.item(a.title, parts.filter(Boolean).join(' · '), [lead.id], 1) : null;
    });
    return this.answer(
      'source',
      query,
      items.filter((i): i is AnswerItem => i !== null),
      page,
    );
  }

  /** Suggestions as one types: names, places, themes or words matching the start of the input. */
  complete(kind: 'who' | 'where' | 'themes' | 'ask' | 'search', rawInput: string, limit = 25): string[] {
    const input = boundQuery(rawInput).slice(0, 100);
    const kinds: readonly PhraseKind[] =
      kind === 'who'
        ? WHO_KINDS
        : kind === 'where'
          ? WHERE_KINDS
          : kind === 'themes'
            ? ['theme']
            : ['theme', ...WHO_KINDS, 'place'];
    if (!input) {
      const source =
        kind === 'who' || kind === 'where'
          ? this.entityLists[kind].map((e) => e.name)
          : this.knowledge.themes.map((t) => t.phrase);
      return source.slice(0, limit);
    }
    return [...new Set(this.phraseIndex.find(input, kinds, limit).map((h) => h.phrase.text))].slice(0, limit);
  }

  private entityAnswer(command: 'who' | 'where', rawQuery: string, page: PageOptions): Answer {
    const query = boundQuery(rawQuery);
    const list = this.entityLists[command];
    let items: AnswerItem[];
    if (!query) {
      items = list.map((e) => this.item(e.name, e.detail, e.sentenceIds, e.sentenceIds.length));
    } else {
      const kinds = command === 'who' ? WHO_KINDS : WHERE_KINDS;
      const entities = this.knowledge.entities;
      items = this.matchPhrases(query, kinds).flatMap(({ phrase, score }) => {
        const entity = entities[phrase.ref];
        if (!entity) return [];
        return entity.sentenceIds.map((id) => this.item(entity.name, entity.detail, [id], score));
      });
    }
    return this.answer(command, query, items, page);
  }

  /**
   * What to try when a query found nothing: for /who, /where and /themes the closest names or themes
   * (else the first of the list); otherwise close words of the corpus (MiniSearch autoSuggest), else the
   * top themes.
   */
  private suggestFor(command: CommandName, query: string): string[] {
    if (command === 'who' || command === 'where' || command === 'themes') {
      const words = tokenize(query);
      const close = words.flatMap((w) => this.complete(command, w, 3));
      const list =
        command === 'themes'
          ? this.knowledge.themes.map((t) => t.phrase)
          : this.entityLists[command].map((e) => e.name);
      return [...new Set(close.length ? close : list)].slice(0, 5);
    }
    const words = this.phraseIndex.suggest(query);
    return words.length ? words : this.knowledge.themes.slice(0, 3).map((t) => t.phrase);
  }

  /** Phrases of the given kinds matching a query, best first, one per item they name. */
  private matchPhrases(
    query: string,
    kinds: readonly PhraseKind[],
  ): Array<{ phrase: Phrase; score: number }> {
    const seen = new Set<string>();
    return this.phraseIndex.find(query, kinds).filter(({ phrase }) => {
      const key = `${phrase.kind === 'theme' ? 't' : 'e'}:${phrase.ref}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** The phrases for lookups and suggestions: entity names and aliases, themes and their variants, words. */
  private phrases(): Array<Omit<Phrase, 'id'>> {
    const entries: Array<Omit<Phrase, 'id'>> = [];
    this.knowledge.entities.forEach((e, ref) => {
      for (const text of [e.name, ...e.aliases]) entries.push({ text, kind: e.kind, ref });
    });
    this.knowledge.themes.forEach((t, ref) => {
      for (const text of [t.phrase, ...t.variants]) entries.push({ text, kind: 'theme', ref });
    });
    const words = new Set<string>();
    for (const s of this.sentences)
      for (const w of tokenize(s.text)) if (w.length > 2) words.add(w.toLowerCase());
    for (const text of words) entries.push({ text, kind: 'word', ref: -1 });
    return entries;
  }

  private weighted(query: string) {
    return termKeys(query).map((key) => ({ key, weight: 1 }));
  }

  /** A day named by a query ("2024-10-14", "Oct. 14", "Monday"), relative to the corpus's first dateline. */
  private parseDay(query: string): string | null {
    if (/^\d{4}-\d{2}-\d{2}$/.test(query)) return query;
    const reference = this.articles[0]?.dateline?.date ?? this.articles[0]?.published.slice(0, 10);
    const day = reference ? new Date(`${reference}T12:00:00Z`) : new Date();
    const parsed = chrono.parse(query, { instant: day, timezone: 0 }, { forwardDate: false })[0];
    if (!parsed || parsed.text.length < query.length * 0.6) return null;
    const wanted = parsed.start.get('weekday');
    if (parsed.start.isCertain('weekday') && !parsed.start.isCertain('day')) {
      const match = this.knowledge.dates.find((d) => new Date(`${d.iso}T12:00:00Z`).getUTCDay() === wanted);
      if (match) return match.iso;
    }
    return parsed.start.date().toISOString().slice(0, 10);
  }

  private variantsDetail(variants: string[]): string | null {
    return variants.length ? `also: ${variants.slice(0, 5).join('; ')}` : null;
  }

  /** Position of a sentence in the corpus, for stable ordering. */
  private order(id: string | undefined): number {
    const sentence = id ? this.sentenceById.get(id) : undefined;
    return sentence ? this.sentences.indexOf(sentence) : Number.MAX_SAFE_INTEGER;
  }

  /** An item quoting the first sentence, citing it and the other sentences (up to MAX_CITATIONS). */
  private item(
    label: string | null,
    detail: string | null,
    sentenceIds: string[],
    score: number,
  ): AnswerItem {
    const sentences = sentenceIds
      .map((id) => this.sentenceById.get(id))
      .filter((s): s is Sentence => s !== undefined)
      .slice(0, MAX_CITATIONS);
    const first = sentences[0];
    return {
      label,
      detail,
      text: first?.text ?? '',
      citations: sentences.map((s) =>
        citationOf(s, this.articleById.get(s.article) ?? { title: '', url: '' }),
      ),
      score: roundScore(score),
    };
  }

  private plainItems(hits: SentenceHit[]): AnswerItem[] {
    return hits.map((hit) => this.item(null, null, [hit.id], hit.score));
  }

  /** Pages the items and, when none are left, offers suggestions instead of an unrelated sentence. */
  private answer(command: CommandName, query: string, items: AnswerItem[], page: PageOptions): Answer {
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(page.limit ?? DEFAULT_LIMIT[command])));
    const offset = Math.max(0, Math.floor(page.offset ?? 0));
    const shown = items.filter((i) => i.text).slice(offset, offset + limit);
    let suggestions: string[] = [];
    if (!shown.length && query) suggestions = this.suggestFor(command, query);
    return { command, query, items: shown, suggestions };
  }
}
