import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import type { Engine } from '../src/answer/engine.ts';
import { insightsConfig } from '../src/app/insightsConfig.ts';
import { MEMBER_KEY_FILE, memberHasher } from '../src/app/memberKey.ts';
import { QuestionLog } from '../src/app/questionLog.ts';
import type { QuestionRow, QuestionStore, VoteRow } from '../src/db/questionRows.ts';
import { Cooldown } from '../src/discord/cooldown.ts';
import { decodeButton, encodeButton, feedbackOf } from '../src/discord/customId.ts';
import { Dispatcher, type InteractionResponse } from '../src/discord/dispatch.ts';
import type { MessageData } from '../src/discord/limits.ts';
import { createLogger } from '../src/lib/log.ts';
import { seedEngine } from './helpers.ts';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const GUILD_A = '1200000000000000001';
const GUILD_B = '1200000000000000002';
const MEMBER = '1600000000000000001';

/**
 * A store that keeps rows in arrays, for the log's own behaviour (batching, dropping, hashing); the
 * database implementations are tested against real SQLite and PostgreSQL in insightsStore tests.
 */
class ArrayStore implements QuestionStore {
  questionRows: QuestionRow[] = [];
  voteRows: VoteRow[] = [];
  writes = 0;
  failing = false;
  async saveQuestions(rows: readonly QuestionRow[]) {
    this.writes++;
    if (this.failing) throw new Error('SQLITE_READONLY: attempt to write a readonly database');
    this.questionRows.push(...rows);
  }
  async saveVotes(rows: readonly VoteRow[]) {
    this.writes++;
    if (this.failing) throw new Error('SQLITE_READONLY: attempt to write a readonly database');
    for (const row of rows) {
      this.voteRows = this.voteRows.filter((v) => v.question !== row.question || v.member !== row.member);
      this.voteRows.push(row);
    }
  }
  async prune(before: number) {
    const n = this.questionRows.length;
    this.questionRows = this.questionRows.filter((q) => q.at >= before);
    return n - this.questionRows.length;
  }
  async forgetMember(member: string) {
    const q = this.questionRows.length;
    const v = this.voteRows.length;
    this.questionRows = this.questionRows.filter((r) => r.member !== member);
    this.voteRows = this.voteRows.filter((r) => r.member !== member);
    return { questions: q - this.questionRows.length, votes: v - this.voteRows.length };
  }
  async forgetGuild() {}
  async questions() {
    return this.questionRows;
  }
  async votes() {
    return this.voteRows;
  }
}

/** A logger whose lines are kept for the test to read. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('info', { destination }), lines };
}

let clock = NOW;
const logs: QuestionLog[] = [];
afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
});

function setUp(options: { retentionDays?: number } = {}) {
  const store = new ArrayStore();
  const { logger, lines } = capturedLogger();
  const log = new QuestionLog({
    store,
    hashMember: memberHasher({ secret: 'a test secret of some length', dataDir: '/nonexistent' }),
    logger,
    retentionDays: options.retentionDays ?? 30,
    flushMs: 60_000,
    now: () => clock,
  });
  logs.push(log);
  const dispatcher = new Dispatcher({
    engine: () => engine,
    commands: COMMANDS,
    cooldown: new Cooldown(1000, 1000),
    logger: createLogger('silent'),
    now: () => clock,
    questionLog: log,
  });
  return { store, log, dispatcher, lines };
}

let engine: Engine;
beforeAll(() => {
  engine = seedEngine();
});

let ids = 1_500_000_000_000_000_000n;
const nextId = () => String(++ids);

async function ask(dispatcher: Dispatcher, text: string, guildId: string | null = GUILD_A, command = 'ask') {
  const id = nextId();
  const response = await dispatcher.handle({
    kind: 'command',
    id,
    guildId,
    userId: MEMBER,
    command,
    text,
    article: '',
    isPrivate: false,
    mentionId: null,
    canManageGuild: false,
  });
  return { id, message: (response as Extract<InteractionResponse, { kind: 'reply' }>).message };
}

/** Every button of a message, by label. */
function buttons(message: MessageData): Map<string, string> {
  const rows = (message.components ?? []) as Array<{
    components: Array<{ label: string; custom_id: string }>;
  }>;
  return new Map(rows.flatMap((r) => r.components.map((c) => [c.label, c.custom_id] as const)));
}

async function click(
  dispatcher: Dispatcher,
  message: MessageData,
  label: string,
  guildId: string,
  userId = MEMBER,
) {
  const customId = buttons(message).get(label) as string;
  const response = await dispatcher.handle({
    kind: 'button',
    id: nextId(),
    guildId,
    userId,
    customId,
    canManageMessages: false,
    messageAuthor: (message.embeds?.[0] as { author?: { name: string } } | undefined)?.author?.name,
    ephemeral: false,
    feedback: feedbackOf([...buttons(message).values()]),
  });
  return response as Extract<InteractionResponse, { kind: 'reply' | 'update' }>;
}

describe('vote buttons in the custom id', () => {
  it('carry the server, the question and the vote, and come back the same', async () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
        fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
        fc.boolean(),
        (guild, question, helpful) => {
          const state = {
            action: 'vote' as const,
            helpful,
            guild: String(guild),
            question: String(question),
          };
          const id = encodeButton({ ...state, issued: NOW });
          expect(id.length).toBeLessThanOrEqual(100);
          expect(decodeButton(id, NOW + 1000)).toEqual({ ok: true, state: { ...state, issued: NOW } });
        },
      ),
    );
  });

  it('refuses a malformed vote id as unknown', async () => {
    expect(decodeButton('c1:v:zz:abc:123:1', NOW)).toEqual({ ok: false, reason: 'unknown' });
    expect(decodeButton(`c1:v:${(NOW / 1000).toString(36)}:1:2:yes`, NOW)).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });
});

describe('/ask replies with Helpful / Not helpful', () => {
  it('adds the two buttons on a row of their own, voting for this server and this question', async () => {
    const { dispatcher } = setUp();
    const { id, message } = await ask(dispatcher, 'Where was the conference held?');
    expect(buttons(message).has('Helpful')).toBe(true);
    expect(buttons(message).has('Not helpful')).toBe(true);
    expect(message.components).toHaveLength(2);
    expect(feedbackOf([...buttons(message).values()])).toEqual({ guild: GUILD_A, question: id });
  });

  it('adds none to a refusal, to other commands, in a direct message, or when nothing is kept', async () => {
    const { dispatcher } = setUp();
    expect(buttons((await ask(dispatcher, 'zebra quantum xylophone')).message).has('Helpful')).toBe(false);
    expect(buttons((await ask(dispatcher, 'conference', GUILD_A, 'search')).message).has('Helpful')).toBe(
      false,
    );
    expect(
      buttons((await ask(dispatcher, 'Where was the conference held?', null)).message).has('Helpful'),
    ).toBe(false);
    const off = setUp({ retentionDays: 0 });
    expect(
      buttons((await ask(off.dispatcher, 'Where was the conference held?')).message).has('Helpful'),
    ).toBe(false);
  });

  it('counts a vote privately, and a second click changes it', async () => {
    const { dispatcher, store, log } = setUp();
    const { id, message } = await ask(dispatcher, 'Where was the conference held?');
    const first = await click(dispatcher, message, 'Helpful', GUILD_A);
    expect(first.kind).toBe('reply');
    expect(first.message.flags).toBe(64);
    expect(first.message.content).toMatch(/vote \(helpful\) is counted/);
    await log.flush();
    await click(dispatcher, message, 'Not helpful', GUILD_A);
    await log.flush();
    expect(store.voteRows).toEqual([
      expect.objectContaining({ guild: GUILD_A, question: id, helpful: false, at: NOW }),
    ]);
    expect(store.voteRows[0]?.member).not.toContain(MEMBER);
  });

  it('refuses a vote button replayed in another server, and keeps nothing of it', async () => {
    const { dispatcher, store, log } = setUp();
    const { message } = await ask(dispatcher, 'Where was the conference held?');
    const replayed = await click(dispatcher, message, 'Helpful', GUILD_B);
    expect(replayed.message.flags).toBe(64);
    expect(replayed.message.content).toMatch(/another server/);
    await log.flush();
    expect(store.voteRows).toEqual([]);
  });

  it('keeps the vote buttons when the asker pages with More', async () => {
    const { dispatcher } = setUp();
    const { id, message } = await ask(dispatcher, 'What did the guests say about China?');
    if (!buttons(message).has('More')) return expect.unreachable('the answer should have a second page');
    const next = await click(dispatcher, message, 'More', GUILD_A);
    expect(next.kind).toBe('update');
    expect(feedbackOf([...buttons(next.message).values()])).toEqual({ guild: GUILD_A, question: id });
  });
});

describe('the question log', () => {
  it('writes each question after the reply, in one batch: hashed member, outcome, cited sentences, latency', async () => {
    const { dispatcher, store, log } = setUp();
    const answered = await ask(dispatcher, 'Where was the conference held?');
    const refused = await ask(dispatcher, 'zebra quantum xylophone');
    expect(store.writes).toBe(0);
    await log.flush();
    expect(store.writes).toBe(1);
    expect(store.questionRows).toHaveLength(2);
    const [a, r] = store.questionRows as [QuestionRow, QuestionRow];
    expect(a).toMatchObject({
      id: answered.id,
      guild: GUILD_A,
      command: 'ask',
      outcome: 'answered',
      at: NOW,
    });
    expect(a.query).toBe('Where was the conference held?');
    expect(a.cited.length).toBeGreaterThan(0);
    expect(
      engine.sentenceAt(
        a.cited[0]?.article as string,
        a.cited[0]?.paragraph as number,
        a.cited[0]?.sentence as number,
      ),
    ).toBeDefined();
    expect(a.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r).toMatchObject({ id: refused.id, outcome: 'refused', cited: [] });
    expect(JSON.stringify(store.questionRows)).not.toContain(MEMBER);
    expect(a.member).toBe(r.member);
  });

  it('records a failing command as failed and still throws to the transport', async () => {
    const { store, log } = setUp();
    const failing = new Dispatcher({
      engine: () => engine,
      commands: [
        {
          ...COMMANDS[0],
          execute: () => {
            throw new Error('boom');
          },
        } as (typeof COMMANDS)[number],
      ],
      cooldown: new Cooldown(),
      logger: createLogger('silent'),
      now: () => clock,
      questionLog: log,
    });
    await expect(ask(failing, 'Where?')).rejects.toThrow('boom');
    await log.flush();
    expect(store.questionRows).toEqual([expect.objectContaining({ outcome: 'failed', query: 'Where?' })]);
  });

  it('with a failing store, every command still answers, rows are dropped, one warning line a minute', async () => {
    const { dispatcher, store, log, lines } = setUp();
    store.failing = true;
    for (let i = 0; i < 3; i++) {
      expect(buttons((await ask(dispatcher, 'Where was the conference held?')).message).has('Helpful')).toBe(
        true,
      );
      await log.flush();
      clock += 10_000;
    }
    clock += 60_000;
    await ask(dispatcher, 'Where was the conference held?');
    await log.flush();
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ droppedRows: 1 });
    expect(warnings[1]).toMatchObject({ droppedRows: 3 });
    expect(JSON.stringify(lines)).not.toContain(MEMBER);
    clock = NOW;
  });

  it('keeps nothing with a retention of 0 days', async () => {
    const { dispatcher, store, log } = setUp({ retentionDays: 0 });
    await ask(dispatcher, 'Where was the conference held?');
    expect(log.vote({ guild: GUILD_A, question: '1', userId: MEMBER, helpful: true, now: NOW })).toBe(false);
    await log.flush();
    await log.prune();
    expect(store.writes).toBe(0);
    expect(store.questionRows).toEqual([]);
  });

  it('prunes questions older than the retention', async () => {
    const { store, log } = setUp({ retentionDays: 7 });
    const old = {
      id: '1',
      guild: GUILD_A,
      member: 'm',
      command: 'ask',
      query: 'q',
      outcome: 'refused' as const,
      cited: [],
      latencyMs: 1,
    };
    store.questionRows.push(
      { ...old, at: NOW - 8 * 86_400_000 },
      { ...old, id: '2', at: NOW - 6 * 86_400_000 },
    );
    await log.prune();
    expect(store.questionRows.map((q) => q.id)).toEqual(['2']);
  });

  it('forgets a member: their queued rows and what the store kept', async () => {
    const { dispatcher, store, log } = setUp();
    await ask(dispatcher, 'Where was the conference held?');
    await log.flush();
    await ask(dispatcher, 'Who attended?');
    expect(await log.forgetMember(MEMBER)).toEqual({ questions: 1, votes: 0 });
    await log.flush();
    expect(store.questionRows).toEqual([]);
  });
});

describe('member ids are kept only as a keyed hash', () => {
  it('gives one member one hash, another key another hash, and never the id', async () => {
    const a = memberHasher({ secret: 'first secret, long enough', dataDir: '/nonexistent' });
    const b = memberHasher({ secret: 'second secret, long enough', dataDir: '/nonexistent' });
    expect(a(MEMBER)).toBe(a(MEMBER));
    expect(a(MEMBER)).not.toBe(a('1600000000000000002'));
    expect(a(MEMBER)).not.toBe(b(MEMBER));
    expect(a(MEMBER)).toMatch(/^[\w-]{43}$/);
  });

  it('creates a key file in the data folder (owner only) and reuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-key-'));
    try {
      const first = memberHasher({ dataDir: join(dir, 'data') })(MEMBER);
      const file = join(dir, 'data', MEMBER_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
      expect(memberHasher({ dataDir: join(dir, 'data') })(MEMBER)).toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads its settings from the environment, with defaults and one-line errors', async () => {
    expect(insightsConfig({})).toEqual({ retentionDays: 30, dataDir: './data', secret: undefined });
    expect(insightsConfig({ CITEBOT_RETENTION_DAYS: '0', CITEBOT_DATA_DIR: '/d' })).toMatchObject({
      retentionDays: 0,
      dataDir: '/d',
    });
    expect(() => insightsConfig({ CITEBOT_RETENTION_DAYS: 'forever' })).toThrow(
      /^config: CITEBOT_RETENTION_DAYS/,
    );
    expect(() => insightsConfig({ CITEBOT_SECRET: 'short' })).toThrow(
      /^config: CITEBOT_SECRET is too short \(use at least 16 characters\)$/,
    );
  });
});
