import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import type { BotConfig } from '../src/app/config.ts';
import type { LiveCorpus } from '../src/app/liveCorpus.ts';
import type { OpenedServers } from '../src/app/openServers.ts';
import { startCorpus } from '../src/app/startCorpus.ts';
import { type GatewayBot, startGatewayBot } from '../src/discord/gatewayBot.ts';
import { createLogger } from '../src/lib/log.ts';
import { type FreshDatabase, TEST_DATABASES } from './databases.ts';
import {
  buttonClick,
  chatInput,
  FAKE_TOKEN,
  FakeDiscord,
  GUILD_ID,
  MEMBER_PERMISSIONS,
  type RecordedRequest,
  snowflake,
} from './fakeDiscord.ts';
import { CORPUS_DIR } from './helpers.ts';
import { startPageServer } from './pageServer.ts';
import { SERVER_DEFAULTS, testServers } from './servers.ts';

const STRING = 3;
const ATTACHMENT = 11;
const MANAGE_GUILD = 1n << 5n;
const MANAGER = MEMBER_PERMISSIONS | MANAGE_GUILD;
const SEED = '20241016-foreign-guests-witness-progress-northeast.md';

interface Message {
  content?: string;
  embeds?: Array<{
    title?: string;
    url?: string;
    footer?: { text: string };
    fields?: Array<{ name: string; value: string }>;
  }>;
  components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
  flags?: number;
}

describe('/ingest through the fake Discord', () => {
  let fake: FakeDiscord;
  let bot: GatewayBot;
  let live: LiveCorpus;
  let database: FreshDatabase;
  let servers: OpenedServers;
  let site: Awaited<ReturnType<typeof startPageServer>>;
  let dir: string;
  let lanternsRemove = '';
  let users = 0;
  const freshUser = () => `17000000000000000${String(++users).padStart(2, '0')}`;

  /** Sends an interaction and returns its callback, and the edit of a deferred reply when there is one. */
  async function send(
    interaction: Record<string, unknown>,
  ): Promise<{ callback: RecordedRequest; message: Message }> {
    fake.dispatch('INTERACTION_CREATE', interaction);
    const callback = await fake.callbackFor(String(interaction.id));
    const type = (callback.body as { type: number }).type;
    if (type !== 5) return { callback, message: (callback.body as { data: Message }).data };
    const edit = await fake.editFor(String(interaction.token));
    return { callback, message: edit.body as Message };
  }

  const ingestUrl = (path: string, permissions = MANAGER) =>
    send(
      chatInput(
        'ingest',
        [{ name: 'url', type: STRING, value: `${site.base}${path}` }],
        freshUser(),
        permissions,
      ),
    );

  const askCites = async (question: string) => {
    const { message } = await send(
      chatInput('ask', [{ name: 'question', type: STRING, value: question }], freshUser()),
    );
    return JSON.stringify(message.embeds ?? []);
  };

  beforeAll(async () => {
    site = await startPageServer();
    fake = await FakeDiscord.start();
    dir = mkdtempSync(join(tmpdir(), 'citebot-ingest-e2e-'));
    copyFileSync(join(CORPUS_DIR, SEED), join(dir, SEED));
    database = await (TEST_DATABASES[0] as (typeof TEST_DATABASES)[number]).fresh();
    const config: BotConfig = {
      token: FAKE_TOKEN,
      apiUrl: fake.apiUrl,
      logLevel: 'silent',
      corpusDir: dir,
      cooldown: { commands: 50, seconds: 10 },
      watchCorpus: false,
      ingestAllowPrivate: ['127.0.0.1'],
      pictures: false,
      ...SERVER_DEFAULTS,
      database: database.config,
    };
    const logger = createLogger('silent');
    live = startCorpus({ dir, logger, watch: false });
    servers = await testServers(live, logger, database);
    bot = await startGatewayBot(config, logger, { live, servers, commands: COMMANDS });
  });

  afterAll(async () => {
    await bot?.stop();
    await servers?.close();
    await database?.drop();
    await live?.persisted();
    await fake?.stop();
    await site?.close();
  });

  it('defers, then shows what it read, and the next /ask answers from the new article', async () => {
    const { callback, message } = await ingestUrl('/2025/02/lanterns');
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const embed = message.embeds?.[0];
    expect(embed?.title).toBe('Lantern festival draws record crowds to Kunming old town');
    expect(embed?.fields).toEqual(
      expect.arrayContaining([
        { name: 'Publisher', value: 'Example News Agency (Xinhua)', inline: true },
        { name: 'Dateline', value: 'Kunming, 2025-02-12', inline: true },
        { name: 'By', value: 'Mei Lin, Tom Okafor', inline: true },
      ]),
    );
    expect(embed?.footer?.text).toMatch(/answers include it now/);
    expect(message.components?.[0]?.components[0]?.label).toBe('Remove');
    lanternsRemove = message.components?.[0]?.components[0]?.custom_id ?? '';
    // Kept in the server's collection in the database; the operator's folder is not touched.
    expect(readdirSync(dir).filter((f) => f.endsWith('.md'))).toHaveLength(1);
    expect((await servers.store.articles(GUILD_ID)).map((a) => a.title)).toEqual([embed?.title]);
    expect(await askCites('How many visitors came to see the lanterns?')).toContain(
      '/2025/02/lanterns#:~:text=More%20than%20300%2C000',
    );
  });

  it('says "already in the corpus" for the same address twice, naming the article', async () => {
    const { message } = await ingestUrl('/2025/02/lanterns');
    expect(message.content).toMatch(
      /^Already in the corpus: “Lantern festival draws record crowds to Kunming old town” \(20250213-/,
    );
  });

  it('adds the OpenGraph-only, plain and script pages, and an attached file', async () => {
    for (const [path, title] of [
      ['/2025/03/bridge', 'Harbour bridge closes for two weeks of repairs'],
      ['/2025/04/library', 'Village school opens new library'],
      ['/2025/05/night-trains', 'Night trains return to the mountain line'],
    ] as const)
      expect((await ingestUrl(path)).message.embeds?.[0]?.title).toBe(title);
    const attachment = snowflake();
    const interaction = chatInput(
      'ingest',
      [
        { name: 'file', type: ATTACHMENT, value: attachment },
        { name: 'published', type: STRING, value: '2025-06-12' },
      ],
      freshUser(),
      MANAGER,
    );
    (interaction.data as Record<string, unknown>).resolved = {
      attachments: {
        [attachment]: {
          id: attachment,
          filename: 'notes.txt',
          size: 300,
          url: `${site.base}/notes.txt`,
          proxy_url: `${site.base}/notes.txt`,
          content_type: 'text/plain; charset=utf-8',
        },
      },
    };
    const { message } = await send(interaction);
    expect(message.embeds?.[0]?.title).toBe('Allotment gardens get a rain tank');
    expect(await askCites('What did the allotment gardens receive?')).toContain('/notes.txt#:~:text=');
  });

  it('refuses a page too big, a redirect to a private address, and what is not a news page, saying why', async () => {
    expect((await ingestUrl('/big')).message.content).toMatch(/larger than 2 MB/);
    // In Discord only that the address is not allowed: which address, and how to allow it, are the operator's.
    const refused = (await ingestUrl('/to-private')).message.content;
    expect(refused).toMatch(/: that address is not allowed\.$/);
    expect(refused).not.toMatch(/169\.254|INGEST_ALLOW_PRIVATE/);
    expect((await ingestUrl('/data.json')).message.content).toMatch(/is not a news page/);
    expect((await ingestUrl('/notes.txt')).message.content).toMatch(
      /or the `published` option \(YYYY-MM-DD\)/,
    );
  });

  it('is for members who can manage the server, and asks for a url or a file', async () => {
    const member = await ingestUrl('/2025/02/lanterns', MEMBER_PERMISSIONS);
    expect(member.callback.body).toMatchObject({ type: 4 });
    expect(member.message.content).toBe(
      'Only members who can manage this server, or who hold the role /settings names for it, can add articles.',
    );
    const nothing = await send(chatInput('ingest', [], freshUser(), MANAGER));
    expect(nothing.message.content).toMatch(/Give the article’s `url`/);
    // Offered in servers only; who may use it is checked on use (the ingest role of /settings).
    const definition = COMMANDS.find((c) => c.data.name === 'ingest')?.data.toJSON();
    expect(definition?.contexts).toEqual([0]);
  });

  it('removes what it added with the Remove button (managers only), and answers stop citing it', async () => {
    const click = (permissions: bigint) =>
      send(buttonClick(lanternsRemove, { embeds: [], components: [], flags: 64 }, freshUser(), permissions));
    const refused = await click(MEMBER_PERMISSIONS);
    expect(refused.message.content).toBe('Only members who can manage this server can remove articles.');
    expect(await askCites('How many visitors came to see the lanterns?')).toContain(
      '/2025/02/lanterns#:~:text=More%20than%20300%2C000',
    );
    const removed = await click(MANAGER);
    expect((removed.callback.body as { type: number }).type).toBe(7);
    expect(removed.message.content).toMatch(
      /^Removed “Lantern festival draws record crowds to Kunming old town”/,
    );
    expect(removed.message.components).toEqual([]);
    expect((await servers.store.articles(GUILD_ID)).some((a) => a.articleId.includes('lantern'))).toBe(false);
    expect(await askCites('How many visitors came to see the lanterns?')).not.toContain(
      '/2025/02/lanterns#:~:text=More%20than%20300%2C000',
    );
    const again = await click(MANAGER);
    expect(again.message.content).toBe(
      'That article is not one of this server’s own articles, so it cannot be removed here.',
    );
  });
});
