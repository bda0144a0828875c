import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../src/db/databaseConfig.ts';
import { SQLITE_FILE } from '../src/db/databaseConfig.ts';

/** A fresh, empty database for one test: how to reach it (config and environment) and how to drop it. */
export interface FreshDatabase {
  config: DatabaseConfig;
  /** The variables that point citebot at it (CITEBOT_DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A database engine the suite runs on, and how to make a fresh database there. */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  fresh(): Promise<FreshDatabase>;
}

/** SQLite in a new temporary data folder. */
const sqlite: TestDatabase = {
  name: 'sqlite',
  fresh: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-db-'));
    return {
      config: { kind: 'sqlite', file: join(dir, SQLITE_FILE) },
      env: { CITEBOT_DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/** A new database on the PostgreSQL server at `adminUrl`, dropped afterwards. */
function postgres(adminUrl: string): TestDatabase {
  const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    fresh: async () => {
      const name = `citebot_test_${randomBytes(6).toString('hex')}`;
      await admin((c) => c.query(`create database ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        config: { kind: 'postgres', url: url.toString() },
        env: { DATABASE_URL: url.toString() },
        drop: async () => {
          await admin((c) => c.query(`drop database if exists ${name} with (force)`));
        },
      };
    },
  };
}

/**
 * The engines the database tests run on: SQLite always, and PostgreSQL when CITEBOT_TEST_DATABASE_URL
 * gives a server where the tests may create databases (`.ci/run` starts one: see `.ci/with-postgres`).
 * Use with `describe.each(TEST_DATABASES)`.
 */
export const TEST_DATABASES: readonly TestDatabase[] = process.env.CITEBOT_TEST_DATABASE_URL
  ? [sqlite, postgres(process.env.CITEBOT_TEST_DATABASE_URL)]
  : [sqlite];
