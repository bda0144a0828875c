import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import type { BotConfig } from '../src/app/config.ts';
import { type InsightsService, startInsights } from '../src/app/insights.ts';
import type { LiveCorpus } from '../src/app/liveCorpus.ts';
import { type OpenedData, openData } from '../src/app/openData.ts';
import { type OpenedServers, openServers } from '../src/app/openServers.ts';
import { startCorpus } from '../src/app/startCorpus.ts';
import { SQLITE_FILE } from '../src/db/databaseConfig.ts';
import { openDatabase } from '../src/db/openDatabase.ts';
import { type GatewayBot, startGatewayBot } from '../src/discord/gatewayBot.ts';
import { parseQuestionSet } from '../src/eval/questionSet.ts';
import { freePort } from '../src/lib/freePort.ts';
import { createLogger } from '../src/lib/log.ts';
import { type FreshDatabase, TEST_DATABASES } from './databases.ts';
import {
  BOT_ID,
  buttonClick,
  CHANNEL_ID,
  channelMessage,
  chatInput,
  FAKE_TOKEN,
  FakeDiscord,
  GUILD_ID,
  MEMBER_PERMISSIONS,
  type RecordedRequest,
  user,
} from './fakeDiscord.ts';
import { runCliCaptured, seedEngine } from './helpers.ts';
import { startCitebot, stopAll } from './processes.ts';
import { SERVER_DEFAULTS } from './servers.ts';
import { callbackText, postSigned } from './signedPost.ts';

/** The servers' data of the bots that only test the question log: an in-memory SQLite database. */
const MEMORY_DB = { kind: 'sqlite' as const, file: ':memory:' };

const STRING = 3;
const A = GUILD_ID;
const B = '1200000000000000777';
const MANAGE_GUILD = 1n << 5n;
const SECRET = 'a test secret for the member hash';
const ANSWERED = 'Where was the conference held?';
const UNANSWERED = 'How much does a visa to Harbin cost?';

interface Message {
  content?: string;
  flags?: number;
  embeds?: Array<{
    title?: string;
    description?: string;
    author?: { name: string };
    fields?: Array<{ name: string; value: string }>;
  }>;
  components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
}
const dataOf = (r: RecordedRequest) => (r.body as { data?: Message }).data ?? {};
const editOf = (r: RecordedRequest) => r.body as Message;
const text = (m: Message) => JSON.stringify(m);

/** An interaction moved to another server (the fake's payloads come from GUILD_ID). */
function inGuild(interaction: Record<string, unknown>, guild: string): Record<string, unknown> {
  const channel = interaction.channel as Record<string, unknown>;
  return {
    ...interaction,
    guild_id: guild,
    channel: { ...channel, guild_id: guild },
    authorizing_integration_owners: { '0': guild },
  };
}

const asking = (question: string, user: string, guild = A) =>
  inGuild(chatInput('ask', [{ name: 'question', type: STRING, value: question }], user), guild);
const insightsIn = (guild: string, user: string) =>
  inGuild(
    {
      ...chatInput('insights', [], user),
      member: {
        ...(chatInput('insights', [], user).member as object),
        permissions: String(MEMBER_PERMISSIONS | MANAGE_GUILD),
      },
    },
    guild,
  );

afterAll(stopAll);

describe.each(TEST_DATABASES)('insights end to end through discord.js on $name', (database) => {
  let fake: FakeDiscord;
  let bot: GatewayBot;
  let live: LiveCorpus;
  let insights: InsightsService;
  let fresh: FreshDatabase;
  let env: Record<string, string>;

  async function send(interaction: Record<string, unknown>): Promise<RecordedRequest> {
    fake.dispatch('INTERACTION_CREATE', interaction);
    return fake.callbackFor(String(interaction.id));
  }
  /** Sends a deferred command and waits for the edit that carries its answer. */
  async function deferred(interaction: Record<string, unknown>): Promise<Message> {
    const callback = await send(interaction);
    expect((callback.body as { type: number; data?: { flags?: number } }).type).toBe(5);
    expect((callback.body as { data?: { flags?: number } }).data?.flags).toBe(64);
    return editOf(await fake.editFor(String(interaction.token)));
  }

  let servers: OpenedServers;
  let data: OpenedData | undefined;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fresh = await database.fresh();
    env = { ...fresh.env, CITEBOT_SECRET: SECRET };
    const config: BotConfig = {
      token: FAKE_TOKEN,
      apiUrl: fake.apiUrl,
      logLevel: 'info',
      corpusDir: 'corpus',
      cooldown: { commands: 50, seconds: 10 },
      watchCorpus: false,
      ingestAllowPrivate: [],
      ...SERVER_DEFAULTS,
      database: fresh.config,
    };
    const logger = createLogger('silent');
    live = startCorpus({ dir: config.corpusDir, logger, watch: false, engine: seedEngine() });
    // As startBot and serve do: one database for the servers' store and the question log.
    data = await openData(live, logger, fresh.config, env, { flushMs: 100 });
    servers = data.servers;
    insights = data.insights;
    bot = await startGatewayBot(config, logger, { live, servers, commands: COMMANDS, insights });
  });

  afterAll(async () => {
    await bot?.stop();
    await data?.close();
    live?.stopWatching();
    await fake?.stop();
    await fresh?.drop();
  });

  it('keeps what A and B asked apart, counts a vote, groups the unanswered, forgets a member', async () => {
    const answer = dataOf(await send(asking(ANSWERED, '1600000000000000001')));
    expect(answer.embeds?.[0]?.description).toContain('Changchun');
    const vote = answer.components?.[1]?.components.find((c) => c.label === 'Helpful');
    expect(vote).toBeDefined();
    const refused = dataOf(await send(asking(UNANSWERED, '1600000000000000002')));
    expect(refused.embeds?.[0]?.description).toMatch(/Nothing in the articles/);
    expect(text(refused)).not.toContain('Helpful');
    await send(asking('Who spoke at the conference?', '1600000000000000003', B));

    const message = { embeds: answer.embeds ?? [], components: answer.components ?? [] };
    const counted = dataOf(
      await send(inGuild(buttonClick(vote?.custom_id as string, message, '1600000000000000001'), A)),
    );
    expect(counted.flags).toBe(64);
    expect(counted.content).toMatch(/vote \(helpful\) is counted/);
    const replayed = dataOf(
      await send(inGuild(buttonClick(vote?.custom_id as string, message, '1600000000000000009'), B)),
    );
    expect(replayed.flags).toBe(64);
    expect(replayed.content).toMatch(/another server/);

    const inA = await deferred(insightsIn(A, '1600000000000000004'));
    const a = text(inA);
    expect(inA.embeds?.[0]?.description).toMatch(
      /\*\*2\*\* questions asked, \*\*50%\*\* answered \(1 not in the articles/,
    );
    expect(inA.embeds?.[0]?.description).toMatch(/\*\*1\*\* helpful, \*\*0\*\* not helpful/);
    const gaps = inA.embeds?.[0]?.fields?.find((f) => f.name.startsWith('Coverage gaps'));
    expect(gaps?.value).toContain(UNANSWERED);
    expect(a).toContain('Foreign guests witness progress in northeast China');
    expect(a).not.toContain('Who spoke');

    const inB = await deferred(insightsIn(B, '1600000000000000005'));
    expect(inB.embeds?.[0]?.description).toMatch(/\*\*1\*\* questions asked/);
    expect(inB.embeds?.[0]?.description).toMatch(/\*\*0\*\* helpful/);
    expect(text(inB)).not.toContain('visa');
    expect(text(inB)).not.toContain(ANSWERED);

    const all = await runCliCaptured(['insights', '--json'], env);
    expect(all.code).toBe(0);
    const report = JSON.parse(all.out);
    expect(report).toMatchObject({ scope: 'all', servers: 2, asked: 3, answered: 2, refused: 1 });
    expect(report.byServer.map((s: { server: string }) => s.server).sort()).toEqual([A, B].sort());
    expect(report.votes).toEqual({ helpful: 1, notHelpful: 0 });
    expect(JSON.stringify(report)).not.toContain('1600000000000000001');

    const set = await runCliCaptured(['insights', '--unanswered', '--format', 'questions'], env);
    expect(set.code).toBe(0);
    expect(parseQuestionSet(set.out).questions).toEqual([{ q: UNANSWERED, asked: 1 }]);
    const dir = mkdtempSync(join(tmpdir(), 'citebot-unanswered-'));
    try {
      writeFileSync(join(dir, 'unanswered.json'), set.out);
      const evaluated = await runCliCaptured(['eval', join(dir, 'unanswered.json'), '--json']);
      expect(evaluated.code).toBe(0);
      expect(JSON.parse(evaluated.out).open).toEqual({
        questions: 1,
        answered: 0,
        stillUnanswered: [UNANSWERED],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const forgot = await deferred(inGuild(chatInput('forget-me', [], '1600000000000000001'), B));
    expect(forgot.content).toBe('Done: deleted 1 question(s) and 1 vote(s) of yours, in every server.');
    const after = JSON.parse((await runCliCaptured(['insights', '--json', '--server', A], env)).out);
    expect(after).toMatchObject({ asked: 1, answered: 0, votes: { helpful: 0, notHelpful: 0 } });
  });

  it('records a question asked by @mention like /ask, in its server, with vote buttons', async () => {
    const mention = async (question: string, asker: string) => {
      const message = channelMessage(`<@${BOT_ID}> ${question}`, user(asker), {
        mentions: [{ ...user(BOT_ID, 'citebot'), bot: true }],
      });
      fake.dispatch('MESSAGE_CREATE', message);
      const reply = await fake.waitFor(
        () =>
          fake.requests.find(
            (r) =>
              r.method === 'POST' &&
              r.path === `/channels/${CHANNEL_ID}/messages` &&
              (r.body as { message_reference?: { message_id: string } }).message_reference?.message_id ===
                message.id,
          ),
        10_000,
        `the reply to message ${String(message.id)}`,
      );
      return { id: String(message.id), reply: reply.body as Message };
    };
    const before = await insights.report(A, 1, seedEngine());
    const answered = await mention('Who spoke at the conference?', '1600000000000000011');
    expect(answered.reply.embeds?.[0]?.description).toContain('Liu Jianchao');
    const vote = answered.reply.components
      ?.flatMap((row) => row.components)
      .find((c) => c.label === 'Helpful');
    expect(vote?.custom_id).toContain(`${A}:${answered.id}`);
    const refused = await mention('How much does a taxi to Harbin cost?', '1600000000000000012');
    expect(refused.reply.embeds?.[0]?.description).toMatch(/Nothing in the articles/);
    await insights.log.flush();
    const after = await insights.report(A, 1, seedEngine());
    expect(after.asked).toBe(before.asked + 2);
    expect(after.answered).toBe(before.answered + 1);
    expect(await insights.unanswered(A, 1)).toContainEqual({
      q: 'How much does a taxi to Harbin cost?',
      asked: 1,
    });
    expect(await insights.unanswered(B, 1)).not.toContainEqual(
      expect.objectContaining({ q: 'How much does a taxi to Harbin cost?' }),
    );
  });
});

describe('with the database unusable, every command still answers', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake?.stop();
  });

  async function run(env: Record<string, string>) {
    const logger = createLogger('silent');
    const live = startCorpus({ dir: 'corpus', logger, watch: false, engine: seedEngine() });
    const insights = startInsights(env, logger, { flushMs: 50 });
    const bot = await startGatewayBot(
      {
        token: FAKE_TOKEN,
        apiUrl: fake.apiUrl,
        logLevel: 'info',
        corpusDir: 'corpus',
        cooldown: { commands: 50, seconds: 10 },
        watchCorpus: false,
        ingestAllowPrivate: [],
        ...SERVER_DEFAULTS,
        database: MEMORY_DB,
      },
      logger,
      { live, servers: await openServers(live, logger, MEMORY_DB), commands: COMMANDS, insights },
    );
    const send = async (interaction: Record<string, unknown>) => {
      fake.dispatch('INTERACTION_CREATE', interaction);
      return fake.callbackFor(String(interaction.id));
    };
    try {
      const answers: string[] = [];
      for (let i = 0; i < 3; i++) {
        const reply = dataOf(await send(asking(ANSWERED, `160000000000000010${i}`)));
        answers.push(reply.embeds?.[0]?.description ?? '');
        await insights.log.flush();
      }
      const who = dataOf(
        await send(chatInput('who', [{ name: 'name', type: STRING, value: 'Liu' }], '1600000000000000110')),
      );
      const interaction = insightsIn(A, '1600000000000000111');
      await send(interaction);
      const report = editOf(await fake.editFor(String(interaction.token)));
      const forget = chatInput('forget-me', [], '1600000000000000112');
      await send(forget);
      const forgot = editOf(await fake.editFor(String(forget.token)));
      return { answers, who, report, forgot };
    } finally {
      await bot.stop();
      live.stopWatching();
    }
  }

  function expectAnswered(result: Awaited<ReturnType<typeof run>>) {
    for (const answer of result.answers) expect(answer).toContain('Changchun');
    expect(result.who.embeds?.[0]?.description).toContain('Liu');
    expect(result.report.content).toMatch(/cannot be read right now/);
    expect(result.forgot.content).toMatch(/could be deleted right now/);
  }

  it('SQLite: a database file made read-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-readonly-'));
    const file = join(dir, SQLITE_FILE);
    // A database that exists and is migrated, then made read-only: by its mode, and for root (whom
    // modes do not stop) by the immutable attribute.
    await (await openDatabase({ kind: 'sqlite', file })).close();
    const immutable = (on: boolean) =>
      spawnSync('chattr', [on ? '+i' : '-i', file, dir], { stdio: 'ignore' }).status === 0;
    chmodSync(file, 0o444);
    chmodSync(dir, 0o555);
    const locked = process.getuid?.() !== 0 || immutable(true);
    try {
      expect(locked).toBe(true);
      expect(() => writeFileSync(join(dir, 'probe'), '')).toThrow();
      expectAnswered(await run({ CITEBOT_DATA_DIR: dir, CITEBOT_SECRET: SECRET }));
    } finally {
      if (process.getuid?.() === 0) immutable(false);
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: a server that is stopped (nothing listens at DATABASE_URL)', async () => {
    const port = await freePort();
    expectAnswered(
      await run({ DATABASE_URL: `postgres://citebot@127.0.0.1:${port}/citebot`, CITEBOT_SECRET: SECRET }),
    );
  });

  it('CITEBOT_RETENTION_DAYS=0: nothing is written, no vote buttons, no key file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-nothing-'));
    try {
      const logger = createLogger('silent');
      const insights = startInsights({ CITEBOT_DATA_DIR: dir, CITEBOT_RETENTION_DAYS: '0' }, logger);
      const live = startCorpus({ dir: 'corpus', logger, watch: false, engine: seedEngine() });
      const bot = await startGatewayBot(
        {
          token: FAKE_TOKEN,
          apiUrl: fake.apiUrl,
          logLevel: 'info',
          corpusDir: 'corpus',
          cooldown: { commands: 50, seconds: 10 },
          watchCorpus: false,
          ingestAllowPrivate: [],
          ...SERVER_DEFAULTS,
          database: MEMORY_DB,
        },
        logger,
        { live, servers: await openServers(live, logger, MEMORY_DB), commands: COMMANDS, insights },
      );
      try {
        const interaction = asking(ANSWERED, '1600000000000000120');
        fake.dispatch('INTERACTION_CREATE', interaction);
        const reply = dataOf(await fake.callbackFor(String(interaction.id)));
        expect(reply.embeds?.[0]?.description).toContain('Changchun');
        expect(text(reply)).not.toContain('Helpful');
        await insights.log.flush();
      } finally {
        await bot.stop();
        live.stopWatching();
      }
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('insights through `citebot serve`', () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await FakeDiscord.start();
  });
  afterEach(async () => {
    await fake?.stop();
  });

  it.each(TEST_DATABASES)('records, reports and refuses a replayed vote on $name', async (database) => {
    const fresh = await database.fresh();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const hex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
    const port = await freePort();
    const env = { ...fresh.env, CITEBOT_SECRET: SECRET };
    const serve = startCitebot(['src/cli/main.ts', 'serve'], {
      ...env,
      DISCORD_PUBLIC_KEY: hex,
      PORT: String(port),
      HOST: '127.0.0.1',
      DISCORD_API_URL: fake.apiUrl,
      CITEBOT_HISTORY: 'off',
    });
    const post = async (interaction: Record<string, unknown>) =>
      JSON.parse(await callbackText(await postSigned(port, privateKey, interaction))) as {
        type: number;
        data?: Message;
      };
    try {
      await fake.waitFor(
        () => serve.output().includes('listening for interactions'),
        30_000,
        'serve to listen',
      );
      const answer = await post(asking(ANSWERED, '1600000000000000201'));
      const vote = answer.data?.components?.[1]?.components.find((c) => c.label === 'Helpful');
      expect(vote).toBeDefined();
      await post(asking(UNANSWERED, '1600000000000000202'));
      await post(asking('Who spoke at the conference?', '1600000000000000203', B));
      const message = { embeds: answer.data?.embeds ?? [], components: answer.data?.components ?? [] };
      const counted = await post(
        inGuild(buttonClick(vote?.custom_id as string, message, '1600000000000000201'), A),
      );
      expect(counted.data?.content).toMatch(/is counted/);
      const replayed = await post(
        inGuild(buttonClick(vote?.custom_id as string, message, '1600000000000000201'), B),
      );
      expect(replayed.data?.content).toMatch(/another server/);
      const interaction = insightsIn(A, '1600000000000000204');
      expect((await post(interaction)).type).toBe(5);
      const report = editOf(await fake.editFor(String(interaction.token)));
      expect(report.embeds?.[0]?.description).toMatch(/\*\*2\*\* questions asked, \*\*50%\*\* answered/);
      expect(report.embeds?.[0]?.description).toMatch(/\*\*1\*\* helpful/);
      expect(text(report)).toContain(UNANSWERED);
      expect(text(report)).not.toContain('Who spoke');
      const all = JSON.parse((await runCliCaptured(['insights', '--json'], env)).out);
      expect(all).toMatchObject({ servers: 2, asked: 3 });
    } finally {
      expect(await serve.stop()).toBe(0);
      await fresh.drop();
    }
  });
});
