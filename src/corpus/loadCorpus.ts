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

/**
 * Reads every `*.md` file of a corpus folder (sorted by name, so citations are stable).
 * A broken file is reported in `problems` and skipped; duplicate ids keep the first file.
 * Throws CorpusError when the folder is missing or no article is valid.
 */
export function loadCorpus(dir: string): LoadedCorpus {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = articleFiles(dir);
  } catch (error) {
    throw new CorpusError(`corpus: cannot read folder ${dir}: ${(error as Error).message}`);
  }
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    try {
      const article = parseCorpusFile(readFileSync(file, 'utf8'), file);
      const first = seen.get(article.id);
      if (first) {
        problems.push({ file, problem: `duplicate id "${article.id}" (already used by ${first})` });
        continue;
      }
      seen.set(article.id, file);
      articles.push(article);
    } catch (error) {
      problems.push({ file, problem: (error as Error).message });
    }
  }
  if (articles.length === 0) {
    const detail = problems.length ? ` (${problems.length} broken file(s))` : '';
    throw new CorpusError(`corpus: no valid articles in ${dir}${detail}`);
  }
  return { articles, problems };
}
