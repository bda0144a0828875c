import { deserialize, serialize } from 'node:v8';
import type { Sentence } from '../corpus/sentence.ts';
import type { DateItem } from '../extract/knowledge.ts';
import type { Entity } from '../extract/mergeEntities.ts';
import type { Theme } from '../extract/themes.ts';
import { FieldLengths, flattenTree, inflateTree, PositionIds } from '../search/postingList.ts';
import type { MiniSearchState } from '../search/storedMiniSearch.ts';
import { type CorpusSnapshot, type PhraseFamily, type PhraseFamilyData, phraseFamily } from './snapshot.ts';

/**
 * The snapshot as written to disk, made compact: a sentence is its article, paragraph and offsets
 * (its text is a slice of the paragraph, its id is derived), and every reference to a sentence is its
 * position. `v8.serialize` writes each string occurrence in full, so this halves the file and the
 * time to read it; decoding gives back the same snapshot, with one shared string per id.
 */
export interface EncodedSnapshot {
  articles: CorpusSnapshot['articles'];
  problems: CorpusSnapshot['problems'];
  sentences: {
    article: Int32Array;
    paragraph: Int32Array;
    sentence: Int32Array;
    start: Int32Array;
    end: Int32Array;
  };
  entities: Array<Omit<Entity, 'sentenceIds'> & { sentences: Int32Array }>;
  dates: Array<{
    iso: string;
    mentions: Array<Omit<DateItem['mentions'][number], 'sentenceId'> & { sentence: number }>;
  }>;
  themes: EncodedTheme[];
  /** Each article's themes, serialized on their own: decoded when that article's list is first shown. */
  articleThemes: Record<string, Uint8Array>;
  features: Uint8Array;
  sentenceIndex: {
    mini: Omit<MiniSearchState, 'documentIds' | 'fieldLength'> & { fieldLength: Int32Array };
    champions: CorpusSnapshot['sentenceIndex']['champions'];
  };
  /** The phrase indexes, each serialized on its own: they are restored on first use, after start-up. */
  phraseIndexes: Record<PhraseFamily, Uint8Array>;
}

/** A theme with its sentences as positions. */
type EncodedTheme = Omit<Theme, 'sentenceIds'> & { sentences: Int32Array };

/** Encodes a snapshot for the index file. */
export function encodeSnapshot(snapshot: CorpusSnapshot): EncodedSnapshot {
  const { knowledge, articles } = snapshot;
  const articleIndex = new Map(articles.map((a, i) => [a.id, i]));
  const position = new Map(knowledge.sentences.map((s, i) => [s.id, i]));
  const n = knowledge.sentences.length;
  const columns = {
    article: new Int32Array(n),
    paragraph: new Int32Array(n),
    sentence: new Int32Array(n),
    start: new Int32Array(n),
    end: new Int32Array(n),
  };
  let searchFrom = 0;
  knowledge.sentences.forEach((s, i) => {
    const a = articleIndex.get(s.article) ?? -1;
    const paragraph = articles[a]?.paragraphs[s.paragraph - 1] ?? '';
    if (s.sentence === 1) searchFrom = 0;
    const start = paragraph.indexOf(s.text, searchFrom);
    if (start < 0) throw new Error(`snapshotCodec: sentence ${s.id} is not in its paragraph`);
    searchFrom = start + s.text.length;
    columns.article[i] = a;
    columns.paragraph[i] = s.paragraph;
    columns.sentence[i] = s.sentence;
    columns.start[i] = start;
    columns.end[i] = searchFrom;
  });
  const positions = (ids: string[]) => Int32Array.from(ids.map((id) => position.get(id) ?? -1));
  const theme = (t: Theme): EncodedTheme => ({
    phrase: t.phrase,
    variants: t.variants,
    score: t.score,
    sentences: positions(t.sentenceIds),
  });
  const { documentIds, ...mini } = snapshot.sentenceIndex.mini;
  documentIds.forEach((id, shortId) => {
    if (knowledge.sentences[shortId]?.id !== id)
      throw new Error('snapshotCodec: the index is not in sentence order');
  });
  return {
    articles,
    problems: snapshot.problems,
    sentences: columns,
    // Fields named one by one: a decoded item also carries its lazy machinery, which is not data.
    entities: knowledge.entities.map((e) => ({
      kind: e.kind,
      name: e.name,
      aliases: e.aliases,
      detail: e.detail,
      sentences: positions(e.sentenceIds),
    })),
    dates: knowledge.dates.map((d) => ({
      iso: d.iso,
      mentions: d.mentions.map((m) => ({
        iso: m.iso,
        expression: m.expression,
        event: m.event,
        sentence: position.get(m.sentenceId) ?? -1,
      })),
    })),
    themes: knowledge.themes.map(theme),
    articleThemes: Object.fromEntries(
      Object.entries(knowledge.articleThemes).map(([id, themes]) => [id, serialize(themes.map(theme))]),
    ),
    features: knowledge.features,
    sentenceIndex: {
      mini: { ...mini, tree: flattenTree(mini.tree), fieldLength: FieldLengths.flatten(mini.fieldLength) },
      champions: snapshot.sentenceIndex.champions,
    },
    phraseIndexes: {
      names: serialize(phraseFamily(snapshot.phraseIndexes.names)),
      themes: serialize(phraseFamily(snapshot.phraseIndexes.themes)),
      words: serialize(phraseFamily(snapshot.phraseIndexes.words)),
    },
  };
}

/**
 * The sentence ids of a decoded entity or theme, as positions until first read (a getter on the
 * prototype costs nothing per object, unlike defining one on each of 40,000 entities).
 */
class LazySentenceIds {
  #ids: string[] | null = null;

  constructor(
    private readonly positions: Int32Array,
    private readonly resolve: (positions: Int32Array) => string[],
  ) {}

  get sentenceIds(): string[] {
    this.#ids ??= this.resolve(this.positions);
    return this.#ids;
  }

  toJSON(): Record<string, unknown> {
    const { positions: _p, resolve: _r, ...rest } = this as unknown as Record<string, unknown>;
    return { ...rest, sentenceIds: this.sentenceIds };
  }
}

/**
 * Each article's themes, decoded when that article's list is first asked for: a corpus of 10,000
 * articles holds hundreds of thousands of them, and most are never shown between two restarts.
 */
function lazyArticleThemes(
  encoded: Record<string, Uint8Array>,
  decode: (bytes: Uint8Array) => Theme[],
): Record<string, Theme[]> {
  const themes: Record<string, Theme[]> = {};
  for (const [id, list] of Object.entries(encoded)) {
    Object.defineProperty(themes, id, {
      get: () => {
        const decoded = decode(list);
        Object.defineProperty(themes, id, { value: decoded, enumerable: true, configurable: true });
        return decoded;
      },
      enumerable: true,
      configurable: true,
    });
  }
  return themes;
}

/** Decodes what `encodeSnapshot` wrote. */
export function decodeSnapshot(encoded: EncodedSnapshot): CorpusSnapshot {
  const { articles } = encoded;
  const c = encoded.sentences;
  const sentences: Sentence[] = new Array(c.article.length);
  const sentenceIds: string[] = new Array(c.article.length);
  let articleAt = -1;
  let prefix = '';
  for (let i = 0; i < c.article.length; i++) {
    const a = c.article[i] as number;
    const article = articles[a];
    if (!article) throw new Error('snapshotCodec: a sentence names no article');
    if (a !== articleAt) {
      articleAt = a;
      prefix = `${article.id}:`;
    }
    const paragraph = c.paragraph[i] as number;
    const sentence = c.sentence[i] as number;
    const id = `${prefix}${paragraph}.${sentence}`;
    sentenceIds[i] = id;
    sentences[i] = {
      id,
      article: article.id,
      paragraph,
      sentence,
      text: (article.paragraphs[paragraph - 1] ?? '').slice(c.start[i], c.end[i]),
    };
  }
  const ids = (positions: Int32Array) => Array.from(positions, (p) => sentenceIds[p] ?? '');
  /** Gives an item its sentence ids on first read: most entities and themes are never shown between restarts. */
  const withLazyIds = <T extends object>(item: T, positions: Int32Array): T & { sentenceIds: string[] } =>
    Object.assign(new LazySentenceIds(positions, ids), item) as unknown as T & { sentenceIds: string[] };
  // MiniSearch's short ids are the sentence positions (the reverse map is made by the index on first use).
  const documentIds = new PositionIds(sentenceIds);
  const mini = encoded.sentenceIndex.mini;
  // The closures hold only what they read.
  const phrases = encoded.phraseIndexes;
  return {
    articles,
    problems: encoded.problems,
    knowledge: {
      sentences,
      entities: encoded.entities.map(({ sentences: p, ...e }) => withLazyIds(e, p)),
      dates: encoded.dates.map((d) => {
        // Mentions are made when a date is first shown: a date may be named in thousands of sentences.
        let cached: DateItem['mentions'] | null = null;
        return Object.defineProperty({ iso: d.iso } as DateItem, 'mentions', {
          get: () => {
            cached ??= d.mentions.map(({ sentence, ...m }) => ({
              ...m,
              sentenceId: sentenceIds[sentence] ?? '',
            }));
            return cached;
          },
          enumerable: true,
          configurable: true,
        });
      }),
      themes: encoded.themes.map(({ sentences: p, ...t }) => withLazyIds(t, p)),
      articleThemes: lazyArticleThemes(encoded.articleThemes, (bytes) =>
        (deserialize(bytes) as EncodedTheme[]).map(({ sentences: p, ...t }) => withLazyIds(t, p)),
      ),
      features: encoded.features,
    },
    sentenceIndex: {
      mini: {
        ...mini,
        tree: inflateTree(mini.tree),
        fieldLength: new FieldLengths(mini.fieldLength),
        documentIds,
      },
      champions: encoded.sentenceIndex.champions,
    },
    phraseIndexes: {
      names: () => deserialize(phrases.names) as PhraseFamilyData,
      themes: () => deserialize(phrases.themes) as PhraseFamilyData,
      words: () => deserialize(phrases.words) as PhraseFamilyData,
    },
  };
}
