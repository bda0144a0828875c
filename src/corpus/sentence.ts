import { splitSentences } from '../text/sentences.ts';
import type { Article } from './article.ts';

/** One sentence of an article's body, the unit that is indexed, quoted and cited. */
export interface Sentence {
  /** Stable id `<article>:<paragraph>.<sentence>`, both 1-based. */
  id: string;
  article: string;
  paragraph: number;
  sentence: number;
  /** The sentence verbatim, as it stands in the paragraph. */
  text: string;
}

/** The stable id of a sentence, e.g. `seed:1.2` for the second sentence of the first paragraph. */
export function sentenceId(article: string, paragraph: number, sentence: number): string {
  return `${article}:${paragraph}.${sentence}`;
}

/** Where a sentence id points: its article, paragraph and sentence (1-based). */
export interface SentencePlace {
  article: string;
  paragraph: number;
  sentence: number;
}

/** Reads a sentence id back (`seed:1.2`), or null when it is not one: the one parser of the format. */
export function parseSentenceId(id: string): SentencePlace | null {
  const match = /^(.+):(\d+)\.(\d+)$/.exec(id);
  if (!match) return null;
  return { article: match[1] as string, paragraph: Number(match[2]), sentence: Number(match[3]) };
}

/** The paragraph part of a sentence id (`seed:1.2` -> `seed:1`): sentences of one paragraph share it. */
export function paragraphKey(id: string): string {
  return id.slice(0, id.lastIndexOf('.'));
}

/** The article part of a sentence id (`seed:1.2` -> `seed`). */
export function articleKey(id: string): string {
  return id.slice(0, id.lastIndexOf(':'));
}

/** Whether a sentence id is one of an article's. */
export function inArticle(article: string): (id: string) => boolean {
  return (id) => articleKey(id) === article;
}

/** Splits every paragraph of an article into sentences, numbered from 1 within each paragraph. */
export function sentencesOf(article: Pick<Article, 'id' | 'paragraphs'>): Sentence[] {
  return article.paragraphs.flatMap((paragraph, p) =>
    splitSentences(paragraph).map((span, s) => ({
      id: sentenceId(article.id, p + 1, s + 1),
      article: article.id,
      paragraph: p + 1,
      sentence: s + 1,
      text: span.text,
    })),
  );
}
