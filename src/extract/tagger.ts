import { nlp } from '../lib/lazyModules.ts';

/** A word of a sentence with its part-of-speech tags (from compromise) and its place in the sentence. */
export interface Token {
  text: string;
  /** Offset of the word in the sentence. */
  start: number;
  end: number;
  /** Punctuation and spaces before and after the word, e.g. `(` and `) `. */
  pre: string;
  post: string;
  tags: ReadonlySet<string>;
  /** Whether the word is inside a double-quoted span (titles and slogans are not names of things). */
  quoted: boolean;
}

interface CompromiseTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

/**
 * Tags a sentence's words with compromise (part of speech, and its guesses such as Person, Place,
 * Organization). One call per sentence keeps offsets relative to the sentence.
 */
export function tagSentence(sentence: string): Token[] {
  const json = nlp()(sentence).json({ offset: true, terms: { offset: true } }) as Array<{
    terms: CompromiseTerm[];
  }>;
  const tokens: Token[] = [];
  let inQuote = false;
  for (const part of json) {
    for (const term of part.terms) {
      if (!term.text) continue;
      const opens = /["“]/.test(term.pre);
      if (opens) inQuote = true;
      tokens.push({
        text: term.text,
        start: term.offset.start,
        end: term.offset.start + term.offset.length,
        pre: term.pre,
        post: term.post,
        tags: new Set(term.tags),
        quoted: inQuote,
      });
      if (/["”]/.test(term.post)) inQuote = false;
    }
  }
  return tokens;
}

/** Whether a word starts with a capital letter (or is an all-caps acronym). */
export function isCapitalized(token: Token): boolean {
  return /^\p{Lu}/u.test(token.text);
}

/** Whether nothing but spaces (or a hyphen) separates a token from the next one. */
export function joinsNext(token: Token): boolean {
  return /^[\s-]*$/.test(token.post);
}
