import { describe, expect, it } from 'vitest';
import type { Answer, CommandName } from '../src/answer/answer.ts';
import { engineCollection, mergedCollection } from '../src/answer/collection.ts';
import { Engine } from '../src/answer/engine.ts';
import { loadCorpus } from '../src/corpus/loadCorpus.ts';
import { CORPUS_DIR, EXTRA_CORPUS_DIR } from './helpers.ts';

/** The base (the real corpus), a server's own articles (the fixtures), each indexed on its own, and one corpus of both. */
const base = loadCorpus(CORPUS_DIR).articles;
const own = loadCorpus(EXTRA_CORPUS_DIR).articles;
const merged = mergedCollection([Engine.fromArticles(base), Engine.fromArticles(own)]);
const single = engineCollection(Engine.fromArticles([...base, ...own]));

/** What a page shows: each item's label and the sentence it quotes first, in order. */
const shown = (answer: Answer) =>
  answer.items.map(
    (i) => `${i.label} | ${i.citations[0]?.article}:${i.citations[0]?.paragraph}:${i.citations[0]?.sentence}`,
  );

const SAME: Array<[CommandName, string]> = [
  ['ask', 'when did the bridge reopen?'],
  ['search', 'bridge'],
  ['search', 'rice drought'],
  ['who', ''],
  ['where', ''],
  ['when', ''],
  ['themes', ''],
  ['source', ''],
  ['who', 'Liu'],
  ['where', 'Changchun'],
];

describe('a server’s collection: the base and its own articles, indexed apart, merged', () => {
  it.each(SAME)('answers /%s “%s” as one corpus of both would, item for item', (command, query) => {
    const page = { limit: 10 };
    expect(shown(merged.run(command, query, page))).toEqual(shown(single.run(command, query, page)));
  });

  it('pages as one corpus would: page two follows page one', () => {
    const all = shown(merged.run('themes', '', { limit: 20 }));
    const pages = [
      ...shown(merged.run('themes', '', { limit: 10 })),
      ...shown(merged.run('themes', '', { limit: 10, offset: 10 })),
    ];
    expect(pages).toEqual(all);
    expect(all).toEqual(shown(single.run('themes', '', { limit: 20 })));
  });

  it('holds every article of both, finds each by id, and filters a list to one article of either', () => {
    expect(merged.articles.map((a) => a.id)).toEqual([...base, ...own].map((a) => a.id));
    const ownArticle = own[0]?.id ?? '';
    expect(merged.article(ownArticle)?.id).toBe(ownArticle);
    expect(shown(merged.run('who', '', { article: ownArticle, limit: 10 }))).toEqual(
      shown(single.run('who', '', { article: ownArticle, limit: 10 })),
    );
    expect(merged.sentenceCount).toBe(single.sentenceCount);
  });

  // Known gap: /ask decides per index which candidates to keep (within a share of the best score,
  // and a small corpus refuses a question whose nouns it does not hold), so merged, each part judges
  // its candidates against its own best and its own words: these answers differ from one corpus's.
  it.fails.each(['Where was the conference held?', 'who visited Changchun?', 'what is the new rice?'])(
    'answers /ask “%s” as one corpus would (known gap)',
    (question) => {
      const page = { limit: 10 };
      expect(shown(merged.run('ask', question, page))).toEqual(shown(single.run('ask', question, page)));
    },
  );
});
