import type { Article } from '../corpus/article.ts';
import type { CorpusProblem } from '../corpus/loadCorpus.ts';
import type { EntityKind } from '../extract/entities.ts';
import { type ArticleExtract, buildKnowledge, type Knowledge } from '../extract/knowledge.ts';
import { type Phrase, PhraseIndex } from '../search/phraseIndex.ts';
import { SentenceIndex, type SentenceIndexState } from '../search/sentenceIndex.ts';
import type { MiniSearchState } from '../search/storedMiniSearch.ts';
import { tokenize } from '../text/terms.ts';

/** The version of the snapshot's shape: change it with the shape, so older index files are rebuilt. */
export const SNAPSHOT_FORMAT = 8;

/** The phrase indexes: names (for /who and /where), themes, and the corpus words (for suggestions). */
export type PhraseFamily = 'names' | 'themes' | 'words';

/**
 * Everything citebot answers from, as plain data: the articles, what was extracted, and the indexes'
 * structures. It is what `citebot index` writes to disk and start-up reads back, so nothing is
 * recomputed when the corpus has not changed.
 */
export interface CorpusSnapshot {
  articles: Article[];
  problems: CorpusProblem[];
  knowledge: Knowledge;
  sentenceIndex: SentenceIndexState;
  /** Each family's phrases and index, or a function that reads them when first needed. */
  phraseIndexes: Record<PhraseFamily, PhraseFamilyData | (() => PhraseFamilyData)>;
  /**
   * Each article's extract by article key (see `ArticleExtract`), for the next build to reuse; or a
   * function that reads them from the index file. Absent where nothing will be rebuilt (a running engine).
   */
  extracts?: ReadonlyMap<string, ArticleExtract> | (() => ReadonlyMap<string, ArticleExtract>);
}

/** The extracts of a snapshot, read now if they were left in the file (an empty map when it has none). */
export function extractsOf(snapshot: Pick<CorpusSnapshot, 'extracts'>): ReadonlyMap<string, ArticleExtract> {
  const entry = snapshot.extracts;
  return typeof entry === 'function' ? entry() : (entry ?? new Map());
}

/** One phrase family's phrases and MiniSearch structures. */
export interface PhraseFamilyData {
  phrases: Phrase[];
  state: MiniSearchState;
}

/** A phrase family's data, read now if it was left for later. */
export function phraseFamily(entry: PhraseFamilyData | (() => PhraseFamilyData)): PhraseFamilyData {
  return typeof entry === 'function' ? entry() : entry;
}

/** Which phrase family holds an entity kind. */
export const FAMILY_OF_KIND: Record<EntityKind | 'theme' | 'word', PhraseFamily> = {
  person: 'names',
  organization: 'names',
  group: 'names',
  place: 'names',
  theme: 'themes',
  word: 'words',
};

/** The phrases of each family: entity names and aliases, themes and variants, and the corpus's words. */
function phraseEntries(knowledge: Knowledge): Record<PhraseFamily, Array<Omit<Phrase, 'id'>>> {
  const names: Array<Omit<Phrase, 'id'>> = [];
  knowledge.entities.forEach((e, ref) => {
    for (const text of [e.name, ...e.aliases]) names.push({ text, kind: e.kind, ref });
  });
  const themes: Array<Omit<Phrase, 'id'>> = [];
  knowledge.themes.forEach((t, ref) => {
    for (const text of [t.phrase, ...t.variants]) themes.push({ text, kind: 'theme', ref });
  });
  const words = new Set<string>();
  for (const s of knowledge.sentences)
    for (const w of tokenize(s.text)) if (w.length > 2) words.add(w.toLowerCase());
  return { names, themes, words: [...words].map((text) => ({ text, kind: 'word' as const, ref: -1 })) };
}

/**
 * Builds a snapshot from articles: sentences, extraction (the slow part, reported through
 * `onProgress`), the sentence index and the phrase indexes.
 */
export function buildSnapshot(
  articles: Article[],
  problems: CorpusProblem[] = [],
  onProgress?: (done: number, total: number) => void,
  reuse?: ReadonlyMap<string, ArticleExtract>,
): CorpusSnapshot {
  const { knowledge, extracts } = buildKnowledge(articles, onProgress, reuse);
  const sentenceIndex = SentenceIndex.build(knowledge.sentences).state();
  const entries = phraseEntries(knowledge);
  const family = (f: PhraseFamily) => {
    const index = PhraseIndex.build(entries[f]);
    return { phrases: [...index.phrases], state: index.state() };
  };
  return {
    articles,
    problems,
    knowledge,
    sentenceIndex,
    phraseIndexes: { names: family('names'), themes: family('themes'), words: family('words') },
    extracts,
  };
}
