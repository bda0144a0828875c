import type { AnswerItem } from '../answer/answer.ts';

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
