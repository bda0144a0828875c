import { LEX_FILE, wordNet } from './wordnet.ts';

const memo = new Map<string, boolean>();

function remember(key: string, compute: () => boolean): boolean {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}

/** The lexicographer files of a noun's first `senses` senses, over all its base forms. */
function nounLexFiles(word: string, senses: number): number[] {
  const wn = wordNet();
  return wn.lemmas(word, 'noun').flatMap((lemma) =>
    wn
      .synsets(lemma, 'noun')
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

/** Whether a noun's first sense is a social group or organization ("committee", "department", "party"). */
export function isGroupNoun(word: string): boolean {
  return remember(`group:${word.toLowerCase()}`, () => nounLexFiles(word, 1)[0] === LEX_FILE.nounGroup);
}

/** Whether a noun's first sense is a location ("province", "region", "city", "county"). */
export function isLocationNoun(word: string): boolean {
  return remember(`location:${word.toLowerCase()}`, () => nounLexFiles(word, 1)[0] === LEX_FILE.nounLocation);
}

/** Whether a word is in WordNet at all, in any part of speech (an ordinary English word, not a name). */
export function isDictionaryWord(word: string): boolean {
  return remember(`dict:${word.toLowerCase()}`, () => {
    const wn = wordNet();
    return (['noun', 'verb', 'adj', 'adv'] as const).some((pos) => wn.lemmas(word, pos).length > 0);
  });
}
