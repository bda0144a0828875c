import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, CommandName } from '../src/answer/answer.ts';
import { engineCollection, mergedCollection } from '../src/answer/collection.ts';
import { Engine } from '../src/answer/engine.ts';
import { MIN_SENTENCES } from '../src/answer/rank.ts';
import { syntheticArticles } from '../src/bench/syntheticCorpus.ts';
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

/** Everything a ranked answer shows: each item's sentence, score and answering words, and how many there are. */
const ranked = (answer: Answer) => ({
  total: answer.total,
  items: answer.items.map((i) => ({
    shown: shown({ ...answer, items: [i] })[0],
    score: i.score,
    answer: i.answer,
  })),
});

/**
 * A ranked page by score: for each score, best first, the sentences that have it. Sentences of equal
 * score may come in another order (one corpus keeps the order MiniSearch met them in; a score from
 * the collection's parts may differ from one corpus's in its last bits), so each score's sentences
 * are compared as a set, and those of the last score of a full page are left out (which of them
 * fill it may differ).
 */
const byScore = (answer: Answer, limit: number) => {
  const groups: Array<{ score: number; shown: string[] }> = [];
  for (const item of answer.items) {
    const text = `${shown({ ...answer, items: [item] })[0]} ${item.answer?.text ?? ''}`;
    const last = groups.at(-1);
    if (last && last.score === item.score) last.shown.push(text);
    else groups.push({ score: item.score, shown: [text] });
  }
  for (const group of groups) group.shown.sort();
  const full = answer.items.length === limit;
  return {
    total: answer.total,
    groups: groups.map((g, i) => (full && i === groups.length - 1 ? { ...g, shown: [] } : g)),
  };
};

/** Questions the base, the server's part, or both answer (the best sentence in either part). */
const ASKED = [
  'Where was the conference held?',
  'who visited Changchun?',
  'what is the new rice?',
  'when did the bridge reopen?',
  'who led the team that developed the rice?',
  'how much did the bridge repairs cost?',
  'how many countries attended the launch?',
  'what is the capital of Hubei?',
  'who spoke at the press conference?',
  'what did the foreign guests see?',
  'what will the team share with Kenya?',
  'how long should the steel deck last?',
];

/** Messages for Find sources: claims whose sentences are in the base, the server's part, or neither. */
const CLAIMS = [
  'The conference was held in Harbin.',
  'The Riverside Memorial Bridge reopened on Sunday after eight months of repairs.',
  'Professor Zhang Qifa led the team that developed the drought-resistant rice. Officials from 12 countries attended.',
  'The football final was played in Lisbon.',
];

/** Questions neither part answers: one corpus refuses them, and so does the collection. */
const REFUSED = [
  'what is the weather in Changchun?',
  'who won the football match?',
  'how many diplomats came?',
  'who is the president of France?',
];

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

  it.each(ASKED)(
    'answers /ask “%s” as one corpus would: the same sentences, scores and answer words',
    (question) => {
      const page = { limit: 10 };
      expect(ranked(merged.run('ask', question, page))).toEqual(ranked(single.run('ask', question, page)));
    },
  );

  it.each(CLAIMS)('finds the sources of “%s” as one corpus would', (message) => {
    const got = merged.run('claim', message);
    expect(ranked(got)).toEqual(ranked(single.run('claim', message)));
    expect(got.items.map((i) => i.marks)).toEqual(single.run('claim', message).items.map((i) => i.marks));
  });

  it.each(REFUSED)('refuses /ask “%s” as one corpus would', (question) => {
    expect(merged.run('ask', question).items).toEqual([]);
    expect(single.run('ask', question).items).toEqual([]);
  });

  it('finds a server’s own sentence best where one corpus would', () => {
    const answer = merged.run('ask', 'who led the team that developed the rice?');
    expect(answer.items[0]?.citations[0]?.article).toBe(
      '20250321-scientists-unveil-new-drought-resistant-rice',
    );
    expect(answer.items[0]?.answer?.text).toBe('Professor Zhang Qifa');
  });
});

/**
 * A base large enough (over MIN_SENTENCES) for the ranker's confidence model, with a server's part too
 * small for it: each part judged alone would take different decisions (the small part its own
 * small-corpus rule); one corpus of both, one decision.
 */
describe('a server’s collection over a large base: /ask and /search rank all sentences together', () => {
  const largeBase = [...base, ...syntheticArticles(7, 11)];
  const parts = [Engine.fromArticles(largeBase), Engine.fromArticles(own)];
  const large = mergedCollection(parts);
  const whole = engineCollection(Engine.fromArticles([...largeBase, ...own]));
  const words = [
    ...new Set([...largeBase, ...own].flatMap((a) => a.paragraphs.join(' ').match(/\p{L}{4,}/gu) ?? [])),
  ];

  it('reads a base over MIN_SENTENCES and a server part under it', () => {
    expect(parts[0]?.sentences.length).toBeGreaterThanOrEqual(MIN_SENTENCES);
    expect(parts[1]?.sentences.length).toBeLessThan(MIN_SENTENCES);
  });

  it.each([...ASKED, ...REFUSED])('answers /ask “%s” as one corpus would', (question) => {
    expect(ranked(large.run('ask', question))).toEqual(ranked(whole.run('ask', question)));
  });

  it.each(CLAIMS)('finds the sources of “%s” as one corpus would', (message) => {
    expect(ranked(large.run('claim', message))).toEqual(ranked(whole.run('claim', message)));
  });

  it('answers any question, search and claim made of the articles’ words as one corpus would', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('who', 'what', 'where', 'when', 'how many', 'why did', 'is'),
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('ask', 'search', 'claim') as fc.Arbitrary<CommandName>,
        (opener, picked, command) => {
          const query =
            command === 'ask'
              ? `${opener} ${picked.join(' ')}?`
              : command === 'claim'
                ? `The ${picked.join(' ')} was held.`
                : picked.join(' ');
          expect(byScore(large.run(command, query, { limit: 10 }), 10)).toEqual(
            byScore(whole.run(command, query, { limit: 10 }), 10),
          );
        },
      ),
      { numRuns: 60, seed: 20 },
    );
  });
});
