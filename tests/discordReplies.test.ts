import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, AnswerItem } from '../src/answer/answer.ts';
import { boundQuery } from '../src/answer/query.ts';
import { botConfig } from '../src/app/config.ts';
import { Cooldown } from '../src/discord/cooldown.ts';
import { BUTTON_LIFETIME_MS, decodeButton, encodeButton } from '../src/discord/customId.ts';
import { embedSize, fitMessage, LIMITS, type MessageData } from '../src/discord/limits.ts';
import { safeText } from '../src/discord/markdown.ts';
import { authorLine, queryFromAuthor, quoteWithAnswer, renderAnswer } from '../src/discord/renderAnswer.ts';
import { toChoices } from '../src/discord/slashCommand.ts';
import { sentenceLink } from '../src/render/sentenceLink.ts';

const NOW = 1_730_000_000_000;

function item(text: string, label: string | null = null, detail: string | null = null): AnswerItem {
  return {
    kind: label ? 'person' : null,
    label,
    detail,
    text,
    citations: [
      {
        article: 'a'.repeat(80),
        title: 'T'.repeat(300),
        url: 'https://news.example.org/x',
        paragraph: 1,
        sentence: 1,
      },
    ],
    score: 1,
  };
}

const context = {
  ownerId: '1600000000000000001',
  mentionId: null,
  ephemeral: false,
  offset: 0,
  hasMore: true,
  now: NOW,
};

/** Checks every Discord limit on a message. */
function expectInsideLimits(message: MessageData): void {
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  const embeds = message.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  let total = 0;
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(e.author?.name.length ?? 0).toBeLessThanOrEqual(LIMITS.author);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    total += embedSize(e);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  expect(message.allowed_mentions.parse).toEqual([]);
}

/** An answer holding the given items, all of them on this page. */
function answerOf(
  command: Answer['command'],
  query: string,
  items: AnswerItem[],
  suggestions: string[] = [],
): Answer {
  return { command, query, items, total: items.length, suggestions };
}

describe('Discord replies', () => {
  it('quote each sentence with a citation marker linking to a text fragment', () => {
    const answer = answerOf('ask', 'where?', [item('It was held in Changchun.')]);
    const message = renderAnswer(answer, context);
    expect(message.embeds?.[0]?.description).toBe(
      '[\\[1\\]](https://news.example.org/x#:~:text=It%20was%20held%20in%20Changchun.) “It was held in Changchun.”',
    );
    expect(message.embeds?.[0]?.author?.name).toBe('/ask where?');
  });

  it('stay inside every limit with long and hostile text', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 5000 }),
      fc.constantFrom(
        '@everyone',
        '@here',
        '<@&1234567890>',
        '<@1234567890>',
        '**[x](https://evil)**',
        '# heading',
        '> quote',
      ),
      fc.string({ unit: 'grapheme', maxLength: 3000 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostile, hostile, hostile), { maxLength: 30 }),
        hostile,
        (items, query) => {
          const answer: Answer = {
            command: 'who',
            query,
            items: items.map(([t, l, d]) => item(t || 'x', l || null, d || null)),
            total: items.length,
            suggestions: [query],
          };
          expectInsideLimits(renderAnswer(answer, { ...context, mentionId: '1700000000000000001' }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never let article or user text ping: mass mentions broken, role and user mentions defused', () => {
    expect(safeText('@everyone and @here')).toBe('@\u200beveryone and @\u200bhere');
    expect(safeText('hi <@&123> <@!456> <#789>')).not.toMatch(/<@&123>|<@!456>|<#789>/);
    expect(safeText('**bold** _it_ `code`')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\`');
    expect(safeText('# big\n> quote')).toBe('\\# big\n\\> quote');
  });

  it('allow pinging only the mentioned user', () => {
    const answer = answerOf('ask', 'x', [item('A sentence.')]);
    const message = renderAnswer(answer, { ...context, mentionId: '1700000000000000001' });
    expect(message.content).toBe('<@1700000000000000001>');
    expect(message.allowed_mentions).toEqual({
      parse: [],
      users: ['1700000000000000001'],
      replied_user: false,
    });
  });

  it('never ping from a private reply, and tell the asker why', () => {
    const answer = answerOf('ask', 'x', [item('A sentence.')]);
    const message = renderAnswer(answer, { ...context, ephemeral: true, mentionId: '1700000000000000001' });
    expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(message.content ?? '').not.toMatch(/<@/);
    expect(message.content).toMatch(/private reply/);
  });

  it('say which results a page shows, of how many: "results 1–3 of 7"', () => {
    const answer = { ...answerOf('ask', 'x', [item('One.'), item('Two.'), item('Three.')]), total: 7 };
    expect(renderAnswer(answer, context).embeds?.[0]?.footer?.text).toMatch(/results 1–3 of 7/);
  });

  it("bold the words that answer the question, with a date's resolved day", () => {
    expect(
      quoteWithAnswer({
        text: 'It was held Monday in *Changchun*.',
        answer: { text: 'Monday', start: 12, end: 18, iso: '2024-10-14' },
      }),
    ).toBe('It was held **Monday** (2024-10-14) in \\*Changchun\\*.');
  });

  it('say what to try when nothing was found, escaping the query', () => {
    const answer = answerOf('search', '**pizza**', [], ['pizzazz']);
    const description = renderAnswer(answer, { ...context, hasMore: false }).embeds?.[0]?.description;
    expect(description).toBe('Nothing in the articles matches “\\*\\*pizza\\*\\*”.\nTry: pizzazz');
  });

  it('read the query back from the author line for "More"', () => {
    expect(queryFromAuthor(authorLine('ask', 'where was it?'), 'ask')).toBe('where was it?');
    expect(queryFromAuthor(authorLine('who', ''), 'who')).toBe('');
  });

  it('read back the very query that was answered, however long the input (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 6000 }),
        fc.constantFrom('ask', 'who', 'where', 'when', 'themes', 'search', 'source' as const),
        (input, command) => {
          for (const query of [boundQuery(input), boundQuery(`${input} and so on…`)])
            expect(queryFromAuthor(authorLine(command, query), command)).toBe(query);
        },
      ),
    );
  });

  it('link long sentences by their first and last words, with dashes and commas encoded', () => {
    expect(
      sentenceLink('https://x.org/a#old', 'South-North exchanges, one two three four five six seven end.'),
    ).toBe('https://x.org/a#:~:text=South%2DNorth%20exchanges%2C%20one%20two,five%20six%20seven%20end.');
  });
});

describe('fitMessage', () => {
  it('cuts every text to its limit and the whole to 6,000 characters', () => {
    const huge = 'x'.repeat(10_000);
    const message = fitMessage({
      content: huge,
      embeds: Array.from({ length: 12 }, () => ({
        title: huge,
        description: huge,
        author: { name: huge },
        footer: { text: huge },
        fields: Array.from({ length: 30 }, () => ({ name: huge, value: huge })),
      })),
      allowed_mentions: { parse: [] },
    });
    expectInsideLimits(message);
  });
});

describe('button ids', () => {
  it('round-trip the state within 100 characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ask', 'who', 'search' as const),
        fc.nat(10_000),
        fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n }),
        (command, offset, owner) => {
          const id = encodeButton({ action: 'more', command, offset, owner: String(owner), issued: NOW });
          expect(id.length).toBeLessThanOrEqual(100);
          const decoded = decodeButton(id, NOW + 1000);
          expect(decoded).toMatchObject({
            ok: true,
            state: { action: 'more', command, offset, owner: String(owner) },
          });
        },
      ),
    );
  });

  it('keep context references for long article ids inside 100 characters', () => {
    const refs = Array.from({ length: 10 }, (_, i) => ({
      article: `${'long-article-id-'.repeat(5)}${i}`,
      paragraph: 12,
      sentence: 3,
    }));
    const id = encodeButton({ action: 'context', refs, issued: NOW });
    expect(id.length).toBeLessThanOrEqual(100);
    const decoded = decodeButton(id, NOW);
    expect(decoded.ok && decoded.hashes?.length).toBeGreaterThan(0);
  });

  it('expire after a day and reject what they cannot parse', () => {
    const id = encodeButton({ action: 'delete', owner: '1600000000000000001', issued: NOW });
    expect(decodeButton(id, NOW + BUTTON_LIFETIME_MS + 1000)).toEqual({ ok: false, reason: 'expired' });
    expect(decodeButton('c1:m:zz:nope:1:2', NOW)).toEqual({ ok: false, reason: 'unknown' });
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        expect(typeof decodeButton(s, NOW).ok).toBe('boolean');
      }),
    );
  });
});

describe('autocomplete choices', () => {
  it('offer the raw input first, without duplicates, at most 25 of at most 100 characters', () => {
    const choices = toChoices('li', [
      'Li Wei',
      'LI',
      ...Array.from({ length: 40 }, (_, i) => `name ${i} ${'x'.repeat(120)}`),
    ]);
    expect(choices[0]).toEqual({ name: 'li', value: 'li' });
    expect(choices.filter((c) => c.value.toLowerCase() === 'li')).toHaveLength(1);
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('cooldown', () => {
  it('allows 5 commands in 10 s, then says how long to wait', () => {
    const cooldown = new Cooldown(5, 10_000);
    for (let i = 0; i < 5; i++) expect(cooldown.take('u', 1000 + i).ok).toBe(true);
    expect(cooldown.take('u', 2000)).toEqual({ ok: false, retryAfterMs: 9000 });
    expect(cooldown.take('u', 11_001).ok).toBe(true);
    expect(cooldown.take('other', 2000).ok).toBe(true);
  });

  it('forgets users whose uses are all out of the window', () => {
    const cooldown = new Cooldown(5, 10_000);
    cooldown.take('a', 0);
    cooldown.prune(20_000);
    expect(cooldown.size).toBe(0);
  });
});

describe('config', () => {
  const token = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.FakeTk.fake-token-for-the-local-test-server-only';

  it('reads the variables with defaults', () => {
    expect(botConfig({ DISCORD_TOKEN: token, DISCORD_API_URL: 'http://127.0.0.1:9/api/' })).toEqual({
      token,
      apiUrl: 'http://127.0.0.1:9/api',
      logLevel: 'info',
      corpusDir: './corpus',
      cooldown: { commands: 5, seconds: 10 },
      watchCorpus: true,
      ingestAllowPrivate: [],
      pictures: true,
      ingestServers: 'all',
      serverLimits: { maxArticles: 200, maxBytes: 20 * 1024 * 1024 },
      serverDataDays: 30,
      serverSentencesInMemory: 100_000,
      database: { kind: 'sqlite', file: join(process.cwd(), 'data', 'citebot.sqlite') },
    });
    expect(
      botConfig({
        DISCORD_TOKEN: token,
        INGEST_SERVERS: '123456789012345678, 223456789012345678',
        SERVER_MAX_ARTICLES: '20',
        SERVER_SENTENCES_IN_MEMORY: '500000',
        DATABASE_URL: 'postgres://bot@db/citebot',
      }),
    ).toMatchObject({
      ingestServers: ['123456789012345678', '223456789012345678'],
      serverLimits: { maxArticles: 20 },
      serverSentencesInMemory: 500_000,
      database: { kind: 'postgres', url: 'postgres://bot@db/citebot' },
    });
    expect(botConfig({ DISCORD_TOKEN: token, INGEST_SERVERS: 'none' }).ingestServers).toBe('none');
    expect(
      botConfig({ DISCORD_TOKEN: token, INGEST_ALLOW_PRIVATE: '127.0.0.1, 10.0.0.0/8' }).ingestAllowPrivate,
    ).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(botConfig({ DISCORD_TOKEN: token, CITEBOT_PICTURES: 'false' }).pictures).toBe(false);
    expect(() => botConfig({ DISCORD_TOKEN: token, CITEBOT_PICTURES: 'maybe' })).toThrow(
      /^config: CITEBOT_PICTURES expected true or false$/,
    );
  });

  it('names the variable and the problem in one line, never the token', () => {
    const problems: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [{}, /^config: DISCORD_TOKEN is required$/],
      [{ DISCORD_TOKEN: 'secret-but-short' }, /^config: DISCORD_TOKEN is malformed/],
      [
        { DISCORD_TOKEN: token, DISCORD_API_URL: 'nope' },
        /^config: DISCORD_API_URL expected an http\(s\) URL/,
      ],
      [{ DISCORD_TOKEN: token, LOG_LEVEL: 'loud' }, /^config: LOG_LEVEL expected one of/],
      [
        { DISCORD_TOKEN: token, INGEST_SERVERS: 'my server' },
        /^config: INGEST_SERVERS expected all, none, or server ids separated by commas$/,
      ],
      [
        { DISCORD_TOKEN: token, DATABASE_URL: 'mysql://db/citebot' },
        /^config: DATABASE_URL must start with postgres:\/\//,
      ],
      [
        { DISCORD_TOKEN: token, COOLDOWN_COMMANDS: '0' },
        /^config: COOLDOWN_COMMANDS expected a number above 0/,
      ],
      [
        { DISCORD_TOKEN: token, SERVER_SENTENCES_IN_MEMORY: 'lots' },
        /^config: SERVER_SENTENCES_IN_MEMORY expected a whole number$/,
      ],
      [
        { DISCORD_TOKEN: token, INGEST_ALLOW_PRIVATE: 'intranet' },
        /^config: INGEST_ALLOW_PRIVATE expected addresses or CIDR ranges separated by commas, not "intranet"$/,
      ],
    ];
    for (const [env, message] of problems) {
      let error: Error | undefined;
      try {
        botConfig(env);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain('secret');
      expect(error?.message.split('\n')).toHaveLength(1);
    }
  });
});
