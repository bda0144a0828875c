import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sentence } from '../src/corpus/sentence.ts';
import { SentenceIndex, SentenceIndexUnion, type WeightedTerm } from '../src/search/sentenceIndex.ts';
import { termKey } from '../src/text/terms.ts';

/** Words the generated sentences are made of: some common, some rare, some only in one part. */
const WORDS =
  'bridge river mayor ribbon repairs steel deck commuters rice drought farmers harvest conference guests city province officials engineers trade festival'.split(
    ' ',
  );

const sentencesOf = (article: string, texts: readonly string[]): Sentence[] =>
  texts.map((text, i) => ({ id: `${article}:1.${i + 1}`, article, paragraph: 1, sentence: i + 1, text }));

/** A sentence of 1 to 12 of the words, some repeated (term frequency), some with filler (length). */
const sentenceText = fc
  .array(fc.constantFrom(...WORDS, 'the', 'and', 'was'), { minLength: 1, maxLength: 12 })
  .map((words) => `${words.join(' ')}.`);

/** Query keys: the words (some weighed as paraphrases), a misspelt one, and a part word typed last. */
const queryTerms = fc.array(
  fc.record({
    key: fc.constantFrom(...WORDS.map((w) => termKey(w) as string), 'commutrs', 'harves'),
    weight: fc.constantFrom(1, 0.3),
  }),
  { minLength: 1, maxLength: 5 },
) as fc.Arbitrary<WeightedTerm[]>;

describe('several sentence indexes searched as one', () => {
  it('score every sentence as one index of all their sentences would, and hold its statistics', () => {
    fc.assert(
      fc.property(
        fc.array(sentenceText, { minLength: 1, maxLength: 30 }),
        fc.array(sentenceText, { minLength: 1, maxLength: 8 }),
        queryTerms,
        fc.boolean(),
        (baseTexts, ownTexts, terms, prefixLast) => {
          const base = sentencesOf('base', baseTexts);
          const own = sentencesOf('own', ownTexts);
          const union = new SentenceIndexUnion([SentenceIndex.build(base), SentenceIndex.build(own)]);
          const whole = SentenceIndex.build([...base, ...own]);
          expect(union.size).toBe(whole.size);
          for (const { key } of terms) {
            expect(union.frequency(key)).toBe(whole.frequency(key));
            expect(union.idf(key)).toBeCloseTo(whole.idf(key), 12);
          }
          const got = union.find(terms, { prefixLast });
          const want = whole.find(terms, { prefixLast });
          const byId = (hits: typeof got) => new Map(hits.map((h) => [h.id, h]));
          expect([...byId(got).keys()].sort()).toEqual([...byId(want).keys()].sort());
          for (const hit of want) {
            const mine = byId(got).get(hit.id);
            expect(mine?.matched.sort()).toEqual(hit.matched.sort());
            expect(mine?.score).toBeCloseTo(hit.score, 9);
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('drops the hits of a part that another part hides (an article id both hold)', () => {
    const base = sentencesOf('same', ['The bridge reopened.']);
    const own = sentencesOf('same', ['The bridge closed.']);
    const union = new SentenceIndexUnion(
      [SentenceIndex.build(base), SentenceIndex.build(own)],
      (part) => part === 0,
    );
    expect(union.find([{ key: termKey('bridge') as string, weight: 1 }]).map((h) => h.id)).toEqual([
      'same:1.1',
    ]);
  });
});
