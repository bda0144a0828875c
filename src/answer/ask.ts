import type { SentenceFeatures } from '../extract/knowledge.ts';
import { isDictionaryWord } from '../lexicon/wordClasses.ts';
import type { SentenceHit } from '../search/sentenceIndex.ts';
import { normalizeWord, termKey } from '../text/terms.ts';
import {
  type AskSource,
  type Candidate,
  type EvidenceWeights,
  gatherEvidence,
  questionWeights,
  weigh,
} from './evidence.ts';
import { type ParsedQuestion, parseQuestion } from './question.ts';
import { cleanQuestion, type QuestionTerm, questionTerms } from './questionTerms.ts';
import { type ScoredSpan, tunedSpan } from './span.ts';

/**
 * How much each kind of evidence counts (see EVIDENCE), fit on the squad-dev questions by coordinate
 * ascent (`npm run fit:ask`): a handful of weights for all questions, no per-question rule.
 */
export const ASK_WEIGHTS: EvidenceWeights = {
  bm25: 1,
  cover: 0.2,
  paragraph: 3,
  article: 1.5,
  neighbour: 0.1,
  type: 0.5,
  order: 0.5,
  window: 2,
  anaphor: 0.05,
};

/**
 * The least share of the question's words (weighted by rarity) that the best sentence and its
 * paragraph must hold for the question to count as answered; below it the answer is "not in the
 * articles". Fit with the squad-dev questions of articles left out of the corpus.
 */
export const MIN_SUPPORT = 0.34;
/** Sentences scoring below this share of the best are not offered. */
const RELATIVE_FLOOR = 0.25;

/** A sentence ranked for a question, with the span of it that answers (or null). */
export interface RankedSentence {
  id: string;
  score: number;
  span: ScoredSpan | null;
}

/** Everything the ranker found for a question, for answering and for fitting its weights. */
export interface AskAnalysis {
  /** The question as searched: emoji, emoticons and greetings removed. */
  question: string;
  parsed: ParsedQuestion;
  /** The keys of the asker's own words (not paraphrases). */
  keys: ReadonlySet<string>;
  candidates: Candidate[];
  /** The rarity of each word of the question, for `support`. */
  weights: number[];
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
 * The question with its misspelt words replaced by the corpus words they stand for: a word of five or
 * more letters that neither the corpus nor English has ("confrence") becomes the closest corpus word
 * by its surface form ("conference").
 */
export function correctTypos(question: string, source: Pick<AskSource, 'index' | 'correct'>): string {
  return question.replace(/[\p{L}]{5,}/gu, (word) => {
    const key = termKey(word);
    if (!key || source.index.frequency(key) > 0 || isDictionaryWord(normalizeWord(word))) return word;
    return source.correct(word) ?? word;
  });
}

/**
 * The first stage and the evidence of the second: MiniSearch's BM25 over the question's words and
 * paraphrases, then, for the best hits, the evidence of their context and content (see
 * `gatherEvidence`).
 */
export function analyzeQuestion(message: string, source: AskSource): AskAnalysis {
  const question = correctTypos(cleanQuestion(message), source);
  const parsed = parseQuestion(question);
  const terms = questionTerms(question, parsed);
  const byKey = new Map(terms.map((t) => [t.key, t]));
  const questionWords = new Set(terms.filter((t) => t.weight === 1).map((t) => t.stands)).size;
  const hits = source.index.find(terms).filter((hit) => isRelated(hit, byKey, questionWords));
  const keys = new Set(terms.filter((t) => t.weight === 1).map((t) => t.key));
  return {
    question,
    parsed,
    keys,
    candidates: gatherEvidence(parsed, terms, hits, source),
    weights: questionWeights(terms, source.index),
  };
}

/** How many of the best sentences are read together to judge whether the question is answered. */
const SUPPORT_DEPTH = 3;
/** A paraphrase ("speech" for "spoke") is evidence that a sentence is on the question's topic: it counts this much. */
const SUPPORT_PARAPHRASE = 0.8;

/**
 * How much of the question (its words weighted by rarity) the best of the top sentences holds, a
 * paraphrase counting nearly as much as the word: when even the best sentences leave the question's
 * rare words out, the articles do not answer it.
 */
export function support(best: readonly Candidate[], weights: readonly number[]): number {
  let total = 0;
  for (const weight of weights) total += weight;
  let most = 0;
  for (const c of best) {
    let held = 0;
    weights.forEach((weight, g) => {
      const h = c.holds[g] ?? 0;
      held += (h === 1 ? 1 : h > 0 ? SUPPORT_PARAPHRASE : 0) * weight;
    });
    most = Math.max(most, total > 0 ? held / total : 0);
  }
  return most;
}

/**
 * Ranks the candidates of an analysis by their weighed evidence. When even the best holds too little
 * of the question (MIN_SUPPORT), nothing is offered: the question is not answered by the articles.
 */
export function rankCandidates(
  analysis: Pick<AskAnalysis, 'candidates' | 'weights'>,
  weights: EvidenceWeights = ASK_WEIGHTS,
  minSupport = MIN_SUPPORT,
): RankedSentence[] {
  const ranked = analysis.candidates
    .map((c) => ({ candidate: c, score: weigh(c.evidence, weights) }))
    .sort((a, b) => b.score - a.score);
  const top = ranked[0];
  const best = ranked.slice(0, SUPPORT_DEPTH).map((r) => r.candidate);
  if (!top || support(best, analysis.weights) < minSupport) return [];
  return ranked
    .filter((r) => r.score >= top.score * RELATIVE_FLOOR)
    .map((r) => ({ id: r.candidate.hit.id, score: r.score, span: r.candidate.span }));
}

/**
 * Ranks sentences for a free question, best first, each with the span that answers it: BM25 as the
 * first stage, then evidence of context, answer type and word order (see EVIDENCE). Empty when the
 * articles do not answer it.
 */
export function rankAnswers(
  message: string,
  source: AskSource,
): { analysis: AskAnalysis; ranked: RankedSentence[] } {
  const analysis = analyzeQuestion(message, source);
  return { analysis, ranked: rankCandidates(analysis) };
}

/** The span of a ranked sentence that answers the question, read with the tagger (see `tunedSpan`). */
export function answerSpanOf(
  analysis: AskAnalysis,
  text: string,
  features: SentenceFeatures,
): ScoredSpan | null {
  return tunedSpan(analysis.parsed, analysis.keys, text, features);
}
