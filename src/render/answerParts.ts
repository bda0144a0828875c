import type { Answer, AnswerItem } from '../answer/answer.ts';
import { MAX_QUERY_CHARS } from '../answer/query.ts';

/** A quoted sentence cut around the words that answer the question, and the day they name, if a date. */
export interface AnswerParts {
  before: string;
  words: string;
  /** " (2024-10-14)" for a date whose words do not already say it, else "". */
  day: string;
  after: string;
}

/**
 * The parts every renderer needs to show an /ask item's answer inside its sentence ("held **Monday**
 * (2024-10-14) in ..."), or null when the item has no answer span or it does not fit its text.
 */
export function answerParts(item: Pick<AnswerItem, 'text' | 'answer'>): AnswerParts | null {
  const span = item.answer;
  if (!span || item.text.slice(span.start, span.end) !== span.text || !span.text.trim()) return null;
  return {
    before: item.text.slice(0, span.start),
    words: span.text,
    day: span.iso && !span.text.includes(span.iso) ? ` (${span.iso})` : '',
    after: item.text.slice(span.end),
  };
}

/** A piece of a quoted sentence, and whether it is shown in bold. */
export interface Segment {
  text: string;
  bold: boolean;
}

/**
 * A claim's quoted sentence in pieces, the words it shares with the claim in bold (its `marks`), or
 * null when the item has no marks or they do not fit its text.
 */
export function markedSegments(item: Pick<AnswerItem, 'text' | 'marks'>): Segment[] | null {
  const marks = item.marks;
  if (!marks?.length) return null;
  const segments: Segment[] = [];
  let from = 0;
  for (const { start, end } of marks) {
    if (start < from || end > item.text.length || end <= start) return null;
    if (start > from) segments.push({ text: item.text.slice(from, start), bold: false });
    segments.push({ text: item.text.slice(start, end), bold: true });
    from = end;
  }
  if (from < item.text.length) segments.push({ text: item.text.slice(from), bold: false });
  return segments;
}

/** What an empty answer says: for a claim, that the articles say nothing about it. */
export function nothingFound(answer: Pick<Answer, 'command' | 'query'>): string {
  if (answer.command === 'claim') return 'The articles say nothing about this.';
  return answer.query ? 'Nothing in the articles matches that.' : 'Nothing found.';
}

/** The one line saying a long query was read only in part, or null when it was read whole. */
export function cutNote(answer: Pick<Answer, 'queryLength'>): string | null {
  if (answer.queryLength === undefined) return null;
  return `Only the first ${MAX_QUERY_CHARS} of its ${answer.queryLength.toLocaleString('en-US')} characters were read.`;
}
