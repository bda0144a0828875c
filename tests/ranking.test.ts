import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/answer/ask.ts';
import { Engine } from '../src/answer/engine.ts';
import { coordinatedLists, listFit } from '../src/answer/lists.ts';
import { parseQuestion } from '../src/answer/question.ts';
import { questionTerms, verbUnits } from '../src/answer/questionTerms.ts';
import { eventFellows } from '../src/lexicon/eventVerbs.ts';
import { isKindOf } from '../src/lexicon/wordClasses.ts';
import { MAX_QUERY_TERMS } from '../src/search/sentenceIndex.ts';
import { termKeys } from '../src/text/terms.ts';
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

  it("leads from a verb only when its own sense is the event's: one also holds a record, joins a club, meets a need", () => {
    for (const verb of ['hold', 'join', 'meet', 'stage', 'arrange', 'beat', 'defeat'])
      expect(eventFellows(verb)).toEqual([]);
  });

  it('keeps who wins: "won" leads to the winner\'s verbs, "defeated" (whose object lost) to none', () => {
    expect(eventFellows('win')).toEqual(expect.arrayContaining(['defeat', 'beat']));
    const keys = (question: string) => questionTerms(question).map((t) => t.key);
    expect(keys('who was defeated?')).not.toEqual(expect.arrayContaining(termKeys('win')));
    expect(keys('who was defeated?')).not.toContain(termKeys('won')[0]);
    for (const key of termKeys('organize host stage convene sponsor'))
      expect(keys('who held the record?')).not.toContain(key);
  });

  it('needs no entry for "co-organized": the index reads "organized" in it', () => {
    expect(termKeys('co-organized')).toContain(termKeys('organized')[0]);
    for (const verb of ['organize', 'host', 'convene'])
      expect(eventFellows(verb)).not.toContain('coorganize');
  });
});

describe('the few keys a query has', () => {
  /** A union's history, holding WordNet's paraphrases of "organize" (form, mastermind, direct ...) and other event verbs too. */
  const MARCH = [
    'The Harbour Workers Union was formed in 1921 by dockers of Portvik.',
    'Its first strike was masterminded by a young crane driver.',
    'Each spring it hosts a dinner and holds a vote; the last was held in May.',
    'The union engineered a pay deal in 1958 and directed its pension fund until 1990.',
    'Chief Arne Dahl of the police orchestrated a route for the march.',
    'The march was staged by the Harbour Workers Union on Saturday.',
  ];

  it("gives the event verbs places before WordNet's paraphrases, which mix a verb's senses", () => {
    const first = questionTerms('who organized the march?')
      .slice(0, MAX_QUERY_TERMS)
      .map((t) => t.key);
    for (const key of termKeys('host held stage convene')) expect(first).toContain(key);
  });

  it('finds "staged" for "organized" in a corpus that holds those paraphrases too', () => {
    const engine = Engine.fromArticles([article('march', MARCH)]);
    const index = engine.sentenceIndex;
    const terms = questionTerms('who organized the march?', undefined, (key) => index.frequency(key) > 0);
    const staged = index.find(terms).find((hit) => engine.sentence(hit.id)?.text.includes('staged'));
    expect(staged?.matched).toContain(termKeys('staged')[0]);
  });

  it('answers "who organized the march?" with the sentence saying who staged it', () => {
    const engine = Engine.fromArticles([article('march', MARCH)]);
    expect(ask(engine, 'who organized the march?').items[0]?.text).toMatch(/^The march was staged by/);
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

describe('coordinated lists', () => {
  const items = (text: string) => coordinatedLists(text).map((l) => l.items.map((i) => i.text));

  it('reads a list of three or more, and the words that lead it', () => {
    const [list] = coordinatedLists(
      'Coaches gave talks in the fields of safety, boat repair and club finances.',
    );
    expect(list?.items.map((i) => i.text)).toEqual(['safety', 'boat repair', 'club finances']);
    expect(list?.lead).toEqual(termKeys('in the fields of'));
  });

  it('keeps the serial comma and the offsets of each item', () => {
    const text = 'Crews came from Molde, Volda, and Orsta.';
    const [list] = coordinatedLists(text);
    expect(list?.items.map((i) => text.slice(i.start, i.end))).toEqual(['Molde', 'Volda', 'Orsta']);
  });

  it('takes no opening phrase for an item, and no pair for a list', () => {
    expect(items('At the regatta, rowers and coaches cheered.')).toEqual([]);
    expect(items('Economic and social life improved.')).toEqual([]);
  });

  it('gives items that are the sentence at their offsets, whatever the text', () => {
    const word = fc.constantFrom(
      'Molde',
      'boats',
      'and',
      'or',
      'of',
      'the',
      ',',
      '.',
      ';',
      '"',
      '3.5',
      'co-op',
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (words) => {
        const text = words.join(' ');
        for (const list of coordinatedLists(text)) {
          expect(list.items.length).toBeGreaterThanOrEqual(3);
          for (const item of list.items) expect(text.slice(item.start, item.end)).toBe(item.text);
        }
      }),
    );
  });

  it('fits a list to the kind asked: places are names, people are people, things are not people', () => {
    const places = 'The boards of Molde, Volda and Orsta met.';
    expect(listFit(places, new Set(termKeys('boards')), 'places')).toBe(1);
    expect(listFit(places, new Set(termKeys('towns')), 'places')).toBe(0.5);
    const people = 'The jury heard coaches, rowers and referees.';
    expect(listFit(people, new Set(), 'people')).toBe(0.5);
    expect(listFit(people, new Set(), 'things')).toBe(0);
  });
});

describe('a list of things of the kind asked', () => {
  const fruits = new Set(termKeys('fruits'));

  it('reads kinds from WordNet: plums are fruit, a city is a place, safety is no fruit', () => {
    expect(isKindOf('plums', 'fruit')).toBe(true);
    expect(isKindOf('Moscow', 'city')).toBe(true);
    expect(isKindOf('safety', 'fruit')).toBe(false);
  });

  it('credits a list of things led by other words only when most items are of the asked kind', () => {
    expect(listFit('Farmers in the valley grow apples, plums and pears.', fruits, 'things', 'fruit')).toBe(
      0.5,
    );
    expect(listFit('The valley has roads, schools and clinics.', fruits, 'things', 'fruit')).toBe(0);
  });

  it('still credits a list a word for the asked noun leads, whatever its items', () => {
    const text = 'Coaches gave talks in the fields of safety, boat repair and club finances.';
    expect(listFit(text, new Set(termKeys('fields')), 'things', 'topic')).toBe(1);
  });
});

describe('a question asking for several things', () => {
  it('prefers the sentence listing several of them to one sharing a closer paraphrase', () => {
    const engine = Engine.fromArticles([
      article('talks', [
        'The theme of the evening was "Oars Together".',
        'Coaches gave talks in the fields of safety, boat repair and club finances.',
      ]),
    ]);
    expect(parseQuestion('what topics were discussed?').plural).toBe(true);
    expect(ask(engine, 'what topics were discussed?').items[0]?.text).toMatch(/^Coaches gave talks/);
  });
});
