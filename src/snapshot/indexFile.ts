import { closeSync, fstatSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import type { ArticleExtract } from '../extract/knowledge.ts';
import { MINISEARCH_VERSION } from '../search/storedMiniSearch.ts';
import { decodeSnapshot, type EncodedSnapshot, encodeSnapshot } from './codec.ts';
import { type CorpusSnapshot, extractsOf } from './snapshot.ts';

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
  /** Size and CRC-32 of the extracts after the snapshot. */
  extractBytes: number;
  extractCrc32: number;
  bytes: number;
  crc32: number;
}

/** Thrown when the index file is unreadable, truncated or corrupt; the message says which, in one line. */
export class IndexFileError extends Error {
  override name = 'IndexFileError';
}

/**
 * Writes a snapshot: a one-line JSON header (key, versions, sizes and CRC-32s), the v8-serialized,
 * encoded snapshot (see `encodeSnapshot`), then the articles' extracts, which only a rebuild reads
 * (start-up reads the header and the snapshot, never the extracts). Written to a temporary file and
 * renamed, so a crash never leaves half a file under the real name.
 */
export function writeIndexFile(path: string, key: string, snapshot: CorpusSnapshot, code: string): number {
  const payload = serialize(encodeSnapshot(snapshot));
  const extracts = serialize([...extractsOf(snapshot)]);
  const header: Header = {
    magic: MAGIC,
    key,
    minisearch: MINISEARCH_VERSION,
    code,
    bytes: payload.length,
    crc32: crc32(payload),
    extractBytes: extracts.length,
    extractCrc32: crc32(extracts),
  };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload, extracts]));
  renameSync(temporary, path);
  return statSync(path).size;
}

/** The header line and its length in bytes, or null when the file is missing or not a citebot index. */
function headerOf(fd: number): { header: Header; length: number } | null {
  const buffer = Buffer.alloc(1024);
  const read = readSync(fd, buffer, 0, buffer.length, 0);
  const newline = buffer.subarray(0, read).indexOf(10);
  if (newline < 0) return null;
  try {
    const header = JSON.parse(buffer.toString('utf8', 0, newline)) as Partial<Header>;
    if (header.magic !== MAGIC || typeof header.key !== 'string') return null;
    return { header: header as Header, length: newline + 1 };
  } catch {
    return null;
  }
}

/**
 * Whether a file exists but is not a citebot index at all (no header line with citebot's mark): some
 * other file under the index's name, which a rebuild replaces. False for a missing file.
 */
export function isForeignFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const buffer = Buffer.alloc(64);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return !buffer.toString('latin1', 0, read).startsWith(`{"magic":"${MAGIC}"`);
  } finally {
    closeSync(fd);
  }
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
    return headerOf(fd)?.header ?? null;
  } finally {
    closeSync(fd);
  }
}

/** Reads one checked section of the file: its bytes at an offset, verified against size and CRC-32. */
function readSection(
  path: string,
  fd: number,
  offset: number,
  bytes: number,
  checksum: number,
  what: string,
): Buffer {
  const buffer = Buffer.allocUnsafe(bytes);
  const read = readSync(fd, buffer, 0, bytes, offset);
  if (read !== bytes)
    throw new IndexFileError(`index: ${path} is truncated (${read} of ${bytes} bytes of ${what})`);
  if (crc32(buffer) !== checksum) throw new IndexFileError(`index: ${path} is corrupt (checksum mismatch)`);
  return buffer;
}

/** Opens the file and checks its header against what the caller expects; throws IndexFileError. */
function openChecked(path: string, expected: { key?: string; code?: string }) {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new IndexFileError(
      `index: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  const found = headerOf(fd);
  if (!found) {
    closeSync(fd);
    throw new IndexFileError(`index: ${path} has no valid header`);
  }
  const { header } = found;
  const size = fstatSync(fd).size;
  const whole = found.length + header.bytes + (header.extractBytes ?? 0);
  if (size !== whole) {
    closeSync(fd);
    throw new IndexFileError(`index: ${path} is truncated (${size} of ${whole} bytes)`);
  }
  if (expected.key !== undefined && header.key !== expected.key) {
    closeSync(fd);
    throw new IndexFileError(`index: ${path} is for another corpus or version`);
  }
  if (expected.code !== undefined && header.code !== expected.code) {
    closeSync(fd);
    throw new IndexFileError(`index: ${path} was written by other code`);
  }
  return { fd, ...found };
}

/**
 * Reads a snapshot back (not the extracts), checking the header, the payload's size (a truncated file)
 * and its CRC-32 (a corrupt one) before deserializing. Throws IndexFileError naming the problem.
 */
export function readIndexFile(path: string, expected: { key?: string; code?: string }): CorpusSnapshot {
  const { fd, header, length } = openChecked(path, expected);
  let payload: Buffer;
  try {
    payload = readSection(path, fd, length, header.bytes, header.crc32, 'the snapshot');
  } finally {
    closeSync(fd);
  }
  try {
    return decodeSnapshot(deserialize(payload) as EncodedSnapshot);
  } catch (error) {
    throw new IndexFileError(`index: ${path} cannot be decoded: ${(error as Error).message}`);
  }
}

/** Reads the articles' extracts of an index written by the given code (for a rebuild); throws IndexFileError. */
export function readIndexExtracts(path: string, code: string): ReadonlyMap<string, ArticleExtract> {
  const { fd, header, length } = openChecked(path, { code });
  try {
    const bytes = readSection(
      path,
      fd,
      length + header.bytes,
      header.extractBytes,
      header.extractCrc32,
      'the extracts',
    );
    return new Map(deserialize(bytes) as Array<[string, ArticleExtract]>);
  } finally {
    closeSync(fd);
  }
}
