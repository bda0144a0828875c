import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShards } from '../src/discord/sharding.ts';
import { chatInput, FAKE_TOKEN, FakeDiscord } from './fakeDiscord.ts';
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

describe('sharded bot (discord.js ShardingManager against the fake Discord)', () => {
  let fake: FakeDiscord;
  let run: Started | undefined;
  const output = () => run?.output() ?? '';

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.shards = 2;
    run = startCitebot(['src/main.ts'], {
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      SHARDS: 'auto',
      WATCH_CORPUS: 'false',
      LOG_LEVEL: 'info',
    });
  });

  afterAll(async () => {
    // The manager and its shards stop, even when a test failed; the fake Discord after them.
    await run?.stop();
    await stopAll();
    await fake?.stop();
  });

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
});
