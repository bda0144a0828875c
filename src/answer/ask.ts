import type { SentenceFeatures } from '../extract/knowledge.ts';
import type { SentenceHit, SentenceIndex, WeightedTerm } from '../search/sentenceIndex.ts';
import { MAX_QUERY_TERMS } from '../search/sentenceIndex.ts';
import { termKey, termKeys, tokenize } from '../text/terms.ts';
import { kindsOf, paraphrases } from './paraphrase.ts';
import { type ParsedQuestion, parseQuestion, type QuestionWord } from './question.ts';

/** A weighted query key and the question word it stands for (itself, or the word it paraphrases). */
export interface QuestionTerm extends WeightedTerm {
  stands: string;
}

/** How much a paraphrase counts against one of the asker's own words. */
export const PARAPHRASE_WEIGHT = 0.3;
/** How much a narrower word ("conference" for "meeting") counts. */
export const KIND_WEIGHT = 0.2;
/** At most this many paraphrase keys join a query. */
const MAX_PARAPHRASE_TERMS = 16;
/** How many of the best BM25 hits are re-ranked by question type. */
const RERANKED = 200;
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
 * "speak", weight 1), WordNet paraphrases (PARAPHRASE_WEIGHT) and narrower nouns (KIND_WEIGHT).
 */
export function questionTerms(
  question: string,
  parsed: ParsedQuestion = parseQuestion(question),
): QuestionTerm[] {
  const terms = new Map<string, QuestionTerm>();
  // In "which day" or "what year" the noun names the kind of answer (a date), not its content: it is
  // left out of the search, as the question word is.
  const answerType = parsed.type === 'when' && parsed.focus ? termKey(parsed.focus) : null;
  const put = (key: string, weight: number, stands: string) => {
    if (!terms.has(key) && key !== answerType) terms.set(key, { key, weight, stands });
  };
  for (const key of termKeys(question)) if (terms.size < MAX_QUERY_TERMS) put(key, 1, key);
  const words = parsed.words.slice(0, MAX_QUERY_TERMS).filter((w) => termKey(w.root) !== answerType);
  for (const word of words) {
    const key = termKey(word.root);
    if (key && terms.size < MAX_QUERY_TERMS) put(key, 1, termKey(word.text) ?? key);
  }
  let added = 0;
  const expand = (word: QuestionWord, related: string[], weight: number) => {
    const stands = termKey(word.text) ?? termKey(word.root) ?? word.root;
    for (const key of related.flatMap(termKeys)) {
      if (added < MAX_PARAPHRASE_TERMS && !terms.has(key)) {
        put(key, weight, stands);
        added++;
      }
    }
  };
  for (const word of words) expand(word, paraphrases(word.root, word.pos), PARAPHRASE_WEIGHT);
  for (const word of words) expand(word, kindsOf(word.root, word.pos), KIND_WEIGHT);
  return [...terms.values()];
}

/**
 * Whether a hit is about the question at all: it matches one of the asker's own words, or its
 * paraphrases cover more than half of the question's words. One loose paraphrase ("direction" for
 * "recipe") is not enough to offer a sentence.
 */
function isRelated(hit: SentenceHit, terms: Map<string, QuestionTerm>, questionWords: number): boolean {
  const matched = hit.matched.map((key) => terms.get(key)).filter((t): t is QuestionTerm => t !== undefined);
  if (matched.some((t) => t.weight === 1)) return true;
  const covered = new Set(matched.map((t) => t.stands));
  return covered.size / Math.max(1, questionWords) > 0.5;
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
  const terms = questionTerms(question, parsed);
  const byKey = new Map(terms.map((t) => [t.key, t]));
  const questionWords = new Set(terms.filter((t) => t.weight === 1).map((t) => t.stands)).size;
  // The type factor moves a sentence by less than 2x: re-ranking the best candidates is enough.
  const scored = index
    .find(terms)
    .filter((hit) => isRelated(hit, byKey, questionWords))
    .slice(0, RERANKED)
    .map((hit) => ({ ...hit, score: hit.score * typeFactor(parsed, features(hit.id), textOf(hit.id)) }))
    .sort((a, b) => b.score - a.score);
  const best = scored[0]?.score ?? 0;
  return scored.filter((hit) => hit.score >= best * RELATIVE_FLOOR);
}
