import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/lib/freePort.ts';
import { specProblems } from './discordSpec.ts';
import {
  APP_ID,
  buttonClick,
  channelMessage,
  chatInput,
  FakeDiscord,
  MEMBER_PERMISSIONS,
  messageCommand,
  snowflake,
  user,
} from './fakeDiscord.ts';
import { type Started, startCitebot, stopAll } from './processes.ts';
import { callbackText, postSigned } from './signedPost.ts';

interface Callback {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Array<{ description?: string; author?: { name: string } }>;
    components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
    allowed_mentions?: { parse: string[]; users?: string[]; replied_user?: boolean };
  };
}

const AUTHOR = user('1800000000000000002', 'claimwriter');

/** The same conversations through a real `citebot serve` process (the @mention needs the gateway, so it is not here). */
describe('citebot serve: Find sources, Share and DMs', () => {
  let fake: FakeDiscord;
  let run: Started;
  let port: number;
  let privateKey: KeyObject;
  let counter = 0;
  const freshUser = () => `16200000000000000${String(++counter).padStart(2, '0')}`;

  async function post(interaction: Record<string, unknown>): Promise<Callback> {
    const reply = await postSigned(port, privateKey, interaction);
    expect(reply.status).toBe(200);
    const callback = JSON.parse(await callbackText(reply)) as Callback;
    expect(specProblems('interactionCallback', callback)).toEqual([]);
    return callback;
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    const pair = generateKeyPairSync('ed25519');
    privateKey = pair.privateKey;
    const hex = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
    port = await freePort();
    run = startCitebot(['src/cli/main.ts', 'serve'], {
      DISCORD_PUBLIC_KEY: hex,
      DISCORD_API_URL: fake.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      WATCH_CORPUS: 'false',
    });
    const deadline = Date.now() + 60_000;
    while (!run.output().includes('listening for interactions') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
  }, 70_000);

  afterAll(async () => {
    await run?.stop();
    await fake?.stop();
    await stopAll();
  });

  it('"Find sources" returns the sentence of the claim with the shared words bold, privately', async () => {
    const message = channelMessage(`<@${AUTHOR.id}> Liu Jianchao gave a speech at the conference`, AUTHOR);
    const reply = await post(messageCommand('Find sources', message, freshUser()));
    expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(reply.data?.embeds?.[0]?.description).toContain('**Liu Jianchao**');
    expect(JSON.stringify(reply.data)).not.toContain(AUTHOR.id as string);
  });

  it('"Find sources" on an unrelated message says the articles say nothing about it', async () => {
    const message = channelMessage('The central bank raised interest rates by half a point', AUTHOR);
    const reply = await post(messageCommand('Find sources', message, freshUser()));
    expect(reply.data?.embeds?.[0]?.description).toBe('The articles say nothing about this.');
  });

  it('Share posts the answer publicly once (a webhook follow-up), for the person who asked only', async () => {
    const owner = freshUser();
    const message = channelMessage('Over 500 leaders attended the conference in Changchun', AUTHOR);
    const first = await post(messageCommand('Find sources', message, owner));
    const share = first.data?.components?.[0]?.components.find((b) => b.label === 'Share')?.custom_id ?? '';
    const shown = { id: snowflake(), embeds: first.data?.embeds ?? [], components: [], flags: 64 };
    const refused = await post(buttonClick(share, shown, freshUser()));
    expect(refused.data?.content).toMatch(/Only the person who asked/);
    const click = buttonClick(share, shown, owner);
    const update = await post(click);
    expect(update.type).toBe(7);
    expect(update.data?.content).toBe('You shared this answer in the channel.');
    const followUp = await fake.waitFor(
      () =>
        fake.requests.find(
          (r) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${String(click.token)}`,
        ),
      10_000,
      'the public post',
    );
    const posted = followUp.body as NonNullable<Callback['data']>;
    expect(posted.content).toBe(`Shared by user${owner.slice(-4)}`);
    expect(posted.flags ?? 0).toBe(0);
    expect(posted.embeds?.[0]?.description).toBe(first.data?.embeds?.[0]?.description);
    const again = await post(buttonClick(share, shown, owner));
    expect(again.data?.content).toMatch(/already shared/);
  });

  it('answers a DM interaction (no server) from the articles', async () => {
    const reply = await post(
      chatInput(
        'ask',
        [{ name: 'question', type: 3, value: 'who spoke?' }],
        freshUser(),
        MEMBER_PERMISSIONS,
        'dm',
      ),
    );
    expect(reply.type).toBe(4);
    expect(reply.data?.embeds?.[0]?.description).toContain('Liu Jianchao');
    const claim = channelMessage('the conference was held in Changchun', AUTHOR);
    const sources = await post(messageCommand('Find sources', claim, freshUser(), 'dm'));
    expect(sources.data?.embeds?.[0]?.description).toContain('**Changchun**');
  });

  it('replies privately where the server did not add the bot', async () => {
    const reply = await post(chatInput('who', [], freshUser(), MEMBER_PERMISSIONS, 'user-install'));
    expect(reply.data?.flags).toBe(64);
  });
});
