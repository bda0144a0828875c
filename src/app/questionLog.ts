import type { CitedSentence, Outcome, QuestionRow, QuestionStore, VoteRow } from '../db/questionRows.ts';
import type { Logger } from '../lib/log.ts';
import type { MemberHasher } from './memberKey.ts';

/** A question as the dispatcher hands it over: the member id in clear, hashed only when written. */
export interface AskedQuestion {
  id: string;
  guild: string;
  userId: string;
  command: string;
  query: string;
  outcome: Outcome;
  cited: CitedSentence[];
  latencyMs: number;
  at: number;
}

/** A vote as a button click hands it over. */
export interface CastVote {
  guild: string;
  question: string;
  userId: string;
  helpful: boolean;
  now: number;
}

/** Options of the question log. */
export interface QuestionLogOptions {
  store: QuestionStore;
  hashMember: MemberHasher;
  logger: Logger;
  /** Days kept; 0 keeps nothing (every call is a no-op). */
  retentionDays: number;
  /** How often queued rows are written (ms). */
  flushMs?: number;
  /** A batch is written at once when this many rows are queued. */
  batchSize?: number;
  /** Rows queued beyond this (a database slower than the questions) are dropped. */
  maxQueued?: number;
  /** How often rows past the retention are deleted (ms). */
  pruneMs?: number;
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** At most one warning line per this long about rows that could not be written. */
const WARN_EVERY_MS = 60_000;

/**
 * The record of what members asked and how they voted. Answering never waits for it: `question` and
 * `vote` only queue a row (the member id is hashed later, off the reply's path), and the queue is
 * written in batches on a timer, after the reply has gone. A store that fails (database down, disk
 * full, file read-only) costs the batch, never the answer: it is dropped with one warning line per
 * minute at most. Rows older than the retention are pruned every hour; a retention of 0 days keeps
 * nothing and writes nothing.
 */
export class QuestionLog {
  private questionsQueued: AskedQuestion[] = [];
  private votesQueued: CastVote[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private writing: Promise<void> = Promise.resolve();
  private lastWarning = Number.NEGATIVE_INFINITY;
  private dropped = 0;
  private readonly now: () => number;

  constructor(private readonly options: QuestionLogOptions) {
    this.now = options.now ?? Date.now;
    if (!this.enabled) return;
    this.timers.push(setInterval(() => void this.flush(), options.flushMs ?? 1000).unref());
    this.timers.push(setInterval(() => void this.prune(), options.pruneMs ?? 60 * 60 * 1000).unref());
  }

  /** Whether anything is kept (a retention above 0 days). */
  get enabled(): boolean {
    return this.options.retentionDays > 0;
  }

  /** Queues a question; false when nothing is kept. */
  question(question: AskedQuestion): boolean {
    if (!this.enabled) return false;
    this.enqueue(this.questionsQueued, question);
    return true;
  }

  /** Queues a vote; false when nothing is kept. */
  vote(vote: CastVote): boolean {
    if (!this.enabled) return false;
    this.enqueue(this.votesQueued, vote);
    return true;
  }

  private enqueue<T>(queue: T[], row: T): void {
    if (this.questionsQueued.length + this.votesQueued.length >= (this.options.maxQueued ?? 10_000)) {
      this.failed(new Error('questionLog: queue full (the store is slower than the questions)'), 1);
      return;
    }
    queue.push(row);
    if (this.questionsQueued.length + this.votesQueued.length >= (this.options.batchSize ?? 200))
      setImmediate(() => void this.flush());
  }

  /** Writes what is queued (one batch per kind); resolves when written or dropped. Never rejects. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.writeQueued());
    return this.writing;
  }

  private async writeQueued(): Promise<void> {
    const questions = this.questionsQueued;
    const votes = this.votesQueued;
    this.questionsQueued = [];
    this.votesQueued = [];
    const { store, hashMember } = this.options;
    if (questions.length) {
      try {
        await store.saveQuestions(
          questions.map(({ userId, ...q }): QuestionRow => ({ ...q, member: hashMember(userId) })),
        );
      } catch (error) {
        this.failed(error as Error, questions.length);
      }
    }
    if (votes.length) {
      try {
        await store.saveVotes(
          votes.map(({ userId, now, ...v }): VoteRow => ({ ...v, member: hashMember(userId), at: now })),
        );
      } catch (error) {
        this.failed(error as Error, votes.length);
      }
    }
  }

  /** Deletes rows past the retention; a failure is a warning like any other. */
  async prune(): Promise<void> {
    if (!this.enabled) return;
    try {
      const removed = await this.options.store.prune(this.now() - this.options.retentionDays * DAY_MS);
      if (removed) this.options.logger.info({ removed }, 'question log pruned');
    } catch (error) {
      this.failed(error as Error, 0);
    }
  }

  /**
   * Deletes what is kept about a member in every server (and drops their queued rows); how many
   * questions and votes went. Rejects if the store cannot be reached: the member is told so.
   */
  async forgetMember(userId: string): Promise<{ questions: number; votes: number }> {
    this.questionsQueued = this.questionsQueued.filter((q) => q.userId !== userId);
    this.votesQueued = this.votesQueued.filter((v) => v.userId !== userId);
    await this.writing;
    return this.options.store.forgetMember(this.options.hashMember(userId));
  }

  /** Stops the timers and writes what is queued. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.flush();
  }

  /** Counts dropped rows and logs one warning line per minute at most (with the count since the last). */
  private failed(error: Error, rows: number): void {
    this.dropped += rows;
    const now = this.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.options.logger.warn(
      { err: { message: error.message }, droppedRows: this.dropped },
      'question log: rows not written (answers are unaffected)',
    );
    this.dropped = 0;
  }
}
