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

/** Words that make a bare weekday point forward ("will open Friday", "is scheduled for Monday"). */
const FUTURE = /\b(?:will|shall|to be|is to|are to|scheduled|upcoming|next|plans? to|set to|due to)\b/i;
const DAY_MS = 86_400_000;
const NAMES_A_DAY =
  /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\d{1,4}[-/.]\d{1,2}|\b(?:today|yesterday|tomorrow|tonight)\b/i;

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

/**
 * Finds the dates a sentence names, explicit ("Oct. 20, 2024") or relative ("held Monday"), resolved
 * with chrono-node against the reference day (the dateline's date, or the publication date). News
 * speaks of the past: a bare weekday is the latest such day on or before the reference unless the
 * words just before it look forward ("will", "next", "scheduled").
 */
export function findDates(sentenceId: string, sentence: string, referenceDay: string): DateMention[] {
  const reference = new Date(`${referenceDay}T12:00:00Z`);
  const mentions: DateMention[] = [];
  for (const result of chronoNode().parse(
    sentence,
    { instant: reference, timezone: 0 },
    { forwardDate: false },
  )) {
    const start = result.start;
    // A day is needed: a bare month ("The region's march") names no day and is too often a false reading.
    if (!start.isCertain('day') && !start.isCertain('weekday')) continue;
    // A date names a day: a weekday, a month, a numeric date or today/yesterday/tomorrow. "After 40
    // days" is a duration, not a date.
    if (!NAMES_A_DAY.test(result.text)) continue;
    let date = start.date();
    const bareWeekday = start.isCertain('weekday') && !start.isCertain('day');
    const lead = sentence.slice(0, result.index).split(/\s+/).slice(-5).join(' ');
    const future = FUTURE.test(`${lead} ${result.text}`);
    if (bareWeekday && !future && date > reference) date = new Date(date.getTime() - 7 * DAY_MS);
    if (bareWeekday && future && date <= reference) date = new Date(date.getTime() + 7 * DAY_MS);
    mentions.push({
      iso: isoDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))),
      expression: result.text,
      event: eventClause(sentence, result.index, result.text.length),
      sentenceId,
    });
  }
  return mentions;
}
