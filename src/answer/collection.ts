import type { Article } from '../corpus/article.ts';
import type { Sentence } from '../corpus/sentence.ts';
import { KIND_ORDER } from '../extract/knowledge.ts';
import type { Answer, AnswerItem, CommandName } from './answer.ts';
import { askItems } from './ask.ts';
import { claimIn } from './claims.ts';
import { type CompletingCommand, complete } from './complete.ts';
import type { Engine } from './engine.ts';
import { hitItems, MAX_LIMIT, type PageOptions, pageFrom } from './items.ts';
import { boundQuery } from './query.ts';
import { run, withQueryLength } from './run.ts';
import { searchHits } from './search.ts';
import { suggestFor } from './suggest.ts';
import { partOf, type RankedCorpus, unionCorpus } from './unionCorpus.ts';

/**
 * What a reply reads of the articles one place may quote: a server's collection (the operator's base
 * plus the server's own articles), or the base alone (direct messages). Every reply surface (answers,
 * lists, autocomplete, suggestions, buttons, article choices) goes through one, so nothing outside it
 * can be shown there.
 */
export interface Collection {
  /** Every article, the base's first. */
  readonly articles: readonly Article[];
  /** How many sentences all its articles hold. */
  readonly sentenceCount: number;
  /** An article by id, or undefined. */
  article(id: string): Article | undefined;
  /** The sentence at an article's paragraph and sentence (1-based), or undefined. */
  sentenceAt(article: string, paragraph: number, sentence: number): Sentence | undefined;
  /** Answers a command over the whole collection (see `run`). */
  run(command: CommandName, query?: string, page?: PageOptions): Answer;
  /** Suggestions as one types (see `complete`). */
  complete(command: CompletingCommand, typed: string): string[];
  /** The names of the places its articles (or one article) name, most mentioned first per part (the map's context). */
  placeNames(article?: string): string[];
  /** The engines it is made of (base first): for warming and for the log. */
  readonly engines: readonly Engine[];
}

/** The places one engine lists (or one of its articles), most mentioned first. */
function enginePlaces(engine: Engine, article?: string): string[] {
  const list = article ? (engine.listsOf(article)?.where ?? []) : engine.entityLists.where;
  return list.map((e) => e.name);
}

/** A collection of one engine: what it answers is exactly what the engine answers. */
export function engineCollection(engine: Engine): Collection {
  return {
    articles: engine.articles,
    sentenceCount: engine.sentences.length,
    article: (id) => engine.article(id),
    sentenceAt: (article, paragraph, sentence) => engine.sentenceAt(article, paragraph, sentence),
    run: (command, query = '', page = {}) => run(engine, command, query, page),
    complete: (command, typed) => complete(engine, command, typed),
    placeNames: (article) => enginePlaces(engine, article),
    engines: [engine],
  };
}

/** How many items one part is asked for per call while a merged page is filled. */
const PART_PAGE = MAX_LIMIT;

/** The best `count` items of one engine's answer (several pages when needed), and its answer's total. */
function bestItems(
  engine: Engine,
  command: CommandName,
  query: string,
  count: number,
): { items: AnswerItem[]; total: number; suggestions: string[] } {
  const items: AnswerItem[] = [];
  let total = 0;
  let suggestions: string[] = [];
  for (let offset = 0; offset === 0 || (items.length < count && offset < total); offset += PART_PAGE) {
    const page = run(engine, command, query, { limit: PART_PAGE, offset });
    if (offset === 0) {
      total = page.total;
      suggestions = page.suggestions;
    }
    if (!page.items.length) break;
    items.push(...page.items);
  }
  return { items: items.slice(0, count), total, suggestions };
}

/**
 * A collection of several engines (the base's, then a server's own), answering as one corpus of all
 * their articles would. /ask, /search and Find sources rank the parts' sentences together, over the parts read as
 * one corpus (`unionCorpus`: one index scored with the whole's statistics, one set of thresholds and
 * refusals). The other commands answer on each part, and their items are merged in one corpus's order
 * (see `listOrder`; on a tie, the earlier engine's first), so that one page holds the best items of
 * all. A list filtered to one article is that article's engine's answer. Autocomplete and
 * suggestions are the parts' merged, without repeats.
 */
export function mergedCollection(parts: readonly Engine[]): Collection {
  if (parts.length === 1) return engineCollection(parts[0] as Engine);
  // Made when first read (a listing): a server's collection copies nothing of the base until then.
  let articles: Article[] | null = null;
  /** The part holding an article (the base's when both do). */
  const ownerOf = (id: string) => {
    const p = partOf(parts, id);
    return p === undefined ? undefined : parts[p];
  };
  let union: RankedCorpus | null = null;
  const suggest = (command: CommandName, query: string) => () =>
    [...new Set(parts.flatMap((p) => suggestFor(p, command, query)))].slice(0, 5);
  return {
    get articles() {
      articles ??= parts.flatMap((p) => p.articles);
      return articles;
    },
    sentenceCount: parts.reduce((n, p) => n + p.sentences.length, 0),
    article: (id) => ownerOf(id)?.article(id),
    sentenceAt: (article, paragraph, sentence) => ownerOf(article)?.sentenceAt(article, paragraph, sentence),
    run: (command, query = '', page = {}) => {
      if (page.article) {
        const part = ownerOf(page.article);
        return part
          ? run(part, command, query, page)
          : { command, query, items: [], total: 0, suggestions: [] };
      }
      if (command === 'claim') {
        union ??= unionCorpus(parts);
        return withQueryLength(claimIn(union, query, page), query);
      }
      if (command === 'ask' || command === 'search') {
        union ??= unionCorpus(parts);
        const bounded = boundQuery(query);
        const items =
          command === 'ask'
            ? askItems(union, bounded)
            : hitItems(union, searchHits(union.askSource.index, bounded));
        return withQueryLength(pageFrom(command, bounded, page, items, suggest(command, bounded)), query);
      }
      const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(page.limit ?? PART_PAGE)));
      const offset = Math.max(0, Math.floor(page.offset ?? 0));
      const answers = parts.map((p) => bestItems(p, command, query, offset + limit));
      const order = listOrder(command, query);
      const ranked = answers
        .flatMap((a, part) => a.items.map((item, rank) => ({ item, part, rank })))
        .sort((a, b) => order(a.item, b.item) || a.part - b.part || a.rank - b.rank)
        .map((r) => r.item);
      const items = ranked.slice(offset, offset + limit);
      const suggestions =
        items.length || offset > 0 ? [] : [...new Set(answers.flatMap((a) => a.suggestions))].slice(0, 5);
      return { command, query, items, total: answers.reduce((n, a) => n + a.total, 0), suggestions };
    },
    complete: (command, typed) =>
      interleave(parts.map((p) => complete(p, command, typed))).slice(0, PART_PAGE),
    placeNames: (article) => {
      const part = article ? ownerOf(article) : undefined;
      if (article) return part ? enginePlaces(part, article) : [];
      return interleave(parts.map((p) => enginePlaces(p)));
    },
    engines: parts,
  };
}

/**
 * How one corpus orders a command's items, so that merged parts keep it: the unqueried /who and
 * /where lists go by kind (people first) then mentions, the unqueried /when list by date, and
 * everything else by score.
 */
function listOrder(command: CommandName, query: string): (a: AnswerItem, b: AnswerItem) => number {
  const byScore = (a: AnswerItem, b: AnswerItem) => b.score - a.score;
  if (query.trim()) return byScore;
  if (command === 'who' || command === 'where') return (a, b) => kindRank(a) - kindRank(b) || byScore(a, b);
  if (command === 'when') return (a, b) => (a.label ?? '').localeCompare(b.label ?? '');
  return byScore;
}

/** An entity item's place in the /who and /where lists (people, organizations, groups, places). */
function kindRank(item: AnswerItem): number {
  return item.kind && item.kind in KIND_ORDER ? KIND_ORDER[item.kind as keyof typeof KIND_ORDER] : 9;
}

/** The lists' items taken in turn (first of each, then second of each...), without repeats. */
function interleave(lists: readonly string[][]): string[] {
  const out = new Set<string>();
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.add(list[i] as string);
  return [...out];
}
