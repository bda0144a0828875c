/**
 * The many-servers row of `npm run bench` (run in a fresh process by `scaleBench.ts`): over a base
 * corpus folder with its prebuilt index, SERVERS servers (1,000) with PER_SERVER own articles (20)
 * each in a fresh SQLite database, measures: loading the base, filling the database, a server's first
 * question after start-up (its collection read and indexed, then /ask), /ask p50/p99 in servers with
 * their own articles (collections already loaded, and over all servers, where some must be loaded
 * again), the heap with every server asked once, and an ingested article's time to answerable (read,
 * tagged, stored, collection reloaded, answered). Prints one JSON object; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCorpus } from '../app/openCorpus.ts';
import { ServerCollections } from '../app/serverCollections.ts';
import { ServerIngester } from '../app/serverIngest.ts';
import { formatCorpusFile } from '../corpus/corpusFile.ts';
import { openDatabase } from '../db/openDatabase.ts';
import { ServerStore } from '../db/serverStore.ts';
import { extractArticle } from '../extract/knowledge.ts';
import { codeVersion } from '../snapshot/fingerprint.ts';
import { queryMix } from './queryMix.ts';
import { random, syntheticArticles } from './syntheticCorpus.ts';

const dir = process.argv[2] as string;
const SERVERS = Number(process.env.BENCH_SERVERS ?? 1000);
const PER_SERVER = Number(process.env.BENCH_PER_SERVER ?? 20);
/** Distinct articles the servers' collections are drawn from (tagging 20,000 would take hours). */
const POOL = 100;

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const time = async <T>(work: () => Promise<T> | T): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};

const [opened, baseMs] = await time(() => openCorpus(dir, { report: () => undefined }));
const base = { engine: opened.engine };
const dataDir = mkdtempSync(join(tmpdir(), 'citebot-bench-servers-'));
const database = await openDatabase({ kind: 'sqlite', file: join(dataDir, 'citebot.sqlite') });
const store = new ServerStore(database.db);
const limits = { maxArticles: 200, maxBytes: 20 * 1024 * 1024 };

// The pool, tagged once; each server stores PER_SERVER of them under ids of its own.
const pool = syntheticArticles(POOL, 99).map((a) => ({ ...a, id: `own-${a.id}` }));
const extracts = pool.map((a) => JSON.stringify(extractArticle(a)));
const code = codeVersion();
const rnd = random(5);
const serverId = (i: number) => String(1_300_000_000_000_000_000n + BigInt(i));
const [, fillMs] = await time(async () => {
  for (let s = 0; s < SERVERS; s++)
    for (let k = 0; k < PER_SERVER; k++) {
      const i = Math.floor(rnd() * POOL);
      const article = pool[i] as (typeof pool)[number];
      const body = formatCorpusFile({ ...article, id: `${article.id}-${k}` });
      await store.addArticle(
        serverId(s),
        {
          articleId: `${article.id}-${k}`,
          title: article.title,
          url: `${article.url}?s=${s}&k=${k}`,
          textHash: `${s}-${k}`,
          bytes: Buffer.byteLength(body),
          body,
          extract: extracts[i] as string,
          extractCode: code,
          addedBy: '1',
        },
        limits,
      );
    }
});

// "Start-up": a new set of collections over the same database, as a new process has.
const collections = new ServerCollections(base, store);
const mix = queryMix(opened.engine).filter((q) => q.command === 'ask');
const firstMs: number[] = [];
for (let s = 0; s < 20; s++) {
  const [, ms] = await time(async () => {
    const context = await collections.context(serverId(s));
    context.collection.run('ask', mix[s % mix.length]?.query ?? 'who?', { limit: 6 });
  });
  firstMs.push(ms);
}

// Loaded collections: servers asked before, again and again.
const warm: number[] = [];
for (let i = 0; i < 600; i++) {
  const s = i % 20;
  const [, ms] = await time(async () => {
    const context = await collections.context(serverId(s));
    context.collection.run('ask', mix[i % mix.length]?.query ?? 'who?', { limit: 6 });
  });
  warm.push(ms);
}

// Every server, in a random order (more servers than are kept: some are loaded again).
const all: number[] = [];
for (let i = 0; i < SERVERS * 2; i++) {
  const s = Math.floor(rnd() * SERVERS);
  const [, ms] = await time(async () => {
    const context = await collections.context(serverId(s));
    context.collection.run('ask', mix[i % mix.length]?.query ?? 'who?', { limit: 6 });
  });
  all.push(ms);
}
global.gc?.();
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;

// An ingested article: read from a file, tagged, stored, the server's collection loaded again, answered.
const ingester = new ServerIngester(store, { fetch: {}, collection: limits });
const [fresh] = syntheticArticles(1, 1234);
const ingestMs: number[] = [];
for (let n = 0; n < 5 && fresh; n++) {
  const server = serverId(n);
  const text = [fresh.title, '', ...fresh.paragraphs.map((p) => `${p} Variant ${n}.`)].join('\n\n');
  const [, ms] = await time(async () => {
    const context = await collections.context(server);
    const result = await ingester.ingest(
      server,
      '1',
      {
        file: { name: `fresh-${n}.txt`, text },
        url: `https://example.org/fresh-${n}`,
        published: '2025-01-01',
      },
      context.collection,
    );
    const after = await collections.context(server);
    const answer = after.collection.run(
      'search',
      fresh.paragraphs[0]?.split(' ').slice(2, 5).join(' ') ?? '',
    );
    if (!answer.items.some((item) => item.citations[0]?.article === result.article.id))
      throw new Error('bench: the ingested article is not answered');
  });
  ingestMs.push(ms);
}

console.log(
  JSON.stringify({
    servers: SERVERS,
    perServer: PER_SERVER,
    baseArticles: opened.engine.articles.length,
    baseMs,
    fillMs,
    kept: collections.size,
    first: { p50: percentile(firstMs, 50), max: Math.max(...firstMs) },
    warm: { p50: percentile(warm, 50), p99: percentile(warm, 99), n: warm.length },
    all: { p50: percentile(all, 50), p99: percentile(all, 99), n: all.length },
    heapMb,
    ingest: { p50: percentile(ingestMs, 50), max: Math.max(...ingestMs) },
  }),
);
await database.close();
rmSync(dataDir, { recursive: true, force: true });
