import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/answer/engine.ts';
import { findDates } from '../src/extract/dates.ts';
import { findMentions } from '../src/extract/entities.ts';
import { acronymExpansions } from '../src/extract/mergeEntities.ts';
import { tagSentence } from '../src/extract/tagger.ts';
import { article, EXTRA_CORPUS_DIR, loadEngine, seedEngine } from './helpers.ts';

const mentions = (sentence: string) =>
  findMentions('t:1.1', sentence, tagSentence(sentence)).map(
    (m) => `${m.kind}: ${m.name}${m.detail ? ` | ${m.detail}` : ''}`,
  );

describe('entities in one sentence', () => {
  it('finds a Chinese full name with its appositive role', () => {
    expect(mentions('In a speech, Liu Jianchao, head of the International Department, said so.')).toContain(
      'person: Liu Jianchao | head of the International Department',
    );
  });

  it('takes titles before a name as the role', () => {
    const found = mentions('Mayor Helen Brooks met Gov. Daniel Ortiz and Mr. Tom Baker on the pier.');
    expect(found).toContain('person: Helen Brooks | Mayor');
    expect(found).toContain('person: Daniel Ortiz | Gov.');
    expect(found).toContain('person: Tom Baker');
  });

  it('types organizations by their head noun and keeps a spelled-out acronym', () => {
    expect(
      mentions(
        'It was co-hosted by the International Department of the Communist Party of China (CPC) Central Committee.',
      ),
    ).toContain(
      'organization: International Department of the Communist Party of China (CPC) Central Committee',
    );
  });

  it('finds places from the gazetteer, with a description, and leaves a direction word out of the name', () => {
    const found = mentions(
      'It was held Monday in Changchun, the capital city of Jilin Province, to discuss northeast China.',
    );
    expect(found).toContain('place: Changchun | the capital city of Jilin Province');
    expect(found).toContain('place: Jilin Province');
    expect(found).toContain('place: China');
    expect(mentions('Troops moved into south Lebanon.')).toEqual(['place: Lebanon']);
  });

  it('finds participant groups: plural nouns for kinds of people, with a quantity', () => {
    const found = mentions(
      'It drew over 200 leaders of political parties, foreign diplomats and business representatives.',
    );
    expect(found).toContain('group: leaders of political parties | over 200');
    expect(found).toContain('group: foreign diplomats');
    expect(found).toContain('group: business representatives');
  });

  it('does not take a list item after a comma for a description', () => {
    expect(mentions('It was hosted by Liaoning, Jilin and Heilongjiang.')).toEqual([
      'place: Liaoning',
      'place: Jilin',
      'place: Heilongjiang',
    ]);
  });

  it('ends a name at a possessive: "China\'s Hubei Province" is two places', () => {
    const found = mentions("It opened in Wuhan, capital of central China's Hubei Province, on Thursday.");
    expect(found).toContain('place: Hubei Province');
    expect(found).not.toContain("place: central China's Hubei Province");
  });

  it('does not take sentence-initial words or directions for names', () => {
    expect(mentions('Foreign guests praised South-South cooperation.')).toEqual(['group: foreign guests']);
  });

  it('learns acronyms from names that spell them out', () => {
    expect(
      acronymExpansions(['International Department of the Communist Party of China (CPC) Central Committee']),
    ).toEqual(new Map([['CPC', 'Communist Party of China']]));
  });
});

describe('dates', () => {
  it('resolves "held Monday" against the dateline Oct. 15, 2024 to 2024-10-14', () => {
    const [date] = findDates('t:1.1', 'A conference was held Monday in Changchun.', '2024-10-15');
    expect(date?.iso).toBe('2024-10-14');
    expect(date?.event).toBe('A conference was held Monday');
  });

  it('reads a weekday after "will" forward', () => {
    expect(findDates('t', 'The team will review it on Friday.', '2024-03-11')[0]?.iso).toBe('2024-03-15');
  });

  it('does not take a duration for a date ("after 40 days")', () => {
    expect(findDates('t', 'Harvests were stable even after 40 days without rain.', '2025-03-20')).toEqual([]);
  });

  const days = (sentence: string, reference: string) => findDates('t', sentence, reference).map((d) => d.iso);

  it('takes no fraction, name or verb for a date', () => {
    expect(days('Shares of the bank eased 1/8 to 23 in late trading.', '2024-05-09')).toEqual([]);
    expect(days('Sun Microsystems cut its forecast.', '2024-05-09')).toEqual([]);
    expect(days('Sun Yang won the race.', '2024-05-09')).toEqual([]);
    expect(days('Collectors traded Pokémon cards.', '2024-05-09')).toEqual([]);
    expect(days('The soldiers march 20 kilometres a day.', '2024-05-09')).toEqual([]);
    expect(days('Youth groups may 5 times a year gather.', '2024-05-09')).toEqual([]);
  });

  it('keeps a weekday of the reference day on that day, whatever the time ("Thursday evening")', () => {
    // 2024-05-09 is a Thursday.
    expect(days('Police arrested him Thursday evening.', '2024-05-09')).toEqual(['2024-05-09']);
  });

  it('reads past tense before a weekday as the past, and a forward cue as the future', () => {
    expect(days('The minister said Friday that talks will resume.', '2024-05-09')).toEqual(['2024-05-03']);
    expect(days('The vote is scheduled for Tuesday.', '2024-05-09')).toEqual(['2024-05-14']);
    expect(days('The contract was due to expire last Thursday.', '2024-05-09')).toEqual(['2024-05-02']);
  });

  it('gives a month and day without a year the year the tense calls for', () => {
    expect(days('The company reported results for the year ended Jan. 31.', '2024-05-09')).toEqual([
      '2024-01-31',
    ]);
    expect(days('The storm struck on Oct. 23, officials recalled.', '2024-05-09')).toEqual(['2023-10-23']);
    expect(days('The summit will open on Oct. 23.', '2024-05-09')).toEqual(['2024-10-23']);
  });

  it('finds times of this day and the day before, and both ends of a range', () => {
    expect(days('The market fell this morning.', '2024-05-09')).toEqual(['2024-05-09']);
    expect(days('Rebels attacked the post last night.', '2024-05-09')).toEqual(['2024-05-08']);
    expect(days('The exhibition ran from Aug. 26 to Oct. 20, 2023.', '2024-05-09')).toEqual([
      '2023-08-26',
      '2023-10-20',
    ]);
  });

  it('reads "today\'s vote" as the day and "today\'s youth" as the present era', () => {
    expect(days("Today's vote was close.", '2024-05-09')).toEqual(['2024-05-09']);
    expect(days("The case speaks to today's youth.", '2024-05-09')).toEqual([]);
  });

  it('reads explicit dates and ignores a bare month word ("the march")', () => {
    expect(findDates('t', 'Detours began July 3, 2023.', '2024-03-11')[0]?.iso).toBe('2023-07-03');
    expect(findDates('t', "The region's march toward revitalization goes on.", '2024-10-15')).toEqual([]);
  });
});

describe('extraction on the seed article', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = seedEngine();
  });

  it('lists Liu Jianchao with his role, and never a lone surname', () => {
    const people = engine.knowledge.entities.filter((e) => e.kind === 'person');
    expect(people.find((p) => p.name === 'Liu Jianchao')?.detail).toMatch(
      /^head of the International Department/,
    );
    expect(people.map((p) => p.name)).not.toContain('Liu');
  });

  it('lists the places with Changchun described as the capital of Jilin', () => {
    const places = engine.knowledge.entities.filter((e) => e.kind === 'place');
    const names = places.flatMap((p) => [p.name, ...p.aliases]);
    for (const name of ['Changchun', 'Jilin', 'Liaoning', 'Heilongjiang', 'Inner Mongolia'])
      expect(names).toContain(name);
    expect(places.find((p) => p.name === 'Changchun')?.detail).toMatch(/capital city of Jilin Province/);
  });

  it('finds the participant groups', () => {
    const groups = engine.knowledge.entities.filter((e) => e.kind === 'group').map((g) => g.name);
    expect(groups).toEqual(
      expect.arrayContaining(['foreign diplomats', 'business representatives', 'foreign guests']),
    );
  });

  it('dates the conference to 2024-10-14', () => {
    expect(engine.knowledge.dates.map((d) => d.iso)).toContain('2024-10-14');
  });

  it('ranks key phrases of the event first (PositionRank), names included, and keeps the listed subjects', () => {
    const top = engine.knowledge.themes.slice(0, 10).map((t) => t.phrase);
    expect(top).toContain('full revitalization');
    expect(top).toContain('northeast China');
    expect(top.filter((phrase) => phrase.includes(' ')).length).toBeGreaterThanOrEqual(7);
    const phrases = engine.knowledge.themes.flatMap((t) => [t.phrase, ...t.variants]);
    for (const theme of [
      'technological innovation',
      'grain production',
      'energy transition',
      'ecological protection',
    ]) {
      expect(phrases).toContain(theme);
    }
  });

  it('puts the subjects the article lists after "in the fields of" in its top 10', () => {
    const top = engine.knowledge.themes.slice(0, 10).map((t) => t.phrase);
    for (const theme of [
      'technological innovation',
      'grain production',
      'energy transition',
      'ecological protection',
    ])
      expect(top).toContain(theme);
  });

  it('counts a list of subjects, not a list of who came, as the article stating its subjects', () => {
    // "... foreign diplomats and business representatives" lists participants (/who lists them).
    const top = engine.knowledge.themes.slice(0, 10).map((t) => t.phrase);
    expect(top).not.toContain('business representatives');
    expect(top).not.toContain('foreign diplomats');
    expect(top).toContain('international cooperation');
  });

  it('leads with subjects, not the parts of names /who lists (unless the title names them)', () => {
    const top = engine.knowledge.themes.slice(0, 10).map((t) => t.phrase);
    expect(top).not.toContain('CPC Central Committee');
    expect(top).not.toContain('Autonomous Regional Committee');
    expect(top).toContain('northeast China');
  });

  it('cites the sentences every item comes from', () => {
    const ids = new Set(engine.sentences.map((s) => s.id));
    for (const e of engine.knowledge.entities) for (const id of e.sentenceIds) expect(ids.has(id)).toBe(true);
    for (const t of engine.knowledge.themes) expect(t.sentenceIds.length).toBeGreaterThan(0);
  });
});

describe('extraction on another article (Western names, titles, initials)', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = loadEngine(EXTRA_CORPUS_DIR);
  });

  it('finds people with their titles and merges a later surname into the full name', () => {
    const people = new Map(
      engine.knowledge.entities.filter((e) => e.kind === 'person').map((e) => [e.name, e]),
    );
    expect(people.get('Helen Brooks')?.detail).toBe('Mayor');
    expect(people.get('Helen Brooks')?.sentenceIds).toHaveLength(2);
    expect(people.get('Daniel Ortiz')?.detail).toBe('Gov.');
    expect(people.get("Sarah O'Neil")?.detail).toMatch(/an engineer at Northeastern University/);
    expect([...people.keys()]).not.toContain('Brooks');
  });

  it('finds organizations with "U.S." and places coordinated with a known place', () => {
    const names = engine.knowledge.entities.map((e) => `${e.kind}: ${e.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'organization: U.S. Department of Transportation',
        'organization: Northeastern University',
        'place: Chelsea',
        'place: Charlestown',
      ]),
    );
  });

  it('resolves "Sunday" back and "will review ... on Friday" forward from the dateline', () => {
    expect(engine.knowledge.dates.map((d) => d.iso)).toEqual([
      '2023-07-03',
      '2024-03-10',
      '2024-03-15',
      '2025-03-20',
    ]);
  });
});

describe('themes and names (our own article)', () => {
  const paragraphs = [
    'Flood waters receded on Tuesday along the Drava river, where volunteers had filled sandbags for a week.',
    'The clean-up is led by the Regional Office of the Drava Water Authority Board and the Osijek Fire Brigade.',
    'Volunteers told of the work in the fields of sandbag filling, pump repair, boat rescue and food supply.',
    'A spokesman for the board said the river would fall further by the weekend.',
  ];
  const themesOf = (title: string) =>
    Engine.fromArticles([article('drava', paragraphs, { title })]).knowledge.themes.map((t) => t.phrase);

  it('ranks a part of a longer name ("Water Authority Board") below the subjects', () => {
    const themes = themesOf('Flood waters recede along the Drava');
    expect(themes.indexOf('Water Authority Board')).toBeGreaterThan(themes.indexOf('Drava river'));
    expect(themes.slice(0, 8)).not.toContain('Regional Office');
  });

  it('ranks the items of a list led by a word for subjects ("the areas of") above those of another list', () => {
    const themes = Engine.fromArticles([
      article('relief', [
        'Relief crews reached the valley on Monday after the storm.',
        'Trucks brought warm blankets, dry clothes and hot meals to the school.',
        'Volunteers worked in the areas of water supply, road safety and power lines.',
      ]),
    ]).knowledge.themes.map((t) => t.phrase);
    const worst = Math.max(...['water supply', 'road safety', 'power lines'].map((p) => themes.indexOf(p)));
    const best = Math.min(
      ...['warm blankets', 'dry clothes', 'hot meals'].map((p) => themes.indexOf(p) >>> 0),
    );
    expect(worst).toBeGreaterThanOrEqual(0);
    expect(worst).toBeLessThan(best);
  });

  it('keeps it first when the title names it: then it is the subject', () => {
    expect(themesOf('Water Authority Board counts the cost of the Drava flood')[0]).toBe(
      'Water Authority Board',
    );
  });
});
