import { parentPort, workerData } from 'node:worker_threads';
import { openCorpus } from './openCorpus.ts';

/**
 * The worker thread of a live reload: opens the corpus folder (loading or rebuilding its prebuilt
 * index) off the main thread, so the running bot keeps answering, then sends the snapshot back.
 */
const { dir } = workerData as { dir: string };
try {
  const opened = openCorpus(dir, { report: (line) => parentPort?.postMessage({ kind: 'report', line }) });
  parentPort?.postMessage({ kind: 'done', snapshot: opened.bot.snapshot, from: opened.from, ms: opened.ms });
} catch (error) {
  parentPort?.postMessage({ kind: 'failed', message: (error as Error).message });
}
