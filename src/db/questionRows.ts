import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** How a question ended: answered with sentences, refused ("not in the articles"), or failed (a fault). */
export type Outcome = 'answered' | 'refused' | 'failed';

/** A sentence an answer cited: its article id, paragraph and sentence (1-based). */
export interface CitedSentence {
  article: string;
  paragraph: number;
  sentence: number;
}

/** One question as the log keeps it: no member id in clear, only its keyed hash. */
export interface QuestionRow {
  /** The id of the interaction that asked it (the vote buttons carry it). */
  id: string;
  guild: string;
  /** The member's keyed hash (see memberHasher). */
  member: string;
  command: string;
  query: string;
  outcome: Outcome;
  cited: CitedSentence[];
  latencyMs: number;
  /** When it was asked (ms since the epoch). */
  at: number;
}

/** One member's vote on one answer; a later vote of the same member on the same question replaces it. */
export interface VoteRow {
  guild: string;
  question: string;
  member: string;
  helpful: boolean;
  at: number;
}

/** Which rows to read: one server's or all, since a time. */
export interface RowFilter {
  guild?: string | undefined;
  since: number;
}

/**
 * Where the question log keeps its rows (the database of the per-server store, one implementation per
 * dialect where SQL differs). Every write may fail (a database down or full): the log drops the batch.
 */
export interface QuestionStore {
  saveQuestions(rows: readonly QuestionRow[]): Promise<void>;
  /** Saves votes; a vote on a question of another server is not saved. */
  saveVotes(rows: readonly VoteRow[]): Promise<void>;
  /** Deletes questions and votes older than `before`; how many rows went. */
  prune(before: number): Promise<number>;
  /** Deletes every question and vote of a member (all servers); how many of each went. */
  forgetMember(member: string): Promise<{ questions: number; votes: number }>;
  /** Deletes every question and vote of a server (with the rest of its data). */
  forgetGuild(guild: string): Promise<void>;
  questions(filter: RowFilter): Promise<QuestionRow[]>;
  votes(filter: RowFilter): Promise<VoteRow[]>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Rows written per statement (SQLite takes at most 32766 parameters; 9 columns a row). */
const CHUNK = 500;

/**
 * The question log in the database (SQLite or PostgreSQL through Kysely, the same statements): a
 * batch of questions is one transaction; a vote is saved only when its question is in the same
 * server, and replaces the member's earlier vote on it.
 */
export function databaseQuestionStore(db: Kysely<Database>): QuestionStore {
  return {
    async saveQuestions(rows) {
      if (!rows.length) return;
      await db.transaction().execute(async (tx) => {
        for (let i = 0; i < rows.length; i += CHUNK) {
          await tx
            .insertInto('questions')
            .values(
              rows.slice(i, i + CHUNK).map((q) => ({
                id: q.id,
                guild_id: q.guild,
                member: q.member,
                command: q.command,
                query: q.query,
                outcome: q.outcome,
                cited: JSON.stringify(q.cited),
                latency_ms: Math.round(q.latencyMs),
                asked_at: iso(q.at),
              })),
            )
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
        }
      });
    },
    async saveVotes(rows) {
      if (!rows.length) return;
      await db.transaction().execute(async (tx) => {
        const known = await tx
          .selectFrom('questions')
          .select(['id', 'guild_id'])
          .where(
            'id',
            'in',
            rows.map((v) => v.question),
          )
          .execute();
        const guildOf = new Map(known.map((q) => [q.id, q.guild_id]));
        for (const vote of rows) {
          if (guildOf.get(vote.question) !== vote.guild) continue;
          await tx
            .insertInto('votes')
            .values({
              question_id: vote.question,
              guild_id: vote.guild,
              member: vote.member,
              helpful: vote.helpful ? 1 : 0,
              voted_at: iso(vote.at),
            })
            .onConflict((oc) =>
              oc.columns(['question_id', 'member']).doUpdateSet({
                helpful: vote.helpful ? 1 : 0,
                voted_at: iso(vote.at),
              }),
            )
            .execute();
        }
      });
    },
    async prune(before) {
      const cutoff = iso(before);
      return db.transaction().execute(async (tx) => {
        const votes = await tx.deleteFrom('votes').where('voted_at', '<', cutoff).executeTakeFirst();
        const questions = await tx.deleteFrom('questions').where('asked_at', '<', cutoff).executeTakeFirst();
        return Number(votes.numDeletedRows) + Number(questions.numDeletedRows);
      });
    },
    async forgetMember(member) {
      return db.transaction().execute(async (tx) => {
        const votes = await tx.deleteFrom('votes').where('member', '=', member).executeTakeFirst();
        const questions = await tx.deleteFrom('questions').where('member', '=', member).executeTakeFirst();
        return { questions: Number(questions.numDeletedRows), votes: Number(votes.numDeletedRows) };
      });
    },
    async forgetGuild(guild) {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('votes').where('guild_id', '=', guild).execute();
        await tx.deleteFrom('questions').where('guild_id', '=', guild).execute();
      });
    },
    async questions(filter) {
      let query = db.selectFrom('questions').selectAll().where('asked_at', '>=', iso(filter.since));
      if (filter.guild !== undefined) query = query.where('guild_id', '=', filter.guild);
      const rows = await query.orderBy('asked_at').orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        guild: r.guild_id,
        member: r.member,
        command: r.command,
        query: r.query,
        outcome: r.outcome as Outcome,
        cited: JSON.parse(r.cited) as CitedSentence[],
        latencyMs: Number(r.latency_ms),
        at: Date.parse(r.asked_at),
      }));
    },
    async votes(filter) {
      let query = db.selectFrom('votes').selectAll().where('voted_at', '>=', iso(filter.since));
      if (filter.guild !== undefined) query = query.where('guild_id', '=', filter.guild);
      const rows = await query.orderBy('voted_at').execute();
      return rows.map((r) => ({
        guild: r.guild_id,
        question: r.question_id,
        member: r.member,
        helpful: Number(r.helpful) === 1,
        at: Date.parse(r.voted_at),
      }));
    },
  };
}
