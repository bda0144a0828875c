import { isKindOf, isPersonNoun } from '../lexicon/wordClasses.ts';
import { STOP_WORDS, termKey } from '../text/terms.ts';

/** One item of a coordinated list, as written, with its offsets in the sentence. */
export interface ListItem {
  text: string;
  start: number;
  end: number;
}

/** A coordinated list in a sentence ("A, B and C"): its items, and the words just before it. */
export interface CoordinatedList {
  items: ListItem[];
  /** The index keys of the words (at most LEAD_WORDS) before the list, nearest last. */
  lead: string[];
}

/** At most this many words make one item of a list ("the CPC Inner Mongolia Autonomous Regional Committee"). */
const MAX_ITEM_WORDS = 8;
/** How many words before a list are read as what it lists ("the fields of", "provincial committees of"). */
const LEAD_WORDS = 4;
/** Words an item of a list does not reach across: a preposition or verb-like word opens what the list belongs to. */
const ITEM_BOUNDARY =
  /^(?:of|in|on|at|by|from|with|as|to|for|into|including|such|like|among|between|is|are|was|were|be|been|has|have|had|said|says|told|that|which|who|where|when|while)$/i;

/** A word, or a mark that separates the stretches of a sentence. */
const TOKEN = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[,;:.()"“”]/gu;
const SEPARATOR = /^[,;:.()"“”]$/;

interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * The coordinated lists of three or more items in a sentence: runs of comma-separated stretches closed
 * by "and" or "or" ("Liaoning, Jilin and Heilongjiang"; "technological innovation, grain production,
 * ... and international cooperation"). An item stops at a preposition or a verb-like word, so the
 * first item of "the fields of A, B and C" is A and "the fields of" is the list's lead. Read from the
 * surface only (no tagger): it runs on every candidate sentence.
 */
export function coordinatedLists(text: string): CoordinatedList[] {
  const lists: CoordinatedList[] = [];
  // The sentence as stretches between commas, semicolons and full stops, each a run of words (one pass).
  const stretches: Array<{ words: Word[]; closedBy: string }> = [];
  let current: Word[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    const start = m.index ?? 0;
    if (SEPARATOR.test(token)) {
      // A full stop inside a number or an abbreviation is no boundary.
      if (token === '.' && /\w/.test(text[start + 1] ?? '')) continue;
      stretches.push({ words: current, closedBy: token });
      current = [];
    } else current.push({ text: token, start, end: start + token.length });
  }
  stretches.push({ words: current, closedBy: '' });
  for (let s = 0; s < stretches.length; s++) {
    const stretch = stretches[s] as { words: Word[]; closedBy: string };
    // The stretch holding the closing "and"/"or": "B and C" or "and C" (after a serial comma).
    const conj = stretch.words.findIndex(
      (w, i) => /^(?:and|or)$/i.test(w.text) && i < stretch.words.length - 1,
    );
    if (conj < 0) continue;
    const last = itemFrom(stretch.words.slice(conj + 1), 'start');
    const beforeConj = itemFrom(stretch.words.slice(0, conj), 'end');
    const items: ListItem[] = [];
    let lead: Word[] = [];
    let k = s - 1;
    // Walk back over the comma-separated items before it.
    while (k >= 0 && stretches[k]?.closedBy === ',') {
      const words = stretches[k]?.words ?? [];
      const item = itemFrom(words, 'end');
      // "At the conference, A and B ...": a sentence's opening phrase is no item.
      if (!item || (k === 0 && item.cut && words.length === item.words.length + 1)) break;
      items.unshift(toItem(text, item.words));
      if (item.cut) {
        lead = words.slice(0, words.length - item.words.length);
        break;
      }
      k--;
    }
    if (beforeConj?.words.length && !beforeConj.cut) items.push(toItem(text, beforeConj.words));
    else if (beforeConj?.cut && !items.length) {
      items.push(toItem(text, beforeConj.words));
      lead = stretch.words.slice(0, conj - beforeConj.words.length);
    }
    if (last) items.push(toItem(text, last.words));
    if (items.length >= 3)
      lists.push({
        items,
        lead: lead.slice(-LEAD_WORDS).flatMap((w) => {
          const key = termKey(w.text);
          return key ? [key] : [];
        }),
      });
  }
  return lists;
}

/**
 * The words of one item: from the end of a stretch back (or its start forward) to a boundary word,
 * at most MAX_ITEM_WORDS; `cut` when a boundary or the limit stopped it (the list starts there).
 */
function itemFrom(words: Word[], from: 'start' | 'end'): { words: Word[]; cut: boolean } | null {
  const kept: Word[] = [];
  const order = from === 'end' ? [...words].reverse() : words;
  let cut = false;
  for (const word of order) {
    // Read forward (the last item), a function word after the first ends it ("C grow there").
    const ends = from === 'start' && kept.length > 0 && STOP_WORDS.has(word.text.toLowerCase());
    if (ends || ITEM_BOUNDARY.test(word.text) || kept.length >= MAX_ITEM_WORDS) {
      cut = true;
      break;
    }
    kept.push(word);
  }
  if (!kept.length) return null;
  return { words: from === 'end' ? kept.reverse() : kept, cut };
}

function toItem(text: string, words: Word[]): ListItem {
  const start = words[0]?.start ?? 0;
  const end = words[words.length - 1]?.end ?? start;
  return { text: text.slice(start, end), start, end };
}

/** What a question asking for several things wants each of them to be. */
export type ListKind = 'people' | 'places' | 'things';

/** Whether an item is of the kind asked: a person named or a noun for people; a name for a place; else no person. */
function itemFits(item: ListItem, kind: ListKind): boolean {
  const words = item.text.split(/\s+/);
  const head = (words[words.length - 1] ?? '').replace(/^the$/i, '');
  const named = /^\p{Lu}/u.test(head);
  if (kind === 'places') return named;
  const person = isPersonNoun(head.toLowerCase());
  if (kind === 'people') return named || person;
  return !person;
}

/** The last word of an item, the noun it names ("club finances" -> "finances"). */
const headOf = (item: ListItem) => item.text.split(/\s+/).at(-1) ?? '';

/**
 * How well a sentence lists several things of the kind a plural question asks for ("which
 * provinces", "what topics"): 1 for a list of three or more items of that kind led by a word standing
 * for the asked noun ("provincial committees of Liaoning, Jilin and Heilongjiang", "the fields of
 * A, B and C"), 0.5 for such a list led by other words, 0 for none. Most items must fit the kind.
 * Things (neither people nor places) are many: a list of them led by other words counts only when
 * most of its items are, by WordNet, kinds of the asked noun (`focus`: "apples, plums and pears"
 * for "which fruits"), not for any three things ("roads, schools and clinics").
 */
export function listFit(
  text: string,
  focusKeys: ReadonlySet<string>,
  kind: ListKind,
  focus: string | null = null,
): number {
  // A list of three needs a comma: most sentences are passed over without reading them.
  if (!text.includes(',')) return 0;
  let best = 0;
  for (const list of coordinatedLists(text)) {
    const most = (fits: (item: ListItem) => boolean) =>
      list.items.filter(fits).length * 2 > list.items.length;
    if (!most((item) => itemFits(item, kind))) continue;
    if (list.lead.some((key) => focusKeys.has(key))) return 1;
    if (kind !== 'things' || (focus !== null && most((item) => isKindOf(headOf(item), focus)))) best = 0.5;
  }
  return best;
}
