import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/answer/ask.ts';
import { Engine } from '../src/answer/engine.ts';
import { parseQuestion } from '../src/answer/question.ts';
import { questionTerms, verbUnits } from '../src/answer/questionTerms.ts';
import { eventFellows } from '../src/lexicon/eventVerbs.ts';
import { article } from './helpers.ts';

/** A small event of our own: a regatta, told in a few sentences. */
const REGATTA = [
  'A regatta for rowing clubs of the western fjords was rowed Sunday in Alesund, watched by over 2,000 people.',
  'It was co-hosted by the Alesund Rowing Club and the Fjord Boating Association.',
  'In a speech at the regatta, club chairwoman Ingrid Moe said the clubs would give direction to young rowers across the region.',
  'Crews from Molde, Volda and Orsta participated in the final race, which was won by the Volda eight.',
];

describe('verbs of the same part in an event', () => {
  it('links the verbs news uses for making an event happen, with irregular past forms', () => {
    expect(eventFellows('organize')).toEqual(expect.arrayContaining(['host', 'hold', 'held', 'stage']));
    expect(eventFellows('host')).toContain('organize');
  });

  it('leaves a verb of no class alone, and multi-word fellows out', () => {
    expect(eventFellows('swim')).toEqual([]);
    expect(eventFellows('attend')).not.toContain('take_part');
  });
});

describe('verbs of more than one word in a question', () => {
  it('reads a verb and the word after it as one verb when WordNet knows them together ("took part")', () => {
    const { of, joined } = verbUnits(parseQuestion('which crews took part?').words);
    expect([...of.values()]).toEqual(['take_part']);
    expect([...joined].map((w) => w.text)).toEqual(['part']);
  });

  it('paraphrases the unit ("participate"), not its second word alone ("depart")', () => {
    const keys = questionTerms('which crews took part?').map((t) => t.key);
    expect(keys).toContain('particip');
    expect(keys).not.toContain('depart');
  });

  it('counts the unit as one word of the question', () => {
    const part = questionTerms('which crews took part?').find((t) => t.key === 'part');
    expect(part?.stands).toBe('took');
  });
});

describe('ranking a small corpus by the part a verb plays', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = Engine.fromArticles([article('regatta', REGATTA)]);
  });
  const first = (question: string) => ask(engine, question).items[0]?.text;

  it('answers "who organized it?" with the sentence naming its hosts, not one sharing a WordNet paraphrase ("direct" -> "direction")', () => {
    expect(first('who organized it?')).toMatch(/^It was co-hosted by/);
  });

  it('finds "participated" for "took part"', () => {
    expect(first('which towns took part?')).toMatch(/^Crews from Molde/);
  });
});
