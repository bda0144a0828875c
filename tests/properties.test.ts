import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../src/answer/answer.ts';
import type { Engine } from '../src/answer/engine.ts';
import { MAX_LIMIT } from '../src/answer/items.ts';
import { run } from '../src/answer/run.ts';
import { consoleReply } from '../src/console/consoleReply.ts';
import { seedEngine } from './helpers.ts';

/** Open-ended input: plain text, Unicode, Discord markup, words of the article, and very long strings. */
const anyInput = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom('@everyone', '<@123>', '**bold** `code`', '', ' ', '\u0000', 'Oct. 15', '?'),
  fc
    .array(
      fc.constantFrom(
        'conference',
        'Changchun',
        'who',
        'grain',
        'Liu',
        'the',
        'held',
        '2024-10-14',
        'Monday',
      ),
      {
        maxLength: 8,
      },
    )
    .map((w) => w.join(' ')),
  fc.constantFrom('x'.repeat(6000), 'conference '.repeat(545)),
);

describe('properties of every answer', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = seedEngine();
  });

  it('any string given to any command returns a valid answer without throwing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMAND_NAMES),
        anyInput,
        fc.integer({ min: -5, max: 40 }),
        (command, input, limit) => {
          const answer = run(engine, command, input, { limit, offset: Math.abs(limit) % 3 });
          expect(answer.command).toBe(command);
          expect(typeof answer.query).toBe('string');
          expect(answer.items.length).toBeLessThanOrEqual(MAX_LIMIT);
          expect(Array.isArray(answer.suggestions)).toBe(true);
          for (const item of answer.items) {
            expect(item.text.length).toBeGreaterThan(0);
            expect(item.citations.length).toBeGreaterThan(0);
            expect(Number.isFinite(item.score)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("every item's text stands verbatim in its cited article at the cited paragraph and sentence", () => {
    const articles = new Map(engine.articles.map((a) => [a.id, a]));
    const sentenceAt = new Map(
      engine.sentences.map((s) => [`${s.article}:${s.paragraph}.${s.sentence}`, s.text]),
    );
    fc.assert(
      fc.property(fc.constantFrom(...COMMAND_NAMES), anyInput, (command, input) => {
        for (const item of run(engine, command, input, { limit: 25 }).items) {
          const [first] = item.citations;
          if (!first) throw new Error('item without citation');
          const article = articles.get(first.article);
          expect(article?.url).toBe(first.url);
          expect(article?.paragraphs[first.paragraph - 1]).toContain(item.text);
          expect(sentenceAt.get(`${first.article}:${first.paragraph}.${first.sentence}`)).toBe(item.text);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the console survives any line', () => {
    fc.assert(
      fc.property(
        anyInput,
        fc.constantFrom('', '/', '/ask ', '/who ', '/nope ', '/search '),
        (input, prefix) => {
          const reply = consoleReply(engine, prefix + input);
          expect(typeof reply.text).toBe('string');
        },
      ),
      { numRuns: 200 },
    );
  });
});
