import { APP_COMMANDS } from '../commands/index.ts';
import type { Engine } from './answer/engine.ts';
import type { BotConfig } from './app/config.ts';
import { type OpenedData, openData } from './app/openData.ts';
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
  let data: OpenedData | null = null;
  try {
    // One database connection for the process: the servers' store and the question log share it.
    data = await openData(live, logger, config.database, process.env, {
      sentencesInMemory: config.serverSentencesInMemory,
    });
    const opened = data;
    const bot = await startGatewayBot(config, logger, {
      live,
      servers: opened.servers,
      commands: APP_COMMANDS,
      reload: options.reload,
      insights: opened.insights,
    });
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
    await data?.close();
    throw error;
  }
}
