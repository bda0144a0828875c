import type { SentenceFeatures } from '../extract/knowledge.ts';
import { placeKind } from '../lexicon/gazetteer.ts';
import { splitSentences } from '../text/sentences.ts';
import { termKey, termKeys, tokenize } from '../text/terms.ts';
import type { Answer, AnswerItem, TextMark } from './answer.ts';
import type { Engine } from './engine.ts';
import { weigh } from './evidence.ts';
import { itemOf, NO_ITEMS, type PageOptions, pageFrom } from './items.ts';
import { boundQuery, MAX_QUERY_CHARS } from './query.ts';
import { type QuestionTerm, questionTerms } from './questionTerms.ts';
import { ASK_WEIGHTS, analyzeQuestion } from './rank.ts';
import type { RankedCorpus } from './unionCorpus.ts';

/** A message is read for at most this many claims (its first ones). */
export const MAX_CLAIMS = 3;
/** A sentence bears on a claim when it holds at least this share of the claim's words (a paraphrase counting 0.8)... */
export const MIN_CLAIM_SHARE = 0.5;
/** ...and at least this many of them (or all, for a claim of fewer words). */
export const MIN_CLAIM_WORDS = 2;
/** Sentences whose share is below this part of the best one's are not offered for a claim. */
const CLAIM_FLOOR = 0.6;
/** How much a paraphrase of a claim's word counts towards its share. */
const PARAPHRASE_HOLD = 0.8;

/** Fenced and inline code, links (a Markdown link keeps its text), emoji and emoticon-like shortcodes. */
const CODE_BLOCK = /```[\s\S]*?(?:```|$)/g;
const INLINE_CODE = /`[^`\n]*`/g;
const MARKDOWN_LINK = /\[([^\]\n]*)\]\(\s*<?[a-z][\w+.-]*:\/\/[^)\s]*>?\s*\)/gi;
const URL = /<?\b(?:[a-z][\w+.-]*:\/\/|www\.)[^\s<>]*>?/gi;
const EMOJI = /\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*|\p{Regional_Indicator}/gu;
const SHORTCODE = /(?<=^|\s):[a-z0-9_+-]{2,32}:(?=\s|$)/gi;

/**
 * The text of a chat message that can hold claims: code (fenced or inline), links (a Markdown link
 * keeps its words), emoji and `:shortcodes:` are dropped, so "see https://x.y 🎉 `npm i`" holds only
 * "see". Chat markup of a particular platform (mentions, custom emoji) is its transport's to remove.
 */
export function claimText(message: string): string {
  return message
    .slice(0, MAX_QUERY_CHARS * 20)
    .replace(CODE_BLOCK, ' ')
    .replace(INLINE_CODE, ' ')
    .replace(MARKDOWN_LINK, '$1')
    .replace(URL, ' ')
    .replace(EMOJI, ' ')
    .replace(SHORTCODE, ' ')
    .replace(/[ \t]+/g, ' ');
}

/**
 * The claims of a message: its first sentences (each line read on its own, as chat is written) that
 * hold at least one word worth searching, at most MAX_CLAIMS of them and together at most
 * MAX_QUERY_CHARS (the first is cut to it when longer), so a long message is read for its first claims.
 */
export function claimsOf(message: string): string[] {
  const claims: string[] = [];
  let length = 0;
  for (const line of claimText(message).split(/\n+/)) {
    for (const { text } of splitSentences(line.replace(/\s+/g, ' ').trim())) {
      const claim = boundQuery(text);
      if (!termKeys(claim).length) continue;
      if (claims.length && length + claim.length + 1 > MAX_QUERY_CHARS) return claims;
      claims.push(claim);
      length += claim.length + 1;
      if (claims.length >= MAX_CLAIMS || length >= MAX_QUERY_CHARS) return claims;
    }
  }
  return claims;
}

/** A sentence found for a claim: its id, how much of the claim it holds, and its ranking score. */
export interface ClaimHit {
  id: string;
  /** The share of the claim's words the sentence holds (0 to 1), a changed detail counting half. */
  share: number;
  score: number;
}

/** The kinds of detail a claim may get wrong: a number, a date, a place, another name. */
export type DetailKind = 'number' | 'date' | 'place' | 'name';

const NUMBER_WORDS =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozens?|half|third|quarter|first|second|third|fourth|fifth)$/i;
const DATE_WORDS =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|yesterday|today|tomorrow)$/i;

/**
 * The kind of detail a word of a claim is, or null: a number ("300", "three"), a date word
 * ("Tuesday", "March", a year), a place the gazetteer knows ("Harbin"), or another capitalized word
 * that opens no sentence (a name: "Messi").
 */
export function detailKind(word: string, first: boolean): DetailKind | null {
  if (/^(?:1[89]|20)\d\d$/.test(word) || DATE_WORDS.test(word)) return 'date';
  if (/^\d/.test(word) || NUMBER_WORDS.test(word)) return 'number';
  if (placeKind(word)) return 'place';
  if (!first && /^\p{Lu}/u.test(word)) return 'name';
  return null;
}

/** Whether a sentence's features say it names a detail of a kind (a name: a person or an organization). */
function names(features: SentenceFeatures, kind: DetailKind): boolean {
  if (kind === 'name') return features.person || features.organization;
  return features[kind];
}

/** The words of a claim: each own word's keys (itself, its root, paraphrases) and its detail kind. */
interface ClaimWord {
  keys: Map<string, number>;
  kind: DetailKind | null;
}

/** Groups a claim's search terms by the word they stand for, with that word's detail kind. */
function claimWords(question: string, terms: readonly QuestionTerm[]): ClaimWord[] {
  const surface = new Map<string, { word: string; first: boolean }>();
  tokenize(question).forEach((word, i) => {
    const key = termKey(word);
    if (key && !surface.has(key)) surface.set(key, { word, first: i === 0 });
  });
  const words = new Map<string, ClaimWord>();
  for (const term of terms) {
    let entry = words.get(term.stands);
    if (!entry) {
      const seen = surface.get(term.stands);
      entry = { keys: new Map(), kind: seen ? detailKind(seen.word, seen.first) : null };
      words.set(term.stands, entry);
    }
    entry.keys.set(term.key, Math.max(term.weight, entry.keys.get(term.key) ?? 0));
  }
  return [...words.values()];
}

/**
 * How much of a claim a sentence holds: each word it holds counts 1 (a paraphrase PARAPHRASE_HOLD);
 * one detail it does not hold (a number, date, place or name) counts half when the sentence names
 * another of the same kind, since that is the claim's detail changed ("in Harbin" against "in
 * Changchun"), and the sentence is the one to show.
 */
function claimShare(
  words: readonly ClaimWord[],
  matched: ReadonlySet<string>,
  features: SentenceFeatures,
): { share: number; held: number; changed: DetailKind | null } {
  let total = 0;
  let held = 0;
  const kinds: DetailKind[] = [];
  for (const word of words) {
    let best = 0;
    for (const [key, weight] of word.keys) if (matched.has(key)) best = Math.max(best, weight);
    if (best >= 1) held += 1;
    else if (best > 0) total += PARAPHRASE_HOLD;
    else if (word.kind && names(features, word.kind)) kinds.push(word.kind);
  }
  // One detail changed, not several: a claim that shares one word and differs in every name is another story.
  // A name (a capitalized word) is a weaker sign than a number, date or place, so it needs two words held.
  const kind = kinds.find((k) => k !== 'name') ?? (kinds.length && held >= 2 ? 'name' : null);
  total += held + (kind ? CHANGED_DETAIL : 0);
  return { share: words.length ? total / words.length : 0, held, changed: kind };
}

/** How much a changed detail counts towards a claim's share. */
const CHANGED_DETAIL = 0.5;

/**
 * The sentences that bear on one claim, best first: the ranker of /ask finds and weighs the
 * candidates (BM25, then context and word order); a sentence is offered only when it holds at least
 * MIN_CLAIM_SHARE of the claim's words and MIN_CLAIM_WORDS of them (a changed detail counting as one
 * there, half in the share), so a claim with one detail changed ("the conference was in Harbin")
 * still finds the sentence it contradicts, and a claim about something else finds nothing. Ranked by
 * the share first, the /ask score second.
 */
export function sentencesForClaim(engine: RankedCorpus, claim: string): ClaimHit[] {
  const analysis = analyzeQuestion(claim, engine.askSource);
  const words = claimWords(analysis.question, questionTerms(analysis.question, analysis.parsed));
  if (!words.length) return [];
  let changedKind: DetailKind | null = null;
  const hits = analysis.candidates.flatMap((c) => {
    const { features } = engine.askSource.readingAt(c.position);
    const { share, held, changed } = claimShare(words, new Set(c.hit.matched), features);
    if (
      share < MIN_CLAIM_SHARE ||
      held < 1 ||
      held + (changed ? 1 : 0) < Math.min(MIN_CLAIM_WORDS, words.length)
    )
      return [];
    changedKind ??= changed;
    return [{ id: c.hit.id, share, score: weigh(c.evidence, ASK_WEIGHTS) }];
  });
  if (!hits.length) return [];
  // A claim with a detail changed is the question that detail answers: "the conference was in Harbin"
  // is "where was the conference?", and /ask's ranker knows which sentence says where.
  if (changedKind) {
    const asked = askedFor(claim, changedKind);
    const scores = new Map(
      analyzeQuestion(asked, engine.askSource).candidates.map((c) => [
        c.hit.id,
        weigh(c.evidence, ASK_WEIGHTS),
      ]),
    );
    for (const hit of hits) hit.score = scores.get(hit.id) ?? 0;
  }
  hits.sort((a, b) => b.share - a.share || b.score - a.score);
  const best = hits[0]?.share ?? 0;
  return hits.filter((h) => h.share >= best * CLAIM_FLOOR);
}

/** The question word that asks for a kind of detail. */
const ASKING: Record<DetailKind, string> = { place: 'where', date: 'when', number: 'how many', name: 'who' };

/** A claim as the question its changed detail answers: the detail's words out, the question word in front. */
export function askedFor(claim: string, kind: DetailKind): string {
  const words = tokenize(claim);
  const kept = words.filter((w, i) => detailKind(w, i === 0) !== kind);
  return `${ASKING[kind]} ${kept.join(' ')}?`;
}

/**
 * The stretches of a sentence that are words of the claims (by index key: "held" marks "held",
 * "revitalized" marks "revitalization"), neighbouring words joined into one stretch.
 */
export function sharedWords(text: string, claimKeys: ReadonlySet<string>): TextMark[] {
  const marks: TextMark[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
    const key = termKey(m[0]);
    if (!key || !claimKeys.has(key)) continue;
    const start = m.index;
    const end = start + m[0].length;
    const last = marks.at(-1);
    if (last && /^\s+$/.test(text.slice(last.end, start))) last.end = end;
    else marks.push({ start, end });
  }
  return marks;
}

/**
 * "Find sources": the sentences of the articles that bear on the claims of a message (see
 * `claimsOf`), best first, each claim's best sentence before any claim's second, with the words the
 * message and the sentence share marked. Empty ("the articles say nothing about this") when no
 * sentence bears on any claim.
 */
export function claim(engine: Engine, rawMessage = '', page: PageOptions = {}): Answer {
  return claimIn(engine, rawMessage, page);
}

/**
 * "Find sources" over a corpus: an engine's, or a collection's parts read as one (`unionCorpus`), so
 * that every part's sentences are weighed together.
 */
export function claimIn(engine: RankedCorpus, rawMessage = '', page: PageOptions = {}): Answer {
  const claims = claimsOf(rawMessage);
  const query = claims.join(' ');
  // Nothing is suggested instead: a claim is not a search to reword.
  const none = () => [];
  if (!claims.length) return pageFrom('claim', query, page, NO_ITEMS, none);
  const perClaim = claims.map((c) => sentencesForClaim(engine, c));
  const order: ClaimHit[] = [];
  const seen = new Set<string>();
  for (let rank = 0; perClaim.some((hits) => rank < hits.length); rank++)
    for (const hits of perClaim) {
      const hit = hits[rank];
      if (hit && !seen.has(hit.id)) {
        seen.add(hit.id);
        order.push(hit);
      }
    }
  const keys = new Set(claims.flatMap(termKeys));
  return pageFrom(
    'claim',
    query,
    page,
    {
      count: order.length,
      at: (i) => {
        const hit = order[i] as ClaimHit;
        const item: AnswerItem = itemOf(engine, null, null, [hit.id], hit.share);
        return { ...item, marks: sharedWords(item.text, keys) };
      },
    },
    none,
  );
}
