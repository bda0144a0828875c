import { paragraphKey } from '../corpus/sentence.ts';
import { correctSpelling } from '../lexicon/spelling.ts';
import { isDictionaryWord, isPersonNoun } from '../lexicon/wordClasses.ts';
import { nlp } from '../lib/lazyModules.ts';
import type { SentenceHit } from '../search/sentenceIndex.ts';
import { normalizeWord, STOP_WORDS, termKey, termKeys } from '../text/terms.ts';
import { countsFocus } from './counts.ts';
import {
  type AskSource,
  absentShare,
  type Candidate,
  EVIDENCE,
  type EvidenceWeights,
  gatherEvidence,
  type WordGroup,
  weigh,
  wordGroups,
} from './evidence.ts';
import { patternSpan } from './patterns.ts';
import { type ParsedQuestion, parseQuestion, TYPED_QUESTIONS } from './question.ts';
import { cleanQuestion, type QuestionTerm, questionTerms } from './questionTerms.ts';
import { type ScoredSpan, type SpanReading, tunedSpan } from './span.ts';
import { tokensOf } from './spans.ts';

/**
 * How much each kind of evidence counts (see EVIDENCE), fit on the squad-dev questions by coordinate
 * ascent (`npm run fit:ask -- ... --fit`): a handful of weights for all questions, no per-question
 * rule. `list`, added after, was fit alone with the others held (`--fit --only list`, from 0): best
 * at 0.7 to 1 (ranking top-1 0.789 -> 0.790), lower past 1.5; it fires on few SQuAD questions.
 */
export const ASK_WEIGHTS: EvidenceWeights = {
  bm25: 1,
  cover: 0.05,
  paragraph: 2.56,
  article: 1.5,
  neighbour: 0.3,
  type: 1,
  order: 0.7,
  window: 2,
  anaphor: 0.1,
  proximity: 0.3,
  list: 1,
};

/**
 * How sure the ranker is that the articles answer a question, from its signals (see
 * `confidenceSignals`): a logistic model fit on the squad-dev questions of two articles left out of
 * the corpus (doctor-who and kenya: unanswerable) against the others (answerable), checked on two
 * other pairs (`npm run fit:ask -- ... --leave-out a,b`).
 */
export const CONFIDENCE = {
  weights: [-0.49, 4.91, 2.6, -2.26, 1.77, -1.85, 1.19, 1.51, 5.12, 0.65],
  bias: -7.15,
};
/**
 * Below this confidence the answer is "not in the articles": about 2.5% of answerable squad-dev
 * questions fall below it, which costs the answerable top-3 about 0.013 (the issue allows 0.02).
 */
export const MIN_CONFIDENCE = -1.3;
/** The fewest sentences for which the confidence model is used; it was fit on corpora of about 2,000. */
export const MIN_SENTENCES = 200;
/** In a smaller corpus: the least share of the question (by rarity, paraphrases counting 0.8) the best sentences must hold. */
export const MIN_SUPPORT = 0.34;
/** In a smaller corpus: the least fit of an answer of the asked kind (a name for who, a number for how many). */
const MIN_TYPE_FIT = 0.3;
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
  /** Every key searched, paraphrases included, and the key of the question word it stands for. */
  stands: ReadonlyMap<string, string>;
  candidates: Candidate[];
  /** The rarity of each word of the question, for `support`. */
  weights: number[];
  /** The key of the question word each of `weights` stands for. */
  wordKeys: string[];
  /** The share of the question's rarity in words the corpus never uses. */
  absent: number;
  /**
   * The nouns of the question (besides the one naming the kind of answer: "which city") that no
   * article holds, not even by a paraphrase ("weather" in "what is the weather in Changchun?").
   */
  missingNouns: string[];
  /** How many sentences the corpus has (the confidence model needs enough of them to judge rarity). */
  sentences: number;
  /** The names the question writes with capitals ("Doctor Who", "TARDIS"), as written. */
  names: string[];
}

/** What ranking and the "not in the articles" decision read of an analysis. */
type RankedAnalysis = Pick<
  AskAnalysis,
  | 'candidates'
  | 'weights'
  | 'wordKeys'
  | 'absent'
  | 'parsed'
  | 'sentences'
  | 'names'
  | 'missingNouns'
  | 'question'
>;

/**
 * Whether a hit is about the question at all: it matches one of the asker's own words, or its
 * paraphrases cover more than half of the question's words (half, in a small corpus). One loose paraphrase ("direction" for
 * "recipe") is not enough to offer a sentence.
 */
function isRelated(
  hit: SentenceHit,
  terms: Map<string, QuestionTerm>,
  questionWords: number,
  small: boolean,
): boolean {
  let covered: Set<string> | null = null;
  for (const key of hit.matched) {
    const term = terms.get(key);
    if (!term) continue;
    if (term.weight === 1) return true;
    covered ??= new Set<string>();
    covered.add(term.stands);
  }
  if (covered === null) return false;
  const share = covered.size / Math.max(1, questionWords);
  return small ? share >= 0.5 : share > 0.5;
}

/** The words a question opens with: question words and auxiliaries. */
const QUESTION_OPENERS =
  /^(?:who|whom|whose|what|which|where|when|why|how|is|are|was|were|do|does|did|can|could|will|would|has|have|had)$/;

/** A dictionary word or a function or question word: the cheap check for a candidate spelling. */
const isDictionaryOrFunctionWord = (word: string) => STOP_WORDS.has(word) || isDictionaryWord(word);

/**
 * A word English has: in WordNet, a function or question word ("where", "whose"), or an irregular
 * form of a dictionary word ("took", "children": compromise knows their roots; WordNet's own
 * exception lists are not in its package).
 */
function isEnglishWord(word: string): boolean {
  if (STOP_WORDS.has(word) || isDictionaryWord(word)) return true;
  const doc = nlp()(word);
  doc.compute('root');
  const root = (doc.json() as Array<{ terms: Array<{ root?: string }> }>)[0]?.terms[0]?.root;
  return !!root && root !== word && isDictionaryWord(root);
}

/**
 * The question with its misspelt words replaced by the words they stand for: a word of four or more
 * letters that neither the corpus nor English has ("confrence") becomes the closest corpus word by its
 * surface form ("conference"); a word of three or more letters that neither has and the corpus cannot
 * mend ("wher", "spok") becomes the English word one typing slip away ("where", "spoke"; see
 * `correctSpelling`), a word the articles use preferred. A capitalized word inside the question is
 * a name and is left alone (unless the corpus knows it). Each word is mended on its own, so several
 * typos in one question are read as one is.
 */
export function correctTypos(question: string, source: Pick<AskSource, 'index' | 'correct'>): string {
  const inCorpus = (word: string) => {
    const key = termKey(word);
    return key !== null && source.index.frequency(key) > 0;
  };
  const opening = question.search(/\p{L}/u);
  return question.replace(/[\p{L}]{3,}/gu, (word, at: number) => {
    const normal = normalizeWord(word);
    if (!termKey(word) || inCorpus(word) || isEnglishWord(normal)) return word;
    const fromCorpus = word.length >= 4 ? source.correct(word) : null;
    if (fromCorpus) return fromCorpus;
    if (/^\p{Lu}/u.test(word) && at !== opening) return word;
    // A question opens with a question word or an auxiliary ("wat" is "what", not "watt").
    const likely = at === opening ? (w: string) => QUESTION_OPENERS.test(w) || inCorpus(w) : inCorpus;
    // Candidates are checked against the dictionary only (a tagger run each would cost too much).
    return correctSpelling(normal, isDictionaryOrFunctionWord, likely) ?? word;
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
  const terms = questionTerms(question, parsed, (key) => source.index.frequency(key) > 0);
  const byKey = new Map(terms.map((t) => [t.key, t]));
  const questionWords = new Set(terms.filter((t) => t.weight === 1).map((t) => t.stands)).size;
  // In a small corpus (one event's articles) every sentence is on the event, so half the question in
  // paraphrases is enough to read a sentence; whether it answers is decided after (`answered`).
  const small = source.index.size < MIN_SENTENCES;
  const hits = source.index.find(terms).filter((hit) => isRelated(hit, byKey, questionWords, small));
  const keys = new Set(terms.filter((t) => t.weight === 1).map((t) => t.key));
  const groups = wordGroups(terms, source.index);
  return {
    question,
    parsed,
    keys,
    stands: new Map(terms.map((t) => [t.key, t.stands])),
    candidates: gatherEvidence(parsed, terms, groups, hits, source),
    weights: groups.map((g) => g.idf),
    wordKeys: groups.map((g) => g.stands),
    absent: absentShare(groups),
    missingNouns: missingNouns(parsed, groups),
    sentences: source.index.size,
    names: namesIn(question),
  };
}

/**
 * The question's nouns that the corpus holds in no form (see `AskAnalysis.missingNouns`). The noun
 * after "which" or "how many" names the kind of answer, so it is not required.
 */
function missingNouns(parsed: ParsedQuestion, groups: readonly WordGroup[]): string[] {
  const absent = new Set(groups.filter((g) => g.absent).map((g) => g.stands));
  return parsed.words.flatMap((w) => {
    if (w.pos !== 'noun' || (w.root === parsed.focus && parsed.type !== 'what')) return [];
    const keys = termKeys(w.text);
    return keys.length && keys.every((key) => absent.has(key)) ? [w.text] : [];
  });
}

/** Words that open a question with a capital, never a name. */
const OPENERS =
  /^(?:who|whom|whose|what|which|where|when|why|how|is|are|was|were|do|does|did|can|could|in|on|at|for|from|to|by|the|a|an|during|after|before|of|with|about|as|if|under|along|since|between|i)$/i;

/**
 * The names a question writes with capitals: runs of capitalized words ("Doctor Who", "TARDIS"), the
 * opening word left out when it is a question word, preposition or article. A question whose names no
 * candidate sentence writes is likely about something the articles do not cover.
 */
export function namesIn(question: string): string[] {
  const names: string[] = [];
  let run: string[] = [];
  const words = question.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
  words.forEach((word, i) => {
    const capital = /^\p{Lu}/u.test(word) && !(i === 0 && OPENERS.test(word)) && word !== 'I';
    if (capital) run.push(word);
    if ((!capital || i === words.length - 1) && run.length) {
      names.push(run.join(' '));
      run = [];
    }
  });
  return names;
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
  let most = 0;
  for (const c of best) most = Math.max(most, joint([c], weights));
  return most;
}

/**
 * What tells an answered question from one the articles do not answer: the support of the best
 * sentences, the paragraph and article coverage of the best one, the most any article and any
 * sentence-and-its-predecessor cover, the share of the question in words no article uses, for a
 * question asking for a person, place, date or number, how well the best sentence names one; the
 * share of the question's capitalized names ("Doctor Who") that some candidate, and that the best
 * one's article, writes as the question does; and how much of the question's word order the best
 * sentences keep.
 */
export function confidenceSignals(analysis: RankedAnalysis, ranked: readonly Candidate[]): number[] {
  const top = ranked[0];
  const paragraphOfCandidate = (c: Candidate) => paragraphKey(c.hit.id);
  const articleOf = (c: Candidate) => c.sentence.article;
  // Each paragraph's and article's candidates, and each candidate's predecessor, read together.
  const together = (key: (c: Candidate) => string) => {
    const groups = new Map<string, Candidate[]>();
    for (const c of analysis.candidates) {
      const list = groups.get(key(c));
      if (list) list.push(c);
      else groups.set(key(c), [c]);
    }
    return groups;
  };
  const paragraphs = together(paragraphOfCandidate);
  const articles = together(articleOf);
  const byPosition = new Map(analysis.candidates.map((c) => [c.position, c]));
  let mostArticle = 0;
  for (const list of articles.values()) mostArticle = Math.max(mostArticle, joint(list, analysis.weights));
  let mostWindow = 0;
  for (const c of analysis.candidates) {
    const before = byPosition.get(c.position - 1);
    const pair = before && paragraphKey(before.hit.id) === paragraphKey(c.hit.id) ? [c, before] : [c];
    mostWindow = Math.max(mostWindow, joint(pair, analysis.weights));
  }
  return [
    support(ranked.slice(0, SUPPORT_DEPTH), analysis.weights),
    top ? joint(paragraphs.get(paragraphKey(top.hit.id)) ?? [top], analysis.weights) : 0,
    top ? joint(articles.get(articleOf(top)) ?? [top], analysis.weights) : 0,
    mostArticle,
    mostWindow,
    analysis.absent,
    // A question that asks for a person, place, date or number needs a sentence naming one.
    TYPED_QUESTIONS.has(analysis.parsed.type) ? (top?.evidence[EVIDENCE.indexOf('type')] ?? 0) : 1,
    namesWritten(analysis.names, analysis.candidates),
    Math.max(0, ...ranked.slice(0, SUPPORT_DEPTH).map((c) => c.evidence[EVIDENCE.indexOf('order')] ?? 0)),
    namesWritten(analysis.names, top ? (articles.get(articleOf(top)) ?? [top]) : []),
  ];
}

/** The share of the question's names that some of the sentences write as the question does (1 when it writes none). */
function namesWritten(names: readonly string[], sentences: readonly Candidate[]): number {
  if (!names.length) return 1;
  return names.filter((name) => sentences.some((c) => c.sentence.text.includes(name))).length / names.length;
}

/** How much of the question some sentences hold together, a paraphrase counting SUPPORT_PARAPHRASE. */
function joint(sentences: readonly Candidate[], weights: readonly number[]): number {
  let total = 0;
  let held = 0;
  weights.forEach((weight, g) => {
    total += weight;
    let most = 0;
    for (const c of sentences) {
      const h = c.holds[g] ?? 0;
      most = Math.max(most, h === 1 ? 1 : h > 0 ? SUPPORT_PARAPHRASE : 0);
    }
    held += most * weight;
  });
  return total > 0 ? held / total : 0;
}

/** The confidence model's score for signals (higher: more likely answered). */
export function confidenceOf(signals: readonly number[], model = CONFIDENCE): number {
  return signals.reduce((sum, value, k) => sum + value * (model.weights[k] ?? 0), model.bias);
}

/**
 * Ranks the candidates of an analysis by their weighed evidence. When the ranker is not confident
 * the articles answer the question (MIN_CONFIDENCE), nothing is offered.
 */
export function rankCandidates(
  analysis: RankedAnalysis,
  weights: EvidenceWeights = ASK_WEIGHTS,
  minConfidence = MIN_CONFIDENCE,
): RankedSentence[] {
  const ranked = analysis.candidates
    .map((c) => ({ candidate: c, score: weigh(c.evidence, weights) }))
    .sort((a, b) => b.score - a.score);
  const top = ranked[0];
  if (!top) return [];
  const best = ranked.map((r) => r.candidate);
  if (!answered(analysis, best, minConfidence)) return [];
  return ranked
    .filter((r) => r.score >= top.score * RELATIVE_FLOOR)
    .map((r) => ({ id: r.candidate.hit.id, score: r.score, span: r.candidate.span }));
}

/**
 * Whether the articles answer the question. In a corpus large enough for word rarity to mean
 * something (MIN_SENTENCES), the confidence model decides. In a smaller one every word is about as
 * rare as an unseen one, so a simpler rule holds: the best sentences must hold MIN_SUPPORT of the
 * question, the articles must hold its nouns (by a paraphrase at least) unless they are less than
 * MISSING_SHARE of it, one of the best
 * sentences must name the kind of thing a who, where, when or how-much question asks, and for "how
 * many X" give a number of X (or of a kind of X).
 */
function answered(analysis: RankedAnalysis, ranked: readonly Candidate[], minConfidence: number): boolean {
  if (analysis.sentences >= MIN_SENTENCES)
    return confidenceOf(confidenceSignals(analysis, ranked)) >= minConfidence;
  const best = ranked.slice(0, SUPPORT_DEPTH);
  const { focus, type } = analysis.parsed;
  // "how many diplomats came?": a number of leaders or countries is no number of diplomats; a
  // number of fishermen is one of people, so then the rest of the question must be held.
  if (type === 'quantity' && focus && HOW_MANY.test(analysis.question)) {
    if (!best.some((c) => countsFocus(c.sentence.text, focus))) return false;
    const counted = new Set([
      termKey(focus),
      ...analysis.parsed.words.filter((w) => w.root === focus).map((w) => termKey(w.text)),
    ]);
    const rest = analysis.weights.map((w, g) => (counted.has(analysis.wordKeys[g] ?? '') ? 0 : w));
    return rest.every((w) => w === 0) || support(best, rest) >= MIN_SUPPORT;
  }
  if (support(best, analysis.weights) < MIN_SUPPORT) return false;
  // "what is the weather in Changchun?": no article says anything about weather, half of what is asked.
  if (analysis.missingNouns.length && analysis.absent >= MISSING_SHARE) return false;
  const typeAt = EVIDENCE.indexOf('type');
  return (
    !TYPED_QUESTIONS.has(type) ||
    best.some((c) => (c.evidence[typeAt] ?? 0) >= MIN_TYPE_FIT) ||
    // "who told stories?": "pupils and teachers" are someone, though no name.
    (type === 'who' && best.some((c) => namesPeople(c.sentence.text)))
  );
}

/** Whether a sentence names people by a noun ("teachers", "fishermen", "representatives"). */
function namesPeople(text: string): boolean {
  return tokensOf(text).some((t) => t.key !== null && /^\p{Ll}/u.test(t.text) && isPersonNoun(t.text));
}

/** In a small corpus: the share of the question (by rarity) in words no article holds that, with a noun among them, means it is not answered. */
const MISSING_SHARE = 0.5;

/** A question counting things ("how many diplomats"), not measuring ("how much money", "how long"). */
const HOW_MANY = /\bhow\s+many\b/i;

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

/**
 * The span of a ranked sentence that answers the question. The best answer is read with the tagger:
 * by an answer pattern when one applies (see `patternSpan`), else by its type (see `tunedSpan`); the others keep the span read from shape while ranking, so a reply tags one
 * sentence at most.
 */
export function answerSpanOf(
  analysis: AskAnalysis,
  ranked: RankedSentence,
  text: string,
  reading: Pick<SpanReading, 'features' | 'kindOf'>,
  best: boolean,
): ScoredSpan | null {
  if (!best) return ranked.span;
  const { question, parsed, keys, stands } = analysis;
  return (
    patternSpan({ text: question, parsed, keys, stands }, text) ?? tunedSpan(parsed, keys, text, reading)
  );
}
