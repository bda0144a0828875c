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
