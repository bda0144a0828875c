import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/**
 * Words that carry no meaning for search: the `stopword` package's English list plus question and
 * auxiliary words, so that "Who spoke at the conference?" searches for "spoke conference".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...eng,
  ...'does doing done who whom whose why when where what which how anyone anybody anything someone somebody something everyone everything will shall may us she its a an the yes no not please tell know'.split(
    ' ',
  ),
]);

/** The longest word kept from a query; longer runs of letters are not words anyone types. */
export const MAX_TERM_LENGTH = 40;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Splits text into words: runs of letters and digits, with inner apostrophes kept ("people's") and
 * hyphens splitting ("co-hosted" -> "co", "hosted"), as MiniSearch's own tokenizer does.
 */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Lower-cases a word, strips accents and a possessive "'s", e.g. "China's" -> "china". */
export function normalizeWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
}

/**
 * The index key of a word: normalized and Porter-stemmed, or null for stop words, single letters and
 * over-long runs. Used for both sentences and queries so that "hosting" finds "co-hosted".
 */
export function termKey(word: string): string | null {
  const known = keys.get(word);
  if (known !== undefined) return known;
  const normal = normalizeWord(word);
  const key =
    normal.length < 2 || normal.length > MAX_TERM_LENGTH || STOP_WORDS.has(normal)
      ? null
      : /^\d+$/.test(normal)
        ? normal
        : stemmer(normal);
  // Words repeat: the keys of recent words are remembered (at most KEYS, the whole memory dropped when full).
  if (keys.size >= KEYS) keys.clear();
  keys.set(word, key);
  return key;
}

/** How many words' keys are remembered. */
const KEYS = 100_000;
const keys = new Map<string, string | null>();

/** The index keys of a text, in order, stop words dropped. */
export function termKeys(text: string): string[] {
  const keys: string[] = [];
  for (const word of tokenize(text)) {
    const key = termKey(word);
    if (key) keys.push(key);
  }
  return keys;
}
