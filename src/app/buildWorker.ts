import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { encodeSnapshot } from '../snapshot/codec.ts';
import { openCorpus, refreshIndex } from './openCorpus.ts';

/**
 * The worker thread of a live reload, off the main thread so the running bot keeps answering. `open`:
 * opens the corpus folder (loading or rebuilding its prebuilt index) and sends the snapshot back,
 * encoded as in the index file (plain data, transferred without a copy). `write`: only makes the
 * prebuilt index current (after an in-place reload).
 */
const { dir, mode } = workerData as { dir: string; mode: 'open' | 'write' };
const report = (line: string) => parentPort?.postMessage({ kind: 'report', line });
try {
  if (mode === 'write') {
    const { written, ms } = refreshIndex(dir, { report });
    parentPort?.postMessage({ kind: 'written', written, ms });
  } else {
    const opened = openCorpus(dir, { report });
    const payload = serialize(encodeSnapshot(opened.engine.snapshot));
    const buffer = payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.byteLength);
    parentPort?.postMessage({ kind: 'done', payload: buffer, ms: opened.ms }, [buffer]);
  }
} catch (error) {
  parentPort?.postMessage({ kind: 'failed', message: (error as Error).message });
}
