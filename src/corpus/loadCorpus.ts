import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from './article.ts';
import { parseCorpusFile } from './corpusFile.ts';

/** A corpus file that could not be loaded, and why; the other articles still load. */
export interface CorpusProblem {
  file: string;
  problem: string;
}

/** The articles read from a corpus folder, and the files that were skipped. */
export interface LoadedCorpus {
  articles: Article[];
  problems: CorpusProblem[];
}

/** Thrown when a corpus cannot be used at all (missing folder, no valid article). */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

/** Whether a file name is an article of a corpus folder: `*.md`, not hidden, not a README. */
export function isArticleFile(name: string): boolean {
  return name.endsWith('.md') && !name.startsWith('.') && name.toLowerCase() !== 'readme.md';
}

/** The article files of a corpus folder, sorted by name (so citations are stable). */
export function articleFiles(dir: string): string[] {
  return readdirSync(dir).filter(isArticleFile).sort();
}

/** A file's size and modification time: what tells that it changed without reading it. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** The article files of a folder with their stamps, sorted by name; throws CorpusError when it cannot be read. */
export function stampFiles(dir: string): Map<string, FileStamp> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = articleFiles(dir);
  } catch (error) {
    throw new CorpusError(`corpus: cannot read folder ${dir}: ${(error as Error).message}`);
  }
  const stamps = new Map<string, FileStamp>();
  for (const name of names) {
    try {
      const { size, mtimeMs } = statSync(join(dir, name));
      stamps.set(name, { size, mtimeMs });
    } catch {
      // Removed between the listing and the stat: it is not in the folder any more.
    }
  }
  return stamps;
}

/** One corpus file read: its article, or why it was skipped. */
export type FileResult = { article: Article } | { problem: string };

/** Reads and parses one corpus file. */
export function readArticleFile(file: string): FileResult {
  try {
    return { article: parseCorpusFile(readFileSync(file, 'utf8'), file) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/**
 * The corpus from each file's result, in file-name order: a broken file is reported in `problems`,
 * a duplicate id keeps the first file. Throws CorpusError when no article is valid.
 */
export function collectCorpus(dir: string, results: ReadonlyMap<string, FileResult>): LoadedCorpus {
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of [...results.keys()].sort()) {
    const file = join(dir, name);
    const result = results.get(name) as FileResult;
    if ('problem' in result) {
      problems.push({ file, problem: result.problem });
      continue;
    }
    const first = seen.get(result.article.id);
    if (first) {
      problems.push({ file, problem: `duplicate id "${result.article.id}" (already used by ${first})` });
      continue;
    }
    seen.set(result.article.id, file);
    articles.push(result.article);
  }
  if (articles.length === 0) {
    const detail = problems.length ? ` (${problems.length} broken file(s))` : '';
    throw new CorpusError(`corpus: no valid articles in ${dir}${detail}`);
  }
  return { articles, problems };
}

/**
 * Reads every `*.md` file of a corpus folder (sorted by name, so citations are stable).
 * A broken file is reported in `problems` and skipped; duplicate ids keep the first file.
 * Throws CorpusError when the folder is missing or no article is valid.
 */
export function loadCorpus(dir: string): LoadedCorpus {
  const results = new Map<string, FileResult>();
  for (const name of stampFiles(dir).keys()) results.set(name, readArticleFile(join(dir, name)));
  return collectCorpus(dir, results);
}
