import type { EntityKind } from '../extract/entities.ts';
import type { SentenceFeatures } from '../extract/knowledge.ts';
import { tagSentence } from '../extract/tagger.ts';
import { isFunctionWord, isRoleNoun } from '../lexicon/wordClasses.ts';
import { termKey } from '../text/terms.ts';
import { countedNoun } from './counts.ts';
import { type ParsedQuestion, type QuestionType, TYPED_QUESTIONS } from './question.ts';
import { gapBefore, type Span, type SpanKind, spansOf, type Token, tokensOf } from './spans.ts';

/** The stretch of a sentence that answers a question, with how well it fits (0 to 1). */
export interface ScoredSpan {
  kind: SpanKind;
  start: number;
  end: number;
  fit: number;
}

/** How well each shape of span answers each type of question (1: what is asked; 0: never). */
const KIND_FIT: Record<QuestionType, Partial<Record<SpanKind, number>>> = {
  who: { name: 1, phrase: 0.25 },
  where: { name: 1, phrase: 0.25 },
  when: { date: 1, number: 0.3, name: 0.4, phrase: 0.2 },
  quantity: { number: 1, date: 0.2 },
  name: { quote: 1, name: 0.8, phrase: 0.6 },
  what: { name: 0.6, phrase: 0.6, number: 0.4, date: 0.4, quote: 0.5 },
  why: { phrase: 0.6 },
  yesno: {},
};

/**
 * "What company ...", "which series ...": a thing of a named class, which the articles mostly call by
 * its name ("Mutual", "Grey's Anatomy"). squad-dev span F1 +0.018 against the bare what-fit.
 */
const WHAT_THING_FIT: Partial<Record<SpanKind, number>> = {
  name: 1,
  quote: 0.8,
  phrase: 0.5,
  number: 0.5,
  date: 0.5,
};

/** What the span finder reads of a sentence besides its text. */
export interface SpanReading {
  /** What the sentence names (people, places, dates ...). */
  features: SentenceFeatures;
  /** The kind of a name as the articles use it ("Kenya": place), or undefined when it is no known name. */
  kindOf?: (name: string) => EntityKind | undefined;
  /** By offset: words that do not stand inside an answer phrase (verbs, adverbs ...: the tagger's). */
  breaks?: ReadonlySet<number>;
  /** By offset: the nouns and numbers; given them, an answer phrase must hold one. */
  nouns?: ReadonlySet<number>;
  /**
   * Nearness read over every question word the sentence holds (each word's distance to the span),
   * not from the nearest one alone: the sliding-window score of Rajpurkar et al. (2016). For the
   * answer shown, not for ranking.
   */
  window?: boolean;
}

/**
 * How well a known name of each kind answers who, where and when: a place is a weak who-answer (a
 * country can win a war), a person no where-answer, a body a fair one ("at Harvard University"), and
 * a name of any kind a poor when-answer. Other questions and unknown names keep the sentence's fit.
 */
const NAME_FIT: Partial<Record<QuestionType, Record<EntityKind, number>>> = {
  who: { person: 1, organization: 1, group: 1, place: 0.5 },
  where: { place: 1, organization: 0.7, person: 0.3, group: 0.3 },
  when: { place: 0.25, organization: 0.25, person: 0.25, group: 0.25 },
};

/**
 * The kind of a name, or of its longest known tail when a title or description leads it ("Dr.
 * Barnett Slepian", "Philippine President Joseph Estrada": the head of a name comes last).
 */
function kindOfName(name: string, kindOf: SpanReading['kindOf']): EntityKind | undefined {
  if (!kindOf) return undefined;
  for (let tail = name; ; ) {
    const kind = kindOf(tail);
    if (kind) return kind;
    const space = tail.indexOf(' ');
    if (space < 0) return undefined;
    tail = tail.slice(space + 1);
  }
}

/** How well a name answers: by the kind the articles give it when they know it, else by its sentence. */
function nameFit(type: QuestionType, name: string, reading: SpanReading): number {
  const kind = kindOfName(name, reading.kindOf);
  const fit = kind ? NAME_FIT[type]?.[kind] : undefined;
  return fit ?? featureFit(type, reading.features);
}

/** A sentence naming the kind of thing asked for makes its names a better fit (a person for who). */
function featureFit(type: QuestionType, features: SentenceFeatures): number {
  switch (type) {
    case 'who':
      return features.person || features.organization || features.group ? 1 : 0.6;
    case 'where':
      return features.place ? 1 : 0.6;
    default:
      return 1;
  }
}

/** Prepositions that introduce the kind of answer a question asks for. */
const INTRODUCES: Partial<Record<QuestionType, string[]>> = {
  where: ['in', 'at', 'near', 'from', 'to', 'into', 'across', 'outside', 'inside', 'throughout'],
  when: ['in', 'on', 'since', 'during', 'until', 'by', 'before', 'after'],
  who: ['by'],
};

/** How many words away from the question's words an answer's fit falls to half (plus one). */
const REACH = 4;
/**
 * The same for a date answering when: a date is an adjunct that stands anywhere in its clause ("A
 * conference on ... was held Monday"). squad-dev: top-1 and span EM +0.001 against REACH.
 */
const DATE_REACH = 8;

/** How well a capitalized word inside a quotation (a title, a slogan) answers who, where or when. */
const QUOTED_NAME_FIT = 0.3;

/**
 * In the window nearness: how many words a semicolon, colon or dash between a question word and a
 * span adds to their distance (another clause). squad-dev span F1 +0.002 (2: +0.001, 10: +0.001).
 */
const BARRIER = 4;
/**
 * In the window nearness: the weight of the noun a "what X" question asks about against each other
 * question word ("what vessel ...": the answer stands by "vessel"). squad-dev span F1 +0.005 (2: +0.004,
 * 8: +0.003).
 */
const FOCUS_WEIGHT = 4;

/** The longest answer phrase, in words; a longer phrase is cut to the words nearest the question's. */
const MAX_PHRASE = 6;

/**
 * The span of a sentence that best answers a question: of the shape the question asks for (a name for
 * who and where, a date for when, a number for how many), not made of the question's own words, and
 * close to where the sentence matches them. Phrases are cut at the question's words, so "known in
 * English as Amazonia" offers "Amazonia". Given the tagger's `breaks` (verbs, adverbs, ...) phrases are
 * also cut there, and given its `nouns` a phrase must hold a noun or number; given `kindOf`, a name
 * the articles know as a person, body or place fits the question by that kind. Null when no span fits
 * (a yes/no question, say).
 */
export function bestSpan(
  question: Pick<ParsedQuestion, 'type' | 'focus'>,
  questionKeys: ReadonlySet<string>,
  text: string,
  tokens: Token[],
  reading: SpanReading,
): ScoredSpan | null {
  const { breaks, nouns } = reading;
  const type = question.type;
  const focusKey = question.focus ? termKey(question.focus) : null;
  const fits =
    reading.window && type === 'what' && focusKey ? (WHAT_THING_FIT as typeof KIND_FIT.what) : KIND_FIT[type];
  const anchors: number[] = [];
  tokens.forEach((t, i) => {
    if (t.key && questionKeys.has(t.key)) anchors.push(i);
  });
  // Each question word the sentence holds, and where.
  const placesOf = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    if (t.key && questionKeys.has(t.key)) placesOf.set(t.key, [...(placesOf.get(t.key) ?? []), i]);
  });
  // Clauses: a semicolon, colon or dash between two words puts them farther apart.
  const clause = new Int32Array(tokens.length);
  for (let i = 1; i < tokens.length; i++)
    clause[i] = (clause[i - 1] as number) + (/[;:—–]|\s-\s/.test(gapBefore(text, tokens, i)) ? 1 : 0);
  const windowNearness = (span: Span, reach: number) => {
    let sum = 0;
    let weights = 0;
    for (const [key, places] of placesOf) {
      const weight = key === focusKey ? FOCUS_WEIGHT : 1;
      weights += weight;
      let d = Number.POSITIVE_INFINITY;
      for (const a of places)
        d = Math.min(
          d,
          (a < span.first ? span.first - a : a > span.last ? a - span.last : 0) +
            (clause[a] === clause[span.first] ? 0 : BARRIER),
        );
      sum += weight / (1 + Math.max(0, d - 1) / reach);
    }
    return sum / weights;
  };
  const distance = (span: Span) => {
    let d = Number.POSITIVE_INFINITY;
    for (const a of anchors)
      d = Math.min(d, a < span.first ? span.first - a : a > span.last ? a - span.last : 0);
    return d;
  };
  const freshShare = (span: Span) => {
    let content = 0;
    let fresh = 0;
    for (let i = span.first; i <= span.last; i++) {
      const key = tokens[i]?.key;
      if (!key) continue;
      content++;
      if (!questionKeys.has(key)) fresh++;
    }
    return { content, fresh };
  };
  // A span mostly of the question's own words is what the question says, not its answer.
  const mostlyAsked = ({ content, fresh }: { content: number; fresh: number }) =>
    content > 0 && fresh / content < 0.5;
  const spans = spansOf(text, tokens, breaks);
  // A name the question itself gives ("Dr. Barnett Slepian" for "who shot Barnett Slepian?"): no
  // phrase holds a leftover of it ("Dr.").
  const asked = new Set<number>();
  for (const span of spans)
    if (span.kind === 'name' && mostlyAsked(freshShare(span)))
      for (let i = span.first; i <= span.last; i++) asked.add(i);
  // "Who is Doris Meissner?": the answer is what the sentence calls her.
  if (type === 'who') {
    const description = descriptionOf(spans, tokens, text, questionKeys);
    if (description) return description;
  }
  // Words inside double quotes: a title or slogan, whose capitalized words name no one and nowhere.
  const quoted = new Set<number>();
  for (const span of spans)
    if (span.kind === 'quote') for (let i = span.first; i <= span.last; i++) quoted.add(i);
  const nameFitAt = (span: Span) => {
    if (quoted.has(span.first) && type !== 'name' && type !== 'what') return QUOTED_NAME_FIT;
    // "Party members": a capitalized word that opens a longer name the articles know takes its kind.
    for (let k = 1; k <= 2 && reading.kindOf; k++) {
      const next = tokens[span.last + k];
      if (!next || /^\p{Lu}/u.test(next.text) || !/^\s+$/.test(gapBefore(text, tokens, span.last + k))) break;
      const kind = reading.kindOf(text.slice(span.start, next.end));
      const fit = kind ? NAME_FIT[type]?.[kind] : undefined;
      if (fit !== undefined) return fit;
    }
    return nameFit(type, text.slice(span.start, span.end), reading);
  };
  let best: ScoredSpan | null = null;
  let bestScore = 0;
  const consider = (span: Span) => {
    const kindFit = fits[span.kind] ?? 0;
    if (kindFit === 0) return;
    // A phrase answer holds a noun or a number ("early", "along" alone answer nothing).
    if (nouns && span.kind === 'phrase') {
      let noun = false;
      for (let i = span.first; i <= span.last; i++) if (nouns.has((tokens[i] as Token).start)) noun = true;
      if (!noun) return;
    }
    const share = freshShare(span);
    if (span.kind !== 'number' && span.kind !== 'date' && share.fresh === 0) return;
    if (mostlyAsked(share)) return;
    const d = anchors.length ? distance(span) : 8;
    // "in Changchun", "since 1999": a place or time is usually introduced by a preposition that says so.
    const lead = (tokens[span.first - 1]?.text ?? '').toLowerCase();
    const introduced = (INTRODUCES[type] ?? []).includes(lead) ? 1.5 : 1;
    // A date, or a name introduced as a place ("held ... in Changchun"), is an adjunct that stands
    // anywhere in its clause.
    const adjunct =
      (span.kind === 'date' && type === 'when') ||
      (span.kind === 'name' && type === 'where' && introduced > 1);
    const reach = adjunct ? DATE_REACH : REACH;
    const nearness =
      reading.window && placesOf.size > 0
        ? windowNearness(span, reach)
        : 1 / (1 + Math.max(0, d - 1) / reach);
    const brevity = span.kind === 'phrase' ? 1 / (1 + Math.max(0, span.last - span.first - 1) / 6) : 1;
    // "over 50 countries" for "how many countries": the number counts the very thing asked about.
    const counts =
      span.kind === 'number' && focusKey && countedNoun(text, tokens, span.last)?.key === focusKey ? 1.5 : 1;
    const score =
      kindFit * nearness * brevity * introduced * counts * (span.kind === 'name' ? nameFitAt(span) : 1);
    if (score > bestScore) {
      bestScore = score;
      best = { kind: span.kind, start: span.start, end: span.end, fit: score };
    }
  };
  for (const span of spans) {
    if (span.kind !== 'phrase') {
      consider(span);
      continue;
    }
    // A phrase is split at the question's own words and names: the answer is what the question does not say.
    let from = span.first;
    for (let i = span.first; i <= span.last + 1; i++) {
      const key = i <= span.last ? tokens[i]?.key : null;
      if (i > span.last || (key && questionKeys.has(key)) || asked.has(i)) {
        if (i > from) {
          const last = Math.min(i - 1, from + MAX_PHRASE - 1);
          consider({
            kind: 'phrase',
            first: from,
            last,
            start: (tokens[from] as Token).start,
            end: (tokens[last] as Token).end,
          });
        }
        from = i + 1;
      }
    }
  }
  return best;
}

/** The longest description read before a name ("anti-abortion activist"), in words. */
const MAX_TITLE = 4;
/** The longest description read after a name, between commas ("a U.S. fugitive on ..."), in words. */
const MAX_APPOSITIVE = 12;

/**
 * What a sentence calls the person or body a question names and asks no more of ("who is Doris
 * Meissner?"): the words after the name between commas ("James Kopp, a U.S. fugitive on the FBI's
 * most wanted list,"), else the title or description right before it ("INS Commissioner Doris
 * Meissner", "anti-abortion activist James Kopp"). Null when the question says more than a name, or
 * the sentence gives the name no description.
 */
function descriptionOf(
  spans: Span[],
  tokens: Token[],
  text: string,
  questionKeys: ReadonlySet<string>,
): ScoredSpan | null {
  if (questionKeys.size === 0) return null;
  const gap = (i: number) => gapBefore(text, tokens, i);
  for (const name of spans) {
    if (name.kind !== 'name') continue;
    const keys = new Set<string>();
    let firstAsked = -1;
    for (let i = name.first; i <= name.last; i++) {
      const key = tokens[i]?.key;
      if (key && questionKeys.has(key)) {
        keys.add(key);
        if (firstAsked < 0) firstAsked = i;
      }
    }
    if (keys.size < questionKeys.size) continue;
    // After the name, between commas.
    const next = name.last + 1;
    if (
      next < tokens.length &&
      /^\s*,\s*$/.test(gap(next)) &&
      !/^(?:who|which|that)$/i.test(tokens[next]?.text ?? '')
    ) {
      let last = next;
      while (last + 1 < tokens.length && last + 1 - next < MAX_APPOSITIVE && /^[\s-]*$/.test(gap(last + 1)))
        last++;
      if (last + 1 >= tokens.length || /[,;:()—–]|--/.test(gap(last + 1)))
        return {
          kind: 'phrase',
          start: (tokens[next] as Token).start,
          end: (tokens[last] as Token).end,
          fit: 1,
        };
    }
    // Before the name: its title inside the name, up to a role ("Philippine President", not the
    // given name "Joseph"), else the lower-case words just before it ("anti-abortion activist").
    let end = firstAsked - 1;
    while (end >= name.first && !isRoleNoun(tokens[end]?.text ?? '')) end--;
    let first = end >= name.first ? name.first : firstAsked;
    if (end < name.first) {
      first = name.first;
      end = first - 1;
      while (
        first > 0 &&
        end - first + 1 < MAX_TITLE &&
        tokens[first - 1]?.key &&
        (first - 1 === 0 || !/^\p{Lu}/u.test(tokens[first - 1]?.text ?? '')) &&
        /^\s+$/.test(gap(first))
      )
        first--;
    }
    if (first <= end)
      return {
        kind: 'phrase',
        start: (tokens[first] as Token).start,
        end: (tokens[end] as Token).end,
        fit: 1,
      };
  }
  return null;
}

/** Parts of speech that do not stand inside an answer phrase. */
const NOT_IN_PHRASE = ['Verb', 'Adverb', 'Pronoun', 'Preposition', 'Conjunction', 'Determiner'];

/**
 * The best span again, with phrases cut at verbs and adverbs as compromise tags them ("proved
 * difficult to resolve" offers "difficult", not "proved"). Costs a tagger run (remembered for recent
 * sentences), so it is for the sentences shown, not for every candidate, and only for questions
 * whose answer is a phrase.
 */
export function tunedSpan(
  question: Pick<ParsedQuestion, 'type' | 'focus'> & Partial<Pick<ParsedQuestion, 'words'>>,
  questionKeys: ReadonlySet<string>,
  text: string,
  reading: Pick<SpanReading, 'features' | 'kindOf'>,
): ScoredSpan | null {
  const tokens = tokensOf(text);
  // Names, dates and numbers are read from their shape; only phrase answers need the tagger.
  const shown = { ...reading, window: true };
  const span = TYPED_QUESTIONS.has(question.type)
    ? bestSpan(question, questionKeys, text, tokens, shown)
    : bestSpan(question, questionKeys, text, tokens, { ...shown, ...phraseWordsOf(text) });
  // A plural focus ("what crops", "which provinces"): its word in the question is not its dictionary form.
  const focusWord = question.words?.find((w) => w.root === question.focus)?.text.toLowerCase();
  const plural = !!focusWord && focusWord !== question.focus && /s$/.test(focusWord);
  return span && tidySpan(question.type, text, tokens, span, question.focus, plural, questionKeys);
}

/**
 * The span shown, made whole and minimal as readers mark answers: a piece of a name grows to the
 * whole name ("Night Movie" of "ABC Sunday Night Movie": a phrase is cut at the question's words);
 * a name loses what leads it without being part of it: a sentence's opening preposition ("Until the
 * All-Channel Receiver Act"), and for who a title or role
 * before the name ("American actor Eric Roberts").
 */
export function tidySpan(
  type: QuestionType,
  text: string,
  tokens: Token[],
  span: ScoredSpan,
  focus: string | null = null,
  plural = false,
  questionKeys: ReadonlySet<string> = new Set(),
): ScoredSpan {
  let first = tokens.findIndex((t) => t.start >= span.start);
  let last = tokens.findLastIndex((t) => t.end <= span.end);
  if (first < 0 || last < first) return span;
  // (Not for who: "Governor" of "Governor Ines Calder" describes the person the question names.)
  if (type !== 'who' && (span.kind === 'phrase' || span.kind === 'name')) {
    const whole = spansOf(text, tokens).find(
      (s) => s.kind === 'name' && s.first <= first && s.last >= last && (s.first < first || s.last > last),
    );
    if (whole) {
      first = whole.first;
      last = whole.last;
      span = { ...span, kind: 'name', end: whole.end };
    }
  }
  const capital = (i: number) => /^\p{Lu}/u.test(tokens[i]?.text ?? '');
  const spaced = (i: number) => /^\s+$/.test(gapBefore(text, tokens, i));
  // "Until the All-Channel Receiver Act", "During the Oligocene": an opening function word before a
  // name ("over 200 leaders" keeps its "over").
  const opening = first;
  const article = (i: number) => /^(?:the|a|an)$/i.test(tokens[i]?.text ?? '');
  while (
    first < last &&
    isFunctionWord(tokens[first]?.text ?? '') &&
    (capital(first + 1) || (article(first + 1) && capital(first + 2)))
  )
    first++;
  if (first > opening && first < last && article(first)) first++;
  // "American actor Eric Roberts", "CEO Michael Eisner": for who, the name without its title.
  if (type === 'who') {
    for (let k = last - 1; k >= first; k--) {
      const word = tokens[k]?.text ?? '';
      // A role in lower case ("actor"), or opening the sentence ("Economist Thomas Piketty").
      const role = (k === 0 || !capital(k)) && isRoleNoun(word);
      if (role && capital(k + 1) && spaced(k + 1)) {
        first = k + 1;
        break;
      }
    }
  }
  let end = span.end;
  // "Laverne & Shirley", "Mork & Mindy": two names joined by an ampersand are one.
  if (span.kind === 'name') {
    const amp = (i: number) => /^\s*&\s*$/.test(gapBefore(text, tokens, i));
    while (
      first > 0 &&
      amp(first) &&
      capital(first - 1) &&
      !COMPANY_ENDINGS.test(tokens[first]?.text ?? '')
    ) {
      first--;
      while (first > 0 && capital(first - 1) && spaced(first)) first--;
    }
    if (
      last + 1 < tokens.length &&
      amp(last + 1) &&
      capital(last + 1) &&
      !COMPANY_ENDINGS.test(tokens[last + 1]?.text ?? '')
    ) {
      last++;
      while (last + 1 < tokens.length && capital(last + 1) && spaced(last + 1)) last++;
      end = (tokens[last] as Token).end;
    }
  }
  if (span.kind === 'name' && POSSESSIVE_END.test(text.slice(span.start, span.end)) === false) {
    // "Maria de la Queillerie", "Caris & Co.", "Sports Programs, Inc.": a name goes on past small
    // lower-case words of names and a company's ending.
    let k = last + 1;
    while (k < tokens.length && NAME_PARTICLES.test(tokens[k]?.text ?? '') && spaced(k)) k++;
    if (k > last + 1 && k < tokens.length && capital(k) && spaced(k)) {
      last = k;
      end = (tokens[k] as Token).end;
    } else if (
      last + 1 < tokens.length &&
      /^(?:\s*&\s*|,\s*)$/.test(gapBefore(text, tokens, last + 1)) &&
      COMPANY_ENDINGS.test(tokens[last + 1]?.text ?? '')
    ) {
      last++;
      end = (tokens[last] as Token).end;
      if (/^\.$/.test(text.slice(end, end + 1)) && /\.\s+\S/.test(text.slice(end, end + 3))) end++;
    }
  }
  // "1621 and 1629", "1562 to 1598": a range of years is one answer.
  if (span.kind === 'date' && YEAR.test(tokens[last]?.text ?? '')) {
    const joiner = tokens[last + 1]?.text ?? '';
    if (/^(?:to|and|until|till|through)$/i.test(joiner) && YEAR.test(tokens[last + 2]?.text ?? '')) {
      last += 2;
      end = (tokens[last] as Token).end;
    }
  }
  // "what crops are grown ...?": a plural question takes the whole list its answer stands in, unless
  // the other items are the question's own ("along with A and B, what ...?").
  if (plural && span.kind !== 'date' && span.kind !== 'number') {
    const list = listAround(text, tokens, first, last);
    const own = (i: number) => !!tokens[i]?.key && questionKeys.has(tokens[i]?.key as string);
    if (
      list &&
      !tokens.some((_, i) => i >= list.first && i <= list.last && (i < first || i > last) && own(i))
    ) {
      first = Math.min(first, list.first);
      if (list.last > last) {
        last = list.last;
        end = (tokens[last] as Token).end;
      }
    }
  }
  // "in what year ...?": the year of a date ("1969" of "September 1969").
  if (span.kind === 'date' && focus === 'year') {
    const years = tokens.slice(first, last + 1).filter((t) => YEAR.test(t.text));
    const [year] = years;
    if (year && years.length === 1) return { ...span, start: year.start, end: year.end };
  }
  return { ...span, start: (tokens[first] as Token).start, end };
}

/** The longest item of a list the span grows over, in words. */
const MAX_LIST_ITEM = 4;

/**
 * The list ("A, B, C and D", "A and B") that the words first..last are an item of, or null: items of
 * content words (at most MAX_LIST_ITEM, no adverb in -ly), joined by commas and a last "and"/"or".
 */
function listAround(
  text: string,
  tokens: Token[],
  first: number,
  last: number,
): { first: number; last: number } | null {
  const word = (i: number) => tokens[i]?.text ?? '';
  const content = (i: number) =>
    i >= 0 &&
    i < tokens.length &&
    (tokens[i]?.key !== null || /^\p{Lu}/u.test(word(i))) &&
    !/ly$/i.test(word(i));
  const gap = (i: number) => (i > 0 && i < tokens.length ? gapBefore(text, tokens, i) : '');
  const joiner = (i: number) => /^(?:and|or)$/i.test(word(i));
  const spacedGap = (i: number) => /^\s+$/.test(gap(i));
  const comma = (i: number) => /^\s*,\s*$/.test(gap(i));
  const itemLeft = (end: number) => {
    if (!content(end)) return -1;
    let k = end;
    while (k - 1 >= 0 && end - k + 1 < MAX_LIST_ITEM && spacedGap(k) && content(k - 1) && !joiner(k - 1)) k--;
    return k;
  };
  const itemRight = (start: number) => {
    if (!content(start)) return -1;
    let k = start;
    while (
      k + 1 < tokens.length &&
      k - start + 1 < MAX_LIST_ITEM &&
      spacedGap(k + 1) &&
      content(k + 1) &&
      !joiner(k + 1)
    )
      k++;
    return k;
  };
  const andAhead = (k: number) => {
    for (let i = k + 1; i < tokens.length && i - k < 30; i++) {
      if (joiner(i)) return true;
      if (!content(i) || !(spacedGap(i) || comma(i))) return false;
    }
    return false;
  };
  let from = first;
  let to = last;
  let joined = false;
  for (;;) {
    if (comma(from) && content(from - 1)) {
      const k = itemLeft(from - 1);
      if (k < 0) break;
      from = k;
    } else if (
      !joined &&
      joiner(from - 1) &&
      spacedGap(from) &&
      /^\s*,?\s*$/.test(gap(from - 1)) &&
      content(from - 2)
    ) {
      const k = itemLeft(from - 2);
      if (k < 0) break;
      from = k;
      joined = true;
    } else break;
  }
  while (!joined) {
    if (joiner(to + 1) && /^\s*,?\s*$/.test(gap(to + 1)) && spacedGap(to + 2)) {
      const k = itemRight(to + 2);
      if (k < 0) break;
      to = k;
      joined = true;
    } else if (comma(to + 1) && content(to + 1) && !joiner(to + 1)) {
      const k = itemRight(to + 1);
      if (k < 0 || !andAhead(k)) break;
      to = k;
    } else break;
  }
  if (!joined || to - from > 24) return null;
  return { first: from, last: to };
}

/** A year. */
const YEAR = /^(?:1[0-9]{3}|20[0-9]{2})$/;
/** A name's possessive ending, which the name is cut before. */
const POSSESSIVE_END = /['’]s$/;
/** Lower-case words inside personal names ("de la", "van der", "bin"). */
const NAME_PARTICLES = /^(?:de|la|le|du|des|del|della|van|von|der|den|da|di|bin|ibn|al|el)$/;
/** What ends a company's name after "&" or a comma ("& Co.", ", Inc."). */
const COMPANY_ENDINGS = /^(?:Co|Inc|Ltd|Corp|LLC|plc|Company|Sons)\.?$/;

/** Recently tagged sentences (at most TAGGED entries, oldest dropped): answers repeat their sentences. */
const TAGGED = 5_000;
const tagged = new Map<string, PhraseWords>();

/** By offset: the words that do not stand inside an answer phrase, and the nouns and numbers. */
interface PhraseWords {
  /** Verbs, adverbs, pronouns, prepositions, conjunctions, determiners (not also nouns). */
  breaks: ReadonlySet<number>;
  /** Nouns and numbers: an answer phrase holds one ("the highest", not "early" or "along"). */
  nouns: ReadonlySet<number>;
}

/** The words of a sentence that break answer phrases, and its nouns, by offset (tagged once, remembered). */
function phraseWordsOf(text: string): PhraseWords {
  let words = tagged.get(text);
  if (!words) {
    const breaks = new Set<number>();
    const nouns = new Set<number>();
    for (const token of tagSentence(text)) {
      const isNoun = token.tags.has('Noun') || token.tags.has('Value');
      if (isNoun) nouns.add(token.start);
      if (!isNoun && !token.tags.has('Adjective') && NOT_IN_PHRASE.some((tag) => token.tags.has(tag)))
        breaks.add(token.start);
    }
    if (tagged.size >= TAGGED) tagged.delete(tagged.keys().next().value as string);
    words = { breaks, nouns };
    tagged.set(text, words);
  }
  return words;
}
