import { type FSWatcher, watch } from 'node:fs';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { Engine } from '../answer/engine.ts';
import { isArticleFile } from '../corpus/loadCorpus.ts';
import { decodeSnapshot, type EncodedSnapshot } from '../snapshot/codec.ts';
import type { CorpusSnapshot } from '../snapshot/snapshot.ts';

/** What a reload did. */
export interface ReloadResult {
  ok: boolean;
  articles: number;
  sentences: number;
  /** Corpus files skipped as broken (the rest loaded). */
  problems: number;
  ms: number;
  /** Why it failed (the old corpus keeps answering), or null. */
  error: string | null;
}

type WorkerMessage =
  | { kind: 'report'; line: string }
  | { kind: 'done'; payload: ArrayBuffer; ms: number }
  | { kind: 'failed'; message: string };

/**
 * The corpus the bot answers from, kept current without a restart. A reload (asked for by `/reload`
 * or by a change in the folder, debounced) rebuilds in a worker thread while the current bot keeps
 * answering; the new one replaces it only when it is ready. A broken new file is reported and skipped
 * (the other articles load); a corpus that cannot load at all leaves the old one in place.
 */
export class LiveCorpus {
  private current: Engine;
  private running: Promise<ReloadResult> | null = null;
  private again = false;
  private watcher: FSWatcher | null = null;
  private unwatch: (() => void) | null = null;

  constructor(
    readonly dir: string,
    engine: Engine,
    private readonly report: (line: string) => void,
  ) {
    this.current = engine;
  }

  /** The engine answering now. */
  get engine(): Engine {
    return this.current;
  }

  /** Reloads the folder; a reload asked for while one runs is done once more after it. */
  reload(): Promise<ReloadResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.rebuild().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.reload();
      }
    });
    return this.running;
  }

  /** Whether a reload is under way. */
  get reloading(): boolean {
    return this.running !== null;
  }

  /** Stops watching the folder (if it was watched). */
  stopWatching(): void {
    this.unwatch?.();
    this.unwatch = null;
  }

  /** Watches the folder for added, changed or removed articles and reloads after `debounceMs` of quiet. */
  watch(debounceMs = 1000): () => void {
    let timer: NodeJS.Timeout | null = null;
    this.watcher = watch(this.dir, (_event, name) => {
      if (!name || !isArticleFile(name)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        this.report(`corpus: ${name} changed; reloading`);
        void this.reload();
      }, debounceMs);
    });
    this.watcher.on('error', (error) =>
      this.report(`corpus: stopped watching ${this.dir}: ${error.message}`),
    );
    this.unwatch = () => {
      if (timer) clearTimeout(timer);
      this.watcher?.close();
      this.watcher = null;
    };
    return this.unwatch;
  }

  private async rebuild(): Promise<ReloadResult> {
    const started = performance.now();
    const failed = (error: string): ReloadResult => {
      this.report(`corpus: reload failed, still answering from the previous corpus: ${error}`);
      return {
        ok: false,
        articles: this.current.articles.length,
        sentences: this.current.sentences.length,
        problems: 0,
        ms: Math.round(performance.now() - started),
        error,
      };
    };
    let snapshot: CorpusSnapshot;
    try {
      snapshot = await this.buildInWorker();
    } catch (error) {
      return failed((error as Error).message);
    }
    const next = new Engine(snapshot);
    this.current = next;
    for (const p of next.problems) this.report(`corpus: skipped ${p.file}: ${p.problem}`);
    const result: ReloadResult = {
      ok: true,
      articles: next.articles.length,
      sentences: next.sentences.length,
      problems: next.problems.length,
      ms: Math.round(performance.now() - started),
      error: null,
    };
    this.report(
      `corpus: reloaded ${result.articles} article(s), ${result.sentences} sentences in ${result.ms} ms`,
    );
    return result;
  }

  private buildInWorker(): Promise<CorpusSnapshot> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./buildWorkerEntry.mjs', import.meta.url), {
        workerData: { dir: this.dir },
      });
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'report') this.report(message.line);
        else if (message.kind === 'done')
          resolve(decodeSnapshot(deserialize(Buffer.from(message.payload)) as EncodedSnapshot));
        else reject(new Error(message.message));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`the build worker exited with code ${code}`));
      });
    });
  }
}
