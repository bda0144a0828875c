import { LEX_FILE, type Synset, wordNet } from './wordnet.ts';

const memo = new Map<string, boolean>();

function remember(key: string, compute: () => boolean): boolean {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}

/**
 * Whether a synset holds a lemma as a common word: not an instance (a proper name: "Helen" of Troy) and
 * written in lower case there (WordNet keeps "Daniel" capitalized, "mayor" not).
 */
const commonSense = (synset: Synset, lemma: string) =>
  !synset.pointers.some((p) => p.symbol === '@i') && synset.words.some((w) => w === lemma.replace(/_/g, ' '));

/** The lexicographer files of a noun's first `senses` common (non-instance) senses, over all its base forms. */
function nounLexFiles(word: string, senses: number): number[] {
  const wn = wordNet();
  return wn.lemmas(word, 'noun').flatMap((lemma) =>
    wn
      .synsets(lemma, 'noun')
      .filter((s) => commonSense(s, lemma))
      .slice(0, senses)
      .map((s) => s.lexFile),
  );
}

/**
 * Whether a noun names a kind of person ("diplomats", "representatives", "chiefs"): its most frequent
 * sense (for any base form) is, through WordNet's hypernyms, a kind of person.n.01.
 */
export function isPersonNoun(word: string): boolean {
  return remember(`person:${word.toLowerCase()}`, () => {
    const wn = wordNet();
    const person = wn.firstOffset('person', 'noun');
    if (person === null) return false;
    return wn.lemmas(word, 'noun').some((lemma) => {
      const first = wn.synsets(lemma, 'noun')[0];
      return first ? first.lexFile === LEX_FILE.nounPerson || wn.isA(first, person) : false;
    });
  });
}

/** Whether one of a noun's first senses is a role a person holds ("head", "minister", "spokesperson"). */
export function isRoleNoun(word: string): boolean {
  return remember(`role:${word.toLowerCase()}`, () => nounLexFiles(word, 4).includes(LEX_FILE.nounPerson));
}

/**
 * Whether a word is first of all a relational adjective ("German", "Islamic", "Republican"): WordNet's
 * first adjective sense is in adj.pert. Such a word names a nationality, religion or party, not someone.
 */
export function isRelationalAdjective(word: string): boolean {
  return remember(
    `pert:${word.toLowerCase()}`,
    () => wordNet().synsets(word.toLowerCase(), 'adj')[0]?.lexFile === 1,
  );
}

/** How many of a noun's senses `isKindOf` reads: its commoner ones. */
const KIND_SENSES = 3;

/**
 * Whether a noun is, by one of its commoner senses and through WordNet's hypernyms, a kind of another
 * noun ("plums" of "fruits", "wheat" of "crops", "Moscow" of "cities"). The word itself counts as its
 * own kind.
 */
export function isKindOf(word: string, kind: string): boolean {
  return remember(`kind:${word.toLowerCase()}:${kind.toLowerCase()}`, () => {
    const wn = wordNet();
    const ancestors = wn
      .synsets(kind, 'noun')
      .slice(0, KIND_SENSES)
      .map((s) => s.offset);
    if (!ancestors.length) return false;
    return wn
      .synsets(word, 'noun')
      .slice(0, KIND_SENSES)
      .some((sense) => ancestors.some((ancestor) => wn.isA(sense, ancestor)));
  });
}

/** Whether a noun's first sense is a social group or organization ("committee", "department", "party"). */
export function isGroupNoun(word: string): boolean {
  return remember(`group:${word.toLowerCase()}`, () => nounLexFiles(word, 1)[0] === LEX_FILE.nounGroup);
}

/**
 * Whether a plural word is itself the name of a landform or region in WordNet ("Alps", "Andes",
 * "Highlands"): the word as written, not its singular, has a first sense among locations or natural
 * objects. Such a plural after "the" is a place, not a team ("the Tigers").
 */
export function isLandformPlural(word: string): boolean {
  return remember(`landform:${word.toLowerCase()}`, () => {
    const lemma = word.toLowerCase();
    const first = wordNet().synsets(lemma, 'noun')[0];
    if (!first?.words.some((w) => w.toLowerCase() === lemma)) return false;
    return first.lexFile === LEX_FILE.nounLocation || first.lexFile === LEX_FILE.nounObject;
  });
}

/** Whether a noun's first sense is a location ("province", "region", "city", "county"). */
export function isLocationNoun(word: string): boolean {
  return remember(`location:${word.toLowerCase()}`, () => nounLexFiles(word, 1)[0] === LEX_FILE.nounLocation);
}

/** English prepositions and conjunctions: closed classes, which WordNet (nouns, verbs, adjectives, adverbs) leaves out. */
const FUNCTION_WORDS = new Set(
  'about above across after against albeit along amid amidst among amongst and around as at because before behind below beneath beside besides between beyond but by despite down during for from if in inside into lest like near nor of off on onto or out outside over past per since than though through throughout till to toward towards under underneath unless unlike until unto up upon via whereas whether while whilst with within without yet although'.split(
    ' ',
  ),
);

/** Whether a word is a preposition or conjunction ("During", "Although" opening a sentence are no names). */
export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word.toLowerCase());
}

/**
 * Whether a word is an ordinary English word: WordNet has it in some part of speech, other than only as
 * the name of someone or something ("Helen", "Daniel" are names; "brook", "march" are words).
 */
export function isDictionaryWord(word: string): boolean {
  return remember(`dict:${word.toLowerCase()}`, () => {
    const wn = wordNet();
    return (['noun', 'verb', 'adj', 'adv'] as const).some((pos) =>
      wn.lemmas(word, pos).some((lemma) => wn.synsets(lemma, pos).some((s) => commonSense(s, lemma))),
    );
  });
}
