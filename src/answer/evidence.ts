import { isDatelineOnly } from '../corpus/dateline.ts';
import { articleKey, paragraphKey, type Sentence } from '../corpus/sentence.ts';
import { isPersonNoun } from '../lexicon/wordClasses.ts';
import type { SentenceHit, SentenceSearch } from '../search/sentenceIndex.ts';
import { termKey } from '../text/terms.ts';
import { type ListKind, listFit } from './lists.ts';
import type { ParsedQuestion } from './question.ts';
import type { QuestionTerm } from './questionTerms.ts';
import { bestSpan, type ScoredSpan, type SpanReading } from './span.ts';
import { tokensOf } from './spans.ts';

const termKeyOf = (word: string) => termKey(word) ?? word;

/** What the ranker may read of the corpus: the index, sentences by position, and what each names. */
export interface AskSource {
  index: SentenceSearch;
  /** The position of a sentence in the corpus from its id, or undefined. */
  positionOf(id: string): number | undefined;
  /** The sentence at a position, or undefined. */
  sentenceAt(position: number): Sentence | undefined;
  /** The corpus word a misspelt word stands for, or null (see `PhraseIndex.correct`). */
  correct(word: string): string | null;
  /**
   * What the span finder reads of the sentence at a position: what it names (people, places, dates,
   * numbers) and the kinds the articles give names (see `Engine.kindOfName`).
   */
  readingAt(position: number): Pick<SpanReading, 'features' | 'kindOf'>;
}

/**
 * The evidence a candidate sentence offers for a question, each in [0, 1]:
 * - `bm25`: its BM25 score over the question's keys, relative to the best candidate's;
 * - `cover`: the share of the question's words (weighted by rarity, IDF) the sentence holds;
 * - `paragraph`, `article`: the same share over its whole paragraph and article, since a sentence
 *   often leaves to its context what the question names ("It was co-hosted by ...");
 * - `neighbour`: the relative BM25 of the sentence before or after it in the paragraph;
 * - `type`: how well the best answer span of the expected type (a name for who, a date for when, a
 *   number for how many) fits, near the question's words and not one of them;
 * - `order`: the share of the question's word pairs that stand together, in order, in the sentence;
 * - `window`: the share of the question's words held by the sentence and the one before it together;
 * - `anaphor`: for a sentence that opens by pointing back ("It", "This region", "They"), the relative
 *   BM25 of the sentence before it, which names what it points to;
 * - `proximity`: how close together the question's words stand in the sentence;
 * - `list`: for a question asking for several things ("which provinces", "what topics"), whether the
 *   sentence lists three or more of that kind, led by a word standing for them (see `listFit`).
 */
export const EVIDENCE = [
  'bm25',
  'cover',
  'paragraph',
  'article',
  'neighbour',
  'type',
  'order',
  'window',
  'anaphor',
  'proximity',
  'list',
] as const;
/** One kind of evidence. */
export type EvidenceName = (typeof EVIDENCE)[number];
/** How much each kind of evidence counts in a sentence's score. */
export type EvidenceWeights = Record<EvidenceName, number>;

/** A sentence found for a question, with its evidence and its best answer span. */
export interface Candidate {
  hit: SentenceHit;
  position: number;
  sentence: Sentence;
  evidence: number[];
  span: ScoredSpan | null;
  /** For each word group of the question (see `wordGroups`), how well the sentence holds it (0 to 1). */
  holds: number[];
}

/** A group of query keys that stand for one word of the question, and how rare that word is. */
export interface WordGroup {
  /** The key of the question word the group stands for. */
  stands: string;
  idf: number;
  /** Whether the corpus holds none of the group's keys, not even a paraphrase. */
  absent: boolean;
  /** Key -> weight (1 for the word itself, less for a paraphrase). */
  keys: Map<string, number>;
}

/**
 * The words of a question as groups of keys, each with its IDF: that of its most frequent own key
 * the corpus holds ("spoke" and "speak" count as often as the commoner of the two), or, when the
 * corpus holds none, that of an unseen word.
 */
export function wordGroups(terms: QuestionTerm[], index: SentenceSearch): WordGroup[] {
  const groups = new Map<
    string,
    { keys: Map<string, number>; seen: number; unseen: number; found: boolean }
  >();
  for (const term of terms) {
    let group = groups.get(term.stands);
    if (!group) {
      group = { keys: new Map(), seen: Number.POSITIVE_INFINITY, unseen: 0, found: false };
      groups.set(term.stands, group);
    }
    group.keys.set(term.key, term.weight);
    if (term.weight !== 1) {
      group.found ||= index.frequency(term.key) > 0;
      continue;
    }
    const idf = index.idf(term.key);
    if (index.frequency(term.key) > 0) {
      group.seen = Math.min(group.seen, idf);
      group.found = true;
    } else group.unseen = Math.max(group.unseen, idf);
  }
  return [...groups.entries()]
    .map(([stands, g]) => ({
      stands,
      keys: g.keys,
      idf: Number.isFinite(g.seen) ? g.seen : g.unseen,
      absent: !g.found,
    }))
    .filter((g) => g.idf > 0);
}

/** The share of a question's rarity (IDF) in words that no sentence of the corpus holds at all, nor any paraphrase of them. */
export function absentShare(groups: readonly WordGroup[]): number {
  let total = 0;
  let absent = 0;
  for (const g of groups) {
    total += g.idf;
    if (g.absent) absent += g.idf;
  }
  return total > 0 ? absent / total : 0;
}

/** How well a set of matched keys holds each word group: 1 for the word, a paraphrase's weight, or 0. */
function holdsOf(groups: WordGroup[], matched: Iterable<string>): number[] {
  const keys = new Set(matched);
  return groups.map((group) => {
    let best = 0;
    for (const [key, weight] of group.keys) if (keys.has(key)) best = Math.max(best, weight);
    return best;
  });
}

/** The IDF-weighted share of the question's word groups that a set of matched keys covers. */
function coverage(groups: WordGroup[], matched: Iterable<string>): number {
  const holds = holdsOf(groups, matched);
  let total = 0;
  let covered = 0;
  groups.forEach((group, g) => {
    total += group.idf;
    covered += (holds[g] ?? 0) * group.idf;
  });
  return total > 0 ? covered / total : 0;
}

/** The share of adjacent pairs of the question's own keys that also stand in order (at most two words apart) in the sentence. */
function orderScore(questionKeys: string[], sentenceKeys: string[]): number {
  if (questionKeys.length < 2) return 0;
  const at = new Map<string, number[]>();
  sentenceKeys.forEach((key, i) => {
    const list = at.get(key);
    if (list) list.push(i);
    else at.set(key, [i]);
  });
  let pairs = 0;
  for (let i = 0; i + 1 < questionKeys.length; i++) {
    const left = at.get(questionKeys[i] as string);
    const right = at.get(questionKeys[i + 1] as string);
    if (left && right && left.some((l) => right.some((r) => r > l && r - l <= 3))) pairs++;
  }
  return pairs / (questionKeys.length - 1);
}

/**
 * How close together the question's words stand in the sentence: the distinct matched keys over the
 * length of the shortest stretch of words holding them all (1: side by side).
 */
function proximity(own: ReadonlySet<string>, sentenceKeys: readonly string[]): number {
  const wanted = new Set(sentenceKeys.filter((k) => own.has(k)));
  if (wanted.size < 2) return wanted.size ? 0.5 : 0;
  const counts = new Map<string, number>();
  let covered = 0;
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (let right = 0; right < sentenceKeys.length; right++) {
    const key = sentenceKeys[right] as string;
    if (wanted.has(key)) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (counts.get(key) === 1) covered++;
    }
    while (covered === wanted.size) {
      best = Math.min(best, right - left + 1);
      const leaving = sentenceKeys[left] as string;
      if (wanted.has(leaving)) {
        counts.set(leaving, (counts.get(leaving) ?? 0) - 1);
        if (counts.get(leaving) === 0) covered--;
      }
      left++;
    }
  }
  return Number.isFinite(best) ? wanted.size / best : 0;
}

/** A sentence that opens by pointing back to the one before: a pronoun or "this"/"these" + noun. */
const POINTS_BACK =
  /^(?:[^,]{0,40},\s*)?(?:it|its|this|these|that|those|they|their|them|he|his|she|her|such|the latter|the former|both|there)\b/i;

/** How many of the best BM25 hits are weighed in full (spans and word order are read for these only). */
export const CANDIDATES = 50;

/**
 * Gathers the evidence for the best BM25 hits of a question (see EVIDENCE): the first stage is
 * MiniSearch, this second stage reads each candidate's context and content.
 */
export function gatherEvidence(
  question: ParsedQuestion,
  terms: QuestionTerm[],
  groups: WordGroup[],
  hits: SentenceHit[],
  source: AskSource,
): Candidate[] {
  const own = new Set(terms.filter((t) => t.weight === 1).map((t) => t.key));
  const asksList = listQuestion(question, terms);
  const questionKeys = question.keys.filter((k) => own.has(k));
  const best = hits[0]?.score ?? 0;
  const chosen = hits.slice(0, CANDIDATES);
  // Context is read only for what the candidates need: their paragraphs and articles, and the
  // sentences beside them; one pass over all hits gathers it (a common word has thousands).
  const wantedParagraphs = new Set(chosen.map((h) => paragraphKey(h.id)));
  const wantedArticles = new Set(chosen.map((h) => articleKey(h.id)));
  const positions = chosen.map((hit) => source.positionOf(hit.id));
  const wantedIds = new Set<string>();
  for (const position of positions) {
    if (position === undefined) continue;
    for (const near of [position - 1, position, position + 1]) {
      const id = source.sentenceAt(near)?.id;
      if (id) wantedIds.add(id);
    }
  }
  const paragraphKeys = new Map<string, Set<string>>();
  const articleKeys = new Map<string, Set<string>>();
  const hitById = new Map<string, SentenceHit>();
  const relative = (id: string) => {
    const hit = hitById.get(id);
    return hit && best > 0 ? hit.score / best : 0;
  };
  const gather = (map: Map<string, Set<string>>, key: string, matched: readonly string[]) => {
    let set = map.get(key);
    if (!set) {
      set = new Set<string>();
      map.set(key, set);
    }
    for (const k of matched) set.add(k);
  };
  for (const hit of hits) {
    if (wantedIds.has(hit.id)) hitById.set(hit.id, hit);
    const article = articleKey(hit.id);
    if (!wantedArticles.has(article)) continue;
    gather(articleKeys, article, hit.matched);
    const paragraph = paragraphKey(hit.id);
    if (wantedParagraphs.has(paragraph)) gather(paragraphKeys, paragraph, hit.matched);
  }
  const candidates: Candidate[] = [];
  for (const [i, hit] of chosen.entries()) {
    const position = positions[i];
    const sentence = position === undefined ? undefined : source.sentenceAt(position);
    // A dateline alone ("MANILA, Philippines (AP) _") answers no question.
    if (position === undefined || !sentence || isDatelineOnly(sentence.text)) continue;
    const paragraph = paragraphKey(hit.id);
    let neighbour = 0;
    for (const next of [position - 1, position + 1]) {
      const other = source.sentenceAt(next);
      if (other && paragraphKey(other.id) === paragraph) neighbour = Math.max(neighbour, relative(other.id));
    }
    const before = source.sentenceAt(position - 1);
    const previous = before && paragraphKey(before.id) === paragraph ? before.id : null;
    const previousHit = previous ? hitById.get(previous) : undefined;
    const tokens = tokensOf(sentence.text);
    const sentenceKeys = tokens.flatMap((t) => (t.key ? [t.key] : []));
    const span = bestSpan(question, own, sentence.text, tokens, source.readingAt(position));
    candidates.push({
      hit,
      position,
      sentence,
      span,
      holds: holdsOf(groups, hit.matched),
      evidence: [
        relative(hit.id),
        coverage(groups, hit.matched),
        coverage(groups, paragraphKeys.get(paragraph) ?? []),
        coverage(groups, articleKeys.get(articleKey(hit.id)) ?? []),
        neighbour,
        span?.fit ?? 0,
        orderScore(questionKeys, sentenceKeys),
        coverage(groups, previousHit ? [...hit.matched, ...previousHit.matched] : hit.matched),
        previous && POINTS_BACK.test(sentence.text) ? relative(previous) : 0,
        proximity(own, sentenceKeys),
        asksList ? listFit(sentence.text, asksList.keys, asksList.kind, asksList.focus) : 0,
      ],
    });
  }
  return candidates;
}

/**
 * What a question asking for several things ("which provinces took part?", "what topics were
 * discussed?") wants listed: the keys standing for its plural focus (the noun and its paraphrases:
 * "provincial", "fields") and the kind of each item; null for any other question.
 */
function listQuestion(
  question: ParsedQuestion,
  terms: readonly QuestionTerm[],
): { keys: Set<string>; kind: ListKind; focus: string } | null {
  const { focus, plural, type } = question;
  if (!focus || !plural || (type !== 'what' && type !== 'who' && type !== 'where')) return null;
  const focusWord = question.words.find((w) => w.root === focus);
  const stands = new Set([focus, focusWord?.text ?? focus].map((w) => termKeyOf(w)));
  const keys = new Set(terms.filter((t) => stands.has(t.stands)).map((t) => t.key));
  const kind: ListKind =
    type === 'who' || isPersonNoun(focus) ? 'people' : type === 'where' ? 'places' : 'things';
  return { keys, kind, focus };
}

/** A candidate's score: its evidence weighed. */
export function weigh(evidence: readonly number[], weights: EvidenceWeights): number {
  let score = 0;
  EVIDENCE.forEach((name, i) => {
    score += (evidence[i] ?? 0) * weights[name];
  });
  return score;
}
