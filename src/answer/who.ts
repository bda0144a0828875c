import type { Answer } from './answer.ts';
import { matchPhrases } from './complete.ts';
import { type Engine, WHERE_KINDS, WHO_KINDS } from './engine.ts';
import { itemOf, type Labelled, type PageOptions, pageOf, perSentence, restrictTo } from './items.ts';
import { boundQuery } from './query.ts';

/** /who: people, organizations and participant groups, each with its role; with a name, the sentences about it. */
export function who(engine: Engine, query = '', page: PageOptions = {}): Answer {
  return entityAnswer(engine, 'who', query, page);
}

/** /where: places, each with its description; with a place, the sentences about it. */
export function where(engine: Engine, query = '', page: PageOptions = {}): Answer {
  return entityAnswer(engine, 'where', query, page);
}

function entityAnswer(engine: Engine, command: 'who' | 'where', rawQuery: string, page: PageOptions): Answer {
  const query = boundQuery(rawQuery);
  const list = page.article ? (engine.listsOf(page.article)?.[command] ?? []) : engine.entityLists[command];
  if (!query) {
    return pageOf(engine, command, query, page, {
      count: list.length,
      at: (i) => {
        const e = list[i] as (typeof list)[number];
        return itemOf(engine, e.name, e.detail, e.sentenceIds, e.sentenceIds.length, e.kind);
      },
    });
  }
  const entities = engine.knowledge.entities;
  const kinds = command === 'who' ? WHO_KINDS : WHERE_KINDS;
  const matched = matchPhrases(engine, query, kinds).flatMap(({ phrase, score }): Labelled[] => {
    const e = entities[phrase.ref];
    return e ? [{ kind: e.kind, label: e.name, detail: e.detail, sentenceIds: e.sentenceIds, score }] : [];
  });
  return pageOf(engine, command, query, page, perSentence(engine, restrictTo(page, matched)));
}
