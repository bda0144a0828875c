import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import { IngestFailure } from '../src/app/ingest.ts';
import type { Article } from '../src/corpus/article.ts';
import { Cooldown } from '../src/discord/cooldown.ts';
import { Dispatcher, SOMETHING_WENT_WRONG } from '../src/discord/dispatch.ts';
import { LIMITS } from '../src/discord/limits.ts';
import { pictureMaker } from '../src/discord/picture.ts';
import { messageJson } from '../src/http/apiInteraction.ts';
import {
  createInteractionsServer,
  type InteractionsServer,
  MAX_BODY_BYTES,
} from '../src/http/interactionsServer.ts';
import { publicKeyFromHex } from '../src/http/signature.ts';
import { createLogger } from '../src/lib/log.ts';
import { specProblems } from './discordSpec.ts';
import { autocomplete, buttonClick, chatInput, FakeDiscord, GUILD_ID } from './fakeDiscord.ts';
import { failingCommand, seedEngine } from './helpers.ts';

const NOW = Date.now();
const STRING = 3;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body's bytes (a multipart response holds a PNG). */
  raw: Buffer;
  json: () => { type: number; data?: Record<string, unknown> };
}

const failing = failingCommand;

/** The callback JSON of a response: the body, or a multipart response's payload_json. */
async function callbackJson(reply: Reply): Promise<unknown> {
  const type = String(reply.headers['content-type']);
  if (!type.startsWith('multipart/form-data')) return reply.json();
  const form = await new Response(reply.raw, { headers: { 'content-type': type } }).formData();
  return JSON.parse(String(form.get('payload_json')));
}

describe('HTTP interactions endpoint', () => {
  let endpoint: InteractionsServer;
  let fake: FakeDiscord;
  let privateKey: KeyObject;
  let publicKey: KeyObject;
  let port: number;
  const logs: Array<Record<string, unknown>> = [];
  let users = 0;
  const freshUser = () => `18000000000000000${String(++users).padStart(2, '0')}`;

  function signed(body: string, timestamp = String(Math.floor(NOW / 1000))): Record<string, string> {
    const signature = sign(
      null,
      Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]),
      privateKey,
    ).toString('hex');
    return {
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
      'content-type': 'application/json',
    };
  }

  function call(
    method: string,
    path: string,
    body = '',
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => {
          chunks.push(d);
        });
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            raw,
            json: () => JSON.parse(text),
          });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  const post = (interaction: unknown) => {
    const body = JSON.stringify(interaction);
    return call('POST', '/interactions', body, signed(body));
  };

  const refusals = () => logs.filter((l) => l.msg === 'request refused').length;

  beforeAll(async () => {
    const pair = generateKeyPairSync('ed25519');
    privateKey = pair.privateKey;
    const publicHex = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
    publicKey = publicKeyFromHex(publicHex);
    fake = await FakeDiscord.start();
    endpoint = createInteractionsServer({
      engine: () => seedEngine(),
      commands: [...COMMANDS, failing],
      cooldown: new Cooldown(5, 10_000),
      logger: createLogger('debug', {
        destination: {
          write: (line: string) => {
            logs.push(JSON.parse(line));
          },
        },
      }),
      now: () => NOW,
      publicKey,
      apiUrl: fake.apiUrl,
      services: {
        picture: pictureMaker({ enabled: true, logger: createLogger('silent') }),
        // An ingest that reads nothing: the transport's deferred reply is what is under test here.
        ingest: async (source) => {
          await new Promise((r) => setTimeout(r, 50));
          const article = seedEngine().articles[0] as Article;
          if (source.url?.includes('seed'))
            return { status: 'duplicate', article, file: 'seed.md', sentences: 8, names: [] };
          throw new IngestFailure(`Could not fetch ${source.url}: the server answered 404.`);
        },
      },
    });
    endpoint.server.listen(0, '127.0.0.1');
    await once(endpoint.server, 'listening');
    port = (endpoint.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await endpoint.stop();
    await fake.stop();
  });

  it('answers /where with a multipart response: the JSON callback in payload_json, the map PNG as files[0]', async () => {
    const reply = await post(chatInput('where', [], freshUser()));
    expect(reply.status).toBe(200);
    const type = String(reply.headers['content-type']);
    expect(type).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(reply.raw, { headers: { 'content-type': type } }).formData();
    const payload = JSON.parse(String(form.get('payload_json'))) as {
      type: number;
      data: { embeds: Array<{ image?: { url: string } }>; attachments: Array<Record<string, string>> };
    };
    expect(payload.type).toBe(4);
    expect(specProblems('interactionCallback', payload)).toEqual([]);
    expect(payload.data.embeds[0]?.image?.url).toBe('attachment://where-map.png');
    expect(payload.data.attachments).toEqual([
      {
        id: '0',
        filename: 'where-map.png',
        description: expect.stringMatching(/^Map of the places: 1 China/),
      },
    ]);
    expect(payload.data.attachments.length).toBeLessThanOrEqual(LIMITS.attachments);
    expect(payload.data.attachments[0]?.id).toMatch(/^(0|[1-9][0-9]*)$/);
    const file = form.get('files[0]') as File;
    expect(file.name).toBe('where-map.png');
    expect(file.type).toBe('image/png');
    const png = Buffer.from(await file.arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(800);
  });

  it('answers /who as plain JSON (no picture)', async () => {
    const reply = await post(chatInput('who', [], freshUser()));
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.json().type).toBe(4);
  });

  it('answers PING with PONG', async () => {
    const reply = await post({ id: '1', type: 1, application_id: '2', token: 't', version: 1 });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ type: 1 });
  });

  describe('refuses bad requests before any handler, with one log line each', () => {
    const ping = JSON.stringify({ id: '1', type: 1 });

    it('no signature or a bad one: 401', async () => {
      const before = refusals();
      expect((await call('POST', '/interactions', ping)).status).toBe(401);
      const headers = signed(ping);
      expect(
        (await call('POST', '/interactions', ping, { ...headers, 'x-signature-ed25519': '00'.repeat(64) }))
          .status,
      ).toBe(401);
      expect(
        (await call('POST', '/interactions', ping, { ...headers, 'x-signature-ed25519': 'zz' })).status,
      ).toBe(401);
      expect((await call('POST', '/interactions', `${ping} `, headers)).status).toBe(401);
      expect(refusals() - before).toBe(4);
    });

    it('a timestamp more than five minutes from now, as in a replayed request: 401', async () => {
      const old = String(Math.floor(NOW / 1000) - 6 * 60);
      const replay = await call('POST', '/interactions', ping, signed(ping, old));
      expect(replay.status).toBe(401);
      expect(replay.json()).toEqual({ error: 'stale timestamp' });
      const future = String(Math.floor(NOW / 1000) + 6 * 60);
      expect((await call('POST', '/interactions', ping, signed(ping, future))).status).toBe(401);
    });

    it('a body over 64 KiB: 413, declared or streamed', async () => {
      const big = 'x'.repeat(MAX_BODY_BYTES + 1);
      expect((await call('POST', '/interactions', big, signed(big))).status).toBe(413);
      const streamed = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/interactions',
            headers: { 'transfer-encoding': 'chunked' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        for (let i = 0; i < 40; i++) req.write('y'.repeat(4096));
        req.end();
      });
      expect(streamed).toBe(413);
    });

    it('malformed JSON or an unknown interaction type: 400', async () => {
      const broken = '{"type": 2,';
      expect((await call('POST', '/interactions', broken, signed(broken))).status).toBe(400);
      expect((await post({ id: '1', type: 99, user: { id: '5' } })).status).toBe(400);
      expect((await post(null)).status).toBe(400);
    });

    it('other paths: 404; other methods: 405', async () => {
      expect((await call('POST', '/elsewhere', ping, signed(ping))).status).toBe(404);
      expect((await call('GET', '/interactions')).status).toBe(405);
      expect((await call('DELETE', '/healthz')).status).toBe(405);
    });
  });

  it.each(COMMANDS.map((c) => c.data.name))(
    'answers /%s with the same reply as the gateway mode',
    async (name) => {
      const option = COMMANDS.find((c) => c.data.name === name)?.data.toJSON().options?.[0];
      const samples: Record<string, string> = {
        ask: 'Who spoke?',
        who: 'Liu',
        where: 'Jilin',
        when: 'Monday',
        themes: 'grain',
        search: 'grain',
      };
      const value = samples[name];
      const args = option && value ? [{ name: option.name, type: STRING, value }] : [];
      const userId = freshUser();
      const reply = await post(chatInput(name, args, userId));
      expect(reply.status).toBe(200);
      const expected = await new Dispatcher({
        engine: () => seedEngine(),
        commands: COMMANDS,
        cooldown: new Cooldown(),
        logger: createLogger('silent'),
        now: () => NOW,
        services: { picture: pictureMaker({ enabled: true, logger: createLogger('silent') }) },
      }).handle({
        kind: 'command',
        id: 'x',
        guildId: GUILD_ID,
        userId,
        command: name,
        text: value ?? '',
        article: '',
        isPrivate: false,
        mentionId: null,
        canManageGuild: false,
      });
      expect(await callbackJson(reply)).toEqual({
        type: 4,
        data: JSON.parse(JSON.stringify(expected.kind === 'reply' ? messageJson(expected.message) : null)),
      });
    },
  );

  it('answers autocomplete with choices (type 8)', async () => {
    const reply = (await post(autocomplete('where', 'place', 'Hei', freshUser()))).json();
    expect(reply.type).toBe(8);
    expect((reply.data?.choices as Array<{ value: string }> | undefined)?.map((c) => c.value)).toEqual([
      'Hei',
      'Heilongjiang',
    ]);
  });

  it('pages with "More" (type 7) and deletes with "Delete" (type 6, then the webhook DELETE)', async () => {
    const owner = freshUser();
    const first = (await post(chatInput('who', [], owner))).json();
    const components = first.data?.components as Array<{
      components: Array<{ label: string; custom_id: string }>;
    }>;
    const id = (label: string) => components[0]?.components.find((b) => b.label === label)?.custom_id ?? '';
    const message = { embeds: first.data?.embeds as unknown[], components };
    const more = (await post(buttonClick(id('More'), message, owner))).json();
    expect(more.type).toBe(7);
    const click = buttonClick(id('Delete'), message, owner);
    expect((await post(click)).json()).toEqual({ type: 6 });
    const deleted = await fake.waitFor(
      () =>
        fake.requests.find(
          (r) => r.method === 'DELETE' && r.path.endsWith(`/${String(click.token)}/messages/@original`),
        ),
      5000,
      'the DELETE',
    );
    expect(deleted.path).toBe(
      `/webhooks/${String(click.application_id)}/${String(click.token)}/messages/@original`,
    );
  });

  it('defers a slow command (type 5), then edits the reply in with a webhook PATCH', async () => {
    const manager = (1n << 5n) | (1n << 10n);
    for (const [url, expected] of [
      ['https://news.example.org/seed', /^Already in the corpus: “Foreign guests/],
      [
        'https://news.example.org/gone',
        /^Could not fetch https:\/\/news\.example\.org\/gone: the server answered 404\.$/,
      ],
    ] as const) {
      const interaction = chatInput('ingest', [{ name: 'url', type: 3, value: url }], freshUser(), manager);
      expect((await post(interaction)).json()).toEqual({ type: 5, data: { flags: 64 } });
      const edit = await fake.editFor(String(interaction.token), 5000);
      expect((edit.body as { content: string }).content).toMatch(expected);
    }
  });

  it('a handler that throws ends in the ephemeral error reply', async () => {
    const reply = (await post(chatInput('boom', [], freshUser()))).json();
    expect(reply).toEqual({
      type: 4,
      data: {
        content: SOMETHING_WENT_WRONG,
        flags: 64,
        allowed_mentions: { parse: [], replied_user: false },
      },
    });
  });

  it('reports health and Prometheus metrics', async () => {
    const health = await call('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', articles: 1, sentences: 8 });
    const metrics = await call('GET', '/metrics');
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/citebot_http_requests_total\{route="\/interactions",status="401"\} \d+/);
    expect(metrics.text).toMatch(/citebot_interactions_total\{command="ask"\} 1/);
    expect(metrics.text).toMatch(/citebot_interaction_duration_seconds_bucket\{le="0.005",kind="command"\}/);
  });

  it('on stop, finishes a request in flight and refuses new connections', async () => {
    const local = createInteractionsServer({
      engine: () => seedEngine(),
      commands: COMMANDS,
      cooldown: new Cooldown(),
      logger: createLogger('silent'),
      now: () => NOW,
      publicKey,
    });
    local.server.listen(0, '127.0.0.1');
    await once(local.server, 'listening');
    const localPort = (local.server.address() as AddressInfo).port;
    const body = JSON.stringify({ id: '1', type: 1 });
    const pending = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: localPort,
          method: 'POST',
          path: '/interactions',
          headers: { 'content-length': String(body.length) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 200);
    });
    await new Promise((r) => setTimeout(r, 50));
    const stopped = local.stop();
    expect(await pending).toBe(401);
    await stopped;
    await expect(
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: localPort, path: '/healthz', agent: false }, resolve);
        req.on('error', reject);
        req.end();
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
