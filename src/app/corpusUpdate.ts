import { Engine } from '../answer/engine.ts';
import type { Article } from '../corpus/article.ts';
import type { LoadedCorpus } from '../corpus/loadCorpus.ts';
import type { Sentence } from '../corpus/sentence.ts';
import {
  type ArticleExtract,
  type ArticlePart,
  articleKeyOf,
  articlePart,
  assembleKnowledge,
} from '../extract/knowledge.ts';
import { lazyPhraseIndexes, wordEntries } from '../snapshot/snapshot.ts';

/** An update of the running engine, prepared off to the side; `commit` switches to it. */
export interface PreparedUpdate {
  /** Articles tagged now (new or changed). */
  tagged: number;
  /** Articles gone (removed, or replaced by a changed version). */
  removed: number;
  /** Each article's extract by key after the update (for the next one). */
  extracts: Map<string, ArticleExtract>;
  /**
   * Changes the running engine's sentence index in place and returns the new engine. Synchronous, so
   * no question is answered between the two: call it and switch to its result in the same turn.
   */
  commit(): Engine;
}

const keys = new WeakMap<Article, string>();

/** `articleKeyOf`, remembered per article object (a folder scan keeps the objects of unchanged files). */
function keyOf(article: Article): string {
  let key = keys.get(article);
  if (key === undefined) {
    key = articleKeyOf(article);
    keys.set(article, key);
  }
  return key;
}

/** The number of articles to tag at most before a reload builds in a worker instead (see LiveCorpus). */
export function articlesToTag(
  current: Engine,
  corpus: LoadedCorpus,
  extracts: ReadonlyMap<string, ArticleExtract>,
): number {
  return corpus.articles.filter((article) => !unchangedExtract(current, article, extracts)).length;
}

/** The extract of an article the running engine holds in the same version, or undefined (to tag). */
function unchangedExtract(
  current: Engine,
  article: Article,
  extracts: ReadonlyMap<string, ArticleExtract>,
): ArticleExtract | undefined {
  const old = current.article(article.id);
  return old && keyOf(old) === keyOf(article) ? extracts.get(keyOf(article)) : undefined;
}

/**
 * Prepares the engine for a new version of the corpus from the running one: an unchanged article
 * keeps its sentences and its extract; a new or changed one is tagged now (yielding between
 * articles, so the bot keeps answering); then the corpus's knowledge is merged again (no tagging).
 * Nothing the running engine reads changes until `commit`, which discards the old articles'
 * sentences from the search index, adds the new ones, and builds the new engine over that index.
 */
export async function prepareUpdate(
  current: Engine,
  corpus: LoadedCorpus,
  extracts: ReadonlyMap<string, ArticleExtract>,
): Promise<PreparedUpdate> {
  const parts: ArticlePart[] = [];
  const added: Sentence[] = [];
  const kept = new Set<string>();
  let tagged = 0;
  for (const article of corpus.articles) {
    const extract = unchangedExtract(current, article, extracts);
    if (extract) {
      parts.push({ article, key: keyOf(article), sentences: current.sentencesOf(article.id), extract });
      kept.add(article.id);
      continue;
    }
    await new Promise((resolve) => setImmediate(resolve));
    const part = articlePart(article);
    parts.push(part);
    added.push(...part.sentences);
    tagged++;
  }
  const removedArticles = current.articles.filter((a) => !kept.has(a.id));
  const built = assembleKnowledge(parts);
  return {
    tagged,
    removed: removedArticles.length,
    extracts: built.extracts,
    commit: () => {
      const removed = removedArticles.flatMap((a) => current.sentencesOf(a.id));
      const index = current.sentenceIndex;
      index.update(added, removed);
      const snapshot = {
        articles: corpus.articles,
        problems: corpus.problems,
        knowledge: built.knowledge,
        // Read only if this engine's snapshot is ever written (it scores stale champion lists first).
        get sentenceIndex() {
          return index.state();
        },
        phraseIndexes: lazyPhraseIndexes(built.knowledge),
      };
      // The corpus's words only grow by the new sentences' (a word no article uses any more stays a
      // harmless suggestion until the next start); names and themes are indexed again when first needed.
      const words = current.builtPhraseIndex('words')?.extendedWith(wordEntries(added));
      return new Engine(snapshot, { sentenceIndex: index, phraseIndexes: words ? { words } : {} });
    },
  };
}
