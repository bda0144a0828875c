import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../src/db/openDatabase.ts';
import { databaseQuestionStore, type QuestionRow, type QuestionStore } from '../src/db/questionRows.ts';
import { ServerStore } from '../src/db/serverStore.ts';
import { type FreshDatabase, TEST_DATABASES } from './databases.ts';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const DAY = 86_400_000;
const A = '1200000000000000001';
const B = '1200000000000000002';

function question(id: string, overrides: Partial<QuestionRow> = {}): QuestionRow {
  return {
    id,
    guild: A,
    member: 'member-hash-1',
    command: 'ask',
    query: `question ${id}`,
    outcome: 'answered',
    cited: [{ article: 'people-daily-2024-10-16', paragraph: 1, sentence: 2 }],
    latencyMs: 12,
    at: NOW,
    ...overrides,
  };
}

describe.each(TEST_DATABASES)('the question log on $name', (engine) => {
  let fresh: FreshDatabase;
  let opened: OpenedDatabase;
  let store: QuestionStore;

  beforeEach(async () => {
    fresh = await engine.fresh();
    opened = await openDatabase(fresh.config);
    store = databaseQuestionStore(opened.db);
  });
  afterEach(async () => {
    await opened?.close();
    await fresh?.drop();
  });

  it('keeps questions with every field, and reads them back by server and period', async () => {
    await store.saveQuestions([
      question('1'),
      question('2', { guild: B, outcome: 'refused', cited: [], query: 'visa?' }),
      question('3', { at: NOW - 10 * DAY }),
    ]);
    expect(await store.questions({ guild: A, since: NOW - DAY })).toEqual([question('1')]);
    expect((await store.questions({ since: NOW - DAY })).map((q) => q.id)).toEqual(['1', '2']);
    expect((await store.questions({ since: 0 })).map((q) => q.id)).toEqual(['3', '1', '2']);
  });

  it('writes a question once even if its batch is written again', async () => {
    await store.saveQuestions([question('1')]);
    await store.saveQuestions([question('1', { query: 'changed' })]);
    expect(await store.questions({ since: 0 })).toEqual([question('1')]);
  });

  it('keeps one vote per member per answer (the last), and none for a question of another server', async () => {
    await store.saveQuestions([question('1'), question('2', { guild: B })]);
    await store.saveVotes([
      { guild: A, question: '1', member: 'm1', helpful: true, at: NOW },
      { guild: A, question: '1', member: 'm2', helpful: true, at: NOW },
      { guild: A, question: '2', member: 'm1', helpful: true, at: NOW },
      { guild: A, question: 'unknown', member: 'm1', helpful: true, at: NOW },
    ]);
    await store.saveVotes([{ guild: A, question: '1', member: 'm1', helpful: false, at: NOW + 1000 }]);
    const votes = await store.votes({ since: 0 });
    expect(votes).toHaveLength(2);
    expect(votes).toContainEqual({ guild: A, question: '1', member: 'm1', helpful: false, at: NOW + 1000 });
    expect(votes).toContainEqual({ guild: A, question: '1', member: 'm2', helpful: true, at: NOW });
    expect(await store.votes({ guild: B, since: 0 })).toEqual([]);
  });

  it('prunes rows older than the retention', async () => {
    await store.saveQuestions([question('old', { at: NOW - 31 * DAY }), question('new')]);
    await store.saveVotes([{ guild: A, question: 'old', member: 'm', helpful: true, at: NOW - 31 * DAY }]);
    expect(await store.prune(NOW - 30 * DAY)).toBe(2);
    expect((await store.questions({ since: 0 })).map((q) => q.id)).toEqual(['new']);
    expect(await store.votes({ since: 0 })).toEqual([]);
  });

  it("forgets one member's questions and votes in every server, and nothing of others", async () => {
    await store.saveQuestions([
      question('1'),
      question('2', { guild: B }),
      question('3', { member: 'someone else' }),
    ]);
    await store.saveVotes([
      { guild: A, question: '3', member: 'member-hash-1', helpful: true, at: NOW },
      { guild: A, question: '1', member: 'someone else', helpful: false, at: NOW },
    ]);
    expect(await store.forgetMember('member-hash-1')).toEqual({ questions: 2, votes: 1 });
    expect((await store.questions({ since: 0 })).map((q) => q.id)).toEqual(['3']);
    expect(await store.votes({ since: 0 })).toEqual([
      { guild: A, question: '1', member: 'someone else', helpful: false, at: NOW },
    ]);
  });

  it("removes a server's questions and votes with its data", async () => {
    await store.saveQuestions([question('1'), question('2', { guild: B })]);
    await store.saveVotes([{ guild: A, question: '1', member: 'm', helpful: true, at: NOW }]);
    await store.forgetGuild(A);
    expect((await store.questions({ since: 0 })).map((q) => q.id)).toEqual(['2']);
    expect(await store.votes({ since: 0 })).toEqual([]);
  });

  it("goes with the server's data when the operator purges it (citebot servers purge)", async () => {
    await store.saveQuestions([question('1'), question('2', { guild: B })]);
    await store.saveVotes([{ guild: A, question: '1', member: 'm', helpful: true, at: NOW }]);
    expect(await new ServerStore(opened.db).purge(A)).toBe(true);
    expect((await store.questions({ since: 0 })).map((q) => q.id)).toEqual(['2']);
    expect(await store.votes({ since: 0 })).toEqual([]);
    expect(await new ServerStore(opened.db).purge(A)).toBe(false);
  });

  it('writes a batch larger than one statement holds', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => question(String(i + 1), { at: NOW + i }));
    await store.saveQuestions(many);
    expect(await store.questions({ since: 0 })).toHaveLength(1200);
  });
});
