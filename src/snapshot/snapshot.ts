import type { Article } from '../corpus/article.ts';
import type { CorpusProblem } from '../corpus/loadCorpus.ts';
import type { Sentence } from '../corpus/sentence.ts';
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

/** The words of sentences as the `words` phrase family holds them (lower case, three letters or more). */
export function wordEntries(sentences: readonly Sentence[]): Array<Omit<Phrase, 'id'>> {
  const words = new Set<string>();
  for (const s of sentences) for (const w of tokenize(s.text)) if (w.length > 2) words.add(w.toLowerCase());
  return [...words].map((text) => ({ text, kind: 'word' as const, ref: -1 }));
}

/** A family's phrases: entity names and aliases, themes and variants, or the corpus's words. */
function phraseEntries(knowledge: Knowledge, family: PhraseFamily): Array<Omit<Phrase, 'id'>> {
  const entries: Array<Omit<Phrase, 'id'>> = [];
  if (family === 'names')
    knowledge.entities.forEach((e, ref) => {
      for (const text of [e.name, ...e.aliases]) entries.push({ text, kind: e.kind, ref });
    });
  else if (family === 'themes')
    knowledge.themes.forEach((t, ref) => {
      for (const text of [t.phrase, ...t.variants]) entries.push({ text, kind: 'theme', ref });
    });
  else entries.push(...wordEntries(knowledge.sentences));
  return entries;
}

/** One family's phrase index built from the knowledge now. */
function buildFamily(knowledge: Knowledge, family: PhraseFamily): PhraseFamilyData {
  const index = PhraseIndex.build(phraseEntries(knowledge, family));
  return { phrases: [...index.phrases], state: index.state() };
}

/**
 * The phrase indexes of a knowledge, each built when first asked for (a reload's new engine starts
 * answering before its autocomplete and suggestion indexes are ready, then warms them).
 */
export function lazyPhraseIndexes(knowledge: Knowledge): CorpusSnapshot['phraseIndexes'] {
  const lazy = (family: PhraseFamily) => {
    let data: PhraseFamilyData | null = null;
    return () => {
      data ??= buildFamily(knowledge, family);
      return data;
    };
  };
  return { names: lazy('names'), themes: lazy('themes'), words: lazy('words') };
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
  const family = (f: PhraseFamily) => buildFamily(knowledge, f);
  return {
    articles,
    problems,
    knowledge,
    sentenceIndex,
    phraseIndexes: { names: family('names'), themes: family('themes'), words: family('words') },
    extracts,
  };
}
