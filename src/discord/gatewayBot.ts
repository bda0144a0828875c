import { Client, Events, GatewayIntentBits } from 'discord.js';
import { COMMANDS } from '../../commands/index.ts';
import { Citebot } from '../answer/engine.ts';
import type { BotConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { Cooldown } from './cooldown.ts';
import { InteractionRouter } from './router.ts';
import type { SlashCommand } from './slashCommand.ts';

/** A running gateway bot: its discord.js client and a clean stop. */
export interface GatewayBot {
  client: Client;
  core: Citebot;
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
  const core = options.core ?? Citebot.load(config.corpusDir);
  for (const p of core.problems) logger.warn({ file: p.file, problem: p.problem }, 'corpus file skipped');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: config.apiUrl ? { api: config.apiUrl } : {},
    allowedMentions: { parse: [], repliedUser: false },
  });
  const router = new InteractionRouter({
    core: () => core,
    commands: options.commands ?? COMMANDS,
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
          articles: core.articles.length,
          sentences: core.sentences.length,
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
    core,
    stop: async () => {
      await client.destroy();
      logger.info('stopped');
    },
  };
}
