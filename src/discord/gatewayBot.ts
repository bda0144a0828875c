import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { BotConfig } from '../app/config.ts';
import type { LiveCorpus } from '../app/liveCorpus.ts';
import type { Logger } from '../lib/log.ts';
import { Cooldown } from './cooldown.ts';
import { InteractionRouter } from './router.ts';
import { corpusServices } from './services.ts';
import type { AppCommand, ReloadReport } from './slashCommand.ts';

/** A running gateway bot: its discord.js client and a clean stop. */
export interface GatewayBot {
  client: Client;
  /** The corpus it answers from (the caller's: it keeps watching it after `stop`). */
  live: LiveCorpus;
  stop(): Promise<void>;
}

/**
 * Starts the bot on Discord's gateway over a live corpus and a list of commands (both the caller's:
 * see `src/startBot.ts`): logs in with the Guilds intent only (slash
 * commands need no other), and answers commands, autocomplete and buttons. `DISCORD_API_URL` sets the
 * REST base (a REST proxy, or the local fake Discord in tests). Commands are never registered here:
 * that is `citebot deploy`.
 */
export async function startGatewayBot(
  config: BotConfig,
  logger: Logger,
  options: { live: LiveCorpus; commands: readonly AppCommand[]; reload?: () => Promise<ReloadReport> },
): Promise<GatewayBot> {
  const { live, commands } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: config.apiUrl ? { api: config.apiUrl } : {},
    allowedMentions: { parse: [], repliedUser: false },
  });
  const router = new InteractionRouter({
    engine: () => live.engine,
    commands,
    services: corpusServices(live, {
      allowPrivate: config.ingestAllowPrivate,
      logger,
      reload: options.reload,
      pictures: config.pictures,
    }),
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
          articles: live.engine.articles.length,
          sentences: live.engine.sentences.length,
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
    live,
    stop: async () => {
      await client.destroy();
      logger.info('stopped');
    },
  };
}
