import { Ingester, IngestFailure } from '../app/ingest.ts';
import type { LiveCorpus } from '../app/liveCorpus.ts';
import { IngestError } from '../corpus/ingestRaw.ts';
import { parseAllowList } from '../lib/safeFetch.ts';
import type { ConsoleCorpus } from './console.ts';

/**
 * The console over a live corpus: answers from its engine now, reloads it (`/reload`), and adds an
 * article from an address (`/ingest <address> [YYYY-MM-DD]`, with the limits and private-address
 * refusal of Discord's /ingest; INGEST_ALLOW_PRIVATE as there), answering once the article is loaded.
 */
export function consoleCorpus(live: LiveCorpus, env: NodeJS.ProcessEnv = process.env): ConsoleCorpus {
  let allowPrivate: string[] = [];
  try {
    allowPrivate = parseAllowList(env.INGEST_ALLOW_PRIVATE);
  } catch (error) {
    process.stderr.write(`config: INGEST_ALLOW_PRIVATE ${(error as Error).message}\n`);
  }
  const ingester = new Ingester(live.dir, () => live.engine.articles, { allowPrivate });
  return {
    get engine() {
      return live.engine;
    },
    reload: () => live.reload(),
    ingest: async (address, published) => {
      try {
        const result = await ingester.ingest({ url: address, published });
        const { article } = result;
        if (result.status === 'duplicate')
          return `Already in the corpus: “${article.title}” (${article.id}).\n`;
        await live.reload();
        const names = result.names.length ? `; names: ${result.names.join(', ')}` : '';
        return `Added “${article.title}” (${article.publisher}, ${article.published.slice(0, 10)}): ${article.paragraphs.length} paragraphs, ${result.sentences} sentences${names}. Answering from it now.\n`;
      } catch (error) {
        if (error instanceof IngestFailure) return `${error.forOperator()}\n`;
        if (error instanceof IngestError) return `${error.sentence()}\n`;
        throw error;
      }
    },
  };
}
