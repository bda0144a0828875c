import { readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INDEX_FILE } from '../snapshot/indexFile.ts';
import { cacheDir } from './indexLocation.ts';

/** How much the index cache may keep: files unused for longer than `maxDays`, and beyond `maxBytes` in all, go. */
export interface CacheLimits {
  maxDays: number;
  maxBytes: number;
}

/** The defaults: 30 days, 500 MB. */
export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxDays: 30, maxBytes: 500 * 1024 * 1024 };

/** A whole number of at least 0 from a variable, else the fallback (a typo never disables pruning). */
function wholeNumber(value: string | undefined, fallback: number): number {
  return value && /^\d+$/.test(value.trim()) ? Number(value.trim()) : fallback;
}

/**
 * The cache limits from the environment: CITEBOT_CACHE_MAX_DAYS (days since an index file was last
 * used) and CITEBOT_CACHE_MAX_MB (all index files together); unset or not a whole number: the defaults.
 */
export function cacheLimits(env: NodeJS.ProcessEnv = process.env): CacheLimits {
  return {
    maxDays: wholeNumber(env.CITEBOT_CACHE_MAX_DAYS, DEFAULT_CACHE_LIMITS.maxDays),
    maxBytes:
      wholeNumber(env.CITEBOT_CACHE_MAX_MB, DEFAULT_CACHE_LIMITS.maxBytes / 1024 / 1024) * 1024 * 1024,
  };
}

/** A temporary file `writeIndexFile` writes before renaming it (`<index>.<pid>.tmp`). */
const TEMPORARY = /\.citebot-index\.v\d+\.\d+\.tmp$/;

/** One index file of the cache, with its size and when it was last used (its modification time). */
interface CachedFile {
  path: string;
  bytes: number;
  usedMs: number;
}

/**
 * Prunes the cache folder of prebuilt indexes (see `indexLocation`): deletes index files (and left-over
 * temporary files) not used for `maxDays`, then the least recently used ones until all of them together
 * fit in `maxBytes`. `keep` (the index just written or opened) is never deleted. Only citebot's own
 * files are touched; errors (a file gone meanwhile, a read-only folder) are skipped. Returns the paths
 * deleted. A file's modification time is its last use: opening an index from the cache touches it.
 */
export function pruneCache(dir: string, keep: string, limits: CacheLimits, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: CachedFile[] = [];
  const temporaries: CachedFile[] = [];
  for (const name of names) {
    const temporary = TEMPORARY.test(name);
    if (!name.endsWith(INDEX_FILE) && !temporary) continue;
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (stat.isFile())
        (temporary ? temporaries : files).push({ path, bytes: stat.size, usedMs: stat.mtimeMs });
    } catch {
      // Gone meanwhile.
    }
  }
  const deleted: string[] = [];
  const remove = (file: CachedFile) => {
    try {
      rmSync(file.path, { force: true });
      deleted.push(file.path);
    } catch {
      // Not ours to delete after all (permissions): left as it is.
    }
  };
  // A temporary file is another process's write in progress, unless it is an hour old (a crash's leftover).
  for (const file of temporaries) if (file.usedMs < now - 60 * 60 * 1000) remove(file);
  const oldest = now - limits.maxDays * 24 * 60 * 60 * 1000;
  const kept: CachedFile[] = [];
  for (const file of files) {
    if (file.path !== keep && file.usedMs < oldest) remove(file);
    else kept.push(file);
  }
  kept.sort((a, b) => a.usedMs - b.usedMs);
  let total = kept.reduce((sum, file) => sum + file.bytes, 0);
  for (const file of kept) {
    if (total <= limits.maxBytes) break;
    if (file.path === keep) continue;
    remove(file);
    total -= file.bytes;
  }
  return deleted;
}

/**
 * Called after an index file is opened or written: when it lives in the cache folder, marks it used now
 * (so the least recently used go first) and prunes the cache to the configured limits. An index beside
 * the configured corpus is the operator's and is left alone. Returns the paths deleted.
 */
export function usedIndexFile(path: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const cache = cacheDir(env);
  if (dirname(path) !== cache) return [];
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // Not written (a read-only cache): nothing to mark.
  }
  return pruneCache(cache, path, cacheLimits(env));
}
