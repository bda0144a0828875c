import type { DatabaseConfig } from '../db/databaseConfig.ts';
import type { Logger } from '../lib/log.ts';
import { type InsightsService, startInsights } from './insights.ts';
import { type OpenedServers, openServers } from './openServers.ts';
import type { BaseCorpus } from './serverCollections.ts';

/** What a bot process keeps in its database: the servers' data and the question log. */
export interface OpenedData {
  servers: OpenedServers;
  insights: InsightsService;
  /** Writes what the question log holds, then closes the database. */
  close(): Promise<void>;
}

/**
 * Opens a bot process's database ONCE (and migrates it once) and hands it to both of its users, the
 * servers' store and the question log. With SQLite, one connection per process matters: better-sqlite3
 * waits for a lock synchronously, so a second connection of the same process writing while the first
 * holds a transaction open (between two awaited statements) would stall the whole process until the
 * busy timeout and then fail; on one connection Kysely queues the write until the transaction ends.
 * Throws DatabaseError (one line) when the database cannot be used.
 */
export async function openData(
  base: BaseCorpus,
  logger: Logger,
  config: DatabaseConfig,
  env: NodeJS.ProcessEnv,
  options: { flushMs?: number; sentencesInMemory?: number } = {},
): Promise<OpenedData> {
  const servers = await openServers(base, logger, config, { sentencesInMemory: options.sentencesInMemory });
  let insights: InsightsService;
  try {
    insights = startInsights(env, logger, { flushMs: options.flushMs, database: servers.db });
  } catch (error) {
    // A bad question-log setting (CITEBOT_RETENTION_DAYS, CITEBOT_SECRET): the database opened above
    // is closed before the error goes up, or a PostgreSQL pool would be left open.
    await servers.close();
    throw error;
  }
  return {
    servers,
    insights,
    close: async () => {
      try {
        await insights.close();
      } finally {
        await servers.close();
      }
    },
  };
}
