import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../src/answer/engine.ts';
import { type OpenedData, openData } from '../src/app/openData.ts';
import type { DatabaseConfig } from '../src/db/databaseConfig.ts';
import { openDatabase } from '../src/db/openDatabase.ts';
import { createLogger } from '../src/lib/log.ts';
import { type FreshDatabase, TEST_DATABASES } from './databases.ts';

/** A logger that keeps its lines, to check that nothing was dropped. */
function keptLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = createLogger('info', {
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How many connections to the database are open besides a check's own: SQLite, this process's file
 * descriptors on its file; PostgreSQL, the server's other sessions on it (a closed pool's sessions
 * end a moment after it closes, so they are counted until they are gone or two seconds pass).
 */
async function openConnections(config: DatabaseConfig): Promise<number> {
  if (config.kind === 'sqlite')
    return readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(join('/proc/self/fd', fd)) === config.file;
      } catch {
        return false;
      }
    }).length;
  const check = await openDatabase(config);
  try {
    let others = 0;
    for (let tries = 0; tries < 20; tries++) {
      const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`.execute(check.db);
      others = Number(rows[0]?.n);
      if (others === 0) break;
      await pause(100);
    }
    return others;
  } finally {
    await check.close();
  }
}

describe.each(TEST_DATABASES)('one database per bot process, on $name', (database) => {
  let fresh: FreshDatabase | undefined;
  let data: OpenedData | undefined;
  afterEach(async () => {
    await data?.close();
    await fresh?.drop();
  });

  it('closes the database it opened when the question log cannot start (a bad setting)', async () => {
    fresh = await database.fresh();
    const env = { ...fresh.env, CITEBOT_RETENTION_DAYS: 'soon' };
    const opening = openData({ engine: Engine.fromArticles([]) }, createLogger('silent'), fresh.config, env);
    await expect(opening).rejects.toThrow(/CITEBOT_RETENTION_DAYS/);
    expect(await openConnections(fresh.config)).toBe(0);
  });

  it('records a question asked while a server’s transaction waits between its statements', async () => {
    fresh = await database.fresh();
    const { logger, lines } = keptLogger();
    const env = { ...fresh.env, CITEBOT_RETENTION_DAYS: '30', CITEBOT_SECRET: 'one-connection-test' };
    data = await openData({ engine: Engine.fromArticles([]) }, logger, fresh.config, env, {
      flushMs: 60_000,
    });
    const { servers, insights } = data;
    const at = new Date().toISOString();
    // A write transaction of the servers' store that awaits between its statements (as adding an
    // article or changing settings does), while the question log writes a batch.
    await servers.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('servers')
        .values({ id: '1700000000000000001', created_at: at, updated_at: at })
        .execute();
      insights.log.question({
        id: '1800000000000000001',
        guild: '1700000000000000001',
        userId: '1900000000000000001',
        command: 'ask',
        query: 'Where was the conference held?',
        outcome: 'answered',
        cited: [],
        latencyMs: 3,
        at: Date.now(),
      });
      void insights.log.flush();
      await pause(50);
      await trx
        .updateTable('servers')
        .set({ private_replies: 1 })
        .where('id', '=', '1700000000000000001')
        .execute();
    });
    await insights.log.flush();
    const report = await insights.report('1700000000000000001', 1, Engine.fromArticles([]));
    expect(report.asked).toBe(1);
    expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
    expect((await servers.store.state('1700000000000000001')).settings.privateReplies).toBe(true);
  });
});
