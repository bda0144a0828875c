import { Buffer } from 'node:buffer';
import type { Collection } from '../answer/collection.ts';
import type { Article } from '../corpus/article.ts';
import { formatCorpusFile } from '../corpus/corpusFile.ts';
import { sentencesOf } from '../corpus/sentence.ts';
import type { CollectionLimits, ServerStore } from '../db/serverStore.ts';
import { type ArticleExtract, extractArticle } from '../extract/knowledge.ts';
import type { FetchLimits } from '../lib/safeFetch.ts';
import { codeVersion } from '../snapshot/fingerprint.ts';
import { IngestFailure, type IngestResult, type IngestSource, readSource, textHash } from './ingest.ts';

/** An address without what does not change the page: the fragment and a trailing slash. */
function sameAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** The first people and organizations an extract names (what the reply shows as a check). */
function namesOf(extract: ArticleExtract, count = 5): string[] {
  const names: string[] = [];
  for (const mention of extract.mentions)
    if ((mention.kind === 'person' || mention.kind === 'organization') && !names.includes(mention.name)) {
      names.push(mention.name);
      if (names.length === count) break;
    }
  return names;
}

/** Megabytes for a message, one decimal. */
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Adds articles to one server's collection (its /ingest): reads the source as `citebot ingest` does,
 * refuses what the server's collection (the base included) already holds, naming it, tags it once,
 * and stores it with its extract in one transaction that also checks the server's limits. The article
 * is answerable in that server only.
 */
export class ServerIngester {
  constructor(
    private readonly store: ServerStore,
    private readonly limits: { fetch: FetchLimits; collection: CollectionLimits },
  ) {}

  /** Reads and stores an article for `serverId`; throws IngestFailure (limits, fetching) or IngestError (the text). */
  async ingest(
    serverId: string,
    userId: string,
    source: IngestSource,
    collection: Collection,
  ): Promise<IngestResult> {
    const read = await readSource(source, this.limits.fetch);
    const hash = textHash(read.paragraphs);
    const known = duplicateIn(collection, read, hash);
    const summary = (a: Article, status: IngestResult['status'], extract: ArticleExtract): IngestResult => ({
      status,
      article: a,
      file: `server ${serverId}`,
      sentences: sentencesOf(a).length,
      names: namesOf(extract),
    });
    if (known) return summary(known, 'duplicate', { mentions: [], dates: [], features: [], themes: [] });
    const article: Article = { ...read, id: freeId(collection, read.id), file: null };
    const body = formatCorpusFile(article);
    const bytes = Buffer.byteLength(body);
    const { maxArticles, maxBytes } = this.limits.collection;
    if (bytes > maxBytes)
      throw new IngestFailure(
        `That article (${mb(bytes)}) is larger than this server's limit of ${mb(maxBytes)}.`,
      );
    const extract = extractArticle(article);
    const outcome = await this.store.addArticle(
      serverId,
      {
        articleId: article.id,
        title: article.title,
        url: article.url,
        textHash: hash,
        bytes,
        body,
        extract: JSON.stringify(extract),
        extractCode: codeVersion(),
        addedBy: userId,
      },
      this.limits.collection,
    );
    if ('refused' in outcome) {
      switch (outcome.refused) {
        case 'articles':
          throw new IngestFailure(
            `This server has ${outcome.count} articles, its limit is ${maxArticles}: remove one (its Remove button) before adding another.`,
          );
        case 'bytes':
          throw new IngestFailure(
            `This server's articles take ${mb(outcome.bytes)} of its ${mb(maxBytes)}: remove one before adding this one (${mb(bytes)}).`,
          );
        case 'duplicate':
        case 'id-taken':
          // Added a moment ago by someone else (another process): the same article is there now.
          throw new IngestFailure('That article was added to this server a moment ago.');
      }
    }
    return summary(article, 'added', extract);
  }
}

/** The article of the collection with the same address or the same words, if any. */
function duplicateIn(collection: Collection, article: Article, hash: string): Article | undefined {
  const address = sameAddress(article.url);
  return collection.articles.find(
    (a) => (!a.url.startsWith('file:') && sameAddress(a.url) === address) || textHash(a.paragraphs) === hash,
  );
}

/** The id, or the id with -2, -3, ... when an article of the collection has it. */
function freeId(collection: Collection, id: string): string {
  if (!collection.article(id)) return id;
  for (let n = 2; ; n++) {
    const candidate = `${id.slice(0, 76)}-${n}`;
    if (!collection.article(candidate)) return candidate;
  }
}
