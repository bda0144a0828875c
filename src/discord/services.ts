import type { Engine } from '../answer/engine.ts';
import type { BotConfig } from '../app/config.ts';
import type { InsightsService } from '../app/insights.ts';
import type { ServerCollections, ServerContext } from '../app/serverCollections.ts';
import { ServerIngester } from '../app/serverIngest.ts';
import type { ServerSettings, ServerStore } from '../db/serverStore.ts';

import type { Logger } from '../lib/log.ts';
import { pictureMaker } from './picture.ts';
import type { CommandServices } from './slashCommand.ts';

/** What `serverServices` reads of the configuration. */
export type ServicesConfig = Pick<
  BotConfig,
  'ingestAllowPrivate' | 'ingestServers' | 'serverLimits' | 'pictures'
>;

/** A setting's value in words, for the reply and the log. */
export function settingText(key: keyof ServerSettings, value: ServerSettings[keyof ServerSettings]): string {
  if (key === 'ingestRole') return value ? `<@&${value}>` : 'none';
  if (key === 'privateReplies') return value ? 'private' : 'public';
  return value ? 'on' : 'off';
}

/**
 * What commands may change, for one place and one user: in a server, its own collection (/ingest,
 * Remove, /reload) and its settings, each change one transaction in the database and one log line;
 * in a DM nothing (the base changes only through the operator: files in the folder, `citebot ingest`).
 * INGEST_SERVERS decides which servers may add articles at all, within SERVER_MAX_ARTICLES and
 * SERVER_MAX_BYTES.
 */
export function serverServices(
  collections: ServerCollections,
  store: ServerStore,
  config: ServicesConfig,
  logger: Logger,
): (context: ServerContext, userId: string) => CommandServices {
  const ingester = new ServerIngester(store, {
    fetch: { allowPrivate: config.ingestAllowPrivate },
    collection: config.serverLimits,
  });
  const mayIngest = (serverId: string) =>
    config.ingestServers === 'all' ||
    (config.ingestServers !== 'none' && config.ingestServers.includes(serverId));
  // Pictures of /where and /when (CITEBOT_PICTURES), everywhere.
  const picture = pictureMaker({ enabled: config.pictures !== false, logger });
  return (context, userId) => {
    const { serverId } = context;
    if (serverId === null)
      return {
        picture,
        ingestUnavailable:
          'Articles are added in a server, for that server. Here the bot answers from the operator’s articles.',
      };
    const log = logger.child({ guild: serverId, user: userId });
    return {
      picture,
      reload: async () => {
        const started = performance.now();
        collections.forget(serverId);
        const now = await collections.context(serverId);
        return {
          ok: true,
          articles: now.collection.articles.length,
          sentences: now.collection.sentenceCount,
          problems: 0,
          ms: Math.round(performance.now() - started),
          how: 'loaded',
          tagged: 0,
          removed: 0,
          error: null,
          own: now.own.length,
        };
      },
      ...(mayIngest(serverId)
        ? {
            ingest: async (source) => {
              const result = await ingester.ingest(serverId, userId, source, context.collection);
              if (result.status === 'added') {
                log.info(
                  { article: result.article.id, url: result.article.url },
                  'article added to the server',
                );
                // Answers the next question from it: the collection is loaded again now.
                await collections.context(serverId);
              }
              return result;
            },
          }
        : { ingestUnavailable: 'The bot’s operator has not allowed adding articles in this server.' }),
      removeArticle: async (id) => {
        const article = context.own.find((a) => a.id === id);
        if (!article || !(await store.removeArticle(serverId, id, userId))) return null;
        log.info({ article: id }, 'article removed from the server');
        await collections.context(serverId);
        return article;
      },
      changeSettings: async (changes) => {
        const result = await store.changeSettings(serverId, changes, userId);
        for (const key of Object.keys(changes) as Array<keyof ServerSettings>)
          if (result.before[key] !== result.after[key])
            log.info(
              `setting ${key}: ${settingText(key, result.before[key])} -> ${settingText(key, result.after[key])}`,
            );
        await collections.context(serverId);
        return result;
      },
    };
  };
}

/** What commands may ask of the question log: a server's report (/insights) and a member's deletion (/forget-me). */
export function insightsServices(
  service: InsightsService,
  engine: () => Engine,
  options: { pictures?: boolean } = {},
): CommandServices {
  return {
    insightsChart: options.pictures !== false,
    insights: (guild, days) => service.report(guild, days, engine()),
    forgetMe: (userId) => service.forgetMember(userId),
  };
}
