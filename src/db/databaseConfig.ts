import { join, resolve } from 'node:path';
import { DatabaseError } from './databaseError.ts';

/** Where the data lives: an SQLite file (the default), or a PostgreSQL server. */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The SQLite file's name inside CITEBOT_DATA_DIR. */
export const SQLITE_FILE = 'citebot.sqlite';

/**
 * The database the environment asks for: `DATABASE_URL=postgres://...` (or `postgresql://`) for
 * PostgreSQL, else SQLite in `CITEBOT_DATA_DIR` (default `./data`, made on first use). Any other
 * DATABASE_URL is a DatabaseError naming the scheme.
 */
export function databaseConfig(env: NodeJS.ProcessEnv): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (/^postgres(?:ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
    const scheme = /^([a-z][\w+.-]*):/i.exec(url)?.[1];
    throw new DatabaseError(
      `database: DATABASE_URL must start with postgres:// (got ${scheme ? `${scheme}:` : 'no scheme'}); leave it empty for SQLite in CITEBOT_DATA_DIR`,
    );
  }
  return { kind: 'sqlite', file: join(resolve(env.CITEBOT_DATA_DIR?.trim() || './data'), SQLITE_FILE) };
}

/** A database's place for the operator's log: the file, or the URL without its password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'sqlite') return `SQLite ${config.file}`;
  try {
    const url = new URL(config.url);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL does not parse as a URL)';
  }
}
