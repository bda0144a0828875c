import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../src/corpus/sentence.ts';
import { splitSentences } from '../src/text/sentences.ts';

const texts = (paragraph: string) => splitSentences(paragraph).map((s) => s.text);

describe('sentences', () => {
  it('keeps "Oct. 15" in one sentence', () => {
    expect(texts('CHANGCHUN, Oct. 15 (Xinhua) -- A conference was held. It ended.')).toEqual([
      'CHANGCHUN, Oct. 15 (Xinhua) -- A conference was held.',
      'It ended.',
    ]);
  });

  it('keeps "U.S." inside a sentence but ends one at "U.N. The"', () => {
    expect(texts('The U.S. Army left early. He spoke at the U.N. The U.N. said no.')).toEqual([
      'The U.S. Army left early.',
      'He spoke at the U.N.',
      'The U.N. said no.',
    ]);
  });

  it('keeps titles with their names: "Mr. Li", "Dr. Smith", "St. Paul"', () => {
    expect(texts('Mr. Li met Dr. Smith at St. Paul Cathedral. They talked.')).toEqual([
      'Mr. Li met Dr. Smith at St. Paul Cathedral.',
      'They talked.',
    ]);
  });

  it('keeps "No. 1" and "Sept. 5" together', () => {
    expect(texts('She ranked No. 1 on Sept. 5 last year. Then she retired.')).toEqual([
      'She ranked No. 1 on Sept. 5 last year.',
      'Then she retired.',
    ]);
  });

  it('keeps initials with the name: "J. K. Rowling"', () => {
    expect(texts('J. K. Rowling wrote it. Fans agreed.')).toEqual([
      'J. K. Rowling wrote it.',
      'Fans agreed.',
    ]);
  });

  it('keeps a quoted title whole, even with a full stop inside', () => {
    expect(texts('Themed "New Ideas. New Paths," the forum opened. It closed.')).toEqual([
      'Themed "New Ideas. New Paths," the forum opened.',
      'It closed.',
    ]);
  });

  it('keeps a quotation and its speaker together: "?" she asked', () => {
    expect(texts('"Is it over?" she asked. Nobody answered.')).toEqual([
      '"Is it over?" she asked.',
      'Nobody answered.',
    ]);
  });

  it('numbers sentences per paragraph with stable ids', () => {
    const ids = sentencesOf({ id: 'a', paragraphs: ['One. Two.', 'Three.'] }).map((s) => s.id);
    expect(ids).toEqual(['a:1.1', 'a:1.2', 'a:2.1']);
  });

  it('never loses or reorders text (any paragraph)', () => {
    const word = fc.constantFrom(
      'Oct.',
      'U.S.',
      'Mr.',
      'No.',
      '1',
      'the',
      'He',
      'said',
      '"Go."',
      '?',
      '!',
      'end.',
      'St.',
      'a',
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.string({ maxLength: 40 }), (words, noise) => {
        const paragraph = `${words.join(' ')} ${noise}`;
        const spans = splitSentences(paragraph);
        let at = 0;
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(at);
          expect(paragraph.slice(at, span.start).trim()).toBe('');
          expect(paragraph.slice(span.start, span.end)).toBe(span.text);
          at = span.end;
        }
        expect(paragraph.slice(at).trim()).toBe('');
      }),
    );
  });
});
