import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../src/answer/question.ts';
import { bestSpan, tidySpan, tunedSpan } from '../src/answer/span.ts';
import { tokensOf } from '../src/answer/spans.ts';
import { termKeys } from '../src/text/terms.ts';

const none = {
  person: false,
  organization: false,
  group: false,
  place: false,
  date: false,
  number: false,
  quote: false,
};

/** The span shown as the answer to a question in one sentence (the question read as /ask reads it). */
function shown(question: string, text: string): string | null {
  const parsed = parseQuestion(question);
  const span = tunedSpan(parsed, new Set(termKeys(question)), text, { features: none });
  return span ? text.slice(span.start, span.end) : null;
}

describe('the answer span shown (our own sentences)', () => {
  it('is near every question word the sentence holds, not next to one of them (sliding window)', () => {
    const question = 'What code does the western ferry that stops at Holm use?';
    const text = 'The Birk ferry (AB-1) is faster than the western ferry, which stops at Holm (CD-2).';
    const parsed = parseQuestion(question);
    const keys = new Set(termKeys(question));
    const at = (window: boolean) => {
      const span = bestSpan(parsed, keys, text, tokensOf(text), { features: none, window });
      return span ? text.slice(span.start, span.end) : null;
    };
    // Ranking reads the nearest question word (each candidate is next to one); the answer shown reads them all.
    expect(at(false)).toBe('Birk');
    expect(at(true)).toBe('CD-2');
  });

  it('reads a question word in another clause (after a semicolon) as farther away', () => {
    const question = 'Who did the mayor of Orlen visit?';
    const text = 'Ada Olsen stayed home; the mayor of Orlen visited his aides and later Per Holm.';
    const span = bestSpan(parseQuestion(question), new Set(termKeys(question)), text, tokensOf(text), {
      features: none,
      window: true,
    });
    // "Ada Olsen" is fewer words from "mayor" and "Orlen", but across the semicolon.
    expect(span && text.slice(span.start, span.end)).toBe('Per Holm');
  });

  it('weighs the noun a "what X" question asks about above its other words', () => {
    const question = 'What vessel did the harbour master of Orlen sail in 1990?';
    const text = 'In 1990 the Orlen harbour master sailed the Kestrel to the vessel Sea Wren.';
    expect(shown(question, text)).toBe('Sea Wren');
  });

  it('prefers a name for "what X" (a thing of a named class)', () => {
    expect(
      shown(
        'What vessel carried the mail to Holm?',
        'The mail reached Holm aboard the Sea Wren, a small steel vessel.',
      ),
    ).toBe('Sea Wren');
  });

  it('grows a piece of a name to the whole name', () => {
    // A phrase is cut at the question's words ("harbour", "summer"): the name is whole again.
    const text =
      'In 1998 the Harbour launched the Harbour Summer Night Concerts, a series for young players.';
    const start = text.indexOf('Night');
    const piece = { kind: 'phrase' as const, start, end: start + 'Night Concerts'.length, fit: 1 };
    const grown = tidySpan('what', text, tokensOf(text), piece);
    expect(text.slice(grown.start, grown.end)).toBe('Harbour Summer Night Concerts');
  });

  it('drops an opening preposition before a name, and keeps one before a number', () => {
    const text = 'Until the Grain Export Act, farmers of Orlen sold over 200 tonnes at home.';
    const tokens = tokensOf(text);
    const name = { kind: 'name' as const, start: 0, end: text.indexOf(','), fit: 1 };
    expect(text.slice(tidySpan('what', text, tokens, name).start, name.end)).toBe('Grain Export Act');
    const start = text.indexOf('over');
    const amount = { kind: 'phrase' as const, start, end: start + 'over 200 tonnes'.length, fit: 1 };
    const tidied = tidySpan('what', text, tokens, amount);
    expect(text.slice(tidied.start, tidied.end)).toBe('over 200 tonnes');
  });

  it('gives who a person without the role before the name', () => {
    const text = 'The mural on the quay is the work of local artist Ines Calder.';
    const tokens = tokensOf(text);
    const start = text.indexOf('local');
    const span = { kind: 'phrase' as const, start, end: text.length - 1, fit: 1 };
    const tidied = tidySpan('who', text, tokens, span);
    expect(text.slice(tidied.start, tidied.end)).toBe('Ines Calder');
    // A capitalized word that is also a role inside a name stays: "Knight" of "Knight Ridder".
    const firm = 'The papers were sold to Knight Ridder.';
    const from = firm.indexOf('Knight');
    const sold = tidySpan('who', firm, tokensOf(firm), {
      kind: 'name',
      start: from,
      end: firm.length - 1,
      fit: 1,
    });
    expect(firm.slice(sold.start, sold.end)).toBe('Knight Ridder');
  });

  it('goes on past the small words of a personal name, a company ending and an ampersand', () => {
    const text =
      'The first settler was Maria de la Cruz, helped by Holm & Co. and later by Birk Lines, Inc. of Orlen.';
    const tokens = tokensOf(text);
    const at = (words: string, kind: 'name' | 'phrase' = 'name') => {
      const start = text.indexOf(words);
      const tidied = tidySpan('who', text, tokens, { kind, start, end: start + words.length, fit: 1 });
      return text.slice(tidied.start, tidied.end);
    };
    expect(at('Maria')).toBe('Maria de la Cruz');
    expect(at('Holm')).toBe('Holm & Co.');
    expect(at('Birk Lines')).toBe('Birk Lines, Inc.');
    // Two names joined by an ampersand are one ("Laverne & Shirley").
    const show = 'The spinoff Tern & Kestrel aired in 1976.';
    const start = show.indexOf('Kestrel');
    const whole = tidySpan('what', show, tokensOf(show), {
      kind: 'name',
      start,
      end: start + 'Kestrel'.length,
      fit: 1,
    });
    expect(show.slice(whole.start, whole.end)).toBe('Tern & Kestrel');
  });

  it('gives a range of years whole, and the year alone for "what year"', () => {
    const text = 'The harbour was rebuilt between 1921 and 1929, and reopened on 3 May 1930.';
    const tokens = tokensOf(text);
    const date = (words: string, focus: string | null = null) => {
      const start = text.indexOf(words);
      const tidied = tidySpan(
        'when',
        text,
        tokens,
        { kind: 'date', start, end: start + words.length, fit: 1 },
        focus,
      );
      return text.slice(tidied.start, tidied.end);
    };
    expect(date('1921')).toBe('1921 and 1929');
    expect(date('3 May 1930', 'year')).toBe('1930');
    expect(date('3 May 1930')).toBe('3 May 1930');
  });

  it("takes the whole list for a plural question, unless its other items are the question's", () => {
    const text = 'The valley grows barley, oats, rye and flax, and the coast grows kale.';
    expect(shown('What crops does the valley grow?', text)).toBe('barley, oats, rye and flax');
    expect(shown('What crop does the valley grow?', text)).not.toBe('barley, oats, rye and flax');
    expect(shown('Along with barley, oats and rye, what crops does the valley grow?', text)).toBe('flax');
  });
});
