import { inArticle, type Sentence } from '../corpus/sentence.ts';
import type { SentenceHit } from '../search/sentenceIndex.ts';
import {
  type Answer,
  type AnswerItem,
  type CommandName,
  citationOf,
  type ItemKind,
  roundScore,
} from './answer.ts';
import { commandInfo } from './catalog.ts';
import { citingOnly, type Engine } from './engine.ts';
import { suggestFor } from './suggest.ts';

/** Paging of a command's items. */
export interface PageOptions {
  /** How many items at most (1 to MAX_LIMIT). */
  limit?: number;
  /** How many of the best items to skip (for "More"). */
  offset?: number;
  /** Only this article (by id): its items, citing its sentences (the list commands). */
  article?: string;
}

/** Keeps the sentence ids of the article a page asks for (all of them when it names none). */
export function articleFilter(page: PageOptions): (id: string) => boolean {
  return page.article ? inArticle(page.article) : () => true;
}

/** Labelled things restricted to the sentences of the page's article (dropping those with none left). */
export function restrictTo(page: PageOptions, matched: readonly Labelled[]): Labelled[] {
  return page.article ? citingOnly(matched, inArticle(page.article)) : [...matched];
}

/** The most items one answer holds. */
export const MAX_LIMIT = 25;
/** At most this many citations per item: the quoted sentence and other mentions. */
const MAX_CITATIONS = 8;

/** Items made on demand, so that a page never builds the whole list (lists grow with the corpus). */
export interface ItemSource {
  count: number;
  at(index: number): AnswerItem;
}

/** No items. */
export const NO_ITEMS: ItemSource = {
  count: 0,
  at: () => ({ kind: null, label: null, detail: null, text: '', citations: [], score: 0 }),
};

/** What an item reads to quote and cite: sentences and articles by id (an engine, or several read as one). */
export type QuotedCorpus = Pick<Engine, 'sentence' | 'article'>;

/** An item quoting the first sentence, citing it and the other sentences (up to MAX_CITATIONS). */
export function itemOf(
  engine: QuotedCorpus,
  label: string | null,
  detail: string | null,
  sentenceIds: readonly string[],
  score: number,
  kind: ItemKind | null = null,
): AnswerItem {
  const sentences: Sentence[] = [];
  for (const id of sentenceIds) {
    const sentence = engine.sentence(id);
    if (sentence) sentences.push(sentence);
    if (sentences.length >= MAX_CITATIONS) break;
  }
  return {
    kind,
    label,
    detail,
    text: sentences[0]?.text ?? '',
    citations: sentences.map((s) => citationOf(s, engine.article(s.article) ?? { title: '', url: '' })),
    score: roundScore(score),
  };
}

/** Something labelled, with the sentences about it (an entity, a theme, a date). */
export interface Labelled {
  kind: ItemKind;
  label: string;
  detail: string | null;
  sentenceIds: readonly string[];
  score: number;
}

/** One item per sentence of each labelled thing, in order, made on demand. */
export function perSentence(engine: Engine, matched: readonly Labelled[]): ItemSource {
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
      const m = matched[k] as Labelled;
      return itemOf(
        engine,
        m.label,
        m.detail,
        [m.sentenceIds[i - (starts[k] as number)] as string],
        m.score,
        m.kind,
      );
    },
  };
}

/** Sentence hits as plain items, made on demand. */
export function hitItems(engine: QuotedCorpus, hits: readonly SentenceHit[]): ItemSource {
  return {
    count: hits.length,
    at: (i) => itemOf(engine, null, null, [(hits[i] as SentenceHit).id], (hits[i] as SentenceHit).score),
  };
}

/**
 * One page of a command's items (its catalog size unless asked otherwise) and, when none are left,
 * suggestions instead of an unrelated sentence.
 */
export function pageOf(
  engine: Engine,
  command: CommandName,
  query: string,
  page: PageOptions,
  source: ItemSource,
): Answer {
  return pageFrom(command, query, page, source, () => suggestFor(engine, command, query));
}

/** One page of a command's items (see `pageOf`), with `suggest` asked for suggestions when none are left. */
export function pageFrom(
  command: CommandName,
  query: string,
  page: PageOptions,
  source: ItemSource,
  suggest: () => string[],
): Answer {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(page.limit ?? commandInfo(command).sizes.list)));
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  const items: AnswerItem[] = [];
  for (let i = offset; i < source.count && items.length < limit; i++) {
    const item = source.at(i);
    if (item.text) items.push(item);
  }
  const suggestions = !items.length && query && offset === 0 ? suggest() : [];
  return { command, query, items, total: source.count, suggestions };
}
