import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/answer/ask.ts';
import { countsFocus } from '../src/answer/counts.ts';
import { Engine } from '../src/answer/engine.ts';
import { cleanQuestion } from '../src/answer/questionTerms.ts';
import { correctTypos } from '../src/answer/rank.ts';
import { correctSpelling, oneSlipAway } from '../src/lexicon/spelling.ts';
import { article } from './helpers.ts';

/** A small event of our own: one article, a handful of sentences (below the learned decision's size). */
const HARBOUR = [
  'A festival of the northern coast was held Saturday in Bergen, the second largest city of Norway, with the attendance of over 300 fishermen from 12 villages, local cooks and two brass bands.',
  'Themed "Bringing the Boats Home," the festival celebrated the return of the herring fleet. It was organised by the Bergen Harbour Board and the Serin Fishing Guild.',
  'Inspectors commended the quick repairs to the northern dam, as well as the new warning lights.',
  'At the festival, pupils and teachers from the three village schools told stories of the old harbour in the fields of boat building, net making and weather lore.',
];

describe('asking a small corpus', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = Engine.fromArticles([article('harbour', HARBOUR)]);
  });
  const first = (question: string) => ask(engine, question).items[0];

  it('finds a sentence through a WordNet paraphrase of the question verb ("praise" -> "commended")', () => {
    expect(first('what did the inspectors praise?')?.text).toMatch(/^Inspectors commended/);
  });

  it('answers a question asking for a slogan with the quotation a naming verb gives ("Themed ...")', () => {
    expect(first('what was the slogan of the festival?')?.answer?.text).toBe('Bringing the Boats Home');
  });

  it.each(['wher was the festivl?', 'wher was the festival?', 'Wher was the festival?'])(
    'reads several typos in one question as one is read: %s',
    (question) => {
      expect(first(question)?.answer?.text).toBe('Bergen');
    },
  );

  it('answers "how many" with a number that counts the thing asked, or a kind of it', () => {
    expect(first('how many fishermen attended?')?.answer?.text).toBe('300');
    expect(first('how many villages came?')?.answer?.text).toBe('12');
  });

  it('says "not in the articles" when no number counts what is asked ("how many cooks" has none)', () => {
    expect(ask(engine, 'how many cooks came?').items).toEqual([]);
  });

  it('says "not in the articles" when a noun of the question is nowhere in them', () => {
    expect(ask(engine, 'what is the price of herring in Bergen?').items).toEqual([]);
    expect(ask(engine, 'who won the election?').items).toEqual([]);
  });

  it('answers who with the people a sentence names by a noun, though no name ("pupils and teachers")', () => {
    expect(ask(engine, 'who told stories at the festival?').items[0]?.answer?.text).toBe(
      'pupils and teachers from the three village schools',
    );
  });

  it('reads a mention of a member as no part of the question', () => {
    expect(cleanQuestion('<@123456789012345678> who organised the festival?')).toBe(
      'who organised the festival?',
    );
    expect(cleanQuestion('<@!42> <#7> <@&9> where was it?')).toBe('where was it?');
  });

  it('mends a typo by the corpus first, then by English, and leaves a name alone', () => {
    const source = engine.askSource;
    expect(correctTypos('who spok at the festivl?', source)).toBe('who spoke at the festival?');
    expect(correctTypos('wat did Quorvik say?', source)).toBe('what did Quorvik say?');
    expect(correctTypos('which provinces took part?', source)).toBe('which provinces took part?');
  });
});

describe('spelling', () => {
  it('lists a dropped letter first, then swapped, replaced and extra letters', () => {
    const slips = oneSlipAway('wher');
    expect(slips.indexOf('where')).toBeLessThan(slips.indexOf('when'));
    expect(slips).toContain('hwer');
    expect(slips).toContain('her');
    expect(slips).not.toContain('wher');
  });

  it('prefers a word the articles support among the English words one slip away', () => {
    const english = new Set(['spoke', 'spook']);
    expect(correctSpelling('spok', (w) => english.has(w))).toBe('spoke');
    expect(
      correctSpelling(
        'spok',
        (w) => english.has(w),
        (w) => w === 'spook',
      ),
    ).toBe('spook');
    expect(correctSpelling('xqzv', (w) => english.has(w))).toBeNull();
  });
});

describe('numbers that count a thing', () => {
  it.each([
    ['over 300 fishermen came', 'fisherman', true],
    ['over 300 fishermen came', 'person', true],
    ['dozens of diplomats came', 'diplomat', true],
    ['four provincial-level regions', 'region', true],
    ['over 300 fishermen from 12 villages, local cooks', 'cook', false],
    ['the 2024 budget', 'diplomat', false],
  ])('"%s" counts %s: %s', (text, focus, counts) => {
    expect(countsFocus(text, focus)).toBe(counts);
  });
});
