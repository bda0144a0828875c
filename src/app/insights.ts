import type { Kysely } from 'kysely';
import type { Engine } from '../answer/engine.ts';
import { type DatabaseConfig, databaseConfig } from '../db/databaseConfig.ts';
import { type OpenedDatabase, openDatabase } from '../db/openDatabase.ts';
import { databaseQuestionStore, type QuestionStore } from '../db/questionRows.ts';
import type { Database } from '../db/schema.ts';
import { type Insights, summarize } from '../insights/summary.ts';
import type { Logger } from '../lib/log.ts';
import { insightsConfig } from './insightsConfig.ts';
import { memberHasher } from './memberKey.ts';
import { QuestionLog } from './questionLog.ts';

/** The question log of a running bot, the reports read from it, and the member's and server's deletions. */
export interface InsightsService {
  log: QuestionLog;
  /** One server's report (or every server's, with no guild) over the last `days` days. */
  report(guild: string | undefined, days: number, engine: Engine, now?: number): Promise<Insights>;
  /**
   * The /ask questions the articles could not answer over the last `days` days (one server's, or every
   * server's), the most asked first, repeats counted together.
   */
  unanswered(
    guild: string | undefined,
    days: number,
    now?: number,
  ): Promise<Array<{ q: string; asked: number }>>;
  /** Deletes what is kept about a member in every server. */
  forgetMember(userId: string): Promise<{ questions: number; votes: number }>;
  /** Deletes a server's questions and votes (with the rest of its data). */
  forgetGuild(guild: string): Promise<void>;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Starts the question log, with CITEBOT_RETENTION_DAYS and the member key, over `database` when given:
 * the process's database, open and migrated already (a bot's: see `openData`), written through as it
 * is and never closed here. Without one (`citebot insights`), over the database the environment names
 * (SQLite in CITEBOT_DATA_DIR or DATABASE_URL), opened on first use, not here: a database that is down
 * costs the records (and /insights says it cannot read them), never the start-up or an answer; an
 * open that failed is tried again after `retryMs`.
 */
export function startInsights(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  options: { retryMs?: number; flushMs?: number; database?: Kysely<Database> } = {},
): InsightsService {
  const config = insightsConfig(env);
  const store = options.database
    ? { ...databaseQuestionStore(options.database), close: async () => undefined }
    : lazyStore(databaseConfig(env), options.retryMs ?? 30_000);
  const log = new QuestionLog({
    store,
    hashMember: (userId) => hasher()(userId),
    logger,
    retentionDays: config.retentionDays,
    flushMs: options.flushMs,
  });
  // The key is read (or made) when first needed: with nothing kept, no key file is written.
  let hash: ((userId: string) => string) | null = null;
  const hasher = () => {
    hash ??= memberHasher({ secret: config.secret, dataDir: config.dataDir });
    return hash;
  };
  if (log.enabled) void log.prune();
  return {
    log,
    async report(guild, days, engine, now = Date.now()) {
      await log.flush();
      const since = now - days * DAY_MS;
      const [questions, votes] = await Promise.all([
        store.questions({ guild, since }),
        store.votes({ guild, since }),
      ]);
      return summarize(questions, votes, {
        days,
        now,
        titleOf: (id) => engine.article(id)?.title,
      });
    },
    async unanswered(guild, days, now = Date.now()) {
      await log.flush();
      const rows = await store.questions({ guild, since: now - days * DAY_MS });
      const counts = new Map<string, { q: string; asked: number }>();
      for (const row of rows) {
        const q = row.query.replace(/\s+/g, ' ').trim();
        if (row.command !== 'ask' || row.outcome !== 'refused' || !q) continue;
        const key = q.toLowerCase();
        const entry = counts.get(key) ?? { q, asked: 0 };
        entry.asked++;
        counts.set(key, entry);
      }
      return [...counts.values()].sort((a, b) => b.asked - a.asked || a.q.localeCompare(b.q));
    },
    forgetMember: (userId) => log.forgetMember(userId),
    forgetGuild: (guild) => store.forgetGuild(guild),
    async close() {
      await log.close();
      await store.close();
    },
  };
}

/**
 * The database's question store, opened on first use; when opening fails, every call fails with that
 * error until `retryMs` has passed (so a database that is down is not hammered).
 */
function lazyStore(config: DatabaseConfig, retryMs: number): QuestionStore & { close(): Promise<void> } {
  let opened: Promise<OpenedDatabase> | null = null;
  let failedAt = Number.NEGATIVE_INFINITY;
  let lastError: Error | null = null;
  const open = async (): Promise<QuestionStore> => {
    if (!opened) {
      if (lastError && Date.now() - failedAt < retryMs) throw lastError;
      opened = openDatabase(config);
      opened.catch((error: Error) => {
        opened = null;
        failedAt = Date.now();
        lastError = error;
      });
    }
    return databaseQuestionStore((await opened).db);
  };
  return {
    saveQuestions: async (rows) => (await open()).saveQuestions(rows),
    saveVotes: async (rows) => (await open()).saveVotes(rows),
    prune: async (before) => (await open()).prune(before),
    forgetMember: async (member) => (await open()).forgetMember(member),
    forgetGuild: async (guild) => (await open()).forgetGuild(guild),
    questions: async (filter) => (await open()).questions(filter),
    votes: async (filter) => (await open()).votes(filter),
    close: async () => {
      const database = await opened?.catch(() => null);
      opened = null;
      await database?.close();
    },
  };
}
