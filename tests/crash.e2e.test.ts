import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/openDatabase.ts';
import { ServerStore } from '../src/db/serverStore.ts';
import { freePort } from '../src/lib/freePort.ts';
import { TEST_DATABASES } from './databases.ts';
import { chatInput, FakeDiscord, GUILD_ID, MEMBER_PERMISSIONS } from './fakeDiscord.ts';
import { CORPUS_DIR } from './helpers.ts';
import { startPageServer } from './pageServer.ts';
import { type Started, startCitebot, stopAll } from './processes.ts';
import { callbackText, postSigned } from './signedPost.ts';

const SEED = '20241016-foreign-guests-witness-progress-northeast.md';
const MANAGER = MEMBER_PERMISSIONS | (1n << 5n);
const PAGES = ['/2025/02/lanterns', '/2025/03/bridge', '/2025/04/library', '/2025/05/night-trains'];

async function until(probe: () => boolean, ms: number, what: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterAll(stopAll);

describe.each(TEST_DATABASES)('a crash in the middle of ingests, on $name', (engine) => {
  it('leaves the server’s articles and what it answers from in agreement after a restart', async () => {
    const fake = await FakeDiscord.start();
    const site = await startPageServer();
    const database = await engine.fresh();
    const corpus = mkdtempSync(join(tmpdir(), 'citebot-crash-'));
    copyFileSync(join(CORPUS_DIR, SEED), join(corpus, SEED));
    const pair = generateKeyPairSync('ed25519');
    const publicHex = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
    let port = 0;
    const start = async (): Promise<Started> => {
      port = await freePort();
      const started = startCitebot(['src/cli/main.ts', 'serve', '--port', String(port)], {
        DISCORD_PUBLIC_KEY: publicHex,
        DISCORD_API_URL: fake.apiUrl,
        HOST: '127.0.0.1',
        CORPUS_DIR: corpus,
        WATCH_CORPUS: 'false',
        INGEST_ALLOW_PRIVATE: '127.0.0.1',
        COOLDOWN_COMMANDS: '1000',
        LOG_LEVEL: 'info',
        ...database.env,
      });
      await until(() => /listening for interactions/.test(started.output()), 60_000, started.output);
      return started;
    };
    const post = async (interaction: Record<string, unknown>) =>
      callbackText(await postSigned(port, pair.privateKey, interaction));
    const check = await openDatabase(database.config);
    try {
      const first = await start();
      // Four ingests at once; the process is killed (SIGKILL: no clean-up at all) as soon as the first is stored.
      for (const [i, path] of PAGES.entries())
        void post(
          chatInput(
            'ingest',
            [{ name: 'url', type: 3, value: `${site.base}${path}` }],
            `2100000000000000000${i}`,
            MANAGER,
          ),
        ).catch(() => undefined);
      await until(() => /article added to the server/.test(first.output()), 60_000, first.output);
      first.child.kill('SIGKILL');
      await first.exit;
      const stored = (await new ServerStore(check.db).articles(GUILD_ID)).map((a) => a.title).sort();
      expect(stored.length).toBeGreaterThanOrEqual(1);
      if (engine.name === 'sqlite') {
        const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(check.db);
        expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
      }
      // After a restart, the server answers from exactly what the database holds: every stored article, no other.
      const second = await start();
      const listed = JSON.parse(await post(chatInput('source', [], '2100000000000000009'))) as {
        data: { embeds: Array<{ description?: string; fields?: Array<{ name: string; value: string }> }> };
      };
      const text = JSON.stringify(listed.data.embeds);
      for (const title of stored) expect(text).toContain(title);
      const titles = ['Lantern festival', 'Harbour bridge', 'Village school', 'Night trains'];
      const answered = titles.filter((t) => text.includes(t)).length;
      expect(answered).toBe(stored.length);
      expect(await second.stop()).toBe(0);
    } finally {
      await check.close();
      await stopAll();
      await site.close();
      await fake.stop();
      await database.drop();
      rmSync(corpus, { recursive: true, force: true });
    }
  });
});
