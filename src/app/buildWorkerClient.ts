import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { decodeSnapshot, type EncodedSnapshot } from '../snapshot/codec.ts';
import type { CorpusSnapshot } from '../snapshot/snapshot.ts';

type WorkerMessage =
  | { kind: 'report'; line: string }
  | { kind: 'done'; payload: ArrayBuffer; ms: number }
  | { kind: 'written'; written: boolean; ms: number }
  | { kind: 'failed'; message: string };

/** Runs the build worker thread (see `buildWorker.ts`) on a folder; its report lines go to `report`. */
function runBuildWorker(
  dir: string,
  mode: 'open' | 'write',
  report: (line: string) => void,
): Promise<CorpusSnapshot | boolean> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./buildWorkerEntry.mjs', import.meta.url), {
      workerData: { dir, mode },
    });
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'report') report(message.line);
      else if (message.kind === 'done')
        resolve(decodeSnapshot(deserialize(Buffer.from(message.payload)) as EncodedSnapshot));
      else if (message.kind === 'written') resolve(message.written);
      else reject(new Error(message.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the build worker exited with code ${code}`));
    });
  });
}

/**
 * Opens a corpus folder in a worker thread (loading its prebuilt index when current, else building
 * and writing it) and hands the snapshot back, so the thread that answers questions never blocks.
 */
export async function openInWorker(dir: string, report: (line: string) => void): Promise<CorpusSnapshot> {
  return (await runBuildWorker(dir, 'open', report)) as CorpusSnapshot;
}

/** Makes a folder's prebuilt index current in a worker thread; resolves whether it wrote one. */
export async function writeIndexInWorker(dir: string, report: (line: string) => void): Promise<boolean> {
  return (await runBuildWorker(dir, 'write', report)) as boolean;
}
