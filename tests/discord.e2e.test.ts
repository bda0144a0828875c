import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import type { BotConfig } from '../src/app/config.ts';
import type { LiveCorpus } from '../src/app/liveCorpus.ts';
import type { OpenedServers } from '../src/app/openServers.ts';
import { startCorpus } from '../src/app/startCorpus.ts';
import { SOMETHING_WENT_WRONG } from '../src/discord/dispatch.ts';
import { type GatewayBot, startGatewayBot } from '../src/discord/gatewayBot.ts';
import { LIMITS } from '../src/discord/limits.ts';
import { createLogger } from '../src/lib/log.ts';
import { type FreshDatabase, TEST_DATABASES } from './databases.ts';
import { specProblems } from './discordSpec.ts';
import {
  autocomplete,
  buttonClick,
  chatInput,
  FAKE_TOKEN,
  FakeDiscord,
  MANAGE_MESSAGES,
  MEMBER_PERMISSIONS,
  type RecordedRequest,
  snowflake,
} from './fakeDiscord.ts';
import { failingCommand, seedEngine } from './helpers.ts';
import { SERVER_DEFAULTS, testServers } from './servers.ts';

interface CallbackBody {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Array<{
      author?: { name: string };
      description?: string;
      footer?: { text: string };
      title?: string;
    }>;
    components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
    allowed_mentions?: { parse: string[]; users?: string[] };
    choices?: Array<{ name: string; value: string }>;
  };
}

const body = (r: RecordedRequest) => r.body as CallbackBody;
const STRING = 3;
const BOOLEAN = 5;
const USER = 6;

/** A command that fails: the error boundary's case. */
const failing = [failingCommand];

describe('Discord end to end (discord.js against a local fake Discord)', () => {
  let fake: FakeDiscord;
  let bot: GatewayBot;
  let live: LiveCorpus;
  let database: FreshDatabase;
  let servers: OpenedServers;
  const logs: Array<Record<string, unknown>> = [];
  let userCounter = 0;
  /** A fresh user per test, so the per-user cooldown never interferes. */
  const freshUser = () => `16000000000000000${String(++userCounter).padStart(2, '0')}`;

  async function send(interaction: Record<string, unknown>): Promise<RecordedRequest> {
    fake.dispatch('INTERACTION_CREATE', interaction);
    return fake.callbackFor(String(interaction.id));
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    database = await (TEST_DATABASES[0] as (typeof TEST_DATABASES)[number]).fresh();
    const config: BotConfig = {
      token: FAKE_TOKEN,
      apiUrl: fake.apiUrl,
      logLevel: 'debug',
      corpusDir: 'corpus',
      cooldown: { commands: 5, seconds: 10 },
      watchCorpus: false,
      ingestAllowPrivate: [],
      pictures: true,
      ...SERVER_DEFAULTS,
      database: database.config,
    };
    const logger = createLogger('debug', {
      destination: {
        write: (line: string) => {
          logs.push(JSON.parse(line));
        },
      },
    });
    live = startCorpus({ dir: config.corpusDir, logger, watch: false, engine: seedEngine() });
    servers = await testServers(live, logger, database);
    bot = await startGatewayBot(config, logger, { live, servers, commands: [...COMMANDS, ...failing] });
  });

  afterAll(async () => {
    await bot?.stop();
    await servers?.close();
    await database?.drop();
    live?.stopWatching();
    await fake?.stop();
  });

  it('logs in with the non-privileged intents only and logs one ready line', () => {
    const identify = fake.gatewayPayloads.find((p) => p.op === 2)?.d as { intents: number; token: string };
    // Guilds, GuildMessages and DirectMessages (for @mention questions); none is privileged.
    expect(identify.intents).toBe(1 | (1 << 9) | (1 << 12));
    expect(identify.token).toBe(FAKE_TOKEN);
    const ready = logs.filter((l) => l.msg === 'ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ user: 'citebot', guilds: 1, articles: 1, sentences: 8 });
  });

  it('never writes the token to the log', () => {
    expect(JSON.stringify(logs)).not.toContain(FAKE_TOKEN);
  });

  it.each(
    COMMANDS.map((c) => c.data.name).filter(
      (name) => !['reload', 'ingest', 'settings', 'insights', 'forget-me'].includes(name),
    ),
  )('answers /%s with an embed inside every limit and no pings', async (name) => {
    const samples: Record<string, string> = {
      ask: 'Where was it held?',
      who: 'Liu',
      where: 'Changchun',
      when: 'Monday',
      themes: 'grain',
      search: 'conference',
    };
    const option = COMMANDS.find((c) => c.data.name === name)?.data.toJSON().options?.[0];
    const value = samples[name];
    const args = option && value ? [{ name: option.name, type: STRING, value }] : [];
    const callback = await send(chatInput(name, args, freshUser()));
    const reply = body(callback);
    expect(reply.type).toBe(4);
    const embed = reply.data?.embeds?.[0];
    expect(embed).toBeDefined();
    expect(reply.data?.allowed_mentions?.parse).toEqual([]);
    expect(reply.data?.allowed_mentions?.users ?? []).toEqual([]);
    expect(JSON.stringify(reply.data?.embeds).length).toBeLessThan(LIMITS.embedTotal + 2000);
    expect(embed?.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    if (name !== 'help') {
      expect(embed?.author?.name.startsWith(`/${name}`)).toBe(true);
      expect(embed?.description).toMatch(
        /\]\(http:\/\/en\.people\.cn\/n3\/2024\/1016\/c90000-20230054\.html#:~:text=/,
      );
      expect(embed?.footer?.text).toContain('Foreign guests witness progress in northeast China');
    }
  });

  it.each([
    ['where', 'where-map.png'],
    ['when', 'when-timeline.png'],
  ])(
    'sends /%s with its picture: the PNG uploaded, shown in the embed, described for screen readers',
    async (name, file) => {
      const callback = await send(chatInput(name, [], freshUser()));
      const reply = callback.body as {
        type: number;
        data: { embeds: Array<{ image?: { url: string } }>; attachments: Array<Record<string, unknown>> };
      };
      expect(reply.type).toBe(4);
      expect(specProblems('interactionCallback', reply)).toEqual([]);
      expect(reply.data.embeds[0]?.image?.url).toBe(`attachment://${file}`);
      expect(reply.data.attachments).toHaveLength(1);
      expect(reply.data.attachments[0]).toMatchObject({
        id: '0',
        description: expect.stringMatching(/^(Map|Timeline) of the/),
      });
      expect(String(reply.data.attachments[0]?.description).length).toBeLessThanOrEqual(
        LIMITS.attachmentDescription,
      );
      expect(callback.files).toHaveLength(1);
      const upload = callback.files[0];
      expect(upload?.field).toBe('files[0]');
      expect(upload?.name).toBe(file);
      expect(upload?.data.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(upload?.data.length).toBeLessThanOrEqual(LIMITS.uploadBytes);
    },
  );

  it('sends /who without a picture', async () => {
    const callback = await send(chatInput('who', [], freshUser()));
    expect(callback.files).toEqual([]);
    expect(JSON.stringify(callback.body)).not.toContain('attachment://');
  });

  it('logs one line per command with command, option length, results, latency and guild', async () => {
    const interaction = chatInput(
      'ask',
      [{ name: 'question', type: STRING, value: 'Who spoke?' }],
      freshUser(),
    );
    const callback = await send(interaction);
    expect(body(callback).data?.embeds?.[0]?.description).toContain('Liu Jianchao');
    const line = await fake.waitFor(
      () => logs.find((l) => l.msg === 'command' && l.interaction === interaction.id),
      5000,
      'log',
    );
    expect(line.optionsLength).toBe('Who spoke?'.length);
    expect(line).toMatchObject({ command: 'ask', results: expect.any(Number), guild: expect.any(String) });
    expect(typeof line.latencyMs).toBe('number');
  });

  it('pings only the user named in `mention`, even when the query says @everyone', async () => {
    const target = '1700000000000000001';
    const callback = await send(
      chatInput(
        'search',
        [
          { name: 'words', type: STRING, value: '@everyone <@&123> conference' },
          { name: 'mention', type: USER, value: target },
        ],
        freshUser(),
      ),
    );
    const reply = body(callback);
    expect(reply.data?.content).toBe(`<@${target}>`);
    expect(reply.data?.allowed_mentions).toMatchObject({ parse: [], users: [target] });
    expect(reply.data?.embeds?.[0]?.author?.name).toContain('@everyone');
  });

  it('drops the mention from a private reply and says why', async () => {
    const target = '1700000000000000099';
    const callback = await send(
      chatInput(
        'who',
        [
          { name: 'private', type: BOOLEAN, value: true },
          { name: 'mention', type: USER, value: target },
        ],
        freshUser(),
      ),
    );
    const reply = body(callback);
    expect(reply.data?.flags).toBe(64);
    expect(reply.data?.content ?? '').not.toContain(target);
    expect(reply.data?.content).toMatch(/private reply/);
    expect(reply.data?.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
    expect(reply.data?.allowed_mentions?.users ?? []).toEqual([]);
  });

  it('replies only to the asker with `private`', async () => {
    const callback = await send(
      chatInput('who', [{ name: 'private', type: BOOLEAN, value: true }], freshUser()),
    );
    expect(body(callback).data?.flags).toBe(64);
    const labels = body(callback).data?.components?.[0]?.components.map((c) => c.label);
    expect(labels).not.toContain('Delete');
  });

  it('suggests names as one types, the raw input first, at most 25 choices of 100 characters', async () => {
    const callback = await send(autocomplete('who', 'name', 'Li', freshUser()));
    const reply = body(callback);
    expect(reply.type).toBe(8);
    expect(reply.data?.choices?.[0]).toEqual({ name: 'Li', value: 'Li' });
    expect(reply.data?.choices?.map((c) => c.value)).toContain('Liu Jianchao');
    expect(reply.data?.choices?.length).toBeLessThanOrEqual(25);
    for (const c of reply.data?.choices ?? []) expect(c.value.length).toBeLessThanOrEqual(100);
  });

  describe('buttons', () => {
    async function answerWithButtons(owner: string) {
      const callback = await send(chatInput('who', [], owner));
      const data = body(callback).data;
      const buttons = data?.components?.[0]?.components ?? [];
      const id = (label: string) => buttons.find((b) => b.label === label)?.custom_id ?? '';
      return { data, more: id('More'), context: id('Context'), del: id('Delete') };
    }

    it('"More" shows the next page to the person who asked', async () => {
      const owner = freshUser();
      const first = await answerWithButtons(owner);
      expect(first.more).not.toBe('');
      const callback = await send(
        buttonClick(
          first.more,
          { embeds: first.data?.embeds ?? [], components: first.data?.components ?? [] },
          owner,
        ),
      );
      const reply = body(callback);
      expect(reply.type).toBe(7);
      expect(reply.data?.embeds?.[0]?.description).not.toBe(first.data?.embeds?.[0]?.description);
      expect(reply.data?.embeds?.[0]?.footer?.text).toMatch(/ · results 7–/);
    });

    it('"More" from someone else gets a short ephemeral explanation', async () => {
      const first = await answerWithButtons(freshUser());
      const callback = await send(
        buttonClick(first.more, { embeds: first.data?.embeds ?? [], components: [] }, freshUser()),
      );
      expect(body(callback)).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(body(callback).data?.content).toMatch(/Only the person who asked/);
    });

    it('"Context" shows the whole paragraph with the cited sentence in bold', async () => {
      const first = await answerWithButtons(freshUser());
      const callback = await send(
        buttonClick(first.context, { embeds: first.data?.embeds ?? [], components: [] }, freshUser()),
      );
      const reply = body(callback);
      expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(reply.data?.embeds?.[0]?.description).toMatch(/\*\*In a speech at the conference/);
      // Several names cite the same paragraph: it is shown once.
      const titles = reply.data?.embeds?.map((e) => e.title) ?? [];
      expect(new Set(titles).size).toBe(titles.length);
      expect(first.data?.embeds?.[0]?.footer?.text).toMatch(/results 1–\d+ of \d+/);
    });

    it('"Delete" removes the reply for the person who asked, and for a member with Manage Messages', async () => {
      for (const [owner, clicker, permissions] of [
        ['same', 'same', MEMBER_PERMISSIONS],
        ['owner', 'moderator', MEMBER_PERMISSIONS | MANAGE_MESSAGES],
      ] as const) {
        const ownerId = freshUser();
        const clickerId = owner === clicker ? ownerId : freshUser();
        const first = await answerWithButtons(ownerId);
        const click = buttonClick(
          first.del,
          { embeds: first.data?.embeds ?? [], components: [] },
          clickerId,
          permissions,
        );
        const callback = await send(click);
        expect(body(callback).type).toBe(6);
        await fake.waitFor(
          () => fake.requests.find((r) => r.method === 'DELETE' && r.path.includes(String(click.token))),
          5000,
          'the delete',
        );
      }
    });

    it('"Delete" from another member without Manage Messages is refused', async () => {
      const first = await answerWithButtons(freshUser());
      const callback = await send(buttonClick(first.del, { embeds: [], components: [] }, freshUser()));
      expect(body(callback)).toMatchObject({ type: 4, data: { flags: 64 } });
    });

    it('an expired or unknown button gets a short ephemeral explanation', async () => {
      const expired = await send(
        buttonClick('c1:d:1:1600000000000000001', { embeds: [], components: [] }, freshUser()),
      );
      expect(body(expired).data?.content).toMatch(/expired/);
      const unknown = await send(buttonClick('something-else', { embeds: [], components: [] }, freshUser()));
      expect(body(unknown).data?.content).toMatch(/not one citebot knows/);
    });
  });

  describe('/reload', () => {
    it('is refused to a member who cannot manage the server', async () => {
      const callback = await send(chatInput('reload', [], freshUser()));
      expect(body(callback)).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(body(callback).data?.content).toMatch(/Only members who can manage this server/);
    });

    it('reloads for a server manager (deferred, then what was loaded), and the bot keeps answering meanwhile', async () => {
      const interaction = chatInput('reload', [], freshUser(), MEMBER_PERMISSIONS | (1n << 5n));
      const callback = await send(interaction);
      expect(body(callback)).toMatchObject({ type: 5, data: { flags: 64 } });
      const during = await send(chatInput('where', [], freshUser()));
      expect(body(during).type).toBe(4);
      const edit = await fake.editFor(String(interaction.token), 30_000);
      expect((edit.body as { content: string }).content).toMatch(
        /^Reloaded this server's articles: 0 of its own, 1 answered here in all \(8 sentences\)/,
      );
      expect(bot.live.engine.articles).toHaveLength(1);
    });
  });

  describe('errors and abuse', () => {
    it('a handler that throws ends in the ephemeral error reply, and the bot keeps answering', async () => {
      const interaction = chatInput('boom', [], freshUser());
      const callback = await send(interaction);
      expect(body(callback)).toMatchObject({ type: 4, data: { content: SOMETHING_WENT_WRONG, flags: 64 } });
      expect(logs.some((l) => l.msg === 'interaction failed' && l.interaction === interaction.id)).toBe(true);
      const next = await send(chatInput('source', [], freshUser()));
      expect(body(next).type).toBe(4);
    });

    it('a failure after the reply was deferred ends in an ephemeral follow-up', async () => {
      const owner = freshUser();
      const answer = await send(chatInput('who', [], owner));
      const del =
        body(answer).data?.components?.[0]?.components.find((b) => b.label === 'Delete')?.custom_id ?? '';
      fake.failNext('DELETE', /^\/webhooks\//, 500);
      fake.failNext('DELETE', /^\/webhooks\//, 500);
      fake.failNext('DELETE', /^\/webhooks\//, 500);
      fake.failNext('DELETE', /^\/webhooks\//, 500);
      const click = buttonClick(del, { embeds: [], components: [] }, owner);
      const deferred = await send(click);
      expect(body(deferred).type).toBe(6);
      const followUp = await fake.waitFor(
        () =>
          fake.requests.find(
            (r) =>
              r.method === 'POST' && r.path.startsWith(`/webhooks/`) && r.path.includes(String(click.token)),
          ),
        15_000,
        'the follow-up',
      );
      expect(followUp.body).toMatchObject({ content: SOMETHING_WENT_WRONG, flags: 64 });
    });

    it('a sixth command within ten seconds gets the cooldown with the wait time', async () => {
      const spammer = freshUser();
      for (let i = 0; i < 5; i++)
        expect(body(await send(chatInput('source', [], spammer))).data?.flags).toBeUndefined();
      const sixth = await send(chatInput('source', [], spammer));
      expect(body(sixth)).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(body(sixth).data?.content).toMatch(/try again in \d+ s/);
    });

    it('a REST 429 with retry-after on the reply still ends in a delivered reply', async () => {
      fake.failNext('POST', /^\/interactions\/\d+\/[^/]+\/callback$/, 429, 0.2);
      const interaction = chatInput('where', [], freshUser());
      const callback = await send(interaction);
      expect(body(callback).type).toBe(4);
      const attempts = fake.requests.filter((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
      expect(attempts.map((a) => a.status)).toEqual([429, 204]);
    });
  });

  describe('gateway faults', () => {
    it.each([
      ['dropped (1006)', () => fake.dropConnections()],
      ['closed with 4000', () => fake.closeConnections(4000)],
    ])('resumes after the socket is %s and answers the next interaction', async (_what, fault) => {
      const resumesBefore = fake.gatewayPayloads.filter((p) => p.op === 6).length;
      fault();
      await fake.waitFor(
        () => fake.gatewayPayloads.filter((p) => p.op === 6).length > resumesBefore && fake.liveSessions > 0,
        20_000,
        'a RESUME',
      );
      const callback = await send(
        chatInput('ask', [{ name: 'question', type: STRING, value: 'Where was it held?' }], freshUser()),
      );
      expect(body(callback).data?.embeds?.[0]?.description).toContain('Changchun');
    });
  });

  it('keeps interaction ids unique (fixture sanity)', () => {
    expect(snowflake()).not.toBe(snowflake());
  });
});
