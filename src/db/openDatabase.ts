import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type DatabaseConfig, describeDatabase } from './databaseConfig.ts';
import { DatabaseError } from './databaseError.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { CitebotSqliteDialect } from './sqliteDialect.ts';

/** An open, migrated database: the query builder, its dialect, and how to close it. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: DatabaseConfig['kind'];
  /** Where it is, for the log (no password). */
  description: string;
  /** The migrations this start-up ran (empty when the schema was current). */
  migrated: string[];
  close(): Promise<void>;
}

/** How long a statement waits for another process's write lock before the database counts as locked. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens the database and brings its schema up to date (the migrations it has not run, each in one
 * transaction; several processes starting at once run each migration once). SQLite: the file and
 * its folder are made on first use, in WAL mode (readers never wait for the writer) with a busy
 * timeout (several processes may write). Anything that keeps the database from being used (a corrupt
 * or locked file, a server that refuses) is a DatabaseError with one line: the data is never reset.
 */
export async function openDatabase(
  config: DatabaseConfig,
  options: { busyTimeoutMs?: number } = {},
): Promise<OpenedDatabase> {
  const description = describeDatabase(config);
  const db = config.kind === 'sqlite' ? openSqlite(config.file, options) : openPostgres(config.url);
  try {
    if (config.kind === 'postgres') await sql`select 1`.execute(db);
    const migrated = await migrate(db);
    return { db, kind: config.kind, description, migrated, close: () => db.destroy() };
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw explain(error, description);
  }
}

/** Runs the migrations the database has not run; throws what stopped them. */
async function migrate(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

function openSqlite(file: string, options: { busyTimeoutMs?: number }): Kysely<Database> {
  let database: BetterSqlite3.Database;
  try {
    mkdirSync(dirname(file), { recursive: true });
    database = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS });
    // The first statement reads the file's header: a file that is not a database fails here.
    database.pragma('journal_mode = WAL');
    // With WAL, NORMAL never corrupts the database on a crash (a power cut may lose the last commit).
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw explain(error, `SQLite ${file}`);
  }
  return new Kysely<Database>({ dialect: new CitebotSqliteDialect({ database }) });
}

function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle connection the server dropped must not take the process down; the next query reconnects.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** One line for what kept a database from opening (already one when it is a DatabaseError). */
function explain(error: unknown, where: string): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const { code, message } = error as { code?: string; message?: string };
  const first = (message ?? String(error)).split('\n')[0];
  switch (code) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return new DatabaseError(
        `database: ${where} is damaged or not a citebot database (${code}: ${first}); citebot will not reset it: restore a backup, or move the file away to start empty`,
      );
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new DatabaseError(
        `database: ${where} is locked by another process (${code}); stop the other process or wait, then start again`,
      );
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
    case 'EACCES':
    case 'EROFS':
    case 'ENOTDIR':
      return new DatabaseError(`database: cannot open ${where} for writing (${code}: ${first})`);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
      return new DatabaseError(`database: cannot reach ${where} (${code})`);
    case '28P01':
    case '28000':
      return new DatabaseError(`database: ${where} refused the login (${first})`);
    case '3D000':
      return new DatabaseError(`database: ${where}: ${first} (create it first)`);
  }
  if (/previously executed migration .* is missing/i.test(first ?? ''))
    return new DatabaseError(
      `database: ${where} was migrated by a newer citebot (${first}); run that version or a newer one`,
    );
  return new DatabaseError(`database: cannot open ${where}: ${code ? `${code}: ` : ''}${first}`);
}
