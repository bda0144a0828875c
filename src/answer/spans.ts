import { isDictionaryWord, isFunctionWord } from '../lexicon/wordClasses.ts';
import { termKey } from '../text/terms.ts';

/** What a span of a sentence is: the shapes of answer a question can ask for. */
export type SpanKind = 'name' | 'number' | 'date' | 'phrase' | 'quote';

/** A word of a sentence with where it stands and its index key (null for stop words). */
export interface Token {
  text: string;
  start: number;
  end: number;
  key: string | null;
}

/** A stretch of a sentence that could answer a question, with its character offsets. */
export interface Span {
  kind: SpanKind;
  /** First and last token (inclusive). */
  first: number;
  last: number;
  start: number;
  end: number;
}

/** A word with inner apostrophes, dots, commas or hyphens between letters or digits ("5,500,000", "U.S.", "co-hosted"), and a leading currency sign or trailing percent. */
const TOKEN = /[$€£¥]?[\p{L}\p{N}]+(?:[.,'’\-–][\p{L}\p{N}]+)*\.?%?/gu;

/** The text between a token and the one before it (spaces, punctuation). */
export function gapBefore(text: string, tokens: readonly Token[], i: number): string {
  return text.slice((tokens[i - 1] as Token).end, (tokens[i] as Token).start);
}

/** A possessive ending ("Kenya's", "week’s"). */
const POSSESSIVE = /['’]s$/;

/** Splits a sentence into tokens with their offsets; a trailing dot stays only on abbreviations ("U.S.", "Oct."). */
export function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    let word = match[0];
    const start = match.index ?? 0;
    // A sentence's final period is punctuation, not part of the word (but "U.S." and "Oct." keep
    // theirs; a short word ends the sentence there: "to Election Day.", "in Rome.").
    const ending = () => /^[\s"'”’)\]]*$/u.test(text.slice(start + word.length));
    if (
      word.endsWith('.') &&
      !/^(?:\p{Lu}\.?)+$/u.test(word) &&
      (!/^\p{Lu}\p{Ll}{1,3}\.$/u.test(word) || ending())
    )
      word = word.slice(0, -1);
    tokens.push({ text: word, start, end: start + word.length, key: termKey(word.replace(/[$€£¥%]/g, '')) });
  }
  return tokens;
}

const MONTHS =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/i;
const WEEKDAYS = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i;
const NUMBER_WORDS = new Set(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen dozens hundreds thousands millions billions half quarter'.split(
    ' ',
  ),
);
const SCALE =
  /^(?:hundred|thousand|million|billion|trillion|percent|per|cent|thirds?|fourths?|fifths?|tenths?|quarters?|halves|half)$/i;
/** Small words that may stand inside a name ("Bank of China", "Food and Agriculture Organization"). */
const NAME_JOINERS = new Set(['of', 'de', 'du', 'la', 'and', 'for', 'the', 'von', 'van', 'da', 'del', '&']);
const DATE_WORDS = /^(?:century|centuries|decade|decades|bc|ad|bce|ce)$/i;
/** A day named from the day of writing: "yesterday", "tonight", "tomorrow" ("today" often means nowadays). */
const DEICTIC_DAYS = /^(?:yesterday|tonight|tomorrow)$/i;
/** "last fall", "next week", "this spring": a time told from the day of writing. */
const RELATIVE_BEFORE = /^(?:last|next|this)$/i;
const RELATIVE_UNITS = /^(?:week|weekend|month|year|fall|autumn|spring|summer|winter)$/i;

function isNumber(word: string): boolean {
  return /^[$€£¥]?\d/.test(word) || NUMBER_WORDS.has(word.toLowerCase());
}

function isYear(word: string): boolean {
  return /^(?:1[0-9]{3}|20[0-9]{2})s?$/.test(word);
}

function isOrdinal(word: string): boolean {
  return /^\d+(?:st|nd|rd|th)$/i.test(word);
}

function isDateWord(word: string): boolean {
  return MONTHS.test(word) || WEEKDAYS.test(word) || isYear(word);
}

/**
 * Whether a sentence's capitalized first word is an English word, not a name: in the dictionary with
 * or without its possessive ("Colonialism's"), a preposition or conjunction ("During", "Although"),
 * or a compound with a lower-case part ("Land-based").
 */
function isOpeningWord(word: string): boolean {
  const bare = word.replace(POSSESSIVE, '');
  return isDictionaryWord(bare) || isFunctionWord(bare) || /-\p{Ll}/u.test(bare);
}

function isCapitalized(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function span(kind: SpanKind, tokens: Token[], first: number, last: number): Span {
  return {
    kind,
    first,
    last,
    start: (tokens[first] as Token).start,
    end: (tokens[last] as Token).end,
  };
}

/**
 * The stretches of a sentence that could answer a question, by shape: dates (a month, day and year,
 * a year, a decade, "19th century", a weekday), numbers (with their scale and currency: "$2.5
 * million", "5,500,000"), names (runs of capitalized words, with "of" or "and" inside), and phrases
 * (runs of words between punctuation and stop words, and the words at `breaks`, by offset: verbs and
 * adverbs when a tagger has read the sentence). Only the shape is read, so it is cheap enough for
 * every candidate sentence.
 */
export function spansOf(
  text: string,
  tokens: Token[] = tokensOf(text),
  breaks: ReadonlySet<number> = new Set(),
): Span[] {
  const spans: Span[] = [];
  const n = tokens.length;
  const word = (i: number) => tokens[i]?.text ?? '';
  // Dates and numbers first: their tokens are not names.
  const taken = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (taken[i]) continue;
    const w = word(i);
    const day = w.replace(POSSESSIVE, '');
    const unit = word(i + 1).replace(POSSESSIVE, '');
    if (DEICTIC_DAYS.test(day) || (RELATIVE_BEFORE.test(w) && RELATIVE_UNITS.test(unit))) {
      const last = DEICTIC_DAYS.test(day) ? i : i + 1;
      const date = span('date', tokens, i, last);
      // "next week's election", "yesterday's vote": the time is next week, yesterday.
      date.end = (tokens[last] as Token).start + (last === i ? day : unit).length;
      spans.push(date);
      for (let k = i; k <= last; k++) taken[k] = 1;
      i = last;
    } else if (
      isDateWord(w) ||
      (isOrdinal(w) && DATE_WORDS.test(word(i + 1))) ||
      (/^\d{1,2}$/.test(w) && MONTHS.test(word(i + 1)))
    ) {
      let j = i;
      while (
        j + 1 < n &&
        (isDateWord(word(j + 1)) ||
          /^\d{1,2}(?:st|nd|rd|th)?$/.test(word(j + 1)) ||
          DATE_WORDS.test(word(j + 1)))
      )
        j++;
      if (MONTHS.test(w) && j === i && !/^\d/.test(word(i - 1))) {
        // A bare "May" or "march" is too often not a date.
        if (!/^\p{Lu}/u.test(w) || w.toLowerCase() === 'may') continue;
      }
      // "12 October 2024": a day number before the month joins.
      const from = i > 0 && /^\d{1,2}$/.test(word(i - 1)) && MONTHS.test(w) && !taken[i - 1] ? i - 1 : i;
      spans.push(span('date', tokens, from, j));
      for (let k = from; k <= j; k++) taken[k] = 1;
      i = j;
    } else if (isNumber(w)) {
      let j = i;
      while (j + 1 < n && (isNumber(word(j + 1)) || SCALE.test(word(j + 1)))) j++;
      // "one" alone is too often a pronoun ("one of the ...").
      if (j === i && /^(?:one|half|quarter)$/i.test(w)) continue;
      spans.push(span('number', tokens, i, j));
      for (let k = i; k <= j; k++) taken[k] = 1;
      i = j;
    }
  }
  for (let i = 0; i < n; i++) {
    if (taken[i] || !isCapitalized(word(i)) || (tokens[i]?.key === null && !/^\p{Lu}{2,}/u.test(word(i))))
      continue;
    let j = i;
    for (let k = i + 1; k < n && !taken[k]; k++) {
      // A name does not run across punctuation ("Portuguese: Floresta" is two), except its acronym
      // in brackets inside it ("Communist Party of China (CPC) Central Committee").
      const inner =
        /^\s*\($/.test(gapBefore(text, tokens, k)) &&
        /^\p{Lu}{2,6}$/u.test(word(k)) &&
        k + 1 < n &&
        /^\)\s+$/.test(gapBefore(text, tokens, k + 1)) &&
        isCapitalized(word(k + 1));
      if (inner) {
        j = k + 1;
        k++;
        continue;
      }
      if (!/^\s+$/.test(gapBefore(text, tokens, k))) break;
      const w = word(k);
      if (isCapitalized(w)) j = k;
      else if (
        !NAME_JOINERS.has(w.toLowerCase()) ||
        !(
          isCapitalized(word(k + 1)) ||
          // "Department of the Communist Party": "of the" inside a name.
          (/^(?:of|for)$/i.test(w) && word(k + 1) === 'the' && isCapitalized(word(k + 2)))
        )
      )
        break;
    }
    // A capitalized first word of the sentence alone is usually just a sentence start, unless it is
    // no English word ("Kopp has eluded authorities").
    if (!(i === 0 && j === 0) || !isOpeningWord(word(0))) {
      const name = span('name', tokens, i, j);
      // "Kenya's newspapers": the name is Kenya.
      if (POSSESSIVE.test(word(j))) name.end -= 2;
      spans.push(name);
    }
    i = j;
  }
  // Quotations: the words between double quotes (a slogan, a title, what someone said).
  for (const match of text.matchAll(/["“]([^"“”]{2,200})["”]/g)) {
    const start = (match.index ?? 0) + 1;
    const end = start + (match[1]?.length ?? 0);
    const first = tokens.findIndex((t) => t.start >= start);
    let last = -1;
    tokens.forEach((t, i) => {
      if (t.end <= end) last = i;
    });
    if (first >= 0 && last >= first) spans.push(span('quote', tokens, first, last));
  }
  // Phrases: runs of content words, broken at punctuation between tokens.
  let from = -1;
  for (let i = 0; i <= n; i++) {
    const token = tokens[i];
    const gap = i > 0 && token ? gapBefore(text, tokens, i) : '';
    const stops = !token || token.key === null || breaks.has(token.start) || /[,;:()"“”—–]|\s-\s/.test(gap);
    if (stops) {
      if (from >= 0) spans.push(span('phrase', tokens, from, i - 1));
      from = token && token.key !== null && !breaks.has(token.start) ? i : -1;
    } else if (from < 0) from = i;
  }
  return spans;
}
