import type { Kysely } from 'kysely';
import { type DatabaseConfig, databaseConfig } from '../db/databaseConfig.ts';
import { openDatabase } from '../db/openDatabase.ts';
import type { Database } from '../db/schema.ts';
import { ServerStore } from '../db/serverStore.ts';
import type { Logger } from '../lib/log.ts';
import { type BaseCorpus, ServerCollections } from './serverCollections.ts';

/** The servers' data of a running bot: the store, the collections, and how to close them. */
export interface OpenedServers {
  /**
   * The database as opened (and migrated) here: the one connection (SQLite) or pool (PostgreSQL) of
   * the process, which the question log writes through too (see `openData`). Closed by `close`.
   */
  db: Kysely<Database>;
  store: ServerStore;
  collections: ServerCollections;
  /** Stops the hourly purge and closes the database. */
  close(): Promise<void>;
}

/** How often the data of servers past their SERVER_DATA_DAYS is deleted. */
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Opens the database the environment names (SQLite in CITEBOT_DATA_DIR, or DATABASE_URL), runs its
 * migrations, and serves the servers' collections over the base. Deletes the data of servers the bot
 * left more than SERVER_DATA_DAYS ago now and every hour. `sentencesInMemory` bounds the servers'
 * own indexes held in memory (SERVER_SENTENCES_IN_MEMORY; see `ServerCollections`). Throws DatabaseError (one line) when the
 * database cannot be used.
 */
export async function openServers(
  base: BaseCorpus,
  logger: Logger,
  config: DatabaseConfig = databaseConfig(process.env),
  options: { sentencesInMemory?: number } = {},
): Promise<OpenedServers> {
  const opened = await openDatabase(config);
  logger.info(
    { database: opened.description, migrated: opened.migrated },
    opened.migrated.length ? `database: migrated (${opened.migrated.join(', ')})` : 'database: ready',
  );
  const store = new ServerStore(opened.db);
  const collections = new ServerCollections(base, store, {
    report: (line) => logger.warn(line),
    keptSentences: options.sentencesInMemory,
  });
  const purge = async () => {
    try {
      for (const id of await store.purgeExpired()) {
        collections.forget(id);
        logger.info({ guild: id }, 'server data deleted (the bot left it more than SERVER_DATA_DAYS ago)');
      }
    } catch (error) {
      logger.error({ err: error }, 'could not delete expired server data');
    }
  };
  await purge();
  const timer = setInterval(() => void purge(), PURGE_EVERY_MS);
  timer.unref();
  return {
    db: opened.db,
    store,
    collections,
    close: async () => {
      clearInterval(timer);
      await opened.close();
    },
  };
}
