import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { APP_COMMANDS } from '../../commands/index.ts';
import type { ServeConfig } from '../app/config.ts';
import { startCorpus } from '../app/startCorpus.ts';
import { Cooldown } from '../discord/cooldown.ts';
import { corpusServices } from '../discord/services.ts';
import type { Logger } from '../lib/log.ts';
import { createInteractionsServer, type InteractionsServer } from './interactionsServer.ts';
import { publicKeyFromHex } from './signature.ts';

/**
 * Runs `citebot serve`: loads the corpus, listens on HOST:PORT, and on SIGTERM or SIGINT stops
 * accepting, finishes the requests in flight and exits 0.
 */
export async function runServe(
  config: ServeConfig,
  logger: Logger,
  host = process.env.HOST || '0.0.0.0',
): Promise<InteractionsServer> {
  const live = startCorpus({ dir: config.corpusDir, logger, watch: config.watchCorpus });
  const endpoint = createInteractionsServer({
    engine: () => live.engine,
    services: corpusServices(live, { allowPrivate: config.ingestAllowPrivate, logger }),
    commands: APP_COMMANDS,
    cooldown: new Cooldown(config.cooldown.commands, config.cooldown.seconds * 1000),
    logger,
    publicKey: publicKeyFromHex(config.publicKey),
    apiUrl: config.apiUrl,
  });
  endpoint.server.listen(config.port, host);
  await once(endpoint.server, 'listening');
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
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    live.stopWatching();
    void endpoint.stop().then(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return endpoint;
}
