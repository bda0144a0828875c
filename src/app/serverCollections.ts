import { type Collection, engineCollection, mergedCollection } from '../answer/collection.ts';
import { Engine } from '../answer/engine.ts';
import type { Article } from '../corpus/article.ts';
import { parseCorpusFile } from '../corpus/corpusFile.ts';
import { DEFAULT_SETTINGS, type ServerSettings, type ServerStore } from '../db/serverStore.ts';
import { type ArticleExtract, articleKeyOf, buildKnowledge, extractArticle } from '../extract/knowledge.ts';
import { SentenceIndex } from '../search/sentenceIndex.ts';
import { codeVersion } from '../snapshot/fingerprint.ts';
import { lazyPhraseIndexes } from '../snapshot/snapshot.ts';

/** Where a command runs and what it may read there: the server (null in a DM), its collection and settings. */
export interface ServerContext {
  serverId: string | null;
  collection: Collection;
  settings: ServerSettings;
  /** The server's own articles (none in a DM). */
  own: readonly Article[];
}

/** What the collections read the operator's base from: the engine answering now (a live corpus's). */
export interface BaseCorpus {
  readonly engine: Engine;
}

/** A server's collection as loaded, and what it was loaded at. */
interface Loaded {
  revision: number;
  base: Engine;
  context: ServerContext;
  /** How many sentences the server's own engine holds (what it costs in memory). */
  sentences: number;
}

/**
 * How many sentences the servers' own engines kept in memory hold at most, together (the least
 * recently asked go first; the last one asked is always kept). A server's engine costs about 4 KB a
 * sentence, and 8 KB once its suggestion and autocomplete indexes are made (measured on 20-article
 * servers): 100,000 sentences, about 170 servers of 20 articles, stay under 1 GB. A server asked
 * again after it was dropped is read and indexed again (tens of milliseconds for 20 articles).
 */
export const SERVER_SENTENCES_KEPT = 100_000;

/**
 * The collection each place answers from: in a server, the operator's base (unless the server turned
 * it off) plus the server's own articles, which live in the database; in a DM, the base alone. A
 * server's own articles are indexed on their own (a small engine, from the extracts stored with them:
 * nothing is tagged again) and merged with the base at answer time (`mergedCollection`). Each call
 * reads the server's revision (one primary-key look-up), so a change written by any process (another
 * shard, another HTTP instance) is seen by the next interaction; engines of servers not asked for a
 * while are dropped and loaded again when asked.
 */
export class ServerCollections {
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<Loaded>>();
  /** The sentences of the own engines in `loaded`. */
  private keptSentences = 0;

  constructor(
    private readonly base: BaseCorpus,
    readonly store: ServerStore | null,
    private readonly options: { report?: (line: string) => void; keptSentences?: number } = {},
  ) {}

  /** The collection and settings of a server (null: a DM, the base alone). */
  async context(serverId: string | null): Promise<ServerContext> {
    const base = this.base.engine;
    if (serverId === null || !this.store)
      return { serverId, collection: engineCollection(base), settings: DEFAULT_SETTINGS, own: [] };
    const state = await this.store.state(serverId);
    const known = this.loaded.get(serverId);
    if (known && known.revision === state.revision && known.base === base) {
      // Most recently used last: the first entries are the ones dropped when too many are kept.
      this.loaded.delete(serverId);
      this.loaded.set(serverId, known);
      return known.context;
    }
    if (state.revision === 0)
      return { serverId, collection: engineCollection(base), settings: state.settings, own: [] };
    const key = `${serverId}:${state.revision}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(serverId, state.revision, state.settings, base).finally(() =>
        this.loading.delete(key),
      );
      this.loading.set(key, pending);
    }
    const loaded = await pending;
    this.remember(serverId, loaded);
    return loaded.context;
  }

  /** Forgets a server's loaded collection (its data was purged). */
  forget(serverId: string): void {
    this.keptSentences -= this.loaded.get(serverId)?.sentences ?? 0;
    this.loaded.delete(serverId);
  }

  /** How many servers' collections are in memory now. */
  get size(): number {
    return this.loaded.size;
  }

  private remember(serverId: string, loaded: Loaded): void {
    const current = this.loaded.get(serverId);
    if (current && current.revision > loaded.revision) return;
    if (current) this.keptSentences -= current.sentences;
    this.loaded.delete(serverId);
    this.loaded.set(serverId, loaded);
    this.keptSentences += loaded.sentences;
    const budget = this.options.keptSentences ?? SERVER_SENTENCES_KEPT;
    while (this.keptSentences > budget && this.loaded.size > 1) {
      const [oldest, dropped] = this.loaded.entries().next().value as [string, Loaded];
      this.keptSentences -= dropped.sentences;
      this.loaded.delete(oldest);
    }
  }

  /** Reads a server's articles from the database and indexes them on their own. */
  private async load(
    serverId: string,
    revision: number,
    settings: ServerSettings,
    base: Engine,
  ): Promise<Loaded> {
    const store = this.store as ServerStore;
    const rows = await store.articles(serverId);
    const code = codeVersion();
    const own: Article[] = [];
    const extracts = new Map<string, ArticleExtract>();
    for (const row of rows) {
      let article: Article;
      try {
        article = { ...parseCorpusFile(row.body), file: null };
      } catch (error) {
        this.options.report?.(
          `server ${serverId}: article ${row.articleId} cannot be read (${(error as Error).message}); skipped`,
        );
        continue;
      }
      own.push(article);
      let extract: ArticleExtract | null = null;
      if (row.extract && row.extractCode === code) {
        try {
          extract = JSON.parse(row.extract) as ArticleExtract;
        } catch {
          extract = null;
        }
      }
      if (!extract) {
        // Stored by other code (or not at all): tagged now, and kept for next time.
        extract = extractArticle(article);
        await store.saveExtract(serverId, row.articleId, JSON.stringify(extract), code);
      }
      extracts.set(articleKeyOf(article), extract);
    }
    const ownEngine = own.length ? ownEngineOf(own, extracts) : null;
    const parts = [...(settings.useBase ? [base] : []), ...(ownEngine ? [ownEngine] : [])];
    const collection = parts.length ? mergedCollection(parts) : engineCollection(Engine.fromArticles([]));
    return {
      revision,
      base,
      context: { serverId, collection, settings, own },
      sentences: ownEngine?.sentences.length ?? 0,
    };
  }
}

/**
 * A server's own engine, from its articles and their stored extracts (nothing is tagged): the
 * sentence index is built now; the phrase indexes (autocomplete, suggestions, typo mending) when a
 * command first needs them, since many servers never use them between two loads; the extracts are
 * not kept (a server's engine is never rebuilt from itself).
 */
function ownEngineOf(own: Article[], extracts: ReadonlyMap<string, ArticleExtract>): Engine {
  const { knowledge } = buildKnowledge(own, undefined, extracts);
  const sentenceIndex = SentenceIndex.build(knowledge.sentences);
  return new Engine(
    {
      articles: own,
      problems: [],
      knowledge,
      sentenceIndex: sentenceIndex.state(),
      phraseIndexes: lazyPhraseIndexes(knowledge),
    },
    { sentenceIndex },
  );
}
