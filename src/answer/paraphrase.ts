import type { WordNetPos } from '../lexicon/wordnet.ts';
import { wordNet } from '../lexicon/wordnet.ts';

/** Recent look-ups, at most MEMORY entries (oldest dropped): questions repeat their words. */
const MEMORY = 20_000;
const memory = new Map<string, string[]>();

function remembered(key: string, compute: () => string[]): string[] {
  let value = memory.get(key);
  if (!value) {
    value = compute();
    if (memory.size >= MEMORY) memory.delete(memory.keys().next().value as string);
    memory.set(key, value);
  }
  return value;
}

/** How many senses of a word are taken for paraphrases: the most frequent ones carry the meaning. */
const SENSES = 3;
/** At most this many paraphrases per word, so one word cannot flood the query. */
const MAX_PER_WORD = 14;
/** WordNet links followed: derivations (speak -> speech), pertainyms (economic -> economy), similar adjectives. */
const LINKS = new Set(['+', '\\', '&', '^']);

/**
 * Words that can stand for a word in an answer, from WordNet: the other words of its most frequent
 * senses (synonyms), and words linked to them by derivation ("speak" -> "speech", "commend" ->
 * "commendation"), pertainym ("economic" -> "economy") or similarity. Multi-word entries are skipped.
 * When the part of speech is unknown, nouns, verbs and adjectives are all tried.
 */
export function paraphrases(word: string, pos: WordNetPos | null): string[] {
  return remembered(`p:${pos}:${word}`, () => findParaphrases(word, pos));
}

function findParaphrases(word: string, pos: WordNetPos | null): string[] {
  const wn = wordNet();
  const found = new Set<string>();
  const lower = word.toLowerCase();
  const kinds: WordNetPos[] = pos ? [pos] : ['noun', 'verb', 'adj'];
  const add = (words: string[]) => {
    for (const w of words) if (!w.includes(' ') && w.toLowerCase() !== lower) found.add(w.toLowerCase());
  };
  const senses = kinds.flatMap((kind) => wn.synsets(lower, kind).slice(0, SENSES));
  // Synonyms of the most frequent sense, then derived and related forms ("speech" for "speak"), then
  // the synonyms of the other senses: the surest paraphrases come first when the list is cut.
  add(senses[0]?.words ?? []);
  for (const synset of senses) {
    const own = synset.words.findIndex((w) => w.toLowerCase() === lower) + 1;
    for (const p of synset.pointers) {
      if (!LINKS.has(p.symbol)) continue;
      const words = wn.synsetAt(p.offset, p.pos).words;
      // A lexical link belongs to one word of the synset: follow it only from the word itself.
      if (p.source === 0) add(words);
      else if (p.source === own) add(words.slice(p.target - 1, p.target));
    }
  }
  for (const synset of senses.slice(1)) add(synset.words);
  return [...found].slice(0, MAX_PER_WORD);
}

/** At most this many narrower words per word are looked at (fewer are kept: see `questionTerms`). */
const MAX_KINDS_PER_WORD = 40;

/**
 * Narrower words of a noun's or verb's most frequent sense, from WordNet's hyponym and troponym links
 * ("meeting" -> "conference", "session"; "praise" -> "commend", "applaud"). Broader words are left out: they are too general ("recipe" -> "direction").
 * Looser than paraphrases, so they count for less.
 */
export function kindsOf(word: string, pos: WordNetPos | null): string[] {
  return remembered(`k:${pos}:${word}`, () => findKinds(word, pos));
}

function findKinds(word: string, pos: WordNetPos | null): string[] {
  if (pos !== null && pos !== 'noun' && pos !== 'verb') return [];
  const wn = wordNet();
  const lower = word.toLowerCase();
  const first = wn.synsets(lower, pos ?? 'noun')[0];
  if (!first) return [];
  const found = new Set<string>();
  for (const p of first.pointers) {
    if (p.symbol !== '~') continue;
    for (const w of wn.synsetAt(p.offset, p.pos).words) {
      if (!w.includes(' ') && w.toLowerCase() !== lower) found.add(w.toLowerCase());
    }
  }
  return [...found].slice(0, MAX_KINDS_PER_WORD);
}

/** At most this many words through a synonym per word are looked at. */
const MAX_COUSINS_PER_WORD = 40;

/**
 * Words that share a sense with a synonym of a noun: "topic" -> "subject" -> "field" (a subject of
 * study). Two steps from the word, so looser than its own paraphrases: for recall when the articles
 * use neither the word nor its synonyms.
 */
export function cousinsOf(word: string, pos: WordNetPos | null): string[] {
  return remembered(`c:${pos}:${word}`, () => findCousins(word, pos));
}

function findCousins(word: string, pos: WordNetPos | null): string[] {
  if (pos !== null && pos !== 'noun') return [];
  const wn = wordNet();
  const lower = word.toLowerCase();
  const first = wn.synsets(lower, 'noun')[0];
  if (!first) return [];
  const own = new Set(first.words.map((w) => w.toLowerCase()));
  const found = new Set<string>();
  for (const synonym of own) {
    if (synonym === lower || synonym.includes(' ')) continue;
    for (const synset of wn.synsets(synonym, 'noun').slice(0, SENSES))
      for (const w of synset.words) {
        const other = w.toLowerCase();
        if (!other.includes(' ') && other !== lower && !own.has(other)) found.add(other);
      }
  }
  return [...found].slice(0, MAX_COUSINS_PER_WORD);
}
