import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { encodeSnapshot } from '../snapshot/codec.ts';
import { openCorpus } from './openCorpus.ts';

/**
 * The worker thread of a live reload: opens the corpus folder (loading or rebuilding its prebuilt
 * index) off the main thread, so the running bot keeps answering, then sends the snapshot back,
 * encoded as in the index file (plain data, transferred without a copy).
 */
const { dir } = workerData as { dir: string };
try {
  const opened = openCorpus(dir, { report: (line) => parentPort?.postMessage({ kind: 'report', line }) });
  const payload = serialize(encodeSnapshot(opened.engine.snapshot));
  const buffer = payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.byteLength);
  parentPort?.postMessage({ kind: 'done', payload: buffer, ms: opened.ms }, [buffer]);
} catch (error) {
  parentPort?.postMessage({ kind: 'failed', message: (error as Error).message });
}
