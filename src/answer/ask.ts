import type { SentenceFeatures } from '../extract/knowledge.ts';
import type { SentenceHit, SentenceIndex, WeightedTerm } from '../search/sentenceIndex.ts';
import { MAX_QUERY_TERMS } from '../search/sentenceIndex.ts';
import { termKey, termKeys, tokenize } from '../text/terms.ts';
import { paraphrases } from './paraphrase.ts';
import { type ParsedQuestion, parseQuestion } from './question.ts';

/** How much a paraphrase counts against one of the asker's own words. */
export const PARAPHRASE_WEIGHT = 0.3;
/** At most this many paraphrase keys join a query. */
const MAX_PARAPHRASE_TERMS = 16;
/** Hits scoring below this share of the best are not answers, only noise. */
const RELATIVE_FLOOR = 0.2;

/** Words that give a reason, for why-questions. */
const CAUSAL = /\b(?:because|due to|so that|in order to|as a result|thanks to|since|aims? to|to help)\b/i;

/**
 * How much a sentence's content fits a question type: a where-question prefers sentences naming places,
 * a who-question people and organizations, a when-question dates, a how-many question numbers, a
 * name question a quotation. A factor of 1 means no preference.
 */
export function typeFactor(
  question: Pick<ParsedQuestion, 'type' | 'focus'>,
  features: SentenceFeatures | undefined,
  text: string,
): number {
  if (!features) return 1;
  switch (question.type) {
    case 'who':
      return features.person ? 1.5 : features.organization || features.group ? 1.3 : 1;
    case 'where':
      return features.place ? 1.4 : 1;
    case 'when':
      return features.date ? 1.5 : 1;
    case 'quantity':
      // Best: a number that counts the very thing asked about ("over 50 countries" for "how many countries").
      if (question.focus && countsFocus(text, question.focus)) return 2;
      return features.number ? 1.3 : 1;
    case 'why':
      return CAUSAL.test(text) ? 1.3 : 1;
    case 'name':
      // The answer to "what slogan / what was it called" is a wording: a quotation.
      return features.quote ? 1.8 : 1;
    default:
      return 1;
  }
}

/** Whether a number stands just before the focus noun (at most one word between): "200 leaders". */
function countsFocus(text: string, focus: string): boolean {
  const focusKey = termKey(focus);
  const words = tokenize(text);
  return words.some((word, i) => {
    if (!/^\d/.test(word) && !NUMBER_WORDS.has(word.toLowerCase())) return false;
    return [words[i + 1], words[i + 2]].some((next) => next !== undefined && termKey(next) === focusKey);
  });
}

const NUMBER_WORDS = new Set(
  'two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand thousands million millions billion'.split(
    ' ',
  ),
);

/**
 * The weighted keys of a question: its own words (weight 1), their dictionary forms ("spoke" ->
 * "speak", weight 1) and WordNet paraphrases (PARAPHRASE_WEIGHT).
 */
export function questionTerms(
  question: string,
  parsed: ParsedQuestion = parseQuestion(question),
): WeightedTerm[] {
  const terms = new Map<string, number>();
  for (const key of termKeys(question)) if (terms.size < MAX_QUERY_TERMS) terms.set(key, 1);
  for (const word of parsed.words) {
    const key = termKey(word.root);
    if (key && terms.size < MAX_QUERY_TERMS && !terms.has(key)) terms.set(key, 1);
  }
  let added = 0;
  for (const word of parsed.words.slice(0, MAX_QUERY_TERMS)) {
    for (const p of paraphrases(word.root, word.pos)) {
      for (const key of termKeys(p)) {
        if (added < MAX_PARAPHRASE_TERMS && !terms.has(key)) {
          terms.set(key, PARAPHRASE_WEIGHT);
          added++;
        }
      }
    }
  }
  return [...terms.entries()].map(([key, weight]) => ({ key, weight }));
}

/**
 * Ranks sentences for a free question: BM25 relevance over the question's words and paraphrases,
 * times the fit of each sentence to the question's type. Hits far below the best are dropped, so an
 * unrelated sentence is never offered.
 */
export function rankAnswers(
  question: string,
  index: SentenceIndex,
  features: (id: string) => SentenceFeatures | undefined,
  textOf: (id: string) => string,
): SentenceHit[] {
  const parsed = parseQuestion(question);
  const hits = index.find(questionTerms(question, parsed));
  const scored = hits
    .map((hit) => ({ ...hit, score: hit.score * typeFactor(parsed, features(hit.id), textOf(hit.id)) }))
    .sort((a, b) => b.score - a.score);
  const best = scored[0]?.score ?? 0;
  return scored.filter((hit) => hit.score >= best * RELATIVE_FLOOR);
}
