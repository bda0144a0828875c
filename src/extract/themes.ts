import type { Token } from './tagger.ts';

/** A key phrase of the event, with the sentences it comes from. */
export interface Theme {
  /** The phrase as the article writes it ("full revitalization of northeast China"). */
  phrase: string;
  /** Other phrasings merged into it ("full revitalization"). */
  variants: string[];
  score: number;
  sentenceIds: string[];
}

/** A sentence's words, tagged, with its id. */
export interface TaggedSentence {
  id: string;
  text: string;
  tokens: Token[];
}
