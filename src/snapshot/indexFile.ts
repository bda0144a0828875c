import { closeSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { MINISEARCH_VERSION } from '../search/storedMiniSearch.ts';
import { decodeSnapshot, type EncodedSnapshot, encodeSnapshot } from './codec.ts';
import type { CorpusSnapshot } from './snapshot.ts';

/** The prebuilt index file's name (beside the corpus, git-ignored, or in the cache folder: see app/indexLocation). */
export const INDEX_FILE = '.citebot-index.v8';
const MAGIC = 'citebot-index';

/** The first line of the file: what it is, for which corpus and code, and how to check the payload. */
export interface Header {
  magic: string;
  key: string;
  /** The MiniSearch version that wrote it (a different one cannot restore it: the index is rebuilt). */
  minisearch: string;
  /** The code version that wrote it: its per-article extracts are reused by a rebuild with the same code. */
  code: string;
  bytes: number;
  crc32: number;
}

/** Thrown when the index file is unreadable, truncated or corrupt; the message says which, in one line. */
export class IndexFileError extends Error {
  override name = 'IndexFileError';
}

/**
 * Writes a snapshot: a one-line JSON header (key, payload size, CRC-32) and the v8-serialized, encoded
 * payload (see `encodeSnapshot`).
 * Written to a temporary file and renamed, so a crash never leaves half a file under the real name.
 */
export function writeIndexFile(path: string, key: string, snapshot: CorpusSnapshot, code: string): number {
  const payload = serialize(encodeSnapshot(snapshot));
  const header: Header = {
    magic: MAGIC,
    key,
    minisearch: MINISEARCH_VERSION,
    code,
    bytes: payload.length,
    crc32: crc32(payload),
  };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]));
  renameSync(temporary, path);
  return statSync(path).size;
}

/** Reads only the header (cheap): for which corpus and code the file is; null when there is none. */
export function readIndexHeader(path: string): Header | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(512);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const line = buffer.toString('utf8', 0, read).split('\n')[0] ?? '';
    const header = JSON.parse(line) as Partial<Header>;
    return header.magic === MAGIC && typeof header.key === 'string' ? (header as Header) : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a snapshot back, checking the header, the payload's size (a truncated file) and its CRC-32 (a
 * corrupt one) before deserializing. Throws IndexFileError naming the problem.
 */
export function readIndexFile(path: string, expected: { key?: string; code?: string }): CorpusSnapshot {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new IndexFileError(
      `index: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  const newline = data.indexOf(10);
  let header: Header;
  try {
    header = JSON.parse(data.toString('utf8', 0, newline)) as Header;
  } catch {
    throw new IndexFileError(`index: ${path} has no valid header`);
  }
  if (header.magic !== MAGIC) throw new IndexFileError(`index: ${path} is not a citebot index`);
  if (expected.key !== undefined && header.key !== expected.key)
    throw new IndexFileError(`index: ${path} is for another corpus or version`);
  if (expected.code !== undefined && header.code !== expected.code)
    throw new IndexFileError(`index: ${path} was written by other code`);
  const payload = data.subarray(newline + 1);
  if (payload.length !== header.bytes) {
    throw new IndexFileError(`index: ${path} is truncated (${payload.length} of ${header.bytes} bytes)`);
  }
  if (crc32(payload) !== header.crc32) {
    throw new IndexFileError(`index: ${path} is corrupt (checksum mismatch)`);
  }
  try {
    return decodeSnapshot(deserialize(payload) as EncodedSnapshot);
  } catch (error) {
    throw new IndexFileError(`index: ${path} cannot be decoded: ${(error as Error).message}`);
  }
}
