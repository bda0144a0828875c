import type { Generated } from 'kysely';

/**
 * The database's tables as TypeScript sees them: every query is checked against this interface. A
 * migration that adds a table adds its interface here too (see `migrations/index.ts`). Times are ISO
 * 8601 text and switches are 0/1 integers, so that SQLite and PostgreSQL store them alike.
 */
export interface Database {
  servers: ServersTable;
  server_articles: ServerArticlesTable;
  server_events: ServerEventsTable;
  questions: QuestionsTable;
  votes: VotesTable;
}

/** One Discord server (guild) the bot has seen, and its settings. */
export interface ServersTable {
  /** The guild's snowflake id. */
  id: string;
  /** 1: replies are ephemeral unless a command asks otherwise. */
  private_replies: Generated<number>;
  /** 1: the operator's base collection is answered here (0: only this server's own articles). */
  use_base: Generated<number>;
  /** A role (snowflake) whose members may use /ingest besides those with Manage Server, or null. */
  ingest_role: string | null;
  /** 1: /where, /when and /insights replies carry their picture here (0: text only). */
  pictures: Generated<number>;
  /**
   * Counts every change to the server's settings or articles: a process holding the server's
   * collection in memory compares it to know it is stale (another process may have written).
   */
  revision: Generated<number>;
  created_at: string;
  updated_at: string;
  /** When the bot was removed from the server (GUILD_DELETE without `unavailable`), or null. */
  left_at: string | null;
  /** When the server's data is deleted (left_at + SERVER_DATA_DAYS), or null while the bot is there. */
  delete_after: string | null;
}

/** An article of one server's collection (what /ingest added there): the one place it is kept. */
export interface ServerArticlesTable {
  server_id: string;
  /** The article id, unique within the server. */
  article_id: string;
  title: string;
  url: string;
  /** A hash of the article's words (duplicates are refused by it). */
  text_hash: string;
  /** The size of `body` in bytes (counted against SERVER_MAX_BYTES). */
  bytes: number;
  /** The whole article as a corpus file: YAML front matter, then the paragraphs. */
  body: string;
  /**
   * What extraction found in it (JSON), so that loading a server's collection tags nothing, or null;
   * valid only for the code version in `extract_code` (other code tags it again).
   */
  extract: string | null;
  extract_code: string | null;
  /** The Discord user who added it. */
  added_by: string;
  added_at: string;
}

/** Who changed what in a server and when (ingest, remove, settings), kept as long as the server's data. */
export interface ServerEventsTable {
  /** A random id (text, so both dialects generate it alike). */
  id: string;
  server_id: string;
  at: string;
  /** The Discord user who did it, or null for the operator or the bot. */
  user_id: string | null;
  /** `ingest`, `remove`, `setting`, `left`, `returned`. */
  action: string;
  /** One line: what was added or removed, or `private_replies: off -> on`. */
  detail: string;
}

/** One question a member asked in a server (the question log; kept CITEBOT_RETENTION_DAYS). */
export interface QuestionsTable {
  /** The id of the interaction that asked it (the vote buttons carry it). */
  id: string;
  guild_id: string;
  /** The member's keyed hash (HMAC-SHA-256), never the Discord id. */
  member: string;
  /** The command (`ask`, `who`, `search`...). */
  command: string;
  /** What was asked, as typed. */
  query: string;
  /** `answered`, `refused` (not in the articles) or `failed`. */
  outcome: string;
  /** The cited sentences, JSON: [{"article","paragraph","sentence"}]. */
  cited: string;
  latency_ms: number;
  asked_at: string;
}

/** One member's vote on one answer (the last click counts). */
export interface VotesTable {
  question_id: string;
  guild_id: string;
  member: string;
  /** 1 Helpful, 0 Not helpful. */
  helpful: number;
  voted_at: string;
}
