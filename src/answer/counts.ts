import { wordNet } from '../lexicon/wordnet.ts';
import { termKey } from '../text/terms.ts';
import { gapBefore, spansOf, type Token, tokensOf } from './spans.ts';

/** How many words after a number are read for the thing it counts ("four provincial-level regions"). */
const COUNTED_REACH = 3;

/** Whether a noun is the focus or a kind of it ("leaders" counts people: a leader is a person). */
function isKindOf(noun: string, focus: string): boolean {
  const wn = wordNet();
  const ancestor = wn.synsets(focus, 'noun')[0];
  if (!ancestor) return false;
  return wn.lemmas(noun, 'noun').some((lemma) =>
    wn
      .synsets(lemma, 'noun')
      .slice(0, 2)
      .some((sense) => wn.isA(sense, ancestor.offset, 8)),
  );
}

/**
 * The noun a number counts: the head of the words right after it ("over 300 fishermen from ...":
 * fishermen; "three village schools": schools, not village), read without a tagger: the last word
 * WordNet knows as a noun before punctuation, a function word or COUNTED_REACH words ("of" is
 * crossed: "dozens of diplomats"). Undefined when none follows.
 */
export function countedNoun(text: string, tokens: readonly Token[], last: number): Token | undefined {
  const wn = wordNet();
  let head: Token | undefined;
  let read = 0;
  for (let i = last + 1; i < tokens.length && read < COUNTED_REACH; i++) {
    if (!/^[\s-]*$/.test(gapBefore(text, tokens, i))) break;
    const token = tokens[i] as Token;
    if (!token.key) {
      if (token.text.toLowerCase() === 'of' && !head) continue;
      break;
    }
    read++;
    if (wn.lemmas(token.text.replace(/-/g, ' ').split(' ').pop() ?? token.text, 'noun').length) head = token;
  }
  return head;
}

/**
 * Whether a sentence gives a number of the thing a "how many" question counts: a number whose
 * counted noun (see `countedNoun`) is the focus or a kind of it ("over 200 leaders" counts people,
 * not diplomats; "50 countries" counts countries). `focus` is the noun's dictionary form.
 */
export function countsFocus(text: string, focus: string): boolean {
  const focusKey = termKey(focus);
  const tokens = tokensOf(text);
  for (const span of spansOf(text, tokens)) {
    if (span.kind !== 'number') continue;
    const noun = countedNoun(text, tokens, span.last);
    if (noun && (noun.key === focusKey || isKindOf(noun.text, focus))) return true;
  }
  return false;
}
