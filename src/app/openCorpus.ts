import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Engine } from '../answer/engine.ts';
import { type FileStamp, loadCorpus, stampFiles } from '../corpus/loadCorpus.ts';
import { type ArticleExtract, articleKeyOf } from '../extract/knowledge.ts';
import { MINISEARCH_VERSION } from '../search/storedMiniSearch.ts';
import { codeVersion, corpusKey } from '../snapshot/fingerprint.ts';
import {
  IndexFileError,
  isForeignFile,
  readIndexExtracts,
  readIndexFile,
  readIndexHeader,
  writeIndexFile,
} from '../snapshot/indexFile.ts';
import { buildSnapshot, type CorpusSnapshot, extractsOf } from '../snapshot/snapshot.ts';
import { indexLocation } from './indexLocation.ts';
import { buildThreads, extractInParallel, PARALLEL_FROM } from './parallelExtract.ts';
import { usedIndexFile } from './pruneCache.ts';

/** How a corpus was opened, for the operator. */
export interface OpenedCorpus {
  engine: Engine;
  /** `index`: loaded from the prebuilt index; `built`: extracted and indexed now. */
  from: 'index' | 'built';
  ms: number;
  /** Size of the index file written or read, or null when none could be written. */
  indexBytes: number | null;
  /** Where the index file is (beside the corpus, or in the cache folder). */
  indexPath: string;
  /** The article files' stamps the corpus was loaded at (see `CorpusFolder.remember`). */
  stamps: ReadonlyMap<string, FileStamp>;
  /** Each article's extract by article key, for a reload to reuse (read from the index file when asked). */
  extracts: () => ReadonlyMap<string, ArticleExtract>;
}

/** Where progress and one-line reports go. */
export interface OpenOptions {
  /** One line for the operator (a log line, or stderr). */
  report: (line: string) => void;
  /** Show a progress bar while building (on a terminal). */
  progressBar?: boolean;
  /** Build even when the index is current (`citebot index`). */
  force?: boolean;
  /** Reuse the extracts of unchanged articles from the old index file (default true; false tags everything). */
  reuse?: boolean;
  /** The environment that places the index file (CORPUS_DIR, CITEBOT_CACHE_DIR): see `indexLocation`. */
  env?: NodeJS.ProcessEnv;
}

/** Whether the folder's prebuilt index is for its current files and code (reads only the header). */
export function indexIsCurrent(dir: string): boolean {
  return readIndexHeader(indexLocation(dir))?.key === corpusKey(dir);
}

/**
 * Opens a corpus folder for answering: loads the prebuilt index when it is current (same corpus
 * files, same code), else builds it, with a progress bar on a terminal and a line otherwise, and
 * writes it for next time. A corrupt or truncated index is reported in one line and rebuilt; an index
 * that cannot be written is reported and the bot still starts.
 */
export function openCorpus(dir: string, options: OpenOptions): OpenedCorpus {
  const started = performance.now();
  const stamps = stampFiles(dir);
  const key = corpusKey(dir, stamps);
  const path = indexLocation(dir, options.env);
  const loaded = options.force ? null : loadCurrent(path, key, options);
  if (loaded) {
    usedIndexFile(path, options.env);
    const code = codeVersion();
    return {
      engine: new Engine({ ...loaded, extracts: undefined }),
      from: 'index',
      ms: Math.round(performance.now() - started),
      indexBytes: null,
      indexPath: path,
      stamps,
      extracts: () => readIndexExtracts(path, code),
    };
  }
  const { snapshot, indexBytes } = buildAndWrite(dir, path, key, options);
  // The extracts are for the next build: the running engine does not keep them.
  const engine = new Engine({ ...snapshot, extracts: undefined });
  const ms = Math.round(performance.now() - started);
  options.report(
    `index: built ${snapshot.knowledge.sentences.length} sentences in ${ms} ms${indexBytes === null ? '' : ` (${indexBytes} bytes)`}`,
  );
  const extracts = extractsOf(snapshot);
  return { engine, from: 'built', ms, indexBytes, indexPath: path, stamps, extracts: () => extracts };
}

/**
 * Makes the folder's prebuilt index current without opening an engine (a sharded bot's manager, or
 * the write that follows a live reload): builds and writes it when stale, reusing the extracts of
 * unchanged articles; does nothing when it is current. Returns whether it wrote one.
 */
export function refreshIndex(
  dir: string,
  options: OpenOptions,
): { written: boolean; ms: number; indexPath: string } {
  const started = performance.now();
  const key = corpusKey(dir);
  const path = indexLocation(dir, options.env);
  if (!options.force && readIndexHeader(path)?.key === key)
    return { written: false, ms: Math.round(performance.now() - started), indexPath: path };
  const { indexBytes } = buildAndWrite(dir, path, key, options);
  return { written: indexBytes !== null, ms: Math.round(performance.now() - started), indexPath: path };
}

/** The snapshot of a current index file, or null (reported) when it is stale, corrupt or for other code. */
function loadCurrent(path: string, key: string, options: OpenOptions): CorpusSnapshot | null {
  const header = readIndexHeader(path);
  if (header?.key === key) {
    try {
      return readIndexFile(path, { key });
    } catch (error) {
      const message =
        error instanceof IndexFileError
          ? error.message
          : `index: ${path} does not fit this code (${(error as Error).message})`;
      options.report(`${message}; rebuilding it`);
    }
  } else if (header?.minisearch && header.minisearch !== MINISEARCH_VERSION) {
    options.report(
      `index: written with MiniSearch ${header.minisearch}, this is MiniSearch ${MINISEARCH_VERSION}; rebuilding the index`,
    );
  } else if (isForeignFile(path)) {
    options.report(`index: ${path} is not a citebot index file; replacing it with a new index`);
  } else if (existsSync(path)) {
    options.report('index: the corpus or the code changed; rebuilding the index');
  }
  return null;
}

/** Builds the snapshot (reusing unchanged articles' extracts from the old file) and writes the index file. */
function buildAndWrite(
  dir: string,
  path: string,
  key: string,
  options: OpenOptions,
): { snapshot: CorpusSnapshot; indexBytes: number | null } {
  const code = codeVersion();
  const header = readIndexHeader(path);
  const { articles, problems } = loadCorpus(dir);
  // Articles unchanged since the last index (same text, same code) are not tagged again.
  let reuse: ReadonlyMap<string, ArticleExtract> | undefined;
  if (options.reuse !== false && header?.code === code) {
    try {
      reuse = readIndexExtracts(path, code);
    } catch {
      reuse = undefined;
    }
  }
  const toTag = articles.filter((a) => !reuse?.has(articleKeyOf(a)));
  const unchanged = articles.length - toTag.length;
  options.report(
    `index: building from ${articles.length} article(s)${unchanged ? `, ${unchanged} unchanged (not tagged again)` : ''}`,
  );
  let bar: SingleBar | null = null;
  if (options.progressBar) {
    bar = new SingleBar({
      format: 'index [{bar}] {value}/{total} articles · {eta_formatted} left',
      hideCursor: true,
    });
    bar.start(articles.length, 0);
  }
  // The articles to tag are tagged in worker threads first (one per core), then merged here.
  const threads = buildThreads(options.env);
  if (toTag.length >= PARALLEL_FROM && threads > 1) {
    const tagged = extractInParallel(toTag, (done) => bar?.update(unchanged + done), threads);
    reuse = new Map([...(reuse ?? []), ...tagged]);
  }
  const snapshot = buildSnapshot(articles, problems, (done) => bar?.update(done), reuse);
  bar?.stop();
  let indexBytes: number | null = null;
  try {
    mkdirSync(dirname(path), { recursive: true });
    indexBytes = writeIndexFile(path, key, snapshot, code);
    usedIndexFile(path, options.env);
  } catch (error) {
    options.report(
      `index: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); answering without it`,
    );
  }
  return { snapshot, indexBytes };
}
