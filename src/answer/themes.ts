import { termKeys } from '../text/terms.ts';
import type { Answer } from './answer.ts';
import { matchPhrases } from './complete.ts';
import type { Engine } from './engine.ts';
import { hitItems, itemOf, type Labelled, type PageOptions, pageOf, perSentence } from './items.ts';
import { boundQuery } from './query.ts';

/** /themes: the key themes of the event, ranked; with a theme, the sentences about it. */
export function themes(engine: Engine, rawQuery = '', page: PageOptions = {}): Answer {
  const query = boundQuery(rawQuery);
  const list = engine.knowledge.themes;
  const detail = (variants: string[]) =>
    variants.length ? `also: ${variants.slice(0, 5).join('; ')}` : null;
  if (!query) {
    return pageOf(engine, 'themes', query, page, {
      count: list.length,
      at: (i) => {
        const t = list[i] as (typeof list)[number];
        return itemOf(engine, t.phrase, detail(t.variants), t.sentenceIds, t.score);
      },
    });
  }
  const matched = matchPhrases(engine, query, ['theme']).flatMap(({ phrase, score }): Labelled[] => {
    const theme = list[phrase.ref];
    return theme
      ? [{ label: theme.phrase, detail: detail(theme.variants), sentenceIds: theme.sentenceIds, score }]
      : [];
  });
  if (matched.length) return pageOf(engine, 'themes', query, page, perSentence(engine, matched));
  const hits = engine.sentenceIndex.find(termKeys(query).map((key) => ({ key, weight: 1 })));
  return pageOf(engine, 'themes', query, page, hitItems(engine, hits));
}
