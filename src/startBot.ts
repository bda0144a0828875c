import { APP_COMMANDS } from '../commands/index.ts';
import type { Engine } from './answer/engine.ts';
import type { BotConfig } from './app/config.ts';
import { startInsights } from './app/insights.ts';
import { openServers } from './app/openServers.ts';
import { startCorpus } from './app/startCorpus.ts';
import { type GatewayBot, startGatewayBot } from './discord/gatewayBot.ts';
import type { ReloadReport } from './discord/slashCommand.ts';
import type { Logger } from './lib/log.ts';

/**
 * Starts one gateway bot as `npm start` and each shard run it: the live corpus (from the prebuilt
 * index, watched unless the config says not) and the command list, handed to the Discord transport.
 * `stop` logs out and stops watching. `engine` replaces the folder (tests pass a prepared engine);
 * `reload` replaces the live corpus's own reload (a shard asks its manager).
 */
export async function startBot(
  config: BotConfig,
  logger: Logger,
  options: { engine?: Engine; reload?: () => Promise<ReloadReport> } = {},
): Promise<GatewayBot> {
  const live = startCorpus({
    dir: config.corpusDir,
    logger,
    watch: config.watchCorpus,
    engine: options.engine,
  });
  let servers: Awaited<ReturnType<typeof openServers>> | null = null;
  try {
    // The servers' database first: its migrations run before the question log opens the same database.
    servers = await openServers(live, logger, config.database);
    const insights = startInsights(process.env, logger);
    const bot = await startGatewayBot(config, logger, {
      live,
      servers,
      commands: APP_COMMANDS,
      reload: options.reload,
      insights,
    });
    const opened = servers;
    return {
      ...bot,
      stop: async () => {
        live.stopWatching();
        await bot.stop();
        await opened.close();
      },
    };
  } catch (error) {
    live.stopWatching();
    await servers?.close();
    throw error;
  }
}
