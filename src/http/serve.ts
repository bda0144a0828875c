import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { APP_COMMANDS } from '../../commands/index.ts';
import type { ServeConfig } from '../app/config.ts';
import { type OpenedData, openData } from '../app/openData.ts';
import { startCorpus } from '../app/startCorpus.ts';
import { Cooldown } from '../discord/cooldown.ts';
import { insightsServices, serverServices } from '../discord/services.ts';
import type { Logger } from '../lib/log.ts';
import { exitOnSignals } from '../lib/shutdown.ts';
import { createInteractionsServer, type InteractionsServer } from './interactionsServer.ts';
import { publicKeyFromHex } from './signature.ts';

/**
 * Runs `citebot serve`: loads the corpus, listens on HOST:PORT, and on SIGTERM or SIGINT stops
 * accepting, finishes the requests in flight and exits 0 (within 5 s: see `exitOnSignals`). A port
 * it cannot listen on is a `ListenError` with one line naming it and the variable to change.
 */
export async function runServe(
  config: ServeConfig,
  logger: Logger,
  host = process.env.HOST || '0.0.0.0',
): Promise<InteractionsServer> {
  const live = startCorpus({ dir: config.corpusDir, logger, watch: config.watchCorpus });
  let data: OpenedData;
  try {
    // One database connection for the process: the servers' store and the question log share it.
    data = await openData(live, logger, config.database, process.env, {
      sentencesInMemory: config.serverSentencesInMemory,
    });
  } catch (error) {
    live.stopWatching();
    throw error;
  }
  const { servers, insights } = data;
  const forPlace = serverServices(servers.collections, servers.store, config, logger);
  const insightServices = insightsServices(insights, () => live.engine, { pictures: config.pictures });
  const endpoint = createInteractionsServer({
    engine: () => live.engine,
    context: (serverId) => servers.collections.context(serverId),
    services: (context, userId) => ({ ...forPlace(context, userId), ...insightServices }),
    questionLog: insights.log,
    commands: APP_COMMANDS,
    cooldown: new Cooldown(config.cooldown.commands, config.cooldown.seconds * 1000),
    logger,
    publicKey: publicKeyFromHex(config.publicKey),
    apiUrl: config.apiUrl,
  });
  try {
    endpoint.server.listen(config.port, host);
    await once(endpoint.server, 'listening');
  } catch (error) {
    // Nothing may keep the process alive after a failed start: the watcher and the database.
    live.stopWatching();
    await data.close();
    throw new ListenError(listenProblem(error as NodeJS.ErrnoException, host, config.port));
  }
  const address = endpoint.server.address() as AddressInfo;
  logger.info(
    {
      host: address.address,
      port: address.port,
      articles: live.engine.articles.length,
      sentences: live.engine.sentences.length,
    },
    'listening for interactions on POST /interactions',
  );
  exitOnSignals(logger, () => [
    { name: 'corpus watcher', run: () => live.stopWatching() },
    {
      name: 'requests in flight',
      run: async () => {
        await endpoint.stop();
        logger.info('stopped');
      },
    },
    { name: 'question log and database', run: () => data.close() },
  ]);
  return endpoint;
}

/** The endpoint could not listen: the message is one line naming the address and what to change. */
export class ListenError extends Error {
  override name = 'ListenError';
}

/** One line for a failed `listen`: what went wrong at HOST:PORT and which variable to change. */
export function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  const at = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `serve: port ${port} is already in use (${at}); set PORT (or --port) to a free port`;
    case 'EACCES':
      return `serve: no permission to listen on port ${port} (${at}); set PORT (or --port) to a port above 1023`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `serve: cannot listen on ${at}: ${host} is not an address of this machine; set HOST (e.g. 127.0.0.1 or 0.0.0.0)`;
    default:
      return `serve: cannot listen on ${at} (${error.code ?? error.message}); check HOST and PORT`;
  }
}
