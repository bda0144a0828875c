import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../src/answer/engine.ts';
import { type OpenedData, openData } from '../src/app/openData.ts';
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

describe.each(TEST_DATABASES)('one database per bot process, on $name', (database) => {
  let fresh: FreshDatabase | undefined;
  let data: OpenedData | undefined;
  afterEach(async () => {
    await data?.close();
    await fresh?.drop();
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
