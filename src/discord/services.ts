import type { Engine } from '../answer/engine.ts';
import { Ingester } from '../app/ingest.ts';
import type { InsightsService } from '../app/insights.ts';
import type { LiveCorpus } from '../app/liveCorpus.ts';
import type { Logger } from '../lib/log.ts';
import { pictureMaker } from './picture.ts';
import type { CommandServices, ReloadReport } from './slashCommand.ts';

/**
 * What commands may do to a running bot's corpus: reload it (/reload), add an article (/ingest: the
 * file is written, then the corpus reloaded, so the reply comes when the bot answers from it) and
 * remove one (the Remove button); and draw the pictures of /where and /when. `reload` replaces the
 * live corpus's own reload where another process owns it (a sharded bot's manager).
 */
export function corpusServices(
  live: LiveCorpus,
  options: {
    allowPrivate: readonly string[];
    logger: Logger;
    reload?: () => Promise<ReloadReport>;
    /** Pictures on /where and /when (CITEBOT_PICTURES); on unless false. */
    pictures?: boolean;
  },
): CommandServices {
  const ingester = new Ingester(live.dir, () => live.engine.articles, { allowPrivate: options.allowPrivate });
  const reload = options.reload ?? (() => live.reload());
  return {
    picture: pictureMaker({ enabled: options.pictures !== false, logger: options.logger }),
    reload,
    ingest: async (source) => {
      const result = await ingester.ingest(source);
      if (result.status === 'added') {
        options.logger.info({ article: result.article.id, file: result.file }, 'article added');
        await reload();
      }
      return result;
    },
    removeArticle: (id) => {
      const removed = ingester.remove(id);
      if (removed) {
        options.logger.info({ article: id }, 'article removed');
        void reload();
      }
      return removed;
    },
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
