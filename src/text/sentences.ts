/** A sentence's place in its paragraph: `text` is `paragraph.slice(start, end)`, trimmed of spaces. */
export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

/** Titles that always stand before a name, so a period after them never ends a sentence. */
export const TITLES: ReadonlySet<string> = new Set(
  'mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev fr sr jr st mt ft hon pres messrs mme'.split(
    ' ',
  ),
);
/** Abbreviations that end a sentence only when the next word could not continue it (a digit follows them). */
const BEFORE_NUMBERS = new Set(
  'jan feb mar apr jun jul aug sep sept oct nov dec no nos art fig vol p pp ch sec para op'.split(' '),
);
/** Abbreviations that are usually followed by more of the same sentence. */
const INLINE = new Set('e.g i.e etc vs cf approx inc corp ltd co dept univ est'.split(' '));
/** Words that plainly open a new sentence after an acronym such as "U.N." */
const SENTENCE_OPENERS = new Set(
  'the a an he she it they we i you this that these those there his her its their our but and so yet however meanwhile in on at after before when while if as for'.split(
    ' ',
  ),
);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The last word of a segment, without its closing period, lower-cased ("U.S." -> "u.s"). */
function lastWord(segment: string): string {
  const match = /([\p{L}\p{N}.]+)\.\s*$/u.exec(segment);
  return (match?.[1] ?? '').toLowerCase();
}

/** Counts straight and curly double quotes; an odd balance means a quotation is still open. */
function quoteIsOpen(text: string): boolean {
  const straight = (text.match(/"/g) ?? []).length;
  const opening = (text.match(/“/g) ?? []).length;
  const closing = (text.match(/”/g) ?? []).length;
  return straight % 2 === 1 || opening > closing;
}

/** Decides whether the boundary between `before` (so far) and `next` is false and the two belong together. */
function shouldJoin(before: string, next: string): boolean {
  const nextText = next.trimStart();
  const firstChar = nextText.charAt(0);
  if (!firstChar) return true;
  // A sentence never starts lower-case or with closing punctuation ("?" she asked / , said Li).
  if (/[\p{Ll},;:)\]}”’]/u.test(firstChar)) return true;
  if (quoteIsOpen(before)) return true;
  const trimmed = before.trimEnd();
  if (!trimmed.endsWith('.')) return false;
  const word = lastWord(trimmed);
  if (!word) return false;
  if (TITLES.has(word)) return true;
  if (INLINE.has(word)) return true;
  if (BEFORE_NUMBERS.has(word)) return /^\d/.test(nextText);
  // Initials ("J. K. Rowling") and dotted acronyms ("U.S.", "U.N."): join unless a clear sentence opener follows.
  if (/^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) {
    const nextWord = (/^[\p{L}']+/u.exec(nextText)?.[0] ?? '').toLowerCase();
    return !SENTENCE_OPENERS.has(nextWord);
  }
  return false;
}

/**
 * Splits one paragraph into sentences. Uses the built-in Intl.Segmenter (per paragraph: over a whole
 * document it is quadratic in Node 20) and then rejoins false breaks: after titles ("Mr. Li"), month and
 * number abbreviations before a digit ("Oct. 15", "No. 1"), initials and acronyms ("U.S. Army"), inside an
 * open quotation, and before a lower-case continuation. The spans cover the paragraph in order, so
 * joining them with the whitespace between them gives the paragraph back: no text is lost or moved.
 */
export function splitSentences(paragraph: string): SentenceSpan[] {
  const raw: Array<{ start: number; end: number }> = [];
  for (const { segment, index } of segmenter.segment(paragraph)) {
    const previous = raw.at(-1);
    if (previous && shouldJoin(paragraph.slice(previous.start, previous.end), segment)) {
      previous.end = index + segment.length;
    } else {
      raw.push({ start: index, end: index + segment.length });
    }
  }
  const spans: SentenceSpan[] = [];
  for (const { start, end } of raw) {
    const text = paragraph.slice(start, end);
    const lead = text.length - text.trimStart().length;
    const trimmed = text.trim();
    if (trimmed) spans.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed });
  }
  return spans;
}
