import { createHash } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { INDEX_FILE } from '../snapshot/indexFile.ts';

/**
 * The cache folder for prebuilt indexes of folders citebot should not write into: CITEBOT_CACHE_DIR,
 * else `$XDG_CACHE_HOME/citebot`, else `~/.cache/citebot`.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CITEBOT_CACHE_DIR) return resolve(env.CITEBOT_CACHE_DIR);
  return join(env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache'), 'citebot');
}

/** Whether the process may create files in a folder. */
function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a corpus folder's prebuilt index lives: beside the articles when the folder is the configured
 * corpus (CORPUS_DIR, else ./corpus) and writable; otherwise in the cache folder, named by a hash of
 * the folder's path. A one-off `citebot who --corpus DIR` never leaves a file in someone else's folder
 * (or a read-only one). The cache folder is made when the index is written, not here.
 */
export function indexLocation(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  const folder = resolve(dir);
  const configured = resolve(env.CORPUS_DIR || './corpus');
  if (folder === configured && writable(folder)) return join(folder, INDEX_FILE);
  const cache = cacheDir(env);
  const name = createHash('sha256').update(folder).digest('hex').slice(0, 16);
  return join(cache, `${name}${INDEX_FILE}`);
}
