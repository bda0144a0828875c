import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The key file's name in the data folder. */
export const MEMBER_KEY_FILE = 'member-key';

/** Turns a Discord member id into the keyed hash the question log stores instead of it. */
export type MemberHasher = (userId: string) => string;

/**
 * The keyed hash of member ids (HMAC-SHA-256, base64url): the same member gives the same hash, so a
 * second vote replaces the first and /forget-me finds what is theirs, but without the key a hash
 * cannot be traced back to a member (ids are few enough to try them all, so a plain hash would not
 * do). The key is `secret` (CITEBOT_SECRET) when given, else 32 random bytes kept in `member-key` in
 * the data folder, created (readable by its owner only) on first use.
 */
export function memberHasher(options: { secret?: string | undefined; dataDir: string }): MemberHasher {
  const key = options.secret ? Buffer.from(options.secret, 'utf8') : keyFile(options.dataDir);
  return (userId) => createHmac('sha256', key).update(userId).digest('base64url');
}

/** The key in the data folder's key file, created if there is none (another process may win the race). */
function keyFile(dataDir: string): Buffer {
  const file = join(dataDir, MEMBER_KEY_FILE);
  try {
    return parseKey(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseKey(readFileSync(file, 'utf8'), file);
}

function parseKey(text: string, file: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new Error(`memberKey: ${file} is not a key (expected 64 hexadecimal characters)`);
  return Buffer.from(hex, 'hex');
}
