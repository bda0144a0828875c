import type { Answer } from './answer.ts';
import { matchPhrases } from './complete.ts';
import type { Engine } from './engine.ts';
import {
  articleFilter,
  hitItems,
  itemOf,
  type Labelled,
  type PageOptions,
  pageOf,
  perSentence,
  restrictTo,
} from './items.ts';
import { boundQuery, plainTerms } from './query.ts';

/** /themes: the key themes of the event, ranked; with a theme, the sentences about it. */
export function themes(engine: Engine, rawQuery = '', page: PageOptions = {}): Answer {
  const query = boundQuery(rawQuery);
  const list = engine.knowledge.themes;
  const shown = page.article ? (engine.listsOf(page.article)?.themes ?? []) : list;
  const detail = (variants: string[]) =>
    variants.length ? `also: ${variants.slice(0, 5).join('; ')}` : null;
  if (!query) {
    return pageOf(engine, 'themes', query, page, {
      count: shown.length,
      at: (i) => {
        const t = shown[i] as (typeof shown)[number];
        return itemOf(engine, t.phrase, detail(t.variants), t.sentenceIds, t.score, 'theme');
      },
    });
  }
  const matched = matchPhrases(engine, query, ['theme']).flatMap(({ phrase, score }): Labelled[] => {
    const theme = list[phrase.ref];
    return theme
      ? [
          {
            kind: 'theme',
            label: theme.phrase,
            detail: detail(theme.variants),
            sentenceIds: theme.sentenceIds,
            score,
          },
        ]
      : [];
  });
  const restricted = restrictTo(page, matched);
  if (restricted.length) return pageOf(engine, 'themes', query, page, perSentence(engine, restricted));
  const keep = articleFilter(page);
  const hits = engine.sentenceIndex.find(plainTerms(query)).filter((h) => keep(h.id));
  return pageOf(engine, 'themes', query, page, hitItems(engine, hits));
}
