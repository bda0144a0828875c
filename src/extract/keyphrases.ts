import { isPersonNoun } from '../lexicon/wordClasses.ts';
import { STOP_WORDS, termKey } from '../text/terms.ts';
import { joinsNext, type Token } from './tagger.ts';
import type { TaggedSentence, Theme } from './themes.ts';

/** Words this close in the text (counting every word) are linked in the word graph. */
const WINDOW = 10;
/** PageRank's damping factor and iterations. */
const DAMPING = 0.85;
const ITERATIONS = 40;
/**
 * How much more a phrase counts when the article lists it among three or more ("technological
 * innovation, grain production, energy transition and ..."): news states its subjects that way (a
 * list of people, "diplomats and business representatives", names who came, not a subject).
 */
const LISTED = 2;
/**
 * How much a phrase counts when it is (part of) a name /who or /where lists ("CPC Central Committee")
 * and the article's title does not name it: the list of themes is for what the article is about, the
 * lists of names for who and where. A name the title holds is the subject itself ("northeast China").
 */
export const NAME_SHARE = 0.5;
/**
 * How much more an item counts (besides LISTED) when a word for subjects leads its list ("in the
 * fields of A, B and C", "on issues such as A, B and C"): there the article names its subjects.
 */
const SUBJECTS = 2;
/** Nouns that, just before a list, say its items are subjects (fields, areas, topics ...), by their keys. */
const SUBJECT_NOUNS = new Set(
  ['field', 'area', 'sector', 'domain', 'sphere', 'topic', 'subject', 'issue', 'theme'].map(
    (w) => termKey(w) as string,
  ),
);
/** How many words before a list's first item are read for a word for subjects ("the fields of"). */
const LEAD_WORDS = 3;
/** The longest key phrase, in words. */
const MAX_WORDS = 3;

/** Whether a word may be part of a key phrase: an adjective or a noun (names included), not a number or a function word. */
function keyWord(token: Token | undefined): boolean {
  if (!token) return false;
  const t = token.tags;
  if (!(t.has('Noun') || t.has('Adjective'))) return false;
  if (t.has('Pronoun') || t.has('Determiner') || t.has('Value') || t.has('Date') || t.has('Possessive'))
    return false;
  if (t.has('Preposition') || t.has('Conjunction') || t.has('QuestionWord')) return false;
  if (!/^\p{L}[\p{L}'.-]*$/u.test(token.text)) return false;
  return !STOP_WORDS.has(token.text.toLowerCase()) && termKey(token.text) !== null;
}

/** Whether a word ends a key phrase: a noun. */
function noun(token: Token | undefined): boolean {
  return token?.tags.has('Noun') === true;
}

/** A candidate key phrase: its words' keys, its forms and the sentences holding it. */
interface Candidate {
  keys: string[];
  /** A name: every word a proper noun. */
  proper: boolean;
  /** Named as one item of an enumeration. */
  listed: boolean;
  /** Named as one item of an enumeration that a word for subjects leads ("the fields of A, B and C"). */
  subject: boolean;
  forms: Map<string, number>;
  sentenceIds: Set<string>;
}

/**
 * An article's key phrases by PositionRank (Florescu and Caragea, ACL 2017): adjectives and nouns form
 * a word graph (linked when within WINDOW words), PageRank runs biased towards words that occur early
 * and often (each occurrence adds 1/position), and a candidate phrase (adjectives then nouns, at most
 * MAX_WORDS words, never crossing punctuation) scores the sum of its words. Names count: readers name
 * "Ben Johnson" or "Census Bureau" as key phrases. A phrase and its stemmed repeats are one theme.
 */
export function positionRank(
  sentences: readonly TaggedSentence[],
  limit: number,
  about: { names?: readonly string[]; title?: string } = {},
): Theme[] {
  const bias = new Map<string, number>();
  const links = new Map<string, Map<string, number>>();
  const candidates = new Map<string, Candidate>();
  let position = 0;
  const window: Array<{ key: string; at: number }> = [];
  for (const sentence of sentences) {
    const tokens = sentence.tokens;
    for (const token of tokens) {
      position++;
      const key = keyWord(token) ? (termKey(token.text) as string) : null;
      if (!key) continue;
      bias.set(key, (bias.get(key) ?? 0) + 1 / position);
      while (window.length && (window[0]?.at ?? 0) <= position - WINDOW) window.shift();
      for (const other of window) {
        if (other.key === key) continue;
        link(links, key, other.key);
        link(links, other.key, key);
      }
      window.push({ key, at: position });
    }
    collectCandidates(sentence, candidates);
  }
  const scores = pageRank(bias, links);
  const named = nameKeys(about.names ?? []);
  const title = new Set(keysOf(about.title ?? ''));
  const ranked = [...candidates.values()]
    .map((c) => ({
      c,
      score:
        c.keys.reduce((sum, k) => sum + (scores.get(k) ?? 0), 0) *
        (c.listed ? LISTED : 1) *
        (c.subject ? SUBJECTS : 1) *
        (fragmentOfName(c.keys, named) && !c.keys.every((k) => title.has(k)) ? NAME_SHARE : 1),
    }))
    .sort((a, b) => b.score - a.score);
  // A lone name word ("Brooks") under a fuller name already ranked above it ("Helen Brooks") is the same theme.
  const names: string[][] = [];
  const kept = ranked.filter(({ c }) => {
    if (c.keys.length === 1 && c.proper && names.some((keys) => keys.includes(c.keys[0] as string)))
      return false;
    if (c.proper && c.keys.length > 1) names.push(c.keys);
    return true;
  });
  return kept.slice(0, limit).map(({ c, score }) => {
    const forms = [...c.forms.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f);
    return {
      phrase: forms[0] ?? c.keys.join(' '),
      variants: forms.slice(1),
      score: Math.round(score * 1e6) / 1e6,
      sentenceIds: [...c.sentenceIds],
    };
  });
}

function keysOf(text: string): string[] {
  return text.split(/[^\p{L}\p{N}'-]+/u).flatMap((w) => {
    const key = w ? termKey(w) : null;
    return key ? [key] : [];
  });
}

/** The keys of each name, joined by spaces (for a look-up of the phrases inside them). */
function nameKeys(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => ` ${keysOf(n).join(' ')} `))];
}

/**
 * Whether a phrase is a part of a longer name and no name itself: "CPC Central Committee" of
 * "International Department of the CPC Central Committee".
 */
function fragmentOfName(keys: readonly string[], names: readonly string[]): boolean {
  const phrase = ` ${keys.join(' ')} `;
  return names.some((name) => name.includes(phrase)) && !names.includes(phrase);
}

function link(links: Map<string, Map<string, number>>, from: string, to: string): void {
  let out = links.get(from);
  if (!out) {
    out = new Map();
    links.set(from, out);
  }
  out.set(to, (out.get(to) ?? 0) + 1);
}

/** Biased PageRank over the word graph (weighted, undirected). */
function pageRank(bias: Map<string, number>, links: Map<string, Map<string, number>>): Map<string, number> {
  const total = [...bias.values()].reduce((a, b) => a + b, 0) || 1;
  const teleport = new Map([...bias].map(([k, v]) => [k, v / total]));
  const outWeight = new Map([...links].map(([k, out]) => [k, [...out.values()].reduce((a, b) => a + b, 0)]));
  let scores = new Map(teleport);
  for (let i = 0; i < ITERATIONS; i++) {
    const next = new Map<string, number>();
    for (const [key, p] of teleport) next.set(key, (1 - DAMPING) * p);
    for (const [from, out] of links) {
      const share = (DAMPING * (scores.get(from) ?? 0)) / (outWeight.get(from) || 1);
      for (const [to, weight] of out) next.set(to, (next.get(to) ?? 0) + share * weight);
    }
    scores = next;
  }
  return scores;
}

/** The candidate phrases of a sentence: runs of key words ending in a noun, cut to their last MAX_WORDS words. */
function collectCandidates(sentence: TaggedSentence, candidates: Map<string, Candidate>): void {
  const tokens = sentence.tokens;
  const found: Array<{ candidate: Candidate; from: number; to: number }> = [];
  let i = 0;
  while (i < tokens.length) {
    if (!keyWord(tokens[i])) {
      i++;
      continue;
    }
    let to = i;
    while (
      to + 1 < tokens.length &&
      joinsNext(tokens[to] as Token) &&
      /^\s*$/.test(tokens[to + 1]?.pre ?? '') &&
      keyWord(tokens[to + 1])
    )
      to++;
    let end = to;
    while (end >= i && !noun(tokens[end])) end--;
    if (end >= i) {
      const from = Math.max(i, end - MAX_WORDS + 1);
      const words = tokens.slice(from, end + 1);
      const keys = words.map((t) => termKey(t.text) as string);
      const id = keys.join(' ');
      let candidate = candidates.get(id);
      if (!candidate) {
        candidate = {
          keys,
          proper: false,
          listed: false,
          subject: false,
          forms: new Map(),
          sentenceIds: new Set(),
        };
        candidates.set(id, candidate);
      }
      const form = sentence.text.slice(words[0]?.start ?? 0, words.at(-1)?.end ?? 0);
      if (words.every((t) => t.tags.has('ProperNoun'))) candidate.proper = true;
      // Forms stay verbatim; one with a sentence's capital on its first word counts only if no other exists.
      const initial = words[0]?.start === 0;
      candidate.forms.set(form, (candidate.forms.get(form) ?? 0) + (initial ? 0 : 1));
      candidate.sentenceIds.add(sentence.id);
      found.push({ candidate, from: i, to });
    }
    i = to + 1;
  }
  // A list of subjects counts; a list of who came ("foreign diplomats and business representatives") does not.
  for (const run of enumerated(tokens, found)) {
    const from = found[run[0] as number]?.from ?? 0;
    const led = tokens
      .slice(Math.max(0, from - LEAD_WORDS), from)
      .some((t) => SUBJECT_NOUNS.has(termKey(t.text) ?? ''));
    for (const n of run) {
      const { candidate } = found[n] as (typeof found)[number];
      const head = tokens[(found[n] as (typeof found)[number]).to]?.text ?? '';
      if (!candidate.proper && isPersonNoun(head)) continue;
      candidate.listed = true;
      if (led) candidate.subject = true;
    }
  }
}

/**
 * The runs of phrases that make an enumeration of three or more ("X, Y, Z and W"), each as the
 * indexes of its phrases: separated only by a comma, "and"/"or", or both.
 */
function enumerated(
  tokens: readonly Token[],
  spans: ReadonlyArray<{ from: number; to: number }>,
): number[][] {
  const items: number[][] = [];
  let run: number[] = [];
  const close = () => {
    if (run.length >= 3) items.push(run);
    run = [];
  };
  spans.forEach(({ to }, n) => {
    if (!run.length) run = [n];
    const next = spans[n + 1];
    if (!next) return;
    const gap = tokens.slice(to + 1, next.from);
    const comma = /^,\s+$/.test(tokens[to]?.post ?? '');
    const conjunction = gap.length === 1 && /^(?:and|or)$/i.test(gap[0]?.text ?? '');
    if ((comma && gap.length === 0) || conjunction) run.push(n + 1);
    else close();
  });
  close();
  return items;
}

const themeKeys = new WeakMap<Theme, string>();
const articleShares = new WeakMap<readonly Theme[], Array<{ key: string; share: number; theme: Theme }>>();

/** An article's themes with their keys and their share of its best score (remembered per article). */
function sharesOf(list: readonly Theme[]): Array<{ key: string; share: number; theme: Theme }> {
  let shares = articleShares.get(list);
  if (!shares) {
    const best = list[0]?.score || 1;
    shares = list.map((theme) => ({ key: themeKey(theme), share: theme.score / best, theme }));
    articleShares.set(list, shares);
  }
  return shares;
}

/** The key under which a theme's variants meet: its words' stems (kept per theme: a reload merges the same themes again). */
function themeKey(theme: Theme): string {
  let key = themeKeys.get(theme);
  if (key === undefined) {
    key = theme.phrase
      .split(/\s+/)
      .map((w) => termKey(w) ?? w.toLowerCase())
      .join(' ');
    themeKeys.set(theme, key);
  }
  return key;
}

/**
 * The corpus's themes from each article's own: a theme's score is the sum, over the articles that
 * rank it, of its score relative to that article's best, so a theme several articles share rises and
 * no long article drowns a short one. Forms and sentences are pooled; a phrase keeps its most used form.
 */
export function mergeThemes(lists: readonly (readonly Theme[])[], limit: number): Theme[] {
  // Scores first (one number per key); forms and sentences are pooled only for the themes kept.
  const scores = new Map<string, number>();
  for (const list of lists)
    for (const { key, share } of sharesOf(list)) scores.set(key, (scores.get(key) ?? 0) + share);
  const rounded = (score: number) => Math.round(score * 1000) / 1000;
  // The score of the last theme kept; every theme tied with it may still make the list (ties are
  // broken by phrase). Only the scores are sorted to find it.
  const sorted = Float64Array.from(scores.values()).sort();
  const last = rounded(sorted[sorted.length - limit] ?? Number.NEGATIVE_INFINITY);
  const kept = new Map<string, { score: number; members: Theme[] }>();
  for (const [key, score] of scores) if (rounded(score) >= last) kept.set(key, { score, members: [] });
  for (const list of lists) for (const { key, theme } of sharesOf(list)) kept.get(key)?.members.push(theme);
  const candidates = [...kept.values()];
  return candidates
    .map(({ score, members }) => {
      const forms = new Map<string, number>();
      const sentenceIds: string[] = [];
      for (const theme of members) {
        for (const id of theme.sentenceIds) sentenceIds.push(id);
        for (const form of [theme.phrase, ...theme.variants]) forms.set(form, (forms.get(form) ?? 0) + 1);
      }
      const ranked = [...forms.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f);
      const phrase = ranked[0] ?? (members[0] as Theme).phrase;
      return { phrase, variants: ranked.slice(1), score: rounded(score), sentenceIds };
    })
    .sort((a, b) => b.score - a.score || a.phrase.localeCompare(b.phrase))
    .slice(0, limit);
}
