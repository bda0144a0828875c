import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShards } from '../src/discord/sharding.ts';
import { type ShardMessage, ShardReloadClient } from '../src/discord/shardReload.ts';
import { chatInput, FAKE_TOKEN, FakeDiscord, MEMBER_PERMISSIONS } from './fakeDiscord.ts';
import { CORPUS_DIR } from './helpers.ts';
import { startPageServer } from './pageServer.ts';
import { type Started, startCitebot, stopAll } from './processes.ts';

describe('SHARDS', () => {
  it('reads auto, a number, or nothing, and names a bad value', () => {
    expect(parseShards(undefined)).toBeNull();
    expect(parseShards('')).toBeNull();
    expect(parseShards('auto')).toBe('auto');
    expect(parseShards('4')).toBe(4);
    expect(() => parseShards('0')).toThrow(/^config: SHARDS expected "auto" or a number/);
    expect(() => parseShards('lots')).toThrow(/SHARDS/);
  });
});

const SEED = '20241016-foreign-guests-witness-progress-northeast.md';

describe('a shard and its manager', () => {
  it('loads the index when told and reports the switch; asks for a reload and gets the report back', async () => {
    const sent: ShardMessage[] = [];
    const result = {
      ok: true,
      articles: 2,
      sentences: 20,
      problems: 0,
      ms: 5,
      how: 'loaded' as const,
      tagged: 0,
      removed: 0,
      error: null,
    };
    const client = new ShardReloadClient(
      1,
      async () => result,
      (m) => sent.push(m),
    );
    client.receive({ not: 'ours' });
    client.receive({ citebot: 'load-index' });
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual([{ citebot: 'switched', shard: 1, result }]);
    const asked = client.reload();
    const request = (sent[1] as { request: string }).request;
    expect(sent[1]).toEqual({ citebot: 'reload', request });
    client.receive({
      citebot: 'reloaded',
      request,
      report: { ...result, shards: [{ shard: 1, ok: true, ms: 5 }] },
    });
    expect((await asked).shards).toEqual([{ shard: 1, ok: true, ms: 5 }]);
  });
});

describe('sharded bot (discord.js ShardingManager against the fake Discord)', () => {
  let fake: FakeDiscord;
  let run: Started | undefined;
  const output = () => run?.output() ?? '';

  let site: Awaited<ReturnType<typeof startPageServer>>;
  const dir = mkdtempSync(join(tmpdir(), 'citebot-shards-'));
  copyFileSync(join(CORPUS_DIR, SEED), join(dir, SEED));

  beforeAll(async () => {
    site = await startPageServer();
    fake = await FakeDiscord.start();
    fake.shards = 2;
    run = startCitebot(['src/main.ts'], {
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      SHARDS: 'auto',
      WATCH_CORPUS: 'false',
      LOG_LEVEL: 'info',
      CORPUS_DIR: dir,
      INGEST_ALLOW_PRIVATE: '127.0.0.1',
    });
  });

  afterAll(async () => {
    // The manager and its shards stop, even when a test failed; the fake Discord after them.
    await run?.stop();
    await stopAll();
    await fake?.stop();
    await site?.close();
  });

  /** Sends an interaction to a shard and returns the message it ends with (a deferred reply's edit). */
  async function send(interaction: Record<string, unknown>, shard: number): Promise<Record<string, unknown>> {
    fake.dispatch('INTERACTION_CREATE', interaction, shard);
    const callback = await fake.callbackFor(String(interaction.id));
    const body = callback.body as { type: number; data: Record<string, unknown> };
    if (body.type !== 5) return body.data;
    const edit = await fake.editFor(String(interaction.token), 120_000);
    return edit.body as Record<string, unknown>;
  }

  it('starts the recommended 2 shards, each identifying with its shard pair and answering an interaction', async () => {
    await fake.waitFor(
      () => output().includes('all shards ready'),
      90_000,
      `all shards ready; output so far: ${output().slice(-500)}`,
    );
    const identified = fake.gatewayPayloads
      .filter((p) => p.op === 2)
      .map((p) => (p.d as { shard: [number, number] }).shard)
      .sort();
    expect(identified).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const shard of [0, 1]) {
      const interaction = chatInput('where', [], `190000000000000000${shard}`);
      fake.dispatch('INTERACTION_CREATE', interaction, shard);
      const callback = await fake.callbackFor(String(interaction.id));
      expect((callback.body as { type: number }).type).toBe(4);
    }
    // Log lines travel through two pipes (shard -> manager -> test): wait for both.
    const commandLines = await fake.waitFor(
      () => {
        const lines = output()
          .split('\n')
          .filter((l) => l.includes('"msg":"command"'));
        return lines.length >= 2 ? lines : undefined;
      },
      10_000,
      "both shards' command log lines",
    );
    expect(commandLines.map((l) => JSON.parse(l).shard).sort()).toEqual([0, 1]);
  });

  it('adds an article by /ingest in one shard, and every shard answers from it in that server (one database, two processes); /reload reads the server’s articles again', async () => {
    const manager = String(MEMBER_PERMISSIONS | (1n << 5n));
    const url = `${site.base}/2025/02/lanterns`;
    const added = await send(
      chatInput('ingest', [{ name: 'url', type: 3, value: url }], '1900000000000000010', BigInt(manager)),
      0,
    );
    expect(JSON.stringify(added)).toContain('Lantern festival draws record crowds to Kunming old town');
    for (const shard of [0, 1]) {
      const asked = await send(
        chatInput(
          'ask',
          [{ name: 'question', type: 3, value: 'How many visitors came to see the lanterns?' }],
          `19000000000000002${shard}`,
        ),
        shard,
      );
      expect(JSON.stringify(asked)).toContain('/2025/02/lanterns#:~:text=');
    }
    const reloaded = await send(chatInput('reload', [], '1900000000000000030', BigInt(manager)), 1);
    expect(String(reloaded.content)).toMatch(
      /^Reloaded this server's articles: 1 of its own, 2 answered here in all \(\d+ sentences\), in [\d.]+ s\.$/,
    );
  });
});
