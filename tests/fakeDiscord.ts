import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/** Ids the fake Discord uses for its one application, bot user, guild and channel. */
export const APP_ID = '1100000000000000001';
export const BOT_ID = APP_ID;
export const GUILD_ID = '1200000000000000001';
export const CHANNEL_ID = '1300000000000000001';
/** A role of the test server (members holding it may be allowed to /ingest by /settings). */
export const EDITOR_ROLE = '1400000000000000001';
/** A token of the right shape (three base64url parts); it reaches nothing but this fake. */
export const FAKE_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.FakeTk.fake-token-for-the-local-test-server-only';

/** A REST request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The files a multipart request uploaded (its `files[n]` parts), else none. */
  files: RecordedFile[];
  status: number;
}

/** A file uploaded with a request. */
export interface RecordedFile {
  field: string;
  name: string;
  type: string;
  data: Buffer;
}

/** A gateway payload the bot sent (IDENTIFY, RESUME, HEARTBEAT). */
export interface GatewayPayload {
  op: number;
  d: unknown;
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  retryAfter?: number;
}

/** The bot's user object, as READY and messages carry it. */
const BOT_USER = {
  id: BOT_ID,
  username: 'citebot',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};

/** A gateway session: its id, the last sequence number sent, and its shard. */
interface Session {
  sessionId: string;
  seq: number;
  shard: [number, number];
}

/** Sends a dispatch (op 0) on a session's socket with the session's next sequence number. */
function send(ws: WebSocket, session: Session, t: string, d: unknown): void {
  session.seq += 1;
  ws.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
}

let nextSnowflake = 1_400_000_000_000_000_000n;
/** A fresh snowflake id. */
export function snowflake(): string {
  nextSnowflake += 1n;
  return String(nextSnowflake);
}

/**
 * A protocol-faithful stand-in for Discord on 127.0.0.1: REST under `/api/v10` (gateway discovery,
 * application, commands, interaction callbacks, webhook follow-ups) and a v10 JSON gateway over
 * WebSocket (HELLO, IDENTIFY -> READY + GUILD_CREATE, RESUME -> RESUMED, heartbeats, dispatches).
 * It records what the bot sends, and can inject faults: a dropped socket (1006), a close code, a REST
 * status such as 429 with `retry-after`.
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly gatewayPayloads: GatewayPayload[] = [];
  /** How many shards GET /gateway/bot recommends. */
  shards = 1;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  /** Each gateway socket's TCP stream, to freeze it (see `freezeConnections`). */
  private readonly streams = new Map<WebSocket, Duplex>();
  private readonly sessions = new Map<WebSocket, Session>();
  private readonly shardOfSession = new Map<string, [number, number]>();
  private readonly faults: Fault[] = [];
  private readonly commands = new Map<string, Array<Record<string, unknown>>>();
  private waiters: Array<() => void> = [];

  private constructor() {
    this.http = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.http.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.streams.set(ws, socket);
        this.connect(ws);
      });
    });
  }

  /** Starts the fake on a free loopback port. */
  static async start(): Promise<FakeDiscord> {
    const fake = new FakeDiscord();
    await new Promise<void>((resolve) => fake.http.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** The REST base to give the bot as DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Stops the fake, closing every socket. */
  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Makes the next matching REST request fail with `status` (and `retry-after` seconds for 429). */
  failNext(method: string, path: RegExp, status: number, retryAfter?: number): void {
    this.faults.push({ method, path, status, retryAfter });
  }

  /** Sends a dispatch (op 0) to every identified shard, or to the one given. */
  dispatch(t: string, d: unknown, shard?: number): void {
    for (const [ws, session] of this.sessions) {
      if (shard !== undefined && session.shard[0] !== shard) continue;
      send(ws, session, t, d);
    }
  }

  /** Drops every gateway socket without a close frame: the bot sees code 1006. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /**
   * Makes every gateway connection go silent, as when Discord's host vanishes from the network: the
   * fake stops reading the bot's frames (so a close frame is never answered) and sends nothing more,
   * while the TCP connection stays open. `stop` still ends them.
   */
  freezeConnections(): void {
    for (const ws of this.sockets) {
      this.streams.get(ws)?.pause();
      this.sessions.delete(ws);
    }
  }

  /** Closes every gateway socket with a close code (4000: unknown error, resumable). */
  closeConnections(code: number): void {
    for (const ws of this.sockets) ws.close(code, 'closed by the test');
  }

  /** How many sockets have identified or resumed and are open. */
  get liveSessions(): number {
    return this.sessions.size;
  }

  /** Resolves when `predicate` holds, checking after every request and gateway payload; fails after `ms`. */
  async waitFor<T>(predicate: () => T | undefined | false, ms = 10_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`fake Discord: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The edit of a deferred reply (a webhook PATCH of @original) for an interaction's token, once it arrives. */
  editFor(token: string, ms = 20_000): Promise<RecordedRequest> {
    return this.waitFor(
      () =>
        this.requests.find(
          (r) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`,
        ),
      ms,
      `the edit of the deferred reply to ${token}`,
    );
  }

  /** The interaction callback the bot posted for an interaction id, once it arrives. */
  callbackFor(interactionId: string): Promise<RecordedRequest> {
    return this.waitFor(
      () => this.requests.find((r) => r.status < 300 && r.path.startsWith(`/interactions/${interactionId}/`)),
      10_000,
      `the callback of interaction ${interactionId}`,
    );
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private connect(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.streams.delete(ws);
      this.sessions.delete(ws);
      this.notify();
    });
    ws.on('message', (raw) => this.onPayload(ws, raw.toString()));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
  }

  private onPayload(ws: WebSocket, raw: string): void {
    let payload: GatewayPayload;
    try {
      payload = JSON.parse(raw) as GatewayPayload;
    } catch {
      ws.close(4002, 'decode error');
      return;
    }
    this.gatewayPayloads.push(payload);
    if (payload.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
    if (payload.op === 2) {
      const d = payload.d as { shard?: [number, number] };
      const shard = d.shard ?? [0, 1];
      const session = { sessionId: `session-${snowflake()}`, seq: 0, shard };
      this.sessions.set(ws, session);
      this.shardOfSession.set(session.sessionId, shard);
      send(ws, session, 'READY', {
        v: 10,
        user: { ...BOT_USER, flags: 0 },
        guilds: [{ id: GUILD_ID, unavailable: true }],
        session_id: session.sessionId,
        resume_gateway_url: this.gatewayUrl,
        shard,
        application: { id: APP_ID, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        user_settings: {},
      });
      send(ws, session, 'GUILD_CREATE', guildPayload());
    }
    if (payload.op === 6) {
      const d = payload.d as { session_id: string; seq: number };
      // A resumed session keeps the shard it identified with.
      const session = {
        sessionId: d.session_id,
        seq: d.seq,
        shard: this.shardOfSession.get(d.session_id) ?? [0, 1],
      };
      this.sessions.set(ws, session);
      send(ws, session, 'RESUMED', {});
    }
    this.notify();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    let body: unknown = null;
    const files: RecordedFile[] = [];
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      // discord.js uploads files as multipart: the JSON in payload_json, each file in files[n].
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      for (const [field, value] of form.entries()) {
        if (field === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
        else if (typeof value !== 'string')
          files.push({
            field,
            name: value.name,
            type: value.type,
            data: Buffer.from(await value.arrayBuffer()),
          });
      }
    } else if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    const record = (status: number) => {
      this.requests.push({ method, path, query: url.searchParams, body, files, status });
      this.notify();
    };
    const json = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      record(status);
      if (status === 204) {
        res.writeHead(204, headers).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(data));
    };
    const fault = this.faults.findIndex((f) => f.method === method && f.path.test(path));
    if (fault >= 0) {
      const [f] = this.faults.splice(fault, 1);
      if (f?.status === 429) {
        const retry = String(f.retryAfter ?? 0.1);
        json(
          429,
          { message: 'You are being rate limited.', retry_after: Number(retry), global: false },
          {
            'retry-after': retry,
            'x-ratelimit-scope': 'user',
          },
        );
      } else json(f?.status ?? 500, { message: 'Injected failure', code: 0 });
      return;
    }
    if (!url.pathname.startsWith('/api/v10/')) return json(404, { message: '404: Not Found', code: 0 });
    const commandsRoute = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (method === 'GET' && path === '/gateway/bot') {
      return json(200, {
        url: this.gatewayUrl,
        shards: this.shards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/gateway') return json(200, { url: this.gatewayUrl });
    if (method === 'GET' && path === '/applications/@me')
      return json(200, { id: APP_ID, name: 'citebot', flags: 0 });
    if (commandsRoute) {
      const key = commandsRoute[2] ?? 'global';
      if (method === 'GET') return json(200, this.commands.get(key) ?? []);
      if (method === 'PUT') {
        const list = (body as Array<Record<string, unknown>>).map((c) => ({
          id: snowflake(),
          application_id: APP_ID,
          version: snowflake(),
          ...c,
        }));
        this.commands.set(key, list);
        return json(200, list);
      }
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      if (url.searchParams.get('with_response') === 'true') {
        return json(200, {
          interaction: { id: path.split('/')[2], type: 2 },
          resource: { type: (body as { type: number }).type },
        });
      }
      return json(204, null);
    }
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channelMessages && method === 'POST') {
      // A message the bot posts in a channel (a reply to a message: type 19 with its reference).
      const sent = (body ?? {}) as Record<string, unknown>;
      const { webhook_id: _webhook, application_id: _app, ...plain } = messagePayload(sent);
      return json(200, {
        ...plain,
        channel_id: channelMessages[1],
        type: sent.message_reference ? 19 : 0,
        ...(sent.message_reference ? { message_reference: sent.message_reference } : {}),
      });
    }
    const webhook = /^\/webhooks\/\d+\/[^/]+(?:\/messages\/([^/]+))?$/.exec(path);
    if (webhook) {
      if (method === 'DELETE') return json(204, null);
      return json(200, messagePayload((body ?? {}) as Record<string, unknown>));
    }
    return json(404, { message: 'Unknown route', code: 0 });
  }
}

/** A message object as Discord returns it for webhook sends and edits. */
function messagePayload(body: Record<string, unknown>): Record<string, unknown> {
  return {
    id: snowflake(),
    channel_id: CHANNEL_ID,
    author: BOT_USER,
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    flags: body.flags ?? 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    type: 20,
    application_id: APP_ID,
    webhook_id: APP_ID,
  };
}

/** The guild the bot is in, as GUILD_CREATE sends it. */
function guildPayload(): Record<string, unknown> {
  return {
    id: GUILD_ID,
    name: 'Test server',
    icon: null,
    owner_id: '1500000000000000001',
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: GUILD_ID,
        name: '@everyone',
        permissions: '1024',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
      {
        id: EDITOR_ROLE,
        name: 'Editors',
        permissions: '0',
        position: 1,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    member_count: 2,
    members: [],
    channels: [
      {
        id: CHANNEL_ID,
        type: 0,
        name: 'general',
        position: 0,
        permission_overwrites: [],
        guild_id: GUILD_ID,
      },
    ],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
  };
}

/** A user object. */
export function user(id: string, username = `user${id.slice(-4)}`): Record<string, unknown> {
  return { id, username, discriminator: '0', global_name: username, avatar: null };
}

/** A guild member object for an interaction, with its permissions bit field. */
function member(u: Record<string, unknown>, permissions: bigint): Record<string, unknown> {
  return {
    user: u,
    roles: [],
    permissions: String(permissions),
    joined_at: new Date().toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
    communication_disabled_until: null,
  };
}

/** Permissions of an ordinary member (view channel, send messages, read history). */
export const MEMBER_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 16n);
/** Manage Messages. */
export const MANAGE_MESSAGES = 1n << 13n;

/**
 * Where an interaction happens: a channel of a server that added the bot (the default), the bot's DM
 * with the user, or a server that did not add the bot, where the member uses their own install.
 */
export type Place = 'guild' | 'dm' | 'user-install';

/** A DM channel id of the fake (the user's DM with the bot). */
export const DM_CHANNEL_ID = '1300000000000000009';

function base(
  type: number,
  userId: string,
  permissions: bigint,
  place: Place = 'guild',
): Record<string, unknown> {
  const id = snowflake();
  if (place === 'dm')
    return {
      id,
      application_id: APP_ID,
      type,
      token: `interaction-token-${id}`,
      version: 1,
      channel_id: DM_CHANNEL_ID,
      channel: { id: DM_CHANNEL_ID, type: 1, recipients: [user(userId)], flags: 0, last_message_id: null },
      user: user(userId),
      app_permissions: String(MEMBER_PERMISSIONS),
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '1': userId },
      context: 1,
      attachment_size_limit: 8_388_608,
    };
  return {
    id,
    application_id: APP_ID,
    type,
    token: `interaction-token-${id}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: {
      id: CHANNEL_ID,
      type: 0,
      guild_id: GUILD_ID,
      name: 'general',
      permissions: String(MEMBER_PERMISSIONS),
    },
    member: member(user(userId), permissions),
    app_permissions: String(MEMBER_PERMISSIONS),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: place === 'user-install' ? { '1': userId } : { '0': GUILD_ID },
    context: 0,
    attachment_size_limit: 8_388_608,
  };
}

/** An option of a slash command interaction. */
export interface OptionValue {
  name: string;
  type: number;
  value: string | boolean;
  focused?: boolean;
}

/** A slash command interaction (type 2) from a user, with options; user options are resolved. */
export function chatInput(
  name: string,
  options: OptionValue[],
  userId: string,
  permissions = MEMBER_PERMISSIONS,
  place: Place = 'guild',
): Record<string, unknown> {
  const users = Object.fromEntries(
    options.filter((o) => o.type === 6).map((o) => [String(o.value), user(String(o.value))]),
  );
  return {
    ...base(2, userId, permissions, place),
    data: {
      id: snowflake(),
      name,
      type: 1,
      options,
      ...(Object.keys(users).length ? { resolved: { users } } : {}),
    },
  };
}

/** An autocomplete interaction (type 4): the focused option holds what the user typed so far. */
export function autocomplete(
  name: string,
  option: string,
  typed: string,
  userId: string,
): Record<string, unknown> {
  return {
    ...base(4, userId, MEMBER_PERMISSIONS),
    data: {
      id: snowflake(),
      name,
      type: 1,
      options: [{ name: option, type: 3, value: typed, focused: true }],
    },
  };
}

/** A button click (type 3) on a message the bot sent, as Discord delivers it. */
export function buttonClick(
  customId: string,
  message: { id?: string; embeds: unknown[]; components: unknown[]; flags?: number },
  userId: string,
  permissions = MEMBER_PERMISSIONS,
  place: Place = 'guild',
): Record<string, unknown> {
  return {
    ...base(3, userId, permissions, place),
    data: { custom_id: customId, component_type: 2 },
    message: {
      ...messagePayload({
        embeds: message.embeds,
        components: message.components,
        flags: message.flags ?? 0,
      }),
      ...(message.id ? { id: message.id } : {}),
    },
  };
}

/** A message someone wrote in a channel, as Discord sends it (in MESSAGE_CREATE or resolved in an interaction). */
export function channelMessage(
  content: string,
  author: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: snowflake(),
    channel_id: CHANNEL_ID,
    guild_id: GUILD_ID,
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    ...overrides,
  };
}

/** A message command (type 2, command type 3) run on a message: Discord resolves the message in `data.resolved`. */
export function messageCommand(
  name: string,
  message: Record<string, unknown>,
  userId: string,
  place: Place = 'guild',
): Record<string, unknown> {
  const { guild_id: _guild, ...inDm } = message;
  const target = place === 'dm' ? { ...inDm, channel_id: DM_CHANNEL_ID } : message;
  return {
    ...base(2, userId, MEMBER_PERMISSIONS, place),
    data: {
      id: snowflake(),
      name,
      type: 3,
      target_id: message.id,
      resolved: { messages: { [String(message.id)]: target } },
    },
  };
}
