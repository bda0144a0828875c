import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_COMMANDS } from '../commands/index.ts';
import type { BotConfig } from '../src/app/config.ts';
import type { LiveCorpus } from '../src/app/liveCorpus.ts';
import { startCorpus } from '../src/app/startCorpus.ts';
import { type GatewayBot, startGatewayBot } from '../src/discord/gatewayBot.ts';
import { createLogger } from '../src/lib/log.ts';
import { specProblems } from './discordSpec.ts';
import {
  channelMessage,
  chatInput,
  FAKE_TOKEN,
  FakeDiscord,
  MEMBER_PERMISSIONS,
  messageCommand,
  type RecordedRequest,
  user,
} from './fakeDiscord.ts';
import { seedEngine } from './helpers.ts';

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
    const config: BotConfig = {
      token: FAKE_TOKEN,
      apiUrl: fake.apiUrl,
      logLevel: 'silent',
      corpusDir: 'corpus',
      cooldown: { commands: 5, seconds: 10 },
      watchCorpus: false,
      ingestAllowPrivate: [],
    };
    const logger = createLogger('silent');
    live = startCorpus({ dir: config.corpusDir, logger, watch: false, engine: seedEngine() });
    bot = await startGatewayBot(config, logger, { live, commands: APP_COMMANDS });
  });

  afterAll(async () => {
    await bot?.stop();
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
});
