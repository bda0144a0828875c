import type { Article } from '../corpus/article.ts';
import type { Sentence } from '../corpus/sentence.ts';

/** The commands the core answers. */
export const COMMAND_NAMES = ['who', 'where', 'when', 'themes', 'ask', 'search', 'source', 'claim'] as const;
/** One of the commands the core answers. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Where a quoted sentence stands: article, its title and link, paragraph and sentence (1-based). */
export interface Citation {
  article: string;
  title: string;
  url: string;
  paragraph: number;
  sentence: number;
}

/** What a listed item is: a kind of entity, a date or a theme. */
export type ItemKind = 'person' | 'organization' | 'group' | 'place' | 'date' | 'theme';

/** One answer item: a sentence quoted verbatim, what it is about, and where it stands. */
export interface AnswerItem {
  /** What the label is (so readers and renderers can tell a person from a place); null for plain sentences and articles. */
  kind: ItemKind | null;
  /** The entity, place, ISO date, theme or article title the item is about; null for plain answers. */
  label: string | null;
  /** The role or description given for the label, or null. */
  detail: string | null;
  /** A sentence quoted verbatim from the article cited first. */
  text: string;
  /** Where `text` stands (first), then other sentences that mention the same label. */
  citations: Citation[];
  score: number;
  /** For /ask: the shortest stretch of `text` that answers the question, or null when none does. */
  answer?: AnswerSpan | null;
  /** For claims ("Find sources"): the stretches of `text` that are words of the claim, to show in bold. */
  marks?: TextMark[];
}

/** A stretch of an item's text: `text.slice(start, end)`. */
export interface TextMark {
  start: number;
  end: number;
}

/** The words of a quoted sentence that answer a question, with their offsets in it. */
export interface AnswerSpan {
  /** Verbatim: `text.slice(start, end)` of the item. */
  text: string;
  start: number;
  end: number;
  /** For a date, the day it names (ISO, relative dates resolved), else null. */
  iso: string | null;
}

/** What every command returns: plain data that the terminal, JSON and Discord renderers show. */
export interface Answer {
  command: CommandName;
  query: string;
  /** Best first; empty when nothing was found. */
  items: AnswerItem[];
  /** How many items there are in all, over every page (`items` is one page of them). */
  total: number;
  /** What to try instead when nothing (or little) was found. */
  suggestions: string[];
  /**
   * Set only when the query was longer than the core reads (`MAX_QUERY_CHARS`): its length in
   * characters, so a reply can say that only the first part was read.
   */
  queryLength?: number;
}

/** Builds a citation for a sentence. */
export function citationOf(sentence: Sentence, article: Pick<Article, 'title' | 'url'>): Citation {
  return {
    article: sentence.article,
    title: article.title,
    url: article.url,
    paragraph: sentence.paragraph,
    sentence: sentence.sentence,
  };
}

/** Rounds a score for output, so JSON stays short and stable. */
export function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
