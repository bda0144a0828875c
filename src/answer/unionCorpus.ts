import { articleKey, type Sentence } from '../corpus/sentence.ts';
import type { EntityKind } from '../extract/entities.ts';
import { unpackFeatures } from '../extract/knowledge.ts';
import { SentenceIndexUnion } from '../search/sentenceIndex.ts';
import type { Engine } from './engine.ts';
import type { AskSource } from './evidence.ts';

/**
 * What the answerers that rank sentences (/ask, /search) read of a corpus: the ranker's source, and
 * the sentences, articles and dates they quote. An engine is one; `unionCorpus` reads several as one.
 */
export type RankedCorpus = Pick<Engine, 'askSource' | 'sentence' | 'article' | 'datesIn' | 'positionOf'>;

/**
 * The index of the first part holding an article (the base's, when both do), or undefined: the part
 * whose copy of the article answers (an article id two parts hold is the first part's).
 */
export function partOf(parts: readonly Pick<Engine, 'article'>[], articleId: string): number | undefined {
  for (let p = 0; p < parts.length; p++) if (parts[p]?.article(articleId)) return p;
  return undefined;
}

/**
 * Several engines (a server's collection: the base's, then the server's own) read as ONE corpus of
 * all their articles, so that /ask and /search judge every part's sentences together: the ranker
 * sees one index scored with the statistics of the whole (`SentenceIndexUnion`: the document count,
 * average length and document frequencies of all parts, so each sentence gets the BM25 score one
 * index of all the sentences would give it), one run of positions (the parts' end to end), and one
 * corpus size and vocabulary, so that its thresholds and its "not in the articles" decisions are
 * taken once, over the union. An article id two parts hold is the first part's (the base's).
 *
 * What is not exactly one corpus's: a name's kind is the parts' agreeing kind (one corpus's entity
 * merging could settle it otherwise), a misspelt word is mended by the first part that knows a close
 * word, and keys in more than CHAMPION_DF sentences keep a part's champion lists (see
 * `SentenceIndex.find`).
 */
export function unionCorpus(parts: readonly Engine[]): RankedCorpus {
  // Which part holds an article is looked up in the parts (`partOf`: a map look-up each), not copied
  // into a map of every base article per server: a server's collection costs its own articles only.
  const starts: number[] = [];
  let total = 0;
  for (const part of parts) {
    starts.push(total);
    total += part.sentences.length;
  }
  const ownerOf = (id: string) => {
    const p = partOf(parts, articleKey(id));
    return p === undefined ? undefined : (parts[p] as Engine);
  };
  /** The part holding a position and the position within it. */
  const at = (position: number): { p: number; local: number } | undefined => {
    if (!Number.isInteger(position) || position < 0 || position >= total) return undefined;
    let p = starts.length - 1;
    while (p > 0 && (starts[p] as number) > position) p--;
    return { p, local: position - (starts[p] as number) };
  };
  const sentenceAt = (position: number): Sentence | undefined => {
    const place = at(position);
    const sentence = place && parts[place.p]?.sentences[place.local];
    return sentence && partOf(parts, sentence.article) === place.p ? sentence : undefined;
  };
  const positionOf = (id: string) => {
    const p = partOf(parts, articleKey(id));
    const local = p === undefined ? undefined : parts[p]?.positionOf(id);
    return p === undefined || local === undefined ? undefined : (starts[p] as number) + local;
  };
  const kindOf = (name: string): EntityKind | undefined => {
    let kind: EntityKind | undefined;
    for (const part of parts) {
      const k = part.kindOfName(name);
      if (k === undefined) continue;
      if (kind !== undefined && kind !== k) return undefined;
      kind = k;
    }
    return kind;
  };
  const askSource: AskSource = {
    index: new SentenceIndexUnion(
      parts.map((p) => p.sentenceIndex),
      (p, id) => partOf(parts, articleKey(id)) === p,
    ),
    positionOf,
    sentenceAt,
    readingAt: (position) => {
      const place = at(position);
      const part = place && parts[place.p];
      return { features: part ? part.featuresOf(place.local) : unpackFeatures(0), kindOf };
    },
    correct: (word) => {
      for (const part of parts) {
        const mended = part.phraseIndex('words').correct(word);
        if (mended) return mended;
      }
      return null;
    },
  };
  return {
    askSource,
    positionOf,
    sentence: (id) => ownerOf(id)?.sentence(id),
    article: (id) => {
      const p = partOf(parts, id);
      return p === undefined ? undefined : parts[p]?.article(id);
    },
    datesIn: (id) => ownerOf(id)?.datesIn(id) ?? [],
  };
}
