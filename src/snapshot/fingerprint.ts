import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type FileStamp, stampFiles } from '../corpus/loadCorpus.ts';
import { MINISEARCH_VERSION } from '../search/storedMiniSearch.ts';
import { SNAPSHOT_FORMAT } from './snapshot.ts';

/** The version of everything that shapes the index: citebot's version and source, MiniSearch's version, the format. */
let version: string | null = null;

/** The version of everything that shapes extraction and the index (read once per process). */
export function codeVersion(): string {
  // The code does not change while the process runs: read it once.
  version ??= readCodeVersion();
  return version;
}

function readCodeVersion(): string {
  const root = join(import.meta.dirname, '..', '..');
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return `citebot ${own.version} (${sourceHash(root)}); minisearch ${MINISEARCH_VERSION}; format ${SNAPSHOT_FORMAT}; v8 ${process.versions.v8}`;
}

/** A hash of citebot's own source (src/ and commands/): any change of extraction or indexing code counts. */
function sourceHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(?:ts|mjs|js)$/.test(name))
        hash.update(`${path.slice(root.length)}\n`).update(readFileSync(path));
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'commands'));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The key of a corpus folder's prebuilt index: a SHA-256 of the code version and, for every article
 * file, its name, size and modification time. Any added, removed or changed article, or new code,
 * gives another key, so a stale index is never used. Reading metadata only keeps this fast (10,000
 * files: a few tens of milliseconds).
 */
export function corpusKey(dir: string, stamps: ReadonlyMap<string, FileStamp> = stampFiles(dir)): string {
  const hash = createHash('sha256').update(codeVersion());
  for (const [name, stamp] of stamps) hash.update(`\n${name}\t${stamp.size}\t${stamp.mtimeMs}`);
  return hash.digest('hex');
}
