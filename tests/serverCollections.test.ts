import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../src/answer/engine.ts';
import { ServerCollections } from '../src/app/serverCollections.ts';
import { type OpenedDatabase, openDatabase } from '../src/db/openDatabase.ts';
import { ServerStore } from '../src/db/serverStore.ts';
import { type FreshDatabase, TEST_DATABASES } from './databases.ts';
import { EXTRA_CORPUS_DIR } from './helpers.ts';

/** The fixtures' two articles, as a server's /ingest stores them (no extract: tagged when first loaded). */
const FILES = readdirSync(EXTRA_CORPUS_DIR).map((name) => readFileSync(join(EXTRA_CORPUS_DIR, name), 'utf8'));
const LIMITS = { maxArticles: 200, maxBytes: 20 * 1024 * 1024 };
const SERVERS = ['1700000000000000001', '1700000000000000002', '1700000000000000003'];

describe.each(TEST_DATABASES)('the servers’ engines kept in memory, on $name', (database) => {
  let fresh: FreshDatabase | undefined;
  let opened: OpenedDatabase | undefined;
  afterEach(async () => {
    await opened?.close();
    await fresh?.drop();
  });

  it('keep the most recently asked within a budget of sentences, and load a dropped one again', async () => {
    fresh = await database.fresh();
    opened = await openDatabase(fresh.config);
    const store = new ServerStore(opened.db);
    for (const server of SERVERS)
      for (const [i, body] of FILES.entries())
        await store.addArticle(
          server,
          {
            articleId: `a${i}`,
            title: `Article ${i}`,
            url: `https://news.example.org/${server}/${i}`,
            textHash: `${server}-${i}`,
            bytes: body.length,
            body,
            extract: null,
            extractCode: null,
            addedBy: '1',
          },
          LIMITS,
        );
    const base = { engine: Engine.fromArticles([]) };
    const measure = new ServerCollections(base, store);
    const perServer = (await measure.context(SERVERS[0] as string)).collection.sentenceCount;
    // Room for two servers' engines, not three.
    const collections = new ServerCollections(base, store, { keptSentences: 2 * perServer });
    const first = await collections.context(SERVERS[0] as string);
    await collections.context(SERVERS[1] as string);
    expect(collections.size).toBe(2);
    expect((await collections.context(SERVERS[0] as string)).collection).toBe(first.collection);
    await collections.context(SERVERS[2] as string);
    // The least recently asked (the second server) went; the first was asked since.
    expect(collections.size).toBe(2);
    expect((await collections.context(SERVERS[0] as string)).collection).toBe(first.collection);
    const again = await collections.context(SERVERS[1] as string);
    expect(again.collection.run('ask', 'when did the bridge reopen?').items[0]?.answer?.text).toBe('Sunday');
    expect(collections.size).toBe(2);
  });
});
