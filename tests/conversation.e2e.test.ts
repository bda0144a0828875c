import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_COMMANDS } from '../commands/index.ts';
import type { BotConfig } from '../src/app/config.ts';
import type { LiveCorpus } from '../src/app/liveCorpus.ts';
import type { OpenedServers } from '../src/app/openServers.ts';
import { startCorpus } from '../src/app/startCorpus.ts';
import { type GatewayBot, startGatewayBot } from '../src/discord/gatewayBot.ts';
import { createLogger } from '../src/lib/log.ts';
import { type FreshDatabase, TEST_DATABASES } from './databases.ts';
import { specProblems } from './discordSpec.ts';
import {
  APP_ID,
  BOT_ID,
  buttonClick,
  CHANNEL_ID,
  channelMessage,
  chatInput,
  DM_CHANNEL_ID,
  FAKE_TOKEN,
  FakeDiscord,
  MEMBER_PERMISSIONS,
  messageCommand,
  type RecordedRequest,
  snowflake,
  user,
} from './fakeDiscord.ts';
import { seedEngine } from './helpers.ts';
import { SERVER_DEFAULTS, testServers } from './servers.ts';

interface Reply {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Array<{ author?: { name: string }; description?: string; footer?: { text: string } }>;
    components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
    allowed_mentions?: { parse: string[]; users?: string[]; replied_user?: boolean };
  };
}
const body = (r: RecordedRequest) => r.body as Reply;

/** The claim's author: never named or pinged by a reply. */
const AUTHOR = user('1800000000000000001', 'claimwriter');

describe('Answering where people talk (discord.js against the local fake Discord)', () => {
  let fake: FakeDiscord;
  let bot: GatewayBot;
  let live: LiveCorpus;
  let database: FreshDatabase;
  let servers: OpenedServers;
  let counter = 0;
  const freshUser = () => `16100000000000000${String(++counter).padStart(2, '0')}`;

  async function send(interaction: Record<string, unknown>): Promise<RecordedRequest> {
    fake.dispatch('INTERACTION_CREATE', interaction);
    const callback = await fake.callbackFor(String(interaction.id));
    // Every reply the bot sends is one Discord's own API description accepts.
    expect(specProblems('interactionCallback', callback.body)).toEqual([]);
    return callback;
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    database = await (TEST_DATABASES[0] as (typeof TEST_DATABASES)[number]).fresh();
    const config: BotConfig = {
      token: FAKE_TOKEN,
      apiUrl: fake.apiUrl,
      logLevel: 'silent',
      corpusDir: 'corpus',
      cooldown: { commands: 5, seconds: 10 },
      watchCorpus: false,
      ingestAllowPrivate: [],
      ...SERVER_DEFAULTS,
      database: database.config,
    };
    const logger = createLogger('silent');
    live = startCorpus({ dir: config.corpusDir, logger, watch: false, engine: seedEngine() });
    servers = await testServers(live, logger, database);
    bot = await startGatewayBot(config, logger, { live, servers, commands: APP_COMMANDS });
  });

  afterAll(async () => {
    await bot?.stop();
    await servers?.close();
    await database?.drop();
    live?.stopWatching();
    await fake?.stop();
  });

  describe('"Find sources" on a message', () => {
    it('returns the sentence the claim is about, the shared words bold, privately, the author neither named nor pinged', async () => {
      const message = channelMessage(
        `<@${AUTHOR.id}> says over 500 leaders of political parties attended the conference in Changchun 🎉 https://example.org/x`,
        AUTHOR,
      );
      const reply = body(await send(messageCommand('Find sources', message, freshUser())));
      expect(reply.type).toBe(4);
      expect(reply.data?.flags).toBe(64);
      const embed = reply.data?.embeds?.[0];
      expect(embed?.description).toContain('**political parties**');
      expect(embed?.description).toContain('**Changchun**');
      expect(embed?.description).toMatch(
        /^\[\\\[1\\\]\]\(http:\/\/en\.people\.cn\/\S+ “A \*\*conference\*\* on the full revitalization/,
      );
      expect(embed?.author?.name).toMatch(/^Find sources: says over 500 leaders/);
      const everything = JSON.stringify(reply.data);
      expect(everything).not.toContain(AUTHOR.id as string);
      expect(everything).not.toContain('claimwriter');
      expect(everything).not.toContain('example.org');
      expect(reply.data?.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
      expect(reply.data?.allowed_mentions?.users ?? []).toEqual([]);
      expect(reply.data?.content).toBeUndefined();
    });

    it('says "The articles say nothing about this" for an unrelated message', async () => {
      const message = channelMessage('Messi scored twice in the World Cup final', AUTHOR);
      const reply = body(await send(messageCommand('Find sources', message, freshUser())));
      expect(reply.data?.flags).toBe(64);
      expect(reply.data?.embeds?.[0]?.description).toBe('The articles say nothing about this.');
    });

    it('says in one line that a message of only links, code and emoji has nothing to look up', async () => {
      const message = channelMessage('https://example.org 🎉 `npm test`', AUTHOR);
      const reply = body(await send(messageCommand('Find sources', message, freshUser())));
      expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(reply.data?.content).toMatch(/no words to look up/);
    });
  });

  describe('user installs and DMs', () => {
    it('answers /ask in the bot DM (no server) from the articles, publicly there', async () => {
      const reply = body(
        await send(
          chatInput(
            'ask',
            [{ name: 'question', type: 3, value: 'Where was it held?' }],
            freshUser(),
            MEMBER_PERMISSIONS,
            'dm',
          ),
        ),
      );
      expect(reply.type).toBe(4);
      expect(reply.data?.flags).toBeUndefined();
      expect(reply.data?.embeds?.[0]?.description).toContain('Changchun');
    });

    it('answers "Find sources" in a DM', async () => {
      const message = channelMessage('Liu Jianchao gave a speech at the conference', AUTHOR);
      const reply = body(await send(messageCommand('Find sources', message, freshUser(), 'dm')));
      expect(reply.data?.embeds?.[0]?.description).toContain('**Liu Jianchao**');
    });

    it("replies privately in a server that did not add the bot (a member's own install)", async () => {
      const reply = body(await send(chatInput('who', [], freshUser(), MEMBER_PERMISSIONS, 'user-install')));
      expect(reply.type).toBe(4);
      expect(reply.data?.flags).toBe(64);
      expect(reply.data?.embeds?.[0]?.description).toContain('Liu Jianchao');
    });
  });

  describe('Share on a private reply', () => {
    async function privateAnswer(owner: string) {
      const message = channelMessage('Liu Jianchao gave a speech at the conference', AUTHOR);
      const data = body(await send(messageCommand('Find sources', message, owner))).data;
      const share = data?.components?.[0]?.components.find((b) => b.label === 'Share')?.custom_id ?? '';
      return { data, share, id: snowflake() };
    }

    it('is offered on a private reply, and only the person who asked can use it', async () => {
      const owner = freshUser();
      const first = await privateAnswer(owner);
      expect(first.share).toMatch(/^c1:s:/);
      const refused = body(
        await send(
          buttonClick(
            first.share,
            { embeds: first.data?.embeds ?? [], components: [], flags: 64 },
            freshUser(),
          ),
        ),
      );
      expect(refused).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(refused.data?.content).toMatch(/Only the person who asked can share/);
    });

    it('posts the same answer publicly with "Shared by" the display name, once; the private reply says it was shared', async () => {
      const owner = freshUser();
      const first = await privateAnswer(owner);
      const click = buttonClick(
        first.share,
        {
          id: first.id,
          embeds: first.data?.embeds ?? [],
          components: first.data?.components ?? [],
          flags: 64,
        },
        owner,
      );
      const update = body(await send(click));
      expect(update.type).toBe(7);
      expect(update.data?.content).toBe('You shared this answer in the channel.');
      expect(update.data?.components?.[0]?.components.map((b) => b.label)).not.toContain('Share');
      const post = await fake.waitFor(
        () =>
          fake.requests.find(
            (r) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${String(click.token)}`,
          ),
        10_000,
        'the public post',
      );
      const posted = post.body as NonNullable<Reply['data']>;
      expect(specProblems('webhookMessageEdit', posted)).toEqual([]);
      expect(posted.flags ?? 0).toBe(0);
      expect(posted.content).toBe(`Shared by user${owner.slice(-4)}`);
      expect(posted.embeds?.[0]?.description).toBe(first.data?.embeds?.[0]?.description);
      expect(posted.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
      expect(posted.allowed_mentions?.users ?? []).toEqual([]);
      expect(posted.components?.[0]?.components.map((b) => b.label)).toContain('Delete');
      // A second click on the same message (before Discord showed the update) posts nothing more.
      const again = body(
        await send(
          buttonClick(
            first.share,
            { id: first.id, embeds: first.data?.embeds ?? [], components: [], flags: 64 },
            owner,
          ),
        ),
      );
      expect(again.data?.content).toMatch(/already shared/);
      const posts = fake.requests.filter(
        (r) =>
          r.method === 'POST' &&
          /^\/webhooks\/\d+\/[^/]+$/.test(r.path) &&
          JSON.stringify(r.body).includes('Shared by'),
      );
      expect(posts.filter((r) => r.path.endsWith(String(click.token)))).toHaveLength(1);
    });

    it('is not offered on a public reply, nor where the server did not add the bot', async () => {
      const open = body(await send(chatInput('who', [], freshUser())));
      expect(open.data?.components?.[0]?.components.map((b) => b.label)).not.toContain('Share');
      const there = body(await send(chatInput('who', [], freshUser(), MEMBER_PERMISSIONS, 'user-install')));
      expect(there.data?.flags).toBe(64);
      expect(there.data?.components?.[0]?.components.map((b) => b.label)).not.toContain('Share');
    });
  });

  describe('@mention questions (gateway)', () => {
    interface Sent {
      content?: string;
      embeds?: Array<{ description?: string }>;
      message_reference?: { message_id: string };
      allowed_mentions?: { parse: string[]; users?: string[]; replied_user?: boolean };
    }
    const replies = () =>
      fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
    const replyTo = (id: unknown) =>
      fake.waitFor(
        () => replies().find((r) => (r.body as Sent).message_reference?.message_id === id),
        10_000,
        `the reply to message ${String(id)}`,
      );

    it('asks for no privileged intent: Guilds, GuildMessages and DirectMessages only', () => {
      const identify = fake.gatewayPayloads.find((p) => p.op === 2)?.d as { intents: number };
      expect(identify.intents).toBe(1 | (1 << 9) | (1 << 12));
      // Server members (1 << 1), presences (1 << 8) and message content (1 << 15) are privileged.
      expect(identify.intents & ((1 << 1) | (1 << 8) | (1 << 15))).toBe(0);
    });

    it('answers a message that mentions the bot as /ask, in a reply that pings no one', async () => {
      const asker = user(freshUser(), 'asker');
      const message = channelMessage(`<@${BOT_ID}> who spoke at the conference?`, asker, {
        mentions: [{ ...user(BOT_ID, 'citebot'), bot: true }],
      });
      fake.dispatch('MESSAGE_CREATE', message);
      const sent = (await replyTo(message.id)).body as Sent;
      expect(specProblems('messageCreate', sent)).toEqual([]);
      expect(sent.embeds?.[0]?.description).toContain('Liu Jianchao');
      expect(sent.allowed_mentions).toEqual({ parse: [], users: [], replied_user: false });
      expect(sent.content ?? '').not.toContain('<@');
    });

    it('ignores messages from bots, webhooks and the bot itself, and messages without the mention', async () => {
      const before = replies().length;
      const person = user(freshUser());
      const mention = `<@${BOT_ID}> who spoke?`;
      fake.dispatch('MESSAGE_CREATE', channelMessage(mention, { ...user(freshUser()), bot: true }));
      fake.dispatch('MESSAGE_CREATE', channelMessage(mention, person, { webhook_id: '1900000000000000001' }));
      fake.dispatch('MESSAGE_CREATE', channelMessage(mention, { ...user(BOT_ID, 'citebot'), bot: true }));
      fake.dispatch('MESSAGE_CREATE', channelMessage('who spoke at the conference?', person));
      // A message that is answered, sent last: once its reply is there, the others were passed over.
      const last = channelMessage(mention, person);
      fake.dispatch('MESSAGE_CREATE', last);
      await replyTo(last.id);
      expect(replies().length).toBe(before + 1);
    });

    it('answers a bare mention with a one-line hint', async () => {
      const message = channelMessage(`<@!${BOT_ID}>`, user(freshUser()));
      fake.dispatch('MESSAGE_CREATE', message);
      const sent = (await replyTo(message.id)).body as Sent;
      expect(sent.content).toMatch(/^Ask me a question after the mention/);
      expect(sent.content?.split('\n')).toHaveLength(1);
      expect(sent.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
    });

    it('applies the per-user cooldown to mention questions', async () => {
      const spammer = user(freshUser());
      const sent: Sent[] = [];
      for (let i = 0; i < 6; i++) {
        const message = channelMessage(`<@${BOT_ID}> where was it held?`, spammer);
        fake.dispatch('MESSAGE_CREATE', message);
        sent.push((await replyTo(message.id)).body as Sent);
      }
      expect(sent.slice(0, 5).every((s) => s.embeds?.length === 1)).toBe(true);
      expect(sent[5]?.content).toMatch(/try again in \d+ s/);
    });

    it('answers a question in a DM without a mention', async () => {
      const message = channelMessage('where was the conference held?', user(freshUser()), {
        channel_id: DM_CHANNEL_ID,
        guild_id: undefined,
      });
      fake.dispatch('MESSAGE_CREATE', message);
      const reply = await fake.waitFor(
        () =>
          fake.requests.find(
            (r) =>
              r.path === `/channels/${DM_CHANNEL_ID}/messages` &&
              (r.body as Sent).message_reference?.message_id === message.id,
          ),
        10_000,
        'the DM reply',
      );
      expect((reply.body as Sent).embeds?.[0]?.description).toContain('Changchun');
    });
  });
});
