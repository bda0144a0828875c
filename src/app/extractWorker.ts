import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';
import type { Article } from '../corpus/article.ts';
import { articleKeyOf, extractArticle } from '../extract/knowledge.ts';
import type { ExtractMessage } from './parallelExtract.ts';

/**
 * One extraction thread of a parallel build (see `extractInParallel`): tags its share of the
 * articles, sends each extract as soon as it is done and bumps the shared counter the build sleeps on.
 */
const { articles, port, signal } = workerData as {
  articles: Article[];
  port: MessagePort;
  signal: Int32Array;
};
const send = (message: ExtractMessage) => {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};
try {
  for (const article of articles) send({ key: articleKeyOf(article), extract: extractArticle(article) });
} catch (error) {
  send({ error: (error as Error).message });
}
port.close();
