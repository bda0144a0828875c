import { Client, Events, GatewayIntentBits } from 'discord.js';
import { COMMANDS } from '../../commands/index.ts';
import type { Citebot } from '../answer/engine.ts';
import type { BotConfig } from '../config.ts';
import type { LiveCorpus } from '../index/liveCorpus.ts';
import { startCorpus } from '../index/startCorpus.ts';
import type { Logger } from '../log.ts';
import { Cooldown } from './cooldown.ts';
import { InteractionRouter } from './router.ts';
import type { SlashCommand } from './slashCommand.ts';

/** A running gateway bot: its discord.js client and a clean stop. */
export interface GatewayBot {
  client: Client;
  corpus: LiveCorpus;
  stop(): Promise<void>;
}

/**
 * Starts the bot on Discord's gateway: loads the corpus, logs in with the Guilds intent only (slash
 * commands need no other), and answers commands, autocomplete and buttons. `DISCORD_API_URL` sets the
 * REST base (a REST proxy, or the local fake Discord in tests). Commands are never registered here:
 * that is `citebot deploy`.
 */
export async function startGatewayBot(
  config: BotConfig,
  logger: Logger,
  options: { core?: Citebot; commands?: readonly SlashCommand[] } = {},
): Promise<GatewayBot> {
  const corpus = startCorpus({
    dir: config.corpusDir,
    logger,
    watch: config.watchCorpus,
    core: options.core,
  });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: config.apiUrl ? { api: config.apiUrl } : {},
    allowedMentions: { parse: [], repliedUser: false },
  });
  const router = new InteractionRouter({
    core: () => corpus.bot,
    commands: options.commands ?? COMMANDS,
    services: {
      requestReload: () => {
        void corpus.reload();
        return true;
      },
    },
    cooldown: new Cooldown(config.cooldown.commands, config.cooldown.seconds * 1000),
    logger,
  });
  client.on(Events.InteractionCreate, (interaction) => void router.route(interaction));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      logger.info(
        {
          user: c.user.tag,
          guilds: c.guilds.cache.size,
          articles: corpus.bot.articles.length,
          sentences: corpus.bot.sentences.length,
        },
        'ready',
      );
      resolve();
    });
  });
  await client.login(config.token);
  await ready;
  return {
    client,
    corpus,
    stop: async () => {
      corpus.stopWatching();
      await client.destroy();
      logger.info('stopped');
    },
  };
}
