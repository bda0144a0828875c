import { type FSWatcher, watch } from 'node:fs';
import { Engine } from '../answer/engine.ts';
import { warm } from '../answer/run.ts';
import { CorpusFolder } from '../corpus/corpusFolder.ts';
import { type CorpusProblem, type FileStamp, isArticleFile } from '../corpus/loadCorpus.ts';
import type { ArticleExtract } from '../extract/knowledge.ts';
import { codeVersion } from '../snapshot/fingerprint.ts';
import { readIndexExtracts } from '../snapshot/indexFile.ts';
import type { CorpusSnapshot, PhraseFamily } from '../snapshot/snapshot.ts';
import { openInWorker, writeIndexInWorker } from './buildWorkerClient.ts';
import { articlesToTag, prepareUpdate } from './corpusUpdate.ts';
import { indexLocation } from './indexLocation.ts';

/** How a reload reads the corpus: the folder's changes, or the prebuilt index file as it is now. */
export type ReloadMode = 'scan' | 'index';

/** What a reload did. */
export interface ReloadResult {
  ok: boolean;
  articles: number;
  sentences: number;
  /** Corpus files skipped as broken (the rest loaded). */
  problems: number;
  ms: number;
  /** `in place`: new and changed articles tagged and added to the running index; `rebuilt`: built in a worker. */
  how: 'in place' | 'rebuilt' | 'loaded' | null;
  /** Articles tagged (new or changed) and articles gone, when done in place. */
  tagged: number;
  removed: number;
  /** Why it failed (the old corpus keeps answering), or null. */
  error: string | null;
}

/**
 * A reload that did not happen, and why: the corpus still answering (its articles and sentences, or
 * none where the caller does not hold one, as a sharded bot's manager) is the previous one.
 */
export function failedReload(
  error: string,
  ms: number,
  still: { articles: number; sentences: number } = { articles: 0, sentences: 0 },
): ReloadResult {
  return { ok: false, ...still, problems: 0, ms, how: null, tagged: 0, removed: 0, error };
}

/** How long after a reload the new engine makes the indexes it left for later. */
const WARM_DELAY_MS = 500;

/** More new or changed articles than this are built in a worker thread rather than added in place. */
export const MAX_IN_PLACE = 200;

/** What a live corpus may start from besides its engine (what `openCorpus` returns). */
export interface LiveStart {
  /** The stamps of the article files the engine was loaded at, so a reload reads only changed files. */
  stamps?: ReadonlyMap<string, FileStamp>;
  /** The extracts of the engine's articles (read from the index file when first asked for). */
  extracts?: () => ReadonlyMap<string, ArticleExtract>;
  /** Write the prebuilt index after an in-place reload (default true; tests of a read-only folder turn it off). */
  persist?: boolean;
}

/**
 * The corpus the bot answers from, kept current without a restart. A reload (asked for by `/reload`
 * or by a change in the folder, debounced) reads only the files that changed; new and changed
 * articles are tagged and added to the running index in place (a 10,000-article corpus takes about
 * one article's work plus a merge), then the prebuilt index is written again in a worker thread for
 * the next start. Many changes at once (or no reusable extracts) rebuild in a worker thread instead.
 * Either way the current engine keeps answering and the new one replaces it only when ready. A broken
 * new file is reported and skipped (the other articles load); a corpus that cannot load at all leaves
 * the old one in place.
 */
export class LiveCorpus {
  private current: Engine;
  private running: Promise<ReloadResult> | null = null;
  private queued: Promise<ReloadResult> | null = null;
  private queuedMode: ReloadMode = 'scan';
  private watcher: FSWatcher | null = null;
  private unwatch: (() => void) | null = null;
  private readonly folder: CorpusFolder;
  private extracts: ReadonlyMap<string, ArticleExtract> | null = null;
  private readonly readExtracts: () => ReadonlyMap<string, ArticleExtract>;
  private persisting: Promise<void> | null = null;
  private persistAgain = false;

  constructor(
    readonly dir: string,
    engine: Engine,
    private readonly report: (line: string) => void,
    private readonly start: LiveStart = {},
  ) {
    this.current = engine;
    this.folder = new CorpusFolder(dir);
    if (start.stamps) this.folder.remember(engine, start.stamps);
    this.readExtracts = start.extracts ?? (() => readIndexExtracts(indexLocation(dir), codeVersion()));
  }

  /** Resolves when the prebuilt index written after the last in-place reload is on disk (tests, shutdown). */
  async persisted(): Promise<void> {
    while (this.persisting) await this.persisting;
  }

  /** The engine answering now. */
  get engine(): Engine {
    return this.current;
  }

  /**
   * Reloads: `scan` reads what changed in the folder (in place, or rebuilt in a worker); `index` loads
   * the prebuilt index file another process wrote (a shard, told by its manager). A reload asked for
   * while one runs is done once more after it, and its promise is that run's.
   */
  reload(mode: ReloadMode = 'scan'): Promise<ReloadResult> {
    if (this.running) {
      // Asked for while one runs: one more run after it, which sees every change made until then.
      if (mode === 'index') this.queuedMode = 'index';
      this.queued ??= this.running.then(() => {
        const next = this.queuedMode;
        this.queued = null;
        this.queuedMode = 'scan';
        return this.reload(next);
      });
      return this.queued;
    }
    this.running = this.rebuild(mode).finally(() => {
      this.running = null;
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
  watch(debounceMs = 300): () => void {
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

  private async rebuild(mode: ReloadMode): Promise<ReloadResult> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const failed = (error: string): ReloadResult => {
      this.report(`corpus: reload failed, still answering from the previous corpus: ${error}`);
      return failedReload(error, ms(), {
        articles: this.current.articles.length,
        sentences: this.current.sentences.length,
      });
    };
    let how: ReloadResult['how'] = 'in place';
    let tagged = 0;
    let removed = 0;
    try {
      const scan = mode === 'scan' ? this.folder.scan() : null;
      const extracts = scan ? this.loadExtracts() : null;
      const toTag = scan && extracts ? articlesToTag(this.current, scan, extracts) : Number.POSITIVE_INFINITY;
      if (
        scan &&
        toTag === 0 &&
        scan.articles.length === this.current.articles.length &&
        scan.read.length === 0
      ) {
        // No article changed since the last load (a /reload, or a second event for one change); a
        // broken file may have been deleted, though: the skipped files are the folder's as it is now.
        if (!sameProblems(scan.problems, this.current.problems))
          this.current = withProblems(this.current, scan.problems);
      } else if (scan && extracts && toTag <= MAX_IN_PLACE) {
        const prepared = await prepareUpdate(this.current, scan, extracts);
        this.current = prepared.commit();
        this.extracts = prepared.extracts;
        tagged = prepared.tagged;
        removed = prepared.removed;
        if (this.start.persist !== false && (tagged > 0 || removed > 0)) this.persist();
      } else {
        // Many changes, no extracts to reuse, or the index file another process wrote.
        how = scan ? 'rebuilt' : 'loaded';
        this.current = new Engine(await openInWorker(this.dir, this.report));
        this.extracts = null;
      }
    } catch (error) {
      return failed((error as Error).message);
    }
    const next = this.current;
    for (const p of next.problems) this.report(`corpus: skipped ${p.file}: ${p.problem}`);
    const result: ReloadResult = {
      ok: true,
      articles: next.articles.length,
      sentences: next.sentences.length,
      problems: next.problems.length,
      ms: ms(),
      how,
      tagged,
      removed,
      error: null,
    };
    const change = how === 'in place' ? ` (${tagged} tagged, ${removed} gone, in place)` : ` (${how})`;
    this.report(
      `corpus: reloaded ${result.articles} article(s), ${result.sentences} sentences in ${result.ms} ms${change}`,
    );
    // Indexes the new engine has not made yet (names, themes) are made a moment later, after the
    // questions waiting now are answered.
    setTimeout(() => {
      if (this.current === next) warm(next);
    }, WARM_DELAY_MS).unref();
    return result;
  }

  /** The extracts of the running engine's articles, or null when none can be read (then a reload rebuilds). */
  private loadExtracts(): ReadonlyMap<string, ArticleExtract> | null {
    if (this.extracts) return this.extracts;
    try {
      this.extracts = this.readExtracts();
    } catch {
      this.extracts = null;
    }
    return this.extracts;
  }

  /** Writes the prebuilt index for the folder as it is now, in a worker thread (one at a time). */
  private persist(): void {
    if (this.persisting) {
      this.persistAgain = true;
      return;
    }
    this.persisting = writeIndexInWorker(this.dir, this.report)
      .then(() => undefined)
      .catch((error: Error) => this.report(`index: not written after the reload: ${error.message}`))
      .finally(() => {
        this.persisting = null;
        if (this.persistAgain) {
          this.persistAgain = false;
          this.persist();
        }
      });
  }
}

/** Whether two lists of skipped files say the same (same files, same problems, in order). */
function sameProblems(a: readonly CorpusProblem[], b: readonly CorpusProblem[]): boolean {
  return a.length === b.length && a.every((p, i) => p.file === b[i]?.file && p.problem === b[i]?.problem);
}

/**
 * The same engine with other skipped files (a broken file deleted, no article changed): the snapshot's
 * other parts and the indexes already made are shared, nothing is built again.
 */
function withProblems(engine: Engine, problems: readonly CorpusProblem[]): Engine {
  // Descriptors, not a spread: a snapshot's index may be a getter that serializes on read.
  const snapshot = Object.defineProperties(
    {},
    {
      ...Object.getOwnPropertyDescriptors(engine.snapshot),
      problems: { value: [...problems], enumerable: true },
    },
  ) as CorpusSnapshot;
  const phraseIndexes: Partial<Record<PhraseFamily, NonNullable<ReturnType<Engine['builtPhraseIndex']>>>> =
    {};
  for (const family of ['names', 'themes', 'words'] as const) {
    const built = engine.builtPhraseIndex(family);
    if (built) phraseIndexes[family] = built;
  }
  return new Engine(snapshot, { sentenceIndex: engine.sentenceIndex, phraseIndexes });
}
