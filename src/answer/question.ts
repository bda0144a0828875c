import { LEX_FILE, type WordNetPos, wordNet } from '../lexicon/wordnet.ts';
import { nlp } from '../lib/lazyModules.ts';
import { STOP_WORDS, termKeys } from '../text/terms.ts';

/** What kind of answer a question wants; it decides which sentences are preferred. */
export type QuestionType = 'who' | 'where' | 'when' | 'quantity' | 'why' | 'name' | 'yesno' | 'what';

/**
 * Question types whose answer is a kind of thing with a shape: a name (who, where), a date (when)
 * or a number (how many). Their answers are read without a tagger, and a sentence answering one must
 * name such a thing.
 */
export const TYPED_QUESTIONS: ReadonlySet<QuestionType> = new Set(['who', 'where', 'when', 'quantity']);

/** A content word of a question, with its dictionary form and part of speech. */
export interface QuestionWord {
  text: string;
  root: string;
  pos: WordNetPos | null;
}

/** A question taken apart: its type and its content words. */
export interface ParsedQuestion {
  type: QuestionType;
  words: QuestionWord[];
  /** The noun the question asks about ("countries" in "how many countries"), dictionary form, or null. */
  focus: string | null;
  /** The index keys of the question's words, in order (for word-order evidence). */
  keys: string[];
  /** Whether the focus is written plural ("which provinces", "what topics"): the answer may be a list. */
  plural?: boolean;
}

const AUXILIARIES = new Set(
  'is are was were am be did do does has have had can could will would should shall may might must'.split(
    ' ',
  ),
);

/** The forms of "be" that join "what" to the noun it asks about ("what was the theme"). */
const COPULAS = new Set(['is', 'are', 'was', 'were']);

/** Kinds of words whose answer is a name or a wording: sayings (slogan, motto), headings (title), names. */
const NAME_ANCESTORS = ['saying', 'heading', 'name', 'language unit'];
/** Verbs that ask for a name: "what was it called / named / titled / themed". */
export const NAMING_VERBS: ReadonlySet<string> = new Set([
  'call',
  'name',
  'title',
  'theme',
  'dub',
  'entitle',
]);

/** Nouns that ask for a number ("what percentage", "what amount"). */
const QUANTITY_NOUNS = new Set([
  'percentage',
  'percent',
  'proportion',
  'amount',
  'number',
  'population',
  'size',
  'total',
  'cost',
  'price',
  'rate',
]);
/**
 * Whether the word right after "what"/"which" is a noun the tagger read as something else: "what
 * fish living in ..." (a verb to compromise), "what kind of" (an adjective). A word WordNet knows as a
 * noun, not followed by an article, pronoun or noun (then it is the question's verb: "what causes the
 * rain").
 */
function nounAfterWh(
  terms: ReadonlyArray<{ normal: string; tags: string[] }>,
  i: number,
  at: number,
): boolean {
  const term = terms[i];
  if (i !== at + 1 || !term || AUXILIARIES.has(term.normal)) return false;
  if (KIND_WORDS.has(term.normal)) return true;
  if (!term.tags.includes('Verb') || term.tags.includes('PastTense')) return false;
  const after = terms[i + 1]?.tags ?? [];
  if (['Determiner', 'Pronoun', 'Noun', 'Possessive'].some((tag) => after.includes(tag))) return false;
  return wordNet().lemmas(term.normal, 'noun').length > 0;
}

/** Nouns of "what kind of X": the focus is X. */
const KIND_WORDS = new Set(['kind', 'kinds', 'type', 'types', 'sort', 'sorts', 'form', 'forms', 'variety']);
/** Nouns that ask for a time ("what year", "which decade"). */
const TIME_NOUNS = new Set(['year', 'decade', 'century', 'date', 'day', 'month', 'time']);

/** The answer type a focus noun asks for, by its WordNet class ("city" -> where, "slogan" -> name). */
function typeOfFocus(noun: string): QuestionType {
  if (QUANTITY_NOUNS.has(noun)) return 'quantity';
  if (TIME_NOUNS.has(noun)) return 'when';
  const wn = wordNet();
  const synset = wn.synsets(noun, 'noun')[0];
  if (!synset) return 'what';
  const ancestors = NAME_ANCESTORS.map((lemma) => wn.firstOffset(lemma, 'noun'));
  if (ancestors.some((offset) => offset !== null && wn.isA(synset, offset))) return 'name';
  switch (synset.lexFile) {
    case LEX_FILE.nounPerson:
      return 'who';
    case LEX_FILE.nounLocation:
      return 'where';
    case LEX_FILE.nounTime:
      return 'when';
    case LEX_FILE.nounQuantity:
      return 'quantity';
    default:
      return 'what';
  }
}

function posOf(tags: string[]): WordNetPos | null {
  if (tags.includes('Noun')) return 'noun';
  if (tags.includes('Verb')) return 'verb';
  if (tags.includes('Adjective')) return 'adj';
  if (tags.includes('Adverb')) return 'adv';
  return null;
}

/**
 * Reads a question: its type from the question word ("where", "how many", "why"), or, after "what" and
 * "which", from the WordNet class of the noun that follows ("which city" is a where-question, "what
 * slogan" asks for a name); a question opening with an auxiliary is yes/no. Content words come with
 * their dictionary form from compromise ("spoke" -> "speak").
 */
export function parseQuestion(question: string): ParsedQuestion {
  const doc = nlp()(question);
  doc.compute('root');
  const terms = (
    doc.json() as Array<{ terms: Array<{ text: string; normal: string; root?: string; tags: string[] }> }>
  ).flatMap((s) => s.terms);
  const lower = terms.map((t) => t.normal.toLowerCase());
  let type: QuestionType = 'what';
  const at = lower.findIndex((w) => /^(?:who|whom|whose|where|when|why|how|what|which)$/.test(w));
  const wh = at >= 0 ? lower[at] : undefined;
  // "what was the slogan of ...": after a copula and "the", the noun is what is asked, as after "what".
  const copular =
    (wh === 'what' || wh === 'which') &&
    COPULAS.has(lower[at + 1] ?? '') &&
    lower[at + 2] === 'the' &&
    (terms[at + 3]?.tags.includes('Noun') || terms[at + 3]?.tags.includes('Adjective'))
      ? 2
      : 0;
  const next = at >= 0 ? terms[at + 1 + copular] : undefined;
  if (wh === 'who' || wh === 'whom' || wh === 'whose') type = 'who';
  else if (wh === 'where') type = 'where';
  else if (wh === 'when') type = 'when';
  else if (wh === 'why') type = 'why';
  else if (wh === 'how') type = /^(?:many|much|long|old|far)$/.test(next?.normal ?? '') ? 'quantity' : 'what';
  else if ((wh === 'what' || wh === 'which') && next?.tags.includes('Noun'))
    type = typeOfFocus(next.root ?? next.normal);
  else if (at < 0 && AUXILIARIES.has(lower[0] ?? '')) type = 'yesno';
  if (
    wh === 'what' &&
    type === 'what' &&
    terms.some((t) => t.tags.includes('Verb') && NAMING_VERBS.has(t.root ?? ''))
  ) {
    type = 'name';
  }
  let focus: string | null = null;
  let plural = false;
  if (at >= 0 && (type === 'quantity' || wh === 'what' || wh === 'which')) {
    // The noun phrase right after "how many" / "what" / "which": its last noun is the focus.
    for (let i = at + (type === 'quantity' ? 2 : 1 + copular); i < terms.length; i++) {
      const tags = nounAfterWh(terms, i, at + copular) ? ['Noun'] : (terms[i]?.tags ?? []);
      if (!(tags.includes('Noun') || tags.includes('Adjective'))) {
        // "what kind of forest": the noun after "kind of" is the focus.
        if (focus && KIND_WORDS.has(focus) && terms[i]?.normal === 'of') {
          focus = null;
          continue;
        }
        break;
      }
      if (tags.includes('Noun')) {
        focus = (terms[i]?.root ?? terms[i]?.normal ?? '').toLowerCase() || null;
        plural = tags.includes('Plural');
      }
    }
  }
  const words: QuestionWord[] = [];
  for (const term of terms) {
    const normal = term.normal.toLowerCase();
    if (!normal || STOP_WORDS.has(normal) || AUXILIARIES.has(normal)) continue;
    words.push({ text: term.text, root: (term.root ?? normal).toLowerCase(), pos: posOf(term.tags) });
  }
  return { type, words, focus, keys: termKeys(question), plural };
}
