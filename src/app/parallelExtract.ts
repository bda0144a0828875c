import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Article } from '../corpus/article.ts';
import { type ArticleExtract, articleKeyOf, extractArticle } from '../extract/knowledge.ts';

/** Below this many articles to tag, a build tags them in its own thread (starting workers costs more). */
export const PARALLEL_FROM = 64;

/** What an extraction worker sends for each article it tagged, or when it fails. */
export type ExtractMessage = { key: string; extract: ArticleExtract } | { error: string };

/** How many threads a build tags articles in: CITEBOT_BUILD_THREADS, else one per core. */
export function buildThreads(env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Number(env.CITEBOT_BUILD_THREADS);
  return Number.isInteger(wanted) && wanted >= 1 ? wanted : availableParallelism();
}

/** How long a build waits for any worker's next article before it tags the rest itself. */
const STALL_MS = 120_000;

/**
 * Tags articles in worker threads, one per core, and returns each article's extract by article key.
 * Synchronous for its caller (the build stays one function that the CLI, start-up and the reload
 * worker share): it sleeps on a shared counter the workers bump after each article and reads their
 * messages with `receiveMessageOnPort`. A worker that fails or stalls leaves its articles to this
 * thread, so a build never fails because of the threads.
 */
export function extractInParallel(
  articles: readonly Article[],
  onProgress?: (done: number) => void,
  threads = buildThreads(),
): Map<string, ArticleExtract> {
  const extracts = new Map<string, ArticleExtract>();
  const count = Math.min(threads, Math.ceil(articles.length / 16));
  if (count <= 1 || articles.length < PARALLEL_FROM) {
    for (const article of articles) {
      extracts.set(articleKeyOf(article), extractArticle(article));
      onProgress?.(extracts.size);
    }
    return extracts;
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const jobs = Array.from({ length: count }, (_, i) => {
    const chunk = articles.filter((_, n) => n % count === i);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./extractWorkerEntry.mjs', import.meta.url), {
      workerData: { articles: chunk, port: port2, signal },
      transferList: [port2],
    });
    return { worker, port: port1, size: chunk.length, received: 0, done: false };
  });
  try {
    let seen = 0;
    while (jobs.some((job) => !job.done)) {
      const woke = Atomics.wait(signal, 0, seen, STALL_MS);
      seen = Atomics.load(signal, 0);
      for (const job of jobs) {
        for (
          let message = receiveMessageOnPort(job.port);
          message;
          message = receiveMessageOnPort(job.port)
        ) {
          const data = message.message as ExtractMessage;
          if ('error' in data) job.done = true;
          else {
            extracts.set(data.key, data.extract);
            job.received++;
          }
        }
        if (job.received === job.size) job.done = true;
      }
      onProgress?.(extracts.size);
      if (woke === 'timed-out') break;
    }
  } finally {
    for (const job of jobs) {
      job.port.close();
      void job.worker.terminate();
    }
  }
  // What a failed or stalled worker left is tagged here.
  for (const article of articles) {
    const key = articleKeyOf(article);
    if (!extracts.has(key)) {
      extracts.set(key, extractArticle(article));
      onProgress?.(extracts.size);
    }
  }
  return extracts;
}
