import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** A server's settings, as /settings shows and changes them. */
export interface ServerSettings {
  /** Replies are ephemeral unless a command's `private` option says otherwise. */
  privateReplies: boolean;
  /** The operator's base collection is answered in this server. */
  useBase: boolean;
  /** A role whose members may use /ingest besides those with Manage Server, or null. */
  ingestRole: string | null;
  /** /where, /when and /insights draw their picture (map, timeline, chart) in this server. */
  pictures: boolean;
}

/** The settings of a server that never changed any. */
export const DEFAULT_SETTINGS: ServerSettings = {
  privateReplies: false,
  useBase: true,
  ingestRole: null,
  pictures: true,
};

/** What a process needs to know about a server on each interaction: its settings and revision. */
export interface ServerState {
  id: string;
  settings: ServerSettings;
  /** Counts changes; equal revisions mean equal settings and articles. */
  revision: number;
}

/** One of a server's own articles as stored. */
export interface StoredArticle {
  articleId: string;
  title: string;
  url: string;
  textHash: string;
  bytes: number;
  /** The article as a corpus file (front matter and paragraphs). */
  body: string;
  /** The extraction's JSON for `extractCode`, or null. */
  extract: string | null;
  extractCode: string | null;
  addedBy: string;
  addedAt: string;
}

/** A server as `citebot servers` lists it. */
export interface ServerSummary {
  id: string;
  settings: ServerSettings;
  articles: number;
  bytes: number;
  createdAt: string;
  leftAt: string | null;
  deleteAfter: string | null;
}

/** Per-server limits on /ingest. */
export interface CollectionLimits {
  maxArticles: number;
  maxBytes: number;
}

/** Why an article was not added. */
export type AddRefusal =
  | { refused: 'articles'; count: number }
  | { refused: 'bytes'; bytes: number }
  | { refused: 'duplicate'; articleId: string }
  | { refused: 'id-taken' };

/** The columns of `servers` that hold a server's settings (read by `settingsOf`). */
const SETTING_COLUMNS = ['private_replies', 'use_base', 'ingest_role', 'pictures'] as const;

const settingsOf = (row: {
  private_replies: number;
  use_base: number;
  ingest_role: string | null;
  pictures: number;
}): ServerSettings => ({
  privateReplies: row.private_replies === 1,
  useBase: row.use_base === 1,
  ingestRole: row.ingest_role,
  pictures: row.pictures === 1,
});

/**
 * Every query citebot makes about servers: their settings, their own articles, who changed what, and
 * their deletion, over either dialect. Each change is one transaction that also bumps the server's
 * revision (so every process holding the server's collection sees it is stale) and records an event.
 */
export class ServerStore {
  constructor(
    readonly db: Kysely<Database>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A server's settings and revision (the defaults, revision 0, for a server never written). */
  async state(id: string): Promise<ServerState> {
    const row = await this.db
      .selectFrom('servers')
      .select([...SETTING_COLUMNS, 'revision'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row
      ? { id, settings: settingsOf(row), revision: row.revision }
      : { id, settings: DEFAULT_SETTINGS, revision: 0 };
  }

  /** A server's own articles, oldest first. */
  async articles(serverId: string): Promise<StoredArticle[]> {
    const rows = await this.db
      .selectFrom('server_articles')
      .selectAll()
      .where('server_id', '=', serverId)
      .orderBy('added_at')
      .orderBy('article_id')
      .execute();
    return rows.map((r) => ({
      articleId: r.article_id,
      title: r.title,
      url: r.url,
      textHash: r.text_hash,
      bytes: r.bytes,
      body: r.body,
      extract: r.extract,
      extractCode: r.extract_code,
      addedBy: r.added_by,
      addedAt: r.added_at,
    }));
  }

  /**
   * Adds an article to a server's collection, within its limits and unless the server holds the same
   * text already (checked in the same transaction, so two processes cannot both pass a limit).
   */
  async addArticle(
    serverId: string,
    article: Omit<StoredArticle, 'addedAt'>,
    limits: CollectionLimits,
  ): Promise<{ added: true } | AddRefusal> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock().toISOString();
      await this.ensure(trx, serverId, now);
      const usage = await trx
        .selectFrom('server_articles')
        .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(bytes), 0)`.as('bytes')])
        .where('server_id', '=', serverId)
        .executeTakeFirstOrThrow();
      const count = Number(usage.n);
      const bytes = Number(usage.bytes);
      const same = await trx
        .selectFrom('server_articles')
        .select('article_id')
        .where('server_id', '=', serverId)
        .where('text_hash', '=', article.textHash)
        .executeTakeFirst();
      if (same) return { refused: 'duplicate', articleId: same.article_id } as const;
      if (count + 1 > limits.maxArticles) return { refused: 'articles', count } as const;
      if (bytes + article.bytes > limits.maxBytes) return { refused: 'bytes', bytes } as const;
      const taken = await trx
        .selectFrom('server_articles')
        .select('article_id')
        .where('server_id', '=', serverId)
        .where('article_id', '=', article.articleId)
        .executeTakeFirst();
      if (taken) return { refused: 'id-taken' } as const;
      await trx
        .insertInto('server_articles')
        .values({
          server_id: serverId,
          article_id: article.articleId,
          title: article.title,
          url: article.url,
          text_hash: article.textHash,
          bytes: article.bytes,
          body: article.body,
          extract: article.extract,
          extract_code: article.extractCode,
          added_by: article.addedBy,
          added_at: now,
        })
        .execute();
      await this.changed(
        trx,
        serverId,
        now,
        article.addedBy,
        'ingest',
        `${article.articleId} ${article.url}`,
      );
      return { added: true } as const;
    });
  }

  /** Removes one of a server's articles; whether it was there. */
  async removeArticle(serverId: string, articleId: string, userId: string | null): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom('server_articles')
        .where('server_id', '=', serverId)
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return false;
      await this.changed(trx, serverId, this.clock().toISOString(), userId, 'remove', articleId);
      return true;
    });
  }

  /** Stores the extract of an article tagged by newer code (no revision change: the article is the same). */
  async saveExtract(serverId: string, articleId: string, extract: string, code: string): Promise<void> {
    await this.db
      .updateTable('server_articles')
      .set({ extract, extract_code: code })
      .where('server_id', '=', serverId)
      .where('article_id', '=', articleId)
      .execute();
  }

  /** Changes settings; returns the settings before and after (one event per setting changed). */
  async changeSettings(
    serverId: string,
    changes: Partial<ServerSettings>,
    userId: string | null,
  ): Promise<{ before: ServerSettings; after: ServerSettings }> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock().toISOString();
      await this.ensure(trx, serverId, now);
      const row = await trx
        .selectFrom('servers')
        .select(SETTING_COLUMNS)
        .where('id', '=', serverId)
        .executeTakeFirstOrThrow();
      const before = settingsOf(row);
      const after: ServerSettings = { ...before, ...changes };
      await trx
        .updateTable('servers')
        .set({
          private_replies: after.privateReplies ? 1 : 0,
          use_base: after.useBase ? 1 : 0,
          ingest_role: after.ingestRole,
          pictures: after.pictures ? 1 : 0,
        })
        .where('id', '=', serverId)
        .execute();
      for (const key of Object.keys(changes) as Array<keyof ServerSettings>)
        if (before[key] !== after[key])
          await this.changed(
            trx,
            serverId,
            now,
            userId,
            'setting',
            `${key}: ${before[key]} -> ${after[key]}`,
          );
      return { before, after };
    });
  }

  /**
   * Marks a server the bot was removed from: its data is deleted after `days` (see `purgeExpired`).
   * Nothing happens for a server with no data.
   */
  async markLeft(serverId: string, days: number): Promise<boolean> {
    const now = this.clock();
    const deleteAfter = new Date(now.getTime() + days * 86_400_000).toISOString();
    const result = await this.db
      .updateTable('servers')
      .set({ left_at: now.toISOString(), delete_after: deleteAfter })
      .where('id', '=', serverId)
      .where('left_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The bot is in the server again: its data is kept. */
  async markReturned(serverId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('servers')
      .set({ left_at: null, delete_after: null })
      .where('id', '=', serverId)
      .where('left_at', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Deletes a server's data now: settings, articles, events, and the questions and votes of its question
   * log, in one transaction; whether there was any.
   */
  async purge(serverId: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const votes = await tx.deleteFrom('votes').where('guild_id', '=', serverId).executeTakeFirst();
      const questions = await tx.deleteFrom('questions').where('guild_id', '=', serverId).executeTakeFirst();
      const servers = await tx.deleteFrom('servers').where('id', '=', serverId).executeTakeFirst();
      return [votes, questions, servers].some((result) => Number(result.numDeletedRows) > 0);
    });
  }

  /** Deletes the data of servers whose `delete_after` has passed (as `purge` does); their ids. */
  async purgeExpired(): Promise<string[]> {
    const now = this.clock().toISOString();
    const rows = await this.db
      .selectFrom('servers')
      .select('id')
      .where('delete_after', 'is not', null)
      .where('delete_after', '<=', now)
      .execute();
    for (const { id } of rows) await this.purge(id);
    return rows.map((r) => r.id);
  }

  /** Every server with data, with its article count, bytes and settings, by id. */
  async list(): Promise<ServerSummary[]> {
    const rows = await this.db
      .selectFrom('servers')
      .leftJoin('server_articles', 'server_articles.server_id', 'servers.id')
      .select([
        'servers.id',
        ...SETTING_COLUMNS,
        'servers.created_at',
        'servers.left_at',
        'servers.delete_after',
        sql<number>`count(server_articles.article_id)`.as('articles'),
        sql<number>`coalesce(sum(server_articles.bytes), 0)`.as('bytes'),
      ])
      // The other columns are the server's own: grouping by its primary key is enough (SQLite and
      // PostgreSQL both allow columns that the grouped primary key determines).
      .groupBy('servers.id')
      .orderBy('servers.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      settings: settingsOf(r),
      articles: Number(r.articles),
      bytes: Number(r.bytes),
      createdAt: r.created_at,
      leftAt: r.left_at,
      deleteAfter: r.delete_after,
    }));
  }

  /** The server's recorded changes, oldest first. */
  async events(
    serverId: string,
  ): Promise<Array<{ at: string; userId: string | null; action: string; detail: string }>> {
    const rows = await this.db
      .selectFrom('server_events')
      .select(['at', 'user_id', 'action', 'detail'])
      .where('server_id', '=', serverId)
      .orderBy('at')
      .execute();
    return rows.map((r) => ({ at: r.at, userId: r.user_id, action: r.action, detail: r.detail }));
  }

  /** Makes the server's row if it has none (a server's first change). */
  private async ensure(trx: Transaction<Database>, serverId: string, now: string): Promise<void> {
    await trx
      .insertInto('servers')
      .values({
        id: serverId,
        ingest_role: null,
        created_at: now,
        updated_at: now,
        left_at: null,
        delete_after: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** Bumps the revision and records who did what. */
  private async changed(
    trx: Transaction<Database>,
    serverId: string,
    now: string,
    userId: string | null,
    action: string,
    detail: string,
  ): Promise<void> {
    await trx
      .updateTable('servers')
      .set({ revision: sql`revision + 1`, updated_at: now })
      .where('id', '=', serverId)
      .execute();
    await trx
      .insertInto('server_events')
      .values({ id: randomUUID(), server_id: serverId, at: now, user_id: userId, action, detail })
      .execute();
  }
}
