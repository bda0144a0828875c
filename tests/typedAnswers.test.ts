import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/answer/engine.ts';
import { run } from '../src/answer/run.ts';
import { findMentions } from '../src/extract/entities.ts';
import { tagSentence } from '../src/extract/tagger.ts';
import { article, EXTRA_CORPUS_DIR, loadEngine, seedEngine } from './helpers.ts';

/** What one sentence names, as "kind: name | detail". */
const mentions = (sentence: string) =>
  findMentions('t:1.1', sentence, tagSentence(sentence)).map(
    (m) => `${m.kind}: ${m.name}${m.detail ? ` | ${m.detail}` : ''}`,
  );

/** An engine over articles written for these tests (each a list of paragraphs). */
const engineOf = (...articles: Array<[string, string[]]>) =>
  Engine.fromArticles(articles.map(([id, paragraphs]) => article(id, paragraphs)));

const entity = (engine: Engine, name: string) => engine.knowledge.entities.find((e) => e.name === name);

describe('names on news text: each error class of issue 8, on our own sentences', () => {
  it('keeps a title or office out of the name and gives it as the role', () => {
    expect(mentions('Prime Minister Helena Marsh flew home.')).toContain(
      'person: Helena Marsh | Prime Minister',
    );
    expect(mentions('Talks with Agriculture Secretary Dan Whitlow ended.')).toContain(
      'person: Dan Whitlow | Agriculture Secretary',
    );
    expect(mentions('Ukrainian President Taras Melnyk arrived.')).toContain(
      'person: Taras Melnyk | Ukrainian President',
    );
  });

  it('leaves a nationality out of a name, and takes no nationality alone for a name', () => {
    expect(mentions('Australian Tom Moody took six wickets.')).toContain('person: Tom Moody | Australian');
    expect(mentions('Kurdish leaders met.').filter((m) => !m.startsWith('group'))).toEqual([]);
    for (const sentence of ['The Serb said no.', 'Serbs and Croats marched.', 'A Tajik spoke.'])
      expect(mentions(sentence).filter((m) => !m.startsWith('group'))).toEqual([]);
  });

  it('takes an office with "of" into the title ("Secretary of State")', () => {
    expect(mentions('Assistant Secretary of State Mark Hollis arrived.')).toContain(
      'person: Mark Hollis | Assistant Secretary of State',
    );
  });

  it('takes no event, people or adjective of a people for a name', () => {
    expect(mentions('She won the Riverside Open and went to the Venice Film Festival.')).toEqual([]);
    expect(
      mentions('The Kurds and the Moslem community marched.').filter((m) => !m.startsWith('group')),
    ).toEqual([]);
    expect(mentions('South Korean officials said so.').filter((m) => !m.startsWith('group'))).toEqual([]);
  });

  it('reads a name with a nickname in quotes as one person, not as names of its own', () => {
    const found = mentions('Veteran boxer Luis "Iron Hands" Ortega of Texas fights again.');
    expect(found).toContain('person: Luis "Iron Hands" Ortega');
    expect(found.filter((m) => /: (?:Luis|Ortega|Iron Hands)$/.test(m))).toEqual([]);
  });

  it('types news agencies named by one word, and bodies whose name starts with a place, as organizations', () => {
    expect(mentions('The minister told Reuters the talks had failed.')).toContain('organization: Reuters');
    expect(mentions('Shares fell on the Harbour City Stock Exchange on Monday.')).toContain(
      'organization: Harbour City Stock Exchange',
    );
  });

  it('keeps "and" and "in" inside the name of a body named head first, not elsewhere', () => {
    expect(mentions('Observers from the Organisation for Trade and Fisheries in Oceania arrived.')).toContain(
      'organization: Organisation for Trade and Fisheries in Oceania',
    );
    const bank = mentions('The Bank of England in London raised rates.');
    expect(bank).toContain('organization: Bank of England');
    expect(bank).not.toContain('organization: Bank of England in London');
    expect(mentions('Smith and Jones left.')).not.toContain('person: Smith and Jones');
  });

  it('reads a person before a possessive: "X’s government" is the government of X, not a body named X', () => {
    const found = mentions("Protesters marched against President Anton Velic's government.");
    expect(found).toContain('person: Anton Velic | President');
    expect(found.filter((m) => m.startsWith('organization'))).toEqual([]);
  });

  it('splits "Company CEO Person" into the company and the person, whose role is CEO', () => {
    const found = mentions('Harbourline CEO Maria Kessler said the deal was done.');
    expect(found).toContain('organization: Harbourline');
    expect(found).toContain('person: Maria Kessler | CEO');
  });

  it('keeps Romance particles inside a name, and types newspapers and broadcasters as organizations', () => {
    expect(mentions('The deal was reported by the Corriere della Valle newspaper.').join()).toContain(
      ': Corriere della Valle',
    );
    expect(mentions('Officials spoke to Riga Radio on Monday.')).toContain('organization: Riga Radio');
  });

  it('takes a name right after "said" or a lower-case person noun for a person', () => {
    expect(mentions('"We stayed," said Oskar Vantaren, a farmer from the hills.')).toContain(
      'person: Oskar Vantaren | a farmer from the hills',
    );
    expect(mentions('The talks were led by presidential adviser Ilgar Hasanli.')).toContain(
      'person: Ilgar Hasanli',
    );
    expect(mentions('He will meet his Latvian counterpart Dov Avrahami on Monday.')).toContain(
      'person: Dov Avrahami',
    );
  });

  it('keeps a middle initial inside a name, and the period of a company suffix', () => {
    expect(mentions('Governor Harold T. Brennan met the board.')).toContain(
      'person: Harold T. Brennan | Governor',
    );
    expect(mentions('Shares of Harbour Bancshares Inc. rose.')).toContain(
      'organization: Harbour Bancshares Inc.',
    );
  });

  it('leaves a weekday glued to a name out of it, but keeps a surname that is a month', () => {
    expect(mentions('Talks in the United States Friday ended early.')).toContain('place: United States');
    expect(mentions('Prime Minister Theresa May spoke.')).toContain('person: Theresa May | Prime Minister');
  });

  it('takes the towns listed with a team for teams too, but not countries', () => {
    const found = mentions('Title rivals Leeds, Sheffield and Bradford all closed in on victory.');
    expect(found).toEqual(
      expect.arrayContaining(['organization: Leeds', 'organization: Sheffield', 'organization: Bradford']),
    );
    expect(found.filter((m) => m.startsWith('place'))).toEqual([]);
    expect(mentions('Leaders from France, Spain and Portugal met.')).toEqual([
      'place: France',
      'place: Spain',
      'place: Portugal',
    ]);
  });

  it('takes a town named as a club or side for a team, not a place', () => {
    expect(mentions('He was loaned to serie A club Bergamo for a year.')).toContain('organization: Bergamo');
    expect(mentions('The former Leeds skipper retired.')).toContain('organization: Leeds');
  });

  it('gives the role of a lower-case appositive title', () => {
    expect(
      mentions('Wang Meilin, vice governor of Heilongjiang Province, said the region would grow.'),
    ).toContain('person: Wang Meilin | vice governor of Heilongjiang Province');
  });

  it('splits a person from the place or body named after "of"', () => {
    const found = mentions('Erin Walsh of Boston said the Harbor Fund of Maine would help.');
    expect(found).toContain('person: Erin Walsh');
    expect(found).toContain('place: Boston');
  });

  it('takes no month, weekday or holiday for a person, and stops a name at a spaced dash', () => {
    expect(mentions('January was cold.')).toEqual([]);
    expect(mentions('Stores closed on Labour Day.')).toEqual([]);
    expect(mentions('FRANCE - Bond futures rose.').some((m) => m.includes(' - '))).toBe(false);
  });

  it('knows the customary names of countries and regions', () => {
    expect(mentions('Exports from the U.S. and Britain to the Middle East rose.')).toEqual(
      expect.arrayContaining(['place: U.S.', 'place: Britain', 'place: Middle East']),
    );
  });

  it('types a name followed by the kind of body it is as an organization', () => {
    expect(mentions('Quoted by the Voskhod news agency, officials denied it.')).toContain(
      'organization: Voskhod',
    );
  });

  it('lists an organization by its long form, with its acronym as another name for it', () => {
    const engine = engineOf([
      'kdp',
      ['The Kurdistan Unity Party (KUP) won the vote.', 'The KUP leader thanked voters.'],
    ]);
    const party = entity(engine, 'Kurdistan Unity Party');
    expect(party?.kind).toBe('organization');
    expect(party?.aliases).toContain('KUP');
    expect(party?.sentenceIds).toHaveLength(2);
  });

  it('joins a surname to the full name of the same article, even one read as a place', () => {
    const engine = engineOf([
      'visit',
      ['President Bill Clinton arrived on Monday.', 'Clinton said the talks went well.'],
    ]);
    expect(entity(engine, 'Bill Clinton')?.sentenceIds).toHaveLength(2);
    expect(engine.entityLists.where.map((e) => e.name)).not.toContain('Clinton');
  });

  it('reads a city or region that plays a match as a team, in the whole article; a country stays a place', () => {
    const engine = engineOf([
      'cricket',
      [
        'Leicestershire beat Somerset by an innings.',
        'Somerset had led early.',
        'England lost to Australia.',
      ],
    ]);
    const kind = (name: string) => entity(engine, name)?.kind;
    expect(kind('Leicestershire')).toBe('organization');
    expect(kind('Somerset')).toBe('organization');
    expect(engine.entityLists.where.map((e) => e.name)).toEqual(
      expect.arrayContaining(['England', 'Australia']),
    );
  });

  it('reads a team named by a plural nickname, after "the" or as a side of a match', () => {
    const found = mentions(
      'At Denver, the Red Herons beat the Owls 6-2 while the Brewers lost to the Hawks.',
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'organization: Red Herons',
        'organization: Owls',
        'organization: Brewers',
        'organization: Hawks',
        'place: Denver',
      ]),
    );
    expect(mentions('Relief came for the Alps hikers.').some((m) => m.startsWith('organization'))).toBe(
      false,
    );
    expect(mentions('Voters in the Balkans waited.')).toContain('place: Balkans');
  });

  it('reads a town after words only a team stands beside, or won over, as a team', () => {
    expect(mentions('There were wins for champions Stockport on Sunday.')).toContain(
      'organization: Stockport',
    );
    expect(mentions('He starred in the Wrexham side that day.')).toContain('organization: Wrexham');
    expect(mentions('They won 31-12 over Gloucester in the rain.')).toContain('organization: Gloucester');
    expect(mentions('Prices rose in Gloucester on Monday.')).toContain('place: Gloucester');
  });

  it('joins "for" inside the name of a kind of body only', () => {
    expect(mentions('The Bank for International Settlements warned on Monday.')).toContain(
      'organization: Bank for International Settlements',
    );
    const found = mentions('Fans cheered the Red Herons for the Coastal League title on Friday.');
    expect(found.some((m) => m.includes(' for '))).toBe(false);
  });

  it('takes a nationality before an acronym for its description, and keeps it in an office’s name', () => {
    const found = mentions('The Polish KRP and the German Foreign Ministry agreed.');
    expect(found).toEqual(
      expect.arrayContaining(['organization: KRP | Polish', 'organization: German Foreign Ministry']),
    );
  });

  it('reads "against" as a match only after a word of play', () => {
    expect(mentions('Their rain-affected match against Lancashire was drawn.')).toContain(
      'organization: Lancashire',
    );
    const found = mentions('Sanctions against Moscow and protests against Beijing grew.');
    expect(found).toEqual(expect.arrayContaining(['place: Moscow', 'place: Beijing']));
  });

  it('reads every town of a sports report named without "in" or "at" as a team', () => {
    const engine = engineOf([
      'county',
      [
        'Sussex beat Durham by six wickets on Friday.',
        'Title rivals Hampshire drew with Kent.',
        'Yorkshire reached 250 for four at Scarborough.',
      ],
    ]);
    const kind = (name: string) => entity(engine, name)?.kind;
    expect(kind('Yorkshire')).toBe('organization');
    expect(kind('Scarborough')).toBe('place');
    // A report with no match keeps its towns as places.
    const news = engineOf(['news', ['Yorkshire reported heavy rain.', 'Durham opened a museum.']]);
    expect(news.entityLists.where.map((e) => e.name)).toEqual(
      expect.arrayContaining(['Yorkshire', 'Durham']),
    );
  });

  it('joins a team’s nickname or town alone to its full name in the same sports report', () => {
    const engine = engineOf([
      'baseball',
      [
        'The Denver Herons beat the Omaha Owls 5-3 on Friday.',
        'The Herons had lost three straight.',
        'Omaha lost again against Tulsa.',
      ],
    ]);
    expect(entity(engine, 'Denver Herons')?.sentenceIds).toHaveLength(2);
    expect(entity(engine, 'Omaha Owls')?.sentenceIds).toHaveLength(2);
    expect(entity(engine, 'Herons')).toBeUndefined();
  });

  it('takes a first name for part of the name, never for a title', () => {
    expect(mentions('"It was a blaze," said Don Harwell of the Acme Fire Department.')).toContain(
      'person: Don Harwell',
    );
    expect(mentions('Buddy Torrance pitched the ninth.')).toContain('person: Buddy Torrance');
    expect(mentions('Ex-Yankee Randy Velmont hit his 11th homer.')).toContain(
      'person: Randy Velmont | Ex-Yankee',
    );
  });

  it('takes two or three words that are no English words for a person, except after "in" or "town of"', () => {
    expect(mentions('Billy Andrews, Jesko Parnavik and Duffo Walsko trail by three.')).toEqual(
      expect.arrayContaining(['person: Jesko Parnavik', 'person: Duffo Walsko']),
    );
    expect(mentions('A bomb went off in the town of Bou Kerrad on Monday.')).toContain('place: Bou Kerrad');
    expect(mentions('Fighting spread in Tiro Vakhsh.').some((m) => m.startsWith('person'))).toBe(false);
    const commander = mentions(
      'Luis Ortega, a police commander in Zamarillo, told reporters the road was shut.',
    );
    expect(commander).toContain('person: Luis Ortega | a police commander in Zamarillo');
    expect(commander.some((m) => m.startsWith('person: Zamarillo'))).toBe(false);
    expect(mentions('Rain stopped play at Grace Park on Friday.').some((m) => m.startsWith('person'))).toBe(
      false,
    );
  });

  it('takes an office with no name after it for no name ("Director of Intelligence")', () => {
    expect(mentions('He was the army’s Director of Intelligence until 1921.')).toEqual([]);
  });

  it('reads "English" or another people word as no town, though a town bears the name', () => {
    expect(mentions('He began in English club rugby.')).toEqual([]);
  });

  it('never merges two people of different articles on a shared name', () => {
    const engine = engineOf(
      ['rome', ['Pope John Paul blessed the crowd.', 'Paul waved from the balcony.']],
      ['leeds', ['Coach Paul Crofts resigned.', 'Paul thanked the players.']],
    );
    expect(entity(engine, 'John Paul')?.sentenceIds.every((id) => id.startsWith('rome:'))).toBe(true);
    expect(entity(engine, 'Paul Crofts')?.sentenceIds.every((id) => id.startsWith('leeds:'))).toBe(true);
  });
});

describe('lists by article', () => {
  it('lists one article’s people, places and dates, citing only its sentences', () => {
    const engine = loadEngine(EXTRA_CORPUS_DIR);
    const [first, second] = engine.articles;
    for (const command of ['who', 'where', 'when', 'themes'] as const) {
      const all = run(engine, command, '', { limit: 25 }).items;
      const mine = run(engine, command, '', { limit: 25, article: first?.id }).items;
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.length).toBeLessThanOrEqual(all.length);
      for (const item of mine) for (const c of item.citations) expect(c.article).toBe(first?.id);
      const theirs = run(engine, command, '', { limit: 25, article: second?.id }).items;
      expect(theirs.map((i) => i.label)).not.toEqual(mine.map((i) => i.label));
    }
  });

  it('marks every listed item with its kind', () => {
    const engine = seedEngine();
    const kinds = (command: 'who' | 'where' | 'when' | 'themes') =>
      new Set(run(engine, command, '', { limit: 25 }).items.map((i) => i.kind));
    expect([...kinds('who')].every((k) => k === 'person' || k === 'organization' || k === 'group')).toBe(
      true,
    );
    expect([...kinds('where')]).toEqual(['place']);
    expect([...kinds('when')]).toEqual(['date']);
    expect([...kinds('themes')]).toEqual(['theme']);
  });
});

/** Sentences of the kinds news prints, to compose articles from. */
const SENTENCES = [
  'Prime Minister Helena Marsh met Ukrainian President Taras Melnyk in Kyiv on Monday.',
  'The Harbor Fund (HF) said it would invest $40 million in Boston.',
  'Erin Walsh of the Northeastern Farmers Union spoke to reporters.',
  'Grain production, energy transition and ecological protection were discussed.',
  'Shares of Douglas & Lomason Co rose 1/8 to 23.',
  'Sun Microsystems cut jobs in Texas last week.',
  'The soldiers march 20 kilometres a day, officials in Britain said.',
  'Australian Tom Moody took six for 82 at the Oval.',
  'Mayor Helen Brooks, who cut the ribbon, called it "a promise kept."',
  'Walsh said the Harbor Fund would report again on Oct. 20.',
];

describe('typed lists: properties over articles composed from news sentences', () => {
  it('every /who, /where and /themes label occurs verbatim in one of its cited sentences', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (paragraphs) => {
          const engine = engineOf(['composed', paragraphs.map((p) => p.join(' '))]);
          for (const command of ['who', 'where', 'themes'] as const) {
            for (const item of run(engine, command, '', { limit: 25 }).items) {
              const cited = item.citations.map(
                (c) => engine.sentenceAt(c.article, c.paragraph, c.sentence)?.text ?? '',
              );
              expect(cited.some((text) => text.includes(item.label ?? '\u0000'))).toBe(true);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
