import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patternSpan } from '../src/answer/patterns.ts';
import { parseQuestion } from '../src/answer/question.ts';
import { questionTerms } from '../src/answer/questionTerms.ts';
import { termKeys } from '../src/text/terms.ts';

/**
 * The span the answer patterns read from one sentence for a question, as text (null: no pattern
 * applies). The sentence stands for the corpus: the question's paraphrases are those it holds.
 */
function patternText(question: string, text: string): string | null {
  const parsed = parseQuestion(question);
  const inText = new Set(termKeys(text));
  const terms = questionTerms(question, parsed, (key) => inText.has(key));
  const span = patternSpan(
    {
      text: question,
      parsed,
      keys: new Set(terms.filter((t) => t.weight === 1).map((t) => t.key)),
      stands: new Map(terms.map((t) => [t.key, t.stands])),
    },
    text,
  );
  return span ? text.slice(span.start, span.end) : null;
}

describe('answer patterns (our own sentences)', () => {
  it.each([
    [
      'what did Mayor Olsen say?',
      'Speaking at the harbour, Mayor Ada Olsen said the city is ready to rebuild the old pier, thanking the volunteers.',
      'the city is ready to rebuild the old pier',
    ],
    [
      'what did the fishermen say?',
      'The fishermen welcomed the plan, adding that a safer pier would bring back the summer markets.',
      'a safer pier would bring back the summer markets',
    ],
  ])('the clause after a verb of saying answers "what did X say?": %s', (question, text, answer) => {
    expect(patternText(question, text)).toBe(answer);
  });

  it.each([
    [
      'what did the inspectors praise?',
      'Inspectors commended the quick repairs to the northern dam, as well as the clear warnings.',
      'the quick repairs to the northern dam',
    ],
    [
      'what does the council want to expand?',
      'The council hopes to work with farmers in planting hedges, expanding river patrols, and cleaning the canals.',
      'river patrols',
    ],
    [
      'what did the board launch?',
      'After the floods, the board launched programmes to rebuild the levees along the river.',
      'programmes',
    ],
    [
      'what was selected as the main language of the summit?',
      'The delegates agreed on selecting Swahili as the main language of the summit.',
      'Swahili',
    ],
  ])(
    'the object of the question verb, or of its paraphrase, answers "what did X VERB?": %s',
    (question, text, answer) => {
      expect(patternText(question, text)).toBe(answer);
    },
  );

  it.each([
    [
      'who planted the trees?',
      'On Sunday, pupils and teachers from the three village schools planted the trees along the canal.',
      'pupils and teachers from the three village schools',
    ],
    [
      'what has lifted the sales?',
      'Traders say that the opening of the new bridge has lifted the sales of every stall.',
      'the opening of the new bridge',
    ],
    [
      'who repaired the bell?',
      'The old bell was repaired by the Lindqvist Foundry, a family firm, in May.',
      'the Lindqvist Foundry',
    ],
    ['who sponsored the race?', 'In 2019 harbour engineer Mara Quist sponsored the race.', 'Mara Quist'],
  ])('the subject of the question verb answers "who/what VERB ...?": %s', (question, text, answer) => {
    expect(patternText(question, text)).toBe(answer);
  });

  it('the "of" phrase of a noun made from the verb answers who, a whole list kept ("the attendance of ...")', () => {
    expect(
      patternText(
        'who attended the fair?',
        'The fair opened Friday in Dunmore with the attendance of 40 growers from six valleys, local cooks and two brass bands.',
      ),
    ).toBe('40 growers from six valleys, local cooks and two brass bands');
  });

  it('the verb phrase after "willing to" answers "what is X willing to do?", up to an adjunct', () => {
    expect(
      patternText(
        'what is the union willing to do?',
        'The union is willing to meet the owners in Brask in reviewing the contracts, said its leader.',
      ),
    ).toBe('meet the owners in Brask');
  });

  it.each([
    [
      'where is Tolven?',
      'The race starts in Tolven, the largest port of the Serin Islands, at dawn.',
      'the largest port of the Serin Islands',
    ],
    [
      'what is the largest port of the Serin Islands?',
      'The race starts in Tolven, the largest port of the Serin Islands, at dawn.',
      'Tolven',
    ],
  ])('an appositive and the name it describes answer each other: %s', (question, text, answer) => {
    expect(patternText(question, text)).toBe(answer);
  });

  it('the clause before a time answers "what happened on DAY?"', () => {
    expect(
      patternText(
        'what happened on Tuesday?',
        'A new ferry line to the islands was opened Tuesday by the port.',
      ),
    ).toBe('A new ferry line to the islands was opened');
  });

  it.each([
    [
      'what can result in a shortage of water?',
      'Experts warn that dry summers can result in a shortage of water across the valley.',
      'dry summers',
    ],
    [
      'what is very important for the harvest?',
      'Warm soil in the spring is very important for the harvest, though frost also matters.',
      'Warm soil in the spring',
    ],
    [
      'what is grown in the southern valleys?',
      'Barley and oats are grown in the southern valleys, the warmest part of the island.',
      'Barley and oats',
    ],
  ])(
    'the subject of the same predicate answers "what can VERB / is ADJECTIVE / is PARTICIPLE ...?": %s',
    (question, text, answer) => {
      expect(patternText(question, text)).toBe(answer);
    },
  );

  it('reads no pronoun as the subject a question asks for', () => {
    expect(
      patternText('what is very important for the harvest?', 'It is very important for the harvest.'),
    ).toBeNull();
  });

  it('ends a passive agent before an adjunct or another verb, and without its title for who', () => {
    expect(
      patternText(
        'who painted the mural?',
        'The mural was painted by local artist Ines Calder in 2001 and restored by the town.',
      ),
    ).toBe('Ines Calder');
    expect(
      patternText(
        'who recorded the harbour songs?',
        'The harbour songs were recorded by Ada Olsen and Per Holm and have been sung by the choir since 1990.',
      ),
    ).toBe('Ada Olsen and Per Holm');
  });

  it('reads the object at the very verb of the question before one at a paraphrase', () => {
    // "return" is a paraphrase of "generate" that the sentence also holds.
    expect(
      patternText(
        'what do large farms generate?',
        'The return of the land was slow, and large farms generate higher yields than small ones.',
      ),
    ).toBe('higher yields than small ones');
  });

  it('reads the object after the particle a question ends with ("what does X lead to?")', () => {
    expect(
      patternText(
        'what does the drought lead to?',
        'Officials said the drought leads directly to lower harvests in the north.',
      ),
    ).toBe('lower harvests in the north');
  });

  it.each([
    [
      'what was the new ferry called?',
      'In 2003 the port bought a second ferry, a fast boat called Sea Wren of Holm, which sails at dawn.',
      'Sea Wren of Holm',
    ],
    [
      'what were the village fairs known as?',
      'The three village fairs, known as the Harvest Markets, drew crowds from the valleys.',
      'Harvest Markets',
    ],
    [
      'what was the name of the festival play?',
      'For the festival the school staged a play titled "The Long Winter" with forty pupils.',
      'The Long Winter',
    ],
    [
      'what is the old pier known as?',
      "The new pier is known as the East Quay, and the old pier is known as the fishermen's landing since 1900.",
      "the fishermen's landing",
    ],
  ])(
    'the name after a verb of naming answers "what is X called / known as?": %s',
    (question, text, answer) => {
      expect(patternText(question, text)).toBe(answer);
    },
  );

  it.each([
    [
      'what kind of data did the port collect?',
      'Since 2010 the port has collected tidal and weather data for the harbour pilots.',
      'tidal and weather',
    ],
    [
      'what type of ferry effort was praised?',
      'Inspectors praised the community-led ferry efforts of the islanders.',
      'community-led',
    ],
    [
      'which sort of boats are used for the mail?',
      'Small fast boats carry the mail, while relatively slow barges carry the coal.',
      'Small fast',
    ],
  ])('the words before the noun answer "what kind of X?": %s', (question, text, answer) => {
    expect(patternText(question, text)).toBe(answer);
  });

  it.each([
    [
      'why was the ferry late?',
      'On Monday the ferry was late because of a storm over the northern islands.',
      'a storm over the northern islands',
    ],
    [
      'why did the council close the pier?',
      'The council closed the pier in May in order to repair the old posts, officials said.',
      'repair the old posts',
    ],
  ])('the reason after "because (of)", "due to", "in order to" answers why: %s', (question, text, answer) => {
    expect(patternText(question, text)).toBe(answer);
  });

  it('leaves typed and named questions to the type of their answer', () => {
    expect(
      patternText('when was the bell repaired?', 'The old bell was repaired by the foundry in May.'),
    ).toBeNull();
    expect(
      patternText(
        'which company repaired the bell?',
        'The old bell was repaired by the Lindqvist Foundry in May.',
      ),
    ).toBeNull();
    expect(patternText('who spoke?', 'In a speech, Mayor Ada Olsen said the city is ready.')).toBeNull();
  });

  it('never leaves the sentence: every pattern span is a non-empty substring at its offsets (property)', () => {
    const words = fc.constantFrom(
      'the',
      'said',
      'that',
      'willing',
      'to',
      'of',
      'by',
      'was',
      'commended',
      'Tolven',
      ',',
      'and',
      'attendance',
      'in',
      'adding',
      'who',
      'Monday',
      'can',
      'result',
      'important',
      'is',
      'painted',
      'It',
      'called',
      'because',
      'due',
      'kind',
      'known',
      'as',
      '"',
    );
    fc.assert(
      fc.property(
        fc.array(words, { maxLength: 30 }).map((w) => w.join(' ')),
        fc.constantFrom(
          'what did Tolven say?',
          'who attended?',
          'what is Tolven willing to do?',
          'where is Tolven?',
          'what can result in Tolven?',
          'what is Tolven called?',
          'why was Tolven late?',
          'what kind of Tolven is it?',
          'what is important for Tolven?',
          'who was Tolven painted by?',
          'what happened on Monday?',
          'what did they commend?',
          'who said it?',
        ),
        (text, question) => {
          const parsed = parseQuestion(question);
          const terms = questionTerms(question, parsed);
          const span = patternSpan(
            {
              text: question,
              parsed,
              keys: new Set(terms.filter((t) => t.weight === 1).map((t) => t.key)),
              stands: new Map(terms.map((t) => [t.key, t.stands])),
            },
            text,
          );
          if (span) {
            expect(span.start).toBeGreaterThanOrEqual(0);
            expect(span.end).toBeLessThanOrEqual(text.length);
            expect(span.start).toBeLessThan(span.end);
            expect(text.slice(span.start, span.end).trim()).toBe(text.slice(span.start, span.end));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
