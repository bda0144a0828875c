import type { WordNetPos } from '../lexicon/wordnet.ts';
import { wordNet } from '../lexicon/wordnet.ts';

/** How many senses of a word are taken for paraphrases: the most frequent ones carry the meaning. */
const SENSES = 3;
/** At most this many paraphrases per word, so one word cannot flood the query. */
const MAX_PER_WORD = 10;
/** WordNet links followed: derivations (speak -> speech), pertainyms (economic -> economy), similar adjectives. */
const LINKS = new Set(['+', '\\', '&', '^']);

/**
 * Words that can stand for a word in an answer, from WordNet: the other words of its most frequent
 * senses (synonyms), and words linked to them by derivation ("speak" -> "speech", "commend" ->
 * "commendation"), pertainym ("economic" -> "economy") or similarity. Multi-word entries are skipped.
 * When the part of speech is unknown, nouns, verbs and adjectives are all tried.
 */
export function paraphrases(word: string, pos: WordNetPos | null): string[] {
  const wn = wordNet();
  const found = new Set<string>();
  const lower = word.toLowerCase();
  const kinds: WordNetPos[] = pos ? [pos] : ['noun', 'verb', 'adj'];
  for (const kind of kinds) {
    for (const synset of wn.synsets(lower, kind).slice(0, SENSES)) {
      const linked = synset.pointers
        .filter((p) => LINKS.has(p.symbol))
        .map((p) => wn.synsetAt(p.offset, p.pos));
      for (const s of [synset, ...linked]) {
        for (const w of s.words) {
          if (!w.includes(' ') && w.toLowerCase() !== lower) found.add(w.toLowerCase());
        }
      }
    }
  }
  return [...found].slice(0, MAX_PER_WORD);
}
