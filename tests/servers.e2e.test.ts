import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import type { BotConfig } from '../src/app/config.ts';
import type { OpenedServers } from '../src/app/openServers.ts';
import { startCorpus } from '../src/app/startCorpus.ts';
import { openDatabase } from '../src/db/openDatabase.ts';
import { ServerStore } from '../src/db/serverStore.ts';
import { type GatewayBot, startGatewayBot } from '../src/discord/gatewayBot.ts';
import { freePort } from '../src/lib/freePort.ts';
import { createLogger } from '../src/lib/log.ts';
import { type FreshDatabase, TEST_DATABASES } from './databases.ts';
import {
  autocomplete,
  buttonClick,
  chatInput,
  EDITOR_ROLE,
  FAKE_TOKEN,
  FakeDiscord,
  GUILD_ID,
  MEMBER_PERMISSIONS,
} from './fakeDiscord.ts';
import { CORPUS_DIR, runCliCaptured } from './helpers.ts';
import { startPageServer } from './pageServer.ts';
import { type Started, startCitebot, stopAll } from './processes.ts';
import { inDm, inServer, SERVER_DEFAULTS, testServers } from './servers.ts';
import { callbackText, postSigned } from './signedPost.ts';

const STRING = 3;
const BOOLEAN = 5;
const ROLE = 8;
const MANAGER = MEMBER_PERMISSIONS | (1n << 5n);
const SEED = '20241016-foreign-guests-witness-progress-northeast.md';
/** Server A is the fake Discord's own server; B is another server the bot is in. */
const A = GUILD_ID;
const B = '1200000000000000002';
const LANTERNS = 'How many visitors came to see the lanterns?';

interface Message {
  content?: string;
  embeds?: Array<{ title?: string; footer?: { text: string } }>;
  components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
  flags?: number;
  choices?: Array<{ name: string; value: string }>;
}

/** What a place received for one interaction: the callback type and the message (edited in when deferred). */
interface Received {
  type: number;
  message: Message;
  /** Everything the place received for it, as text (to check what it never shows). */
  raw: string;
}

/** A running bot reached through one transport, and how to restart it on the same data. */
interface Transport {
  send(interaction: Record<string, unknown>): Promise<Received>;
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** The server-side data (the test's own connection to the bot's database). */
  store: ServerStore;
}

/** The gateway bot in this process (real discord.js against the fake Discord). */
async function gatewayTransport(
  fake: FakeDiscord,
  database: FreshDatabase,
  corpus: string,
): Promise<Transport> {
  const logger = createLogger('silent');
  const config: BotConfig = {
    token: FAKE_TOKEN,
    apiUrl: fake.apiUrl,
    logLevel: 'silent',
    corpusDir: corpus,
    cooldown: { commands: 1000, seconds: 1 },
    watchCorpus: false,
    ingestAllowPrivate: ['127.0.0.1'],
    ...SERVER_DEFAULTS,
    database: database.config,
  };
  let live = startCorpus({ dir: corpus, logger, watch: false });
  let servers: OpenedServers = await testServers(live, logger, database);
  let bot: GatewayBot = await startGatewayBot(config, logger, { live, servers, commands: COMMANDS });
  const check = await openDatabase(database.config);
  const stop = async () => {
    await bot.stop();
    await servers.close();
    live.stopWatching();
  };
  return {
    store: new ServerStore(check.db),
    send: async (interaction) => {
      fake.dispatch('INTERACTION_CREATE', interaction);
      const callback = await fake.callbackFor(String(interaction.id));
      const body = callback.body as { type: number; data?: Message };
      if (body.type !== 5) return { type: body.type, message: body.data ?? {}, raw: JSON.stringify(body) };
      const edit = await fake.editFor(String(interaction.token));
      const message = { ...(edit.body as Message), flags: body.data?.flags };
      return { type: 5, message, raw: JSON.stringify([body, edit.body]) };
    },
    restart: async () => {
      await stop();
      live = startCorpus({ dir: corpus, logger, watch: false });
      servers = await testServers(live, logger, database);
      bot = await startGatewayBot(config, logger, { live, servers, commands: COMMANDS });
    },
    stop: async () => {
      await stop();
      await check.close();
    },
  };
}

/** `citebot serve` in its own process, sent signed interactions over HTTP; deferred replies reach the fake Discord. */
async function serveTransport(
  fake: FakeDiscord,
  database: FreshDatabase,
  corpus: string,
): Promise<Transport> {
  const pair = generateKeyPairSync('ed25519');
  const key: KeyObject = pair.privateKey;
  const publicHex = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
  let port = 0;
  let process: Started | null = null;
  const start = async () => {
    port = await freePort();
    process = startCitebot(['src/cli/main.ts', 'serve', '--port', String(port)], {
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
    const started = process;
    await eventually(
      async () => (/listening for interactions/.test(started.output()) ? true : undefined),
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: citebot serve did not listen: ${started.output()}`);
    });
  };
  await start();
  const post = (interaction: unknown) => postSigned(port, key, interaction);
  const check = await openDatabase(database.config);
  return {
    store: new ServerStore(check.db),
    send: async (interaction) => {
      const reply = await post(interaction);
      expect(reply.status).toBe(200);
      // A reply with a picture is multipart: the callback JSON in payload_json, the PNG beside it.
      const json = await callbackText(reply);
      const body = JSON.parse(json) as { type: number; data?: Message };
      if (body.type !== 5) return { type: body.type, message: body.data ?? {}, raw: json };
      const edit = await fake.editFor(String(interaction.token), 30_000);
      const message = { ...(edit.body as Message), flags: body.data?.flags };
      return { type: 5, message, raw: JSON.stringify([body, edit.body]) };
    },
    restart: async () => {
      expect(await process?.stop()).toBe(0);
      await start();
    },
    stop: async () => {
      await process?.stop();
      await check.close();
    },
  };
}

/** Polls an asynchronous probe until it gives a value (10 s at most). */
async function eventually<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('eventually: timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const TRANSPORTS = [
  { name: 'gateway (discord.js)', open: gatewayTransport },
  { name: 'citebot serve (signed HTTP)', open: serveTransport },
] as const;

describe.each(TEST_DATABASES)('every server its own, on $name', (engine) => {
  describe.each(TRANSPORTS)('through $name', ({ name, open }) => {
    let fake: FakeDiscord;
    let site: Awaited<ReturnType<typeof startPageServer>>;
    let database: FreshDatabase;
    let corpus: string;
    let bot: Transport;
    let users = 0;
    let lanternsId = '';
    let lanternsRemove = '';
    let contextButton = '';
    const user = () => `19000000000000000${String(++users).padStart(2, '0')}`;
    /** Everything server B and the DM received, to check at the end that A's article never showed. */
    const seenElsewhere: string[] = [];

    const ask = (question: string, permissions = MEMBER_PERMISSIONS) =>
      chatInput('ask', [{ name: 'question', type: STRING, value: question }], user(), permissions);
    const ingest = (path: string, permissions = MANAGER) =>
      chatInput('ingest', [{ name: 'url', type: STRING, value: `${site.base}${path}` }], user(), permissions);
    /** A's article (its title, id or address) is nowhere in what another place received. */
    const expectNothingOfA = (raw: string) => {
      expect(raw).not.toContain('Lantern festival');
      expect(raw).not.toContain('2025/02/lanterns');
      expect(raw).not.toContain(lanternsId);
    };
    const inB = async (interaction: Record<string, unknown>) => {
      const got = await bot.send(inServer(interaction, B));
      seenElsewhere.push(got.raw);
      return got;
    };

    beforeAll(async () => {
      fake = await FakeDiscord.start();
      site = await startPageServer();
      database = await engine.fresh();
      corpus = mkdtempSync(join(tmpdir(), 'citebot-servers-e2e-'));
      copyFileSync(join(CORPUS_DIR, SEED), join(corpus, SEED));
      bot = await open(fake, database, corpus);
    });

    afterAll(async () => {
      await bot?.stop();
      await stopAll();
      await site?.close();
      await fake?.stop();
      await database?.drop();
      rmSync(corpus, { recursive: true, force: true });
    });

    it('A ingests a page; A’s /ask, /who, /source and autocomplete cite or list it', async () => {
      const added = await bot.send(ingest('/2025/02/lanterns'));
      expect(added.type).toBe(5);
      expect(added.message.embeds?.[0]?.title).toBe(
        'Lantern festival draws record crowds to Kunming old town',
      );
      lanternsId = added.message.embeds?.[0]?.footer?.text.split(' ')[0] ?? '';
      lanternsRemove = added.message.components?.[0]?.components[0]?.custom_id ?? '';
      expect(lanternsId).toMatch(/lantern/);
      const answer = await bot.send(ask(LANTERNS));
      expect(answer.raw).toContain('/2025/02/lanterns#:~:text=More%20than%20300%2C000');
      contextButton =
        answer.message.components?.[0]?.components.find((b) => b.label === 'Context')?.custom_id ?? '';
      expect(contextButton).not.toBe('');
      const who = await bot.send(
        chatInput('who', [{ name: 'article', type: STRING, value: lanternsId }], user()),
      );
      expect(who.raw).toContain('2025/02/lanterns');
      expect((await bot.send(chatInput('source', [], user()))).raw).toContain('Lantern festival');
      const choices = await bot.send(autocomplete('who', 'article', 'lantern', user()));
      expect(choices.message.choices?.map((c) => c.value)).toEqual([lanternsId]);
      expect((await bot.store.articles(A)).map((a) => a.articleId)).toEqual([lanternsId]);
    });

    it('B’s /ask, /who, /source, autocomplete and "already" never show it; B may add the same page as its own', async () => {
      await inB(ask(LANTERNS));
      await inB(chatInput('who', [], user()));
      await inB(chatInput('who', [{ name: 'article', type: STRING, value: lanternsId }], user()));
      await inB(chatInput('source', [{ name: 'query', type: STRING, value: 'lantern' }], user()));
      await inB(autocomplete('who', 'article', 'lantern', user()));
      await inB(autocomplete('ask', 'question', 'Kunm', user()));
      await inB(buttonClick(contextButton, { embeds: [], components: [] }, user()));
      for (const raw of seenElsewhere) expectNothingOfA(raw);
      // Not "already in the corpus": B has its own copy, answered in B only.
      const own = await bot.send(inServer(ingest('/2025/02/lanterns'), B));
      expect(own.message.embeds?.[0]?.title).toMatch(/^Lantern festival/);
      expect((await bot.store.articles(B)).map((a) => a.title)).toEqual([own.message.embeds?.[0]?.title]);
      const removeOwn = own.message.components?.[0]?.components[0]?.custom_id ?? '';
      const gone = await bot.send(
        inServer(buttonClick(removeOwn, { embeds: [], components: [] }, user(), MANAGER), B),
      );
      expect(gone.message.content).toMatch(/^Removed “Lantern festival/);
      expect(await bot.store.articles(B)).toEqual([]);
    });

    it('a DM answers from the base only', async () => {
      for (const interaction of [ask(LANTERNS), chatInput('source', [], user())]) {
        const got = await bot.send(inDm(interaction));
        seenElsewhere.push(got.raw);
        expectNothingOfA(got.raw);
      }
      expect((await bot.send(inDm(chatInput('source', [], user())))).raw).toContain('Foreign guests');
    });

    it('A’s Remove button replayed in B is refused, and A keeps its article', async () => {
      const replay = await inB(buttonClick(lanternsRemove, { embeds: [], components: [] }, user(), MANAGER));
      expect(replay.message.content).toBe(
        'That article is not one of this server’s own articles, so it cannot be removed here.',
      );
      expect((await bot.store.articles(A)).map((a) => a.articleId)).toEqual([lanternsId]);
    });

    it('A’s member without the role or Manage Server is refused; with the role set by /settings, allowed', async () => {
      const refused = await bot.send(ingest('/2025/03/bridge', MEMBER_PERMISSIONS));
      expect(refused.message.content).toMatch(
        /^Only members who can manage this server, or who hold the role/,
      );
      const notManager = await bot.send(
        chatInput('settings', [{ name: 'ingest_role', type: ROLE, value: EDITOR_ROLE }], user()),
      );
      expect(notManager.message.content).toBe(
        'Only members who can manage this server can change its settings.',
      );
      const set = await bot.send(
        chatInput('settings', [{ name: 'ingest_role', type: ROLE, value: EDITOR_ROLE }], user(), MANAGER),
      );
      expect(set.message.content).toBe(
        `Role that may /ingest (besides Manage Server): none → <@&${EDITOR_ROLE}>`,
      );
      expect(set.message.flags).toBe(64);
      const editor = await bot.send(
        inServer(ingest('/2025/03/bridge', MEMBER_PERMISSIONS), A, [EDITOR_ROLE]),
      );
      expect(editor.message.embeds?.[0]?.title).toBe('Harbour bridge closes for two weeks of repairs');
      // The role of A means nothing in B.
      const inOther = await inB(inServer(ingest('/2025/04/library', MEMBER_PERMISSIONS), B, [EDITOR_ROLE]));
      expect(inOther.message.content).toMatch(/^Only members who can manage this server/);
    });

    it('/settings private in A makes A’s replies ephemeral and leaves B’s public', async () => {
      const set = await bot.send(
        chatInput('settings', [{ name: 'private_replies', type: BOOLEAN, value: true }], user(), MANAGER),
      );
      expect(set.message.content).toBe('Replies: public → private');
      expect((await bot.send(ask(LANTERNS))).message.flags).toBe(64);
      expect((await inB(ask(LANTERNS))).message.flags ?? 0).toBe(0);
      // A member may still choose a public reply.
      const chosen = await bot.send(
        chatInput(
          'ask',
          [
            { name: 'question', type: STRING, value: LANTERNS },
            { name: 'private', type: BOOLEAN, value: false },
          ],
          user(),
        ),
      );
      expect(chosen.message.flags ?? 0).toBe(0);
      const events = await bot.store.events(A);
      expect(events.map((e) => `${e.action} ${e.detail}`)).toEqual(
        expect.arrayContaining([
          `setting ingestRole: null -> ${EDITOR_ROLE}`,
          'setting privateReplies: false -> true',
        ]),
      );
    });

    it('/settings pictures off in A sends A’s /where and /when as text only; B keeps its map', async () => {
      const set = await bot.send(
        chatInput('settings', [{ name: 'pictures', type: BOOLEAN, value: false }], user(), MANAGER),
      );
      expect(set.message.content).toBe('Pictures (map, timeline, chart): on → off');
      for (const command of ['where', 'when']) {
        const text = await bot.send(chatInput(command, [], user()));
        expect(text.message.embeds?.length).toBeGreaterThan(0);
        expect(text.raw).not.toContain('attachment://');
      }
      expect((await inB(chatInput('where', [], user()))).raw).toContain('attachment://');
      await bot.send(
        chatInput('settings', [{ name: 'pictures', type: BOOLEAN, value: true }], user(), MANAGER),
      );
      expect((await bot.send(chatInput('where', [], user()))).raw).toContain('attachment://');
    });

    it('after a restart A’s articles and settings are still there', async () => {
      await bot.restart();
      const answer = await bot.send(ask(LANTERNS));
      expect(answer.message.flags).toBe(64);
      expect(answer.raw).toContain('/2025/02/lanterns#:~:text=More%20than%20300%2C000');
      const shown = await bot.send(chatInput('settings', [], user(), MANAGER));
      expect(shown.message.content).toContain('Replies: private');
      expectNothingOfA((await inB(ask(LANTERNS))).raw);
    });

    it('turning the base off in A answers from A’s own articles only', async () => {
      await bot.send(chatInput('settings', [{ name: 'base', type: BOOLEAN, value: false }], user(), MANAGER));
      const sources = (await bot.send(chatInput('source', [], user()))).raw;
      expect(sources).toContain('Lantern festival');
      expect(sources).not.toContain('Foreign guests');
      expect((await inB(chatInput('source', [], user()))).raw).toContain('Foreign guests');
    });

    it.runIf(name.startsWith('gateway'))(
      'being removed from A (not an outage) marks its data for deletion; `citebot servers purge` deletes it',
      async () => {
        fake.dispatch('GUILD_DELETE', { id: A, unavailable: true });
        fake.dispatch('GUILD_DELETE', { id: A });
        const left = await eventually(async () =>
          (await bot.store.list()).find((s) => s.id === A && s.leftAt),
        );
        const days = (Date.parse(left.deleteAfter ?? '') - Date.parse(left.leftAt ?? '')) / 86_400_000;
        expect(days).toBe(30);
        const listed = await runCliCaptured(['servers'], database.env);
        expect(listed.out).toMatch(
          new RegExp(
            `^${A}  2 article\\(s\\), .*private replies, base off, ingest role ${EDITOR_ROLE}, pictures on; bot removed`,
            'm',
          ),
        );
        const purged = await runCliCaptured(['servers', 'purge', A], database.env);
        expect(purged).toMatchObject({ code: 0, out: `Deleted the data of server ${A}.\n` });
        expect(await bot.store.articles(A)).toEqual([]);
        expect((await bot.store.list()).map((s) => s.id)).not.toContain(A);
      },
    );
  });
});
