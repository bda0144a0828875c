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

  it('after an update in place (sentences removed and added) score as an index built anew, alone and in a union', () => {
    fc.assert(
      fc.property(
        fc.array(sentenceText, { minLength: 2, maxLength: 30 }),
        fc.array(sentenceText, { minLength: 0, maxLength: 6 }),
        fc.array(sentenceText, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        queryTerms,
        (baseTexts, addedTexts, ownTexts, cut, terms) => {
          const before = sentencesOf('base', baseTexts);
          const removed = before.slice(cut % before.length);
          const added = sentencesOf('added', addedTexts);
          const after = [...before.slice(0, cut % before.length), ...added];
          const updated = SentenceIndex.build(before);
          updated.update(added, removed);
          const own = sentencesOf('own', ownTexts);
          const pairs: Array<[SentenceIndex | SentenceIndexUnion, SentenceIndex]> = [
            [updated, SentenceIndex.build(after)],
            [
              new SentenceIndexUnion([updated, SentenceIndex.build(own)]),
              SentenceIndex.build([...after, ...own]),
            ],
          ];
          for (const [got, want] of pairs) {
            expect(got.size).toBe(want.size);
            for (const { key } of terms) {
              expect(got.frequency(key)).toBe(want.frequency(key));
              expect(got.idf(key)).toBeCloseTo(want.idf(key), 9);
            }
            const hits = new Map(got.find(terms).map((h) => [h.id, h.score]));
            const wanted = want.find(terms);
            expect([...hits.keys()].sort()).toEqual(wanted.map((h) => h.id).sort());
            for (const hit of wanted) expect(hits.get(hit.id)).toBeCloseTo(hit.score, 9);
          }
        },
      ),
      { numRuns: 200, seed: 11 },
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
