import type { Article } from '../corpus/article.ts';
import { tokenize } from '../text/terms.ts';
import type { Answer } from './answer.ts';
import type { Engine } from './engine.ts';
import { itemOf, type PageOptions, pageOf } from './items.ts';
import { boundQuery } from './query.ts';

/** Lower-cased id, title, publisher and agency of each article, per engine (made on first use). */
const sourceTexts = new WeakMap<Engine, string[]>();

/** /source: each article's metadata: title, writers, publisher, agency, date, dateline, editors and link. */
export function source(engine: Engine, rawQuery = '', page: PageOptions = {}): Answer {
  const query = boundQuery(rawQuery);
  const words = tokenize(query.toLowerCase());
  let haystacks = sourceTexts.get(engine);
  if (!haystacks) {
    haystacks = engine.articles.map((a) =>
      `${a.id} ${a.title} ${a.publisher} ${a.agency ?? ''}`.toLowerCase(),
    );
    sourceTexts.set(engine, haystacks);
  }
  const texts = haystacks;
  const articles = words.length
    ? engine.articles.filter((_, i) => words.every((w) => texts[i]?.includes(w)))
    : engine.articles;
  return pageOf(engine, 'source', query, page, {
    count: articles.length,
    at: (i) => {
      const a = articles[i] as Article;
      const lead = engine.leadOf(a.id);
      const parts = [
        a.authors.length ? `by ${a.authors.join(', ')}` : null,
        a.publisher,
        a.agency,
        `published ${a.published}`,
      ];
      if (a.dateline) parts.push(`dateline ${a.dateline.place}, ${a.dateline.date}`);
      if (a.editors.length) parts.push(`editors: ${a.editors.join(', ')}`);
      return itemOf(engine, a.title, parts.filter(Boolean).join(' · '), lead ? [lead.id] : [], 1);
    },
  });
}
