import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/answer/ask.ts';
import { Engine } from '../src/answer/engine.ts';
import { paraphrases } from '../src/answer/paraphrase.ts';
import { boundQuery, MAX_QUERY_CHARS } from '../src/answer/query.ts';
import { parseQuestion } from '../src/answer/question.ts';
import { search } from '../src/answer/search.ts';
import { source } from '../src/answer/source.ts';
import { themes } from '../src/answer/themes.ts';
import { when } from '../src/answer/when.ts';
import { where, who } from '../src/answer/who.ts';
import { article, seedEngine } from './helpers.ts';

describe('question types', () => {
  it.each([
    ['Where was the conference held?', 'where'],
    ['In which city did it take place?', 'where'],
    ['Who spoke at the conference?', 'who'],
    ['When did the meeting open?', 'when'],
    ['How many countries sent guests?', 'quantity'],
    ['Why did the guests come?', 'why'],
    ['What slogan was used?', 'name'],
    ['What was the forum called?', 'name'],
    ['Was grain production mentioned?', 'yesno'],
    ['What did the guests commend?', 'what'],
  ])('reads "%s" as a %s question', (question, type) => {
    expect(parseQuestion(question).type).toBe(type);
  });

  it('finds the focus of a how-many question', () => {
    expect(parseQuestion('How many political party leaders came?').focus).toBe('leader');
  });

  it('finds the focus after "kind of", and a noun the tagger took for a verb or adjective', () => {
    expect(parseQuestion('What kind of forest covers the basin?').focus).toBe('forest');
    expect(parseQuestion('What fish living in the river bites?').focus).toBe('fish');
    expect(parseQuestion('What causes the rain?').focus).toBeNull();
  });

  it('reads a focus noun that asks for a number or a time', () => {
    expect(parseQuestion('What percentage of the land is used?').type).toBe('quantity');
    expect(parseQuestion('What year did it open?').type).toBe('when');
  });
});

describe('paraphrases (WordNet)', () => {
  it('links words to their derivations and synonyms', () => {
    expect(paraphrases('commend', 'verb')).toContain('commendation');
    expect(paraphrases('react', 'verb')).toContain('respond');
    expect(paraphrases('speak', 'verb')).toContain('speech');
    expect(paraphrases('economic', 'adj')).toContain('economy');
  });
});

describe('ask', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = seedEngine();
  });

  it('answers a where-question with the sentence naming the place', () => {
    const [first] = ask(engine, 'Where was the conference held?').items;
    expect(first?.text).toMatch(/was held Monday in Changchun/);
    expect(first?.label).toBeNull();
    expect(first?.citations[0]).toMatchObject({ paragraph: 1, sentence: 1 });
  });

  it('answers through a paraphrase: "speech" for "spoke"', () => {
    expect(ask(engine, 'Who spoke at the conference?').items[0]?.text).toMatch(
      /^In a speech at the conference, Liu Jianchao/,
    );
  });

  it('returns nothing, with suggestions, when nothing in the articles matches', () => {
    const answer = ask(engine, 'best pizza recipes?');
    expect(answer.items).toEqual([]);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it('suggests corpus words for a misspelled query that finds nothing', () => {
    const answer = search(engine, 'xqzv revitalisaton');
    expect(answer.items).toEqual([]);
    expect(answer.suggestions).toContain('revitalization');
  });

  it('bounds a 6,000-character query before it reaches the index', () => {
    const long = 'conference '.repeat(600);
    expect(boundQuery(long).length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    const answer = ask(engine, long);
    expect(answer.query.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(answer.items.length).toBeGreaterThan(0);
  });

  it('strips control and invisible characters from queries', () => {
    expect(boundQuery('grain\u0000\u200bproduction\n\tnow')).toBe('grain production now');
  });
});

describe('who, where, when, themes, search, source', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = seedEngine();
  });

  it('/who without an argument lists people first, each with a role and a quoted sentence', () => {
    const [first] = who(engine).items;
    expect(first?.label).toBe('Liu Jianchao');
    expect(first?.detail).toMatch(/^head of the International Department/);
    expect(first?.text).toContain('Liu Jianchao');
  });

  it('/who with part of a name answers with the sentences about that person', () => {
    const answer = who(engine, 'jianchao');
    expect(answer.items[0]?.label).toBe('Liu Jianchao');
    expect(answer.items.every((i) => i.text.includes('Liu Jianchao'))).toBe(true);
  });

  it('/where with a place answers with the sentences that name it', () => {
    const items = where(engine, 'Heilongjiang').items;
    expect(items[0]?.label).toBe('Heilongjiang');
    expect(items[0]?.text).toContain('Heilongjiang');
  });

  it('/when takes a weekday, an ISO date or words about an event', () => {
    expect(when(engine, 'Monday').items[0]?.label).toBe('2024-10-14');
    expect(when(engine, '2024-10-14').items[0]?.label).toBe('2024-10-14');
    expect(when(engine, 'conference').items[0]?.label).toBe('2024-10-14');
    expect(when(engine, '1999-01-01').items).toEqual([]);
  });

  it('/themes with a theme answers with its sentences', () => {
    const items = themes(engine, 'grain production').items;
    expect(items[0]?.label).toBe('grain production');
    expect(items[0]?.text).toMatch(/grain production/);
  });

  it('/search finds all the words, the last as a prefix', () => {
    expect(search(engine, 'energy trans').items[0]?.text).toMatch(/energy transition/);
  });

  it('/source shows the article metadata', () => {
    const [item] = source(engine).items;
    expect(item?.label).toBe('Foreign guests witness progress in northeast China');
    expect(item?.detail).toMatch(/People's Daily Online · Xinhua · published 2024-10-16T10:42:00\+08:00/);
    expect(item?.detail).toMatch(/editors: Zhang Kaiwei, Zhong Wenxing/);
  });

  it('pages with limit and offset, best first', () => {
    const all = who(engine, '', { limit: 25 }).items;
    const page = who(engine, '', { limit: 2, offset: 2 }).items;
    expect(page).toEqual(all.slice(2, 4));
  });

  it('answers from every article of a corpus, and each citation names its article', () => {
    const two = Engine.fromArticles([
      article('first', ['The bridge opened in Boston on Monday.']),
      article('second', ['The tunnel opened in Chicago on Tuesday.']),
    ]);
    const cited = search(two, 'opened').items.map((i) => i.citations[0]?.article);
    expect(cited.sort()).toEqual(['first', 'second']);
  });
});
