import { Client, Events, GatewayIntentBits, type Message, Partials } from 'discord.js';
import type { BotConfig } from '../app/config.ts';
import type { InsightsService } from '../app/insights.ts';
import type { LiveCorpus } from '../app/liveCorpus.ts';
import type { OpenedServers } from '../app/openServers.ts';
import type { ServerContext } from '../app/serverCollections.ts';
import type { Logger } from '../lib/log.ts';
import { Cooldown } from './cooldown.ts';
import { mentionReply } from './mentions.ts';
import { InteractionRouter } from './router.ts';
import { insightsServices, serverServices } from './services.ts';
import type { AppCommand, ReloadReport } from './slashCommand.ts';
import { toMessageReplyOptions } from './toDiscordJs.ts';

/** A running gateway bot: its discord.js client and a clean stop. */
export interface GatewayBot {
  client: Client;
  /** The corpus it answers from (the caller's: it keeps watching it after `stop`). */
  live: LiveCorpus;
  stop(): Promise<void>;
}

/**
 * The gateway intents citebot asks for, none privileged: Guilds (slash commands arrive as interactions),
 * GuildMessages and DirectMessages (to see messages that mention the bot: Discord gives their content
 * without the Message Content intent, and a DM's always).
 */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
] as const;

/**
 * Starts the bot on Discord's gateway over a live corpus and a list of commands (both the caller's:
 * see `src/startBot.ts`): logs in with the non-privileged INTENTS, answers commands, autocomplete
 * and buttons, and questions asked by @mention (or in a DM) as /ask, as a reply that pings no one. `DISCORD_API_URL` sets the
 * REST base (a REST proxy, or the local fake Discord in tests). Commands are never registered here:
 * that is `citebot deploy`.
 */
export async function startGatewayBot(
  config: BotConfig,
  logger: Logger,
  options: {
    live: LiveCorpus;
    servers: OpenedServers;
    commands: readonly AppCommand[];
    reload?: () => Promise<ReloadReport>;
    /** The question log (feedback buttons, /insights, /forget-me), or none. */
    insights?: InsightsService;
  },
): Promise<GatewayBot> {
  const { live, commands, servers } = options;
  const client = new Client({
    intents: [...INTENTS],
    // A DM channel is not cached before its first message: without this, DM messages are dropped.
    partials: [Partials.Channel],
    rest: config.apiUrl ? { api: config.apiUrl } : {},
    allowedMentions: { parse: [], repliedUser: false },
  });
  // One per-user limit for slash commands and @mention questions alike.
  const cooldown = new Cooldown(config.cooldown.commands, config.cooldown.seconds * 1000);
  const router = new InteractionRouter({
    engine: () => live.engine,
    context: (serverId) => servers.collections.context(serverId),
    commands,
    services: (() => {
      const forPlace = serverServices(servers.collections, servers.store, config, logger);
      const insights = options.insights
        ? insightsServices(options.insights, () => live.engine, { pictures: config.pictures })
        : {};
      return (context: ServerContext, userId: string) => ({ ...forPlace(context, userId), ...insights });
    })(),
    questionLog: options.insights?.log,
    cooldown,
    logger,
  });
  client.on(Events.InteractionCreate, (interaction) => void router.route(interaction));
  /** Answers a message that asks citebot a question; never throws (a failure is one log line). */
  const answerMention = async (message: Message) => {
    const started = performance.now();
    try {
      const botId = client.user?.id;
      if (!botId || message.system) return;
      // Answered from the place's collection: the server's own articles and the base, or the base in a DM.
      const place = await servers.collections.context(message.guildId ?? null);
      // Recorded like /ask, in its server (DMs are not recorded): the message is the question's id.
      const log = options.insights?.log;
      const recorded = log?.enabled && message.guildId ? { log, guild: message.guildId } : null;
      const reply = mentionReply(
        place.collection,
        {
          content: message.content,
          authorId: message.author.id,
          authorIsBot: message.author.bot,
          webhook: message.webhookId !== null,
          inDm: !message.inGuild(),
        },
        {
          botId,
          cooldown,
          now: Date.now(),
          feedback: recorded ? { guild: recorded.guild, question: message.id } : null,
        },
      );
      if (!reply) return;
      if (recorded && reply.asked)
        recorded.log.question({
          id: message.id,
          guild: recorded.guild,
          userId: message.author.id,
          command: 'ask',
          query: reply.asked.query,
          outcome: reply.asked.answered ? 'answered' : 'refused',
          cited: reply.asked.cited,
          latencyMs: Math.round(performance.now() - started),
          at: Date.now(),
        });
      // The record is only queued: the log writes it after the reply has gone, in a batch.
      await message.reply(toMessageReplyOptions(reply.message));
      logger.info(
        {
          message: message.id,
          guild: message.guildId,
          optionsLength: reply.question.length,
          latencyMs: Math.round(performance.now() - started),
        },
        'mention',
      );
    } catch (error) {
      logger.error({ err: error, message: message.id, guild: message.guildId }, 'mention reply failed');
    }
  };
  client.on(Events.MessageCreate, (message) => void answerMention(message));
  // Removed from a server (an outage is GuildUnavailable, not this): its data goes after SERVER_DATA_DAYS.
  client.on(Events.GuildDelete, (guild) => {
    servers.store
      .markLeft(guild.id, config.serverDataDays)
      .then((marked) => {
        if (marked)
          logger.info(
            { guild: guild.id, days: config.serverDataDays },
            'removed from a server: its data will be deleted',
          );
      })
      .catch((error: unknown) =>
        logger.error({ err: error, guild: guild.id }, 'could not mark a server as left'),
      );
  });
  client.on(Events.GuildCreate, (guild) => {
    servers.store
      .markReturned(guild.id)
      .then((kept) => {
        if (kept) logger.info({ guild: guild.id }, 'back in a server: its data is kept');
      })
      .catch((error: unknown) =>
        logger.error({ err: error, guild: guild.id }, 'could not mark a server as back'),
      );
  });
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
      await options.insights?.close();
      logger.info('stopped');
    },
  };
}
