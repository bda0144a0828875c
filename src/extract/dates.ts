import { wordNet } from '../lexicon/wordnet.ts';
import { chronoNode } from '../lib/lazyModules.ts';

/** A date an article's text names, resolved to a calendar day. */
export interface DateMention {
  /** ISO calendar date, e.g. `2024-10-14`. */
  iso: string;
  /** The words that name it, verbatim ("Monday", "Oct. 20"). */
  expression: string;
  /** What happened then: the clause around the expression, verbatim ("... was held Monday"). */
  event: string;
  sentenceId: string;
}

/** Words that put a clause in the future ("will open Friday", "is scheduled for Monday", "talks due to resume"). */
const FUTURE =
  /\b(?:will|won't|shall|'ll|going to|plans? to|planned|planning|scheduled|expected to|set to|is to|are to|due to|upcoming|next|later this)\b/i;
/** A past-tense verb just before the date ("said Friday", "died on Monday"): the date is past, whatever follows. */
const PAST_JUST_BEFORE =
  /\b(?:said|says|told|announced|reported|was|were|had|did|\w+ed)\s+(?:on\s+|late\s+|early\s+)?$/i;
/** An expression that sets its own direction ("last Thursday", "next week", "this Monday"). */
const OWN_DIRECTION = /\b(?:last|next|this|past|coming|previous|following)\b/i;
const DAY_MS = 86_400_000;
/** A month and day this far after the reference, in a clause that does not look forward, is last year's. */
const FAR_AHEAD = 90 * DAY_MS;
/** What names a day: a weekday (full, or abbreviated with a period), a month, a numeric date with a year, today/yesterday/tomorrow, or a time of this day. */
const NAMES_A_DAY =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:mon|tues?|wed|thur?s?|fri|sat|sun)\.|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\b(?:today|yesterday|tomorrow|tonight)\b|\b(?:this|last)\s+(?:morning|afternoon|evening|night)\b/i;
/** A time of the reference day or the night before, which names its day without a weekday or a date. */
const TIME_OF_DAY = /\b(?:this|last)\s+(?:morning|afternoon|evening|night)\b|\btonight\b/i;
/** A month name as the text writes it: a date needs it capitalized ("soldiers march 20 km" is no date). */
const MONTH_WORD = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/i;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The clause that holds the expression: from the last comma or dash before it to its end, at most 14 words. */
function eventClause(sentence: string, index: number, length: number): string {
  const before = sentence.slice(0, index);
  const cut = Math.max(before.lastIndexOf(', '), before.lastIndexOf(' -- '), before.lastIndexOf('; '));
  let clause = sentence.slice(cut < 0 ? 0 : cut + 2, index + length).trim();
  const words = clause.split(/\s+/);
  if (words.length > 14) clause = words.slice(-14).join(' ');
  return clause.replace(/^-+\s*/, '');
}

/** Whether a reading is a date in context: not inside a word, not a lower-case month, not a bare fraction. */
function isDateInContext(sentence: string, index: number, text: string): boolean {
  if (index > 0 && /\p{L}/u.test(sentence[index - 1] ?? '')) return false;
  if (!NAMES_A_DAY.test(text)) return false;
  if (/^today$/i.test(text) && !namesEvent(sentence.slice(index + text.length))) return false;
  const month = MONTH_WORD.exec(text);
  if (month && !/^\p{Lu}/u.test(month[0]) && !/\d{4}/.test(text)) return false;
  return true;
}

/**
 * Whether "today's ..." names an event of the day ("today's vote", "today's meeting") rather than
 * the present era ("today's youth", "today's world"): the noun after it is an act, an event or a
 * communication in one of its first three WordNet senses. Plain "today" always names the day.
 */
function namesEvent(after: string): boolean {
  const noun = /^['’]s\s+(\p{L}+)/u.exec(after)?.[1];
  if (!noun) return true;
  return wordNet()
    .synsets(noun.toLowerCase(), 'noun')
    .slice(0, 3)
    .some((s) => EVENT_FILES.has(s.lexFile));
}

/** WordNet's lexicographer files of acts (4), events (11) and communications (10). */
const EVENT_FILES: ReadonlySet<number> = new Set([4, 10, 11]);

/**
 * Finds the dates a sentence names, explicit ("Oct. 20, 2024") or relative ("held Monday", "last
 * night"), resolved with chrono-node against the reference day (the dateline's date, or the
 * publication date), and both ends of a range ("from Aug. 26 to Oct. 20"). News speaks of the past: a
 * bare weekday, or a month and day without a year, is the latest such day on or before the reference,
 * unless the clause looks forward ("will", "scheduled", "next") and no past verb stands just before it
 * ("said Friday"); an expression with its own direction ("last Thursday") is read as it says.
 */
export function findDates(sentenceId: string, sentence: string, referenceDay: string): DateMention[] {
  const reference = new Date(`${referenceDay}T12:00:00Z`);
  const referenceDate = Date.parse(`${referenceDay}T00:00:00Z`);
  const mentions: DateMention[] = [];
  for (const result of chronoNode().parse(
    sentence,
    { instant: reference, timezone: 0 },
    { forwardDate: false },
  )) {
    if (!isDateInContext(sentence, result.index, result.text)) continue;
    const lead = sentence.slice(0, result.index);
    const near = `${lead.split(/\s+/).slice(-8).join(' ')} ${result.text}`;
    const future = !PAST_JUST_BEFORE.test(lead) && FUTURE.test(near);
    const ends = result.end ? [result.start, result.end] : [result.start];
    const timeOfDay = TIME_OF_DAY.test(result.text);
    for (const end of ends) {
      // A day is needed: a bare month ("The region's march") names no day and is too often a false reading.
      if (!end.isCertain('day') && !end.isCertain('weekday') && !timeOfDay) continue;
      const parsed = end.date();
      let day = Date.UTC(parsed.getUTCFullYear(), parsed.getUTCMonth(), parsed.getUTCDate());
      if (!OWN_DIRECTION.test(result.text)) {
        const bareWeekday = end.isCertain('weekday') && !end.isCertain('day');
        const noYear = end.isCertain('day') && end.isCertain('month') && !end.isCertain('year');
        if (bareWeekday && !future && day > referenceDate) day -= 7 * DAY_MS;
        if (bareWeekday && future && day < referenceDate) day += 7 * DAY_MS;
        if (noYear && !future && day > referenceDate + FAR_AHEAD) day = shiftYear(day, -1);
        if (noYear && future && day < referenceDate - 30 * DAY_MS) day = shiftYear(day, 1);
      }
      mentions.push({
        iso: isoDay(new Date(day)),
        expression: result.text,
        event: eventClause(sentence, result.index, result.text.length),
        sentenceId,
      });
    }
  }
  return mentions;
}

/** The same month and day in another year. */
function shiftYear(day: number, years: number): number {
  const date = new Date(day);
  return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate());
}
