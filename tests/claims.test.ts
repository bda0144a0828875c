import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  claim,
  claimsOf,
  claimText,
  detailKind,
  MAX_CLAIMS,
  sentencesForClaim,
} from '../src/answer/claims.ts';
import { MAX_QUERY_CHARS } from '../src/answer/query.ts';
import { evaluateClaims, parseClaimSet } from '../src/eval/claimEval.ts';
import { renderText } from '../src/render/text.ts';
import { seedEngine } from './helpers.ts';

const SEED = '20241016-foreign-guests-witness-progress-northeast';

describe('claimText: what of a chat message can hold a claim', () => {
  it('drops code blocks, inline code, links and emoji; a Markdown link keeps its words', () => {
    const text = claimText(
      'The conference was in Changchun 🎉 see https://example.org/a?b=1 and <https://x.y>\n```js\nheld(Harbin)\n``` `npm i` [the report](https://example.org/r) :tada:',
    );
    expect(text).not.toMatch(/https?:|example\.org|Harbin|npm|🎉|:tada:/);
    expect(text).toContain('The conference was in Changchun');
    expect(text).toContain('the report');
  });
});

describe('claimsOf: the first claims of a message', () => {
  it('reads each sentence and line as a claim, at most MAX_CLAIMS of them', () => {
    expect(claimsOf('Liu spoke. The conference was in Harbin!\nIt was big. And long. And cold.')).toEqual([
      'Liu spoke.',
      'The conference was in Harbin!',
      'It was big.',
    ]);
    expect(MAX_CLAIMS).toBe(3);
  });

  it('skips sentences with no word worth searching, and a message of only links or emoji has none', () => {
    expect(claimsOf('It is! 🎉 The conference was held Monday.')).toEqual([
      'The conference was held Monday.',
    ]);
    expect(claimsOf('https://example.org 🎉 `code`')).toEqual([]);
  });

  it('cuts a long message to its first claims within the input bounds', () => {
    const long = `${'The conference on the full revitalization of northeast China was held in Changchun. '.repeat(40)}`;
    const claims = claimsOf(long);
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.join(' ').length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
  });

  it('never exceeds the bounds, whatever the message (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (message) => {
        const claims = claimsOf(message);
        expect(claims.length).toBeLessThanOrEqual(MAX_CLAIMS);
        expect(claims.join(' ').length).toBeLessThanOrEqual(MAX_QUERY_CHARS + MAX_CLAIMS);
        for (const c of claims) expect(c.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
      }),
      { numRuns: 200 },
    );
  });
});

describe('detailKind: the details a claim may get wrong', () => {
  it.each([
    ['300', 'number'],
    ['three', 'number'],
    ['Friday', 'date'],
    ['2023', 'date'],
    ['Harbin', 'place'],
    ['Messi', 'name'],
    ['conference', null],
  ] as const)('%s is a %s', (word, kind) => {
    expect(detailKind(word, false)).toBe(kind);
  });

  it('a capitalized first word is no name', () => {
    expect(detailKind('The', true)).toBeNull();
  });
});

describe('sentencesForClaim and claim: the sentences that bear on a claim', () => {
  const engine = seedEngine();

  it('finds the sentence a true claim is about first', () => {
    expect(sentencesForClaim(engine, 'Liu Jianchao gave a speech at the conference')[0]?.id).toBe(
      `${SEED}:3.1`,
    );
  });

  it('finds the sentence a claim with one detail changed contradicts', () => {
    expect(
      sentencesForClaim(engine, 'Over 500 leaders of political parties attended the conference')[0]?.id,
    ).toBe(`${SEED}:1.1`);
  });

  it('finds nothing for a claim about something else, and says so', () => {
    expect(sentencesForClaim(engine, 'Messi scored twice in the World Cup final')).toEqual([]);
    const answer = claim(engine, 'Messi scored twice in the World Cup final');
    expect(answer.items).toEqual([]);
    expect(answer.suggestions).toEqual([]);
    expect(renderText(answer)).toContain('The articles say nothing about this.');
  });

  it('marks the words the message and the sentence share', () => {
    const [item] = claim(engine, 'Liu Jianchao gave a speech at the conference <3').items;
    expect(item?.citations[0]).toMatchObject({ paragraph: 3, sentence: 1 });
    const marked = (item?.marks ?? []).map((m) => item?.text.slice(m.start, m.end));
    expect(marked).toEqual(['speech', 'conference', 'Liu Jianchao']);
  });

  it('answers each claim of a message, each claim’s best sentence first', () => {
    const answer = claim(engine, 'Liu Jianchao gave a speech. Over 500 leaders attended the conference.');
    expect(answer.items.slice(0, 2).map((i) => i.citations[0]?.paragraph)).toEqual([3, 1]);
  });
});

describe('evaluateClaims: the measurement', () => {
  it('counts first-sentence hits per kind and "nothing" for unrelated claims', () => {
    const set = parseClaimSet(
      JSON.stringify({
        corpora: ['corpus'],
        claims: [
          { kind: 'true', claim: 'Liu Jianchao gave a speech at the conference', sentence: `${SEED}:3.1` },
          { kind: 'false', claim: 'Liu Jianchao gave a speech at the conference', sentence: `${SEED}:1.1` },
          { kind: 'unrelated', claim: 'Messi scored twice in the World Cup final' },
          { kind: 'unrelated', claim: 'Liu Jianchao gave a speech at the conference' },
        ],
      }),
    );
    const report = evaluateClaims(seedEngine(), set);
    expect(report.firstRight).toEqual({ true: [1, 1], false: [0, 1], all: [1, 2] });
    expect(report.unrelatedNothing).toEqual([1, 2]);
    expect(report.relatedNothing).toEqual([0, 2]);
  });

  it('refuses a malformed set with the problem', () => {
    expect(() => parseClaimSet('{"corpora":["corpus"],"claims":[{"kind":"true","claim":"x"}]}')).toThrow(
      /^claims:/,
    );
  });
});
