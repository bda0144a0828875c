import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Gap, groupGaps } from '../src/insights/gaps.ts';

/** 40 questions of our own, 8 on each of 5 topics (tests/fixtures/gap-questions.json). */
const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'gap-questions.json'), 'utf8'),
) as { topics: Record<string, string[]> };
const topicOf = new Map(
  Object.entries(fixture.topics).flatMap(([topic, questions]) => questions.map((q) => [q, topic] as const)),
);

/** The group holding a question. */
const groupOf = (gaps: Gap[], question: string) => gaps.findIndex((g) => g.questions.includes(question));

describe('groupGaps on 40 questions in 5 topics', () => {
  const gaps = groupGaps([...topicOf.keys()].map((text) => ({ text })));

  it.each(Object.keys(fixture.topics))(
    'puts at least 80 percent of the %s questions in one group',
    (topic) => {
      const questions = fixture.topics[topic] as string[];
      const sizes = new Map<number, number>();
      for (const q of questions) sizes.set(groupOf(gaps, q), (sizes.get(groupOf(gaps, q)) ?? 0) + 1);
      expect(Math.max(...sizes.values()) / questions.length).toBeGreaterThanOrEqual(0.8);
    },
  );

  it('gives each topic its own group, and each group of several questions is at least 80% one topic', () => {
    const homes = Object.values(fixture.topics).map((questions) => {
      const counts = new Map<number, number>();
      for (const q of questions) counts.set(groupOf(gaps, q), (counts.get(groupOf(gaps, q)) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    });
    expect(new Set(homes).size).toBe(5);
    for (const gap of gaps.filter((g) => g.questions.length > 1)) {
      const topics = gap.questions.map((q) => topicOf.get(q));
      const majority = Math.max(...topics.map((t) => topics.filter((u) => u === t).length));
      expect(majority / topics.length).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('names each large group by words its questions share', () => {
    for (const gap of gaps.filter((g) => g.questions.length >= 4)) {
      expect(gap.keyWords.length).toBeGreaterThan(0);
      const [first] = gap.keyWords;
      const holding = gap.questions.filter((q) => q.toLowerCase().includes((first as string).slice(0, 4)));
      expect(holding.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('groupGaps', () => {
  it('counts repeats of a question together and shows the most asked as the example', () => {
    const gaps = groupGaps([
      { text: 'Is there a visa-free entry?' },
      { text: 'How long is the visa valid?', count: 3 },
      { text: 'how long is  the VISA valid' },
      { text: 'When does the ski season start?' },
    ]);
    expect(gaps[0]).toMatchObject({ count: 5, example: 'How long is the visa valid?' });
    expect(gaps[0]?.keyWords[0]).toBe('visa');
    expect(gaps[1]).toMatchObject({ count: 1, example: 'When does the ski season start?' });
  });

  it('groups questions that share a theme even without shared words', () => {
    const gaps = groupGaps([
      { text: 'Who grows the soybeans?', themes: ['agriculture'] },
      { text: 'What about the corn yield?', themes: ['agriculture'] },
      { text: 'Which trains run at night?' },
    ]);
    expect(gaps[0]?.questions).toHaveLength(2);
    expect(gaps[0]?.keyWords).toContain('agriculture');
  });

  it('returns nothing for no questions, or only blank ones', () => {
    expect(groupGaps([])).toEqual([]);
    expect(groupGaps([{ text: '  ' }])).toEqual([]);
  });
});

describe('groupGaps properties', () => {
  const words = fc.constantFrom(
    'visa',
    'train',
    'harvest',
    'snow',
    'car',
    'the',
    'how',
    'is',
    'Harbin',
    'price',
    'ticket',
    'farm',
    '?',
  );
  const questions = fc.array(
    fc.record({
      text: fc.oneof(
        fc.array(words, { maxLength: 7 }).map((w) => w.join(' ')),
        fc.string({ maxLength: 40 }),
      ),
      count: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    }),
    { maxLength: 40 },
  );

  it('puts every asked question in exactly one group and counts every ask', () => {
    fc.assert(
      fc.property(questions, (asked) => {
        const gaps = groupGaps(asked);
        const total = asked.filter((q) => q.text.trim()).reduce((sum, q) => sum + (q.count ?? 1), 0);
        expect(gaps.reduce((sum, g) => sum + g.count, 0)).toBe(total);
        const all = gaps.flatMap((g) => g.questions);
        expect(new Set(all).size).toBe(all.length);
        for (const gap of gaps) expect(gap.questions).toContain(gap.example);
      }),
    );
  });

  it('lists the largest group first', () => {
    fc.assert(
      fc.property(questions, (asked) => {
        const counts = groupGaps(asked).map((g) => g.count);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
      }),
    );
  });

  it('gives the same groups whatever the order the questions come in', () => {
    fc.assert(
      fc.property(questions, fc.func(fc.integer()), (asked, key) => {
        const shuffled = [...asked].sort((a, b) => key(a) - key(b));
        const asSets = (gaps: Gap[]) => gaps.map((g) => [...g.questions].sort()).sort();
        expect(asSets(groupGaps(shuffled))).toEqual(asSets(groupGaps(asked)));
      }),
    );
  });
});
