import { basename, join } from 'node:path';
import type { Article } from './article.ts';
import {
  type CorpusProblem,
  collectCorpus,
  type FileResult,
  type FileStamp,
  type LoadedCorpus,
  readArticleFile,
  stampFiles,
} from './loadCorpus.ts';

/** What a scan found: the corpus, and which files it had to read (new or changed since the last scan). */
export interface FolderScan extends LoadedCorpus {
  /** Files read in this scan (added or changed). */
  read: string[];
  /** Files gone since the last scan. */
  gone: string[];
}

/**
 * A corpus folder read again and again (a live bot's reloads): remembers each file's stamp (size,
 * modification time) and what it held, so a scan reads only the files that are new or changed; a
 * 10,000-article folder with one new file is one read, not ten thousand.
 */
export class CorpusFolder {
  private readonly files = new Map<string, { stamp: FileStamp; result: FileResult }>();

  constructor(readonly dir: string) {}

  /**
   * Remembers a corpus already loaded (from the prebuilt index) with the stamps it was loaded at,
   * so the next scan reads only what changed after that.
   */
  remember(
    corpus: { articles: readonly Article[]; problems: readonly CorpusProblem[] },
    stamps: ReadonlyMap<string, FileStamp>,
  ): void {
    const byName = new Map<string, FileResult>();
    for (const article of corpus.articles) if (article.file) byName.set(basename(article.file), { article });
    for (const p of corpus.problems) byName.set(basename(p.file), { problem: p.problem });
    for (const [name, stamp] of stamps) {
      const result = byName.get(name);
      if (result) this.files.set(name, { stamp, result });
    }
  }

  /** Reads the folder again: only new or changed files are parsed. Throws CorpusError as `loadCorpus`. */
  scan(): FolderScan {
    const stamps = stampFiles(this.dir);
    const read: string[] = [];
    const gone = [...this.files.keys()].filter((name) => !stamps.has(name));
    for (const name of gone) this.files.delete(name);
    for (const [name, stamp] of stamps) {
      const known = this.files.get(name);
      if (known && known.stamp.size === stamp.size && known.stamp.mtimeMs === stamp.mtimeMs) continue;
      this.files.set(name, { stamp, result: readArticleFile(join(this.dir, name)) });
      read.push(name);
    }
    const results = new Map<string, FileResult>();
    for (const [name, { result }] of this.files) results.set(name, result);
    return { ...collectCorpus(this.dir, results), read, gone };
  }
}
