import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { REST, Routes } from 'discord.js';
import type { Engine } from '../answer/engine.ts';
import { Dispatcher, type DispatcherDeps, SOMETHING_WENT_WRONG } from '../discord/dispatch.ts';
import type { MessageData, MessageFile } from '../discord/limits.ts';
import { notice } from '../discord/renderAnswer.ts';
import {
  type ApiInteraction,
  callbackBody,
  callbackFiles,
  messageJson,
  parseApiInteraction,
} from './apiInteraction.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { multipartBody } from './multipart.ts';
import { checkSignature } from './signature.ts';

/** The largest body accepted; Discord's interactions are far smaller. */
export const MAX_BODY_BYTES = 64 * 1024;

/** What the endpoint needs. */
export interface InteractionsServerDeps extends DispatcherDeps {
  publicKey: KeyObject;
  /** REST base for follow-ups that need the interaction token (DISCORD_API_URL), or Discord's. */
  apiUrl?: string;
  metrics?: Metrics;
}

/** A running endpoint: its HTTP server, metrics, and a graceful stop. */
export interface InteractionsServer {
  server: Server;
  metrics: Metrics;
  /** Stops accepting, finishes the requests (and follow-ups) in flight, then resolves. */
  stop(): Promise<void>;
}

class Rejection extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Reads a body up to `limit` bytes; a larger one is refused with 413 as soon as it is known, unread. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) return Promise.reject(new Rejection(413, `body of ${declared} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(new Rejection(413, `body over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * citebot's HTTP interactions endpoint (`citebot serve`): Discord POSTs interactions to
 * `/interactions`; only requests signed with the application's key, with a fresh timestamp, reach the
 * handlers, the same handlers as the gateway. Stateless, so any number of instances can run behind a
 * load balancer. Also serves `GET /healthz` and `GET /metrics` (Prometheus).
 */
export function createInteractionsServer(deps: InteractionsServerDeps): InteractionsServer {
  const dispatcher = new Dispatcher(deps);
  const metrics = deps.metrics ?? createMetrics();
  const rest = new REST(deps.apiUrl ? { api: deps.apiUrl } : {});
  const logger = deps.logger;
  const now = deps.now ?? Date.now;
  let inFlight = 0;
  let stopping = false;
  let idle: (() => void) | null = null;
  const settle = () => {
    inFlight -= 1;
    if (inFlight === 0 && idle) idle();
  };

  const send = (
    res: ServerResponse,
    route: string,
    status: number,
    body: string | Buffer,
    type = 'application/json',
  ) => {
    metrics.requests.inc({ route, status: String(status) });
    // While stopping, no connection is kept alive for another request.
    if (stopping) res.setHeader('connection', 'close');
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const reject = (
    req: IncomingMessage,
    res: ServerResponse,
    route: string,
    status: number,
    reason: string,
  ) => {
    logger.warn({ method: req.method, path: req.url?.slice(0, 200), status, reason }, 'request refused');
    if (status === 413) res.setHeader('connection', 'close');
    send(res, route, status, JSON.stringify({ error: reason }));
  };

  /** Deletes the message a "Delete" button sits on, after the deferred-update response was sent. */
  const deleteOriginal = (interaction: ApiInteraction) => {
    const app = typeof interaction.application_id === 'string' ? interaction.application_id : '';
    const token = typeof interaction.token === 'string' ? interaction.token : '';
    if (!app || !token) return;
    inFlight += 1;
    rest
      .delete(Routes.webhookMessage(app, token, '@original'), { auth: false })
      .catch((error: unknown) =>
        logger.error({ err: error, interaction: interaction.id }, 'could not delete the message'),
      )
      .finally(settle);
  };

  /** Posts a public follow-up (Share's post) after the update response was sent (a webhook POST). */
  const followUp = (interaction: ApiInteraction, message: MessageData) => {
    const app = typeof interaction.application_id === 'string' ? interaction.application_id : '';
    const token = typeof interaction.token === 'string' ? interaction.token : '';
    if (!app || !token) return;
    inFlight += 1;
    rest
      .post(Routes.webhook(app, token), {
        auth: false,
        body: messageJson(message),
        ...(message.files?.length
          ? { files: message.files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) }
          : {}),
      })
      .catch((error: unknown) =>
        logger.error({ err: error, interaction: interaction.id }, 'could not post the follow-up'),
      )
      .finally(settle);
  };

  /** Edits a deferred response into its message once it is ready (a webhook PATCH of @original). */
  const editOriginal = (interaction: ApiInteraction, later: Promise<MessageData>) => {
    const app = typeof interaction.application_id === 'string' ? interaction.application_id : '';
    const token = typeof interaction.token === 'string' ? interaction.token : '';
    if (!app || !token) return;
    inFlight += 1;
    later
      .then((message) => {
        const { flags: _flags, ...body } = messageJson(message);
        const files = (message.files ?? []).map((f) => ({
          name: f.name,
          data: f.data,
          contentType: f.contentType,
        }));
        return rest.patch(Routes.webhookMessage(app, token, '@original'), {
          auth: false,
          body,
          ...(files.length ? { files } : {}),
        });
      })
      .catch((error: unknown) =>
        logger.error({ err: error, interaction: interaction.id }, 'could not edit the deferred reply'),
      )
      .finally(settle);
  };

  const interactions = async (req: IncomingMessage, res: ServerResponse) => {
    const route = '/interactions';
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof Rejection) return reject(req, res, route, error.status, error.reason);
      throw error;
    }
    const problem = checkSignature(
      deps.publicKey,
      req.headers['x-signature-ed25519'] as string | undefined,
      req.headers['x-signature-timestamp'] as string | undefined,
      body,
      now(),
    );
    if (problem) return reject(req, res, route, 401, problem);
    let json: ApiInteraction;
    try {
      json = JSON.parse(body.toString('utf8')) as ApiInteraction;
      if (!json || typeof json !== 'object') throw new Error('not an object');
    } catch {
      return reject(req, res, route, 400, 'malformed JSON');
    }
    const parsed = parseApiInteraction(json);
    if (parsed.kind === 'unknown') return reject(req, res, route, 400, `unknown interaction (${parsed.why})`);
    if (parsed.kind === 'ping') return send(res, route, 200, JSON.stringify({ type: 1 }));
    const started = performance.now();
    const { request } = parsed;
    const label =
      request.kind === 'command'
        ? request.command
        : request.kind === 'autocomplete'
          ? `autocomplete:${request.command}`
          : 'button';
    let response: ReturnType<typeof callbackBody>;
    let files: MessageFile[] = [];
    let deleteAfter = false;
    let later: Promise<MessageData> | null = null;
    let post: MessageData | null = null;
    try {
      const outcome = await dispatcher.handle(request);
      response = callbackBody(outcome);
      files = callbackFiles(outcome);
      deleteAfter = outcome.kind === 'delete';
      if (outcome.kind === 'deferred') later = outcome.later;
      if (outcome.kind === 'share') post = outcome.post;
    } catch (error) {
      logger.error({ err: error, interaction: request.id }, 'interaction failed');
      response = callbackBody({ kind: 'reply', message: notice(SOMETHING_WENT_WRONG) });
    }
    metrics.interactions.inc({ command: label });
    metrics.latency.observe({ kind: request.kind }, (performance.now() - started) / 1000);
    if (files.length) {
      // A reply with a picture: the callback as multipart, the JSON in payload_json, the PNG beside it.
      const multipart = multipartBody(response, files);
      send(res, route, 200, multipart.body, multipart.contentType);
    } else send(res, route, 200, JSON.stringify(response));
    if (deleteAfter) deleteOriginal(json);
    if (later) editOriginal(json, later);
    if (post) followUp(json, post);
  };

  const server = createServer((req, res) => {
    inFlight += 1;
    res.on('close', settle);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handle = async () => {
      if (path === '/interactions') {
        if (req.method !== 'POST') return reject(req, res, path, 405, `method ${req.method}`);
        return interactions(req, res);
      }
      if (path === '/healthz' || path === '/metrics') {
        if (req.method !== 'GET' && req.method !== 'HEAD')
          return reject(req, res, path, 405, `method ${req.method}`);
        if (path === '/metrics') {
          return send(res, path, 200, await metrics.registry.metrics(), metrics.registry.contentType);
        }
        const engine: Engine = deps.engine();
        return send(
          res,
          path,
          200,
          JSON.stringify({
            status: 'ok',
            articles: engine.articles.length,
            sentences: engine.sentences.length,
          }),
        );
      }
      return reject(req, res, 'other', 404, 'no such path');
    };
    handle().catch((error: unknown) => {
      logger.error({ err: error, path }, 'request failed');
      if (!res.headersSent) send(res, path, 500, JSON.stringify({ error: 'internal error' }));
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;

  return {
    server,
    metrics,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const done = () => {
          server.closeAllConnections();
          resolve();
        };
        server.close();
        server.closeIdleConnections();
        if (inFlight === 0) done();
        else idle = done;
      }),
  };
}
