import { createColors } from 'picocolors';
import type { Answer, AnswerItem, Citation } from '../answer/answer.ts';
import { answerParts, cutNote, markedSegments, nothingFound } from './answerParts.ts';
import { sentenceLink } from './sentenceLink.ts';

/** Options of the terminal renderer. */
export interface TextOptions {
  /** ANSI colours; on only when writing to a terminal. */
  color: boolean;
  /** How many items came before this page (for "11–20 of 27"). */
  offset?: number;
  /** How to see the next page, e.g. "/more" in the console or "--offset 10" on the command line. */
  more?: (nextOffset: number) => string;
}

/** A citation as a short reference: `article ¶paragraph.sentence`. */
export function citationRef(citation: Citation): string {
  return `${citation.article} ¶${citation.paragraph}.${citation.sentence}`;
}

/**
 * A window of a long sentence around a phrase ("… in Changchun, the capital city …"), for lists where the
 * whole sentence would repeat; the words shown are the sentence's own, cut only at word boundaries.
 */
export function excerpt(text: string, focus: string | null, width = 160): string {
  if (text.length <= width) return text;
  const at = focus ? text.toLowerCase().indexOf(focus.toLowerCase()) : -1;
  const center = at < 0 ? 0 : at + Math.min(focus?.length ?? 0, width) / 2;
  let start = Math.max(0, Math.min(text.length - width, Math.round(center - width / 2)));
  let end = Math.min(text.length, start + width);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '… ' : ''}${text.slice(start, end)}${end < text.length ? ' …' : ''}`;
}

/** The sentence with its answering words in bold and a date's day beside them: "held Monday (2024-10-14) in". */
function withAnswer(item: AnswerItem, c: ReturnType<typeof createColors>): string {
  const segments = markedSegments(item);
  if (segments) return segments.map((s) => (s.bold ? c.bold(s.text) : s.text)).join('');
  const parts = answerParts(item);
  return parts ? `${parts.before}${c.bold(parts.words)}${parts.day}${parts.after}` : item.text;
}

function renderItem(item: AnswerItem, n: number, c: ReturnType<typeof createColors>): string {
  const lines: string[] = [];
  const first = item.citations[0];
  const marker = c.dim(`[${n}]`);
  if (item.label) lines.push(`${c.bold(item.label)}${item.detail ? c.dim(` — ${item.detail}`) : ''}`);
  const quote = item.label ? excerpt(item.text, item.label) : withAnswer(item, c);
  lines.push(`  “${quote}” ${marker}`);
  if (first && item.label) {
    const more = item.citations.length > 1 ? ` (+${item.citations.length - 1} more)` : '';
    lines.push(
      c.dim(
        `  ${first.title}, ¶${first.paragraph}.${first.sentence}${more} ${sentenceLink(first.url, item.text)}`,
      ),
    );
  }
  return lines.join('\n');
}

/**
 * Renders an answer for a terminal: each item's label and detail, the quoted sentence with its
 * citation marker, then the sources with their links. Nothing found prints the suggestions.
 */
export function renderText(answer: Answer, options: TextOptions = { color: false }): string {
  const c = createColors(options.color);
  const cut = cutNote(answer);
  const heading = `${c.cyan(`/${answer.command}${answer.query ? ` ${answer.query}` : ''}`)}${cut ? `\n${c.dim(cut)}` : ''}`;
  const offset = options.offset ?? 0;
  if (answer.items.length === 0 && offset > 0) {
    return `${heading}\nNo more results (${answer.total} in all).\n`;
  }
  if (answer.items.length === 0) {
    const tips = answer.suggestions.length ? `\nTry: ${answer.suggestions.join(', ')}` : '';
    const what = nothingFound(answer);
    return `${heading}\n${what}${tips}\n`;
  }
  const body = answer.items.map((item, i) => renderItem(item, i + 1, c)).join('\n\n');
  const sources = answer.items
    .map((item, i) => {
      const first = item.citations[0];
      return first && !item.label
        ? c.dim(
            `[${i + 1}] ${first.title}, ¶${first.paragraph}.${first.sentence} ${sentenceLink(first.url, item.text)}`,
          )
        : '';
    })
    .filter(Boolean)
    .join('\n');
  const shown = offset + answer.items.length;
  const paging =
    answer.total > shown
      ? c.dim(
          `\n${offset + 1}–${shown} of ${answer.total}${options.more ? `; more: ${options.more(shown)}` : ''}\n`,
        )
      : '';
  return `${heading}\n\n${body}\n${sources ? `\n${sources}\n` : ''}${paging}`;
}
