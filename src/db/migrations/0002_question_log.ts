import type { Kysely } from 'kysely';

/**
 * The question log: what members asked in each server (with how it ended and what it cited) and
 * their Helpful / Not helpful votes, member ids only as a keyed hash. No foreign key to `servers`:
 * a question is kept whether or not the server has settings; removing a server's data deletes its
 * rows by `guild_id`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('member', 'text', (c) => c.notNull())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('cited', 'text', (c) => c.notNull())
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('questions_guild').on('questions').columns(['guild_id', 'asked_at']).execute();
  await db.schema.createIndex('questions_asked').on('questions').column('asked_at').execute();
  await db.schema.createIndex('questions_member').on('questions').column('member').execute();
  await db.schema
    .createTable('votes')
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('member', 'text', (c) => c.notNull())
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('voted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('votes_pk', ['question_id', 'member'])
    .execute();
  await db.schema.createIndex('votes_guild').on('votes').columns(['guild_id', 'voted_at']).execute();
  await db.schema.createIndex('votes_member').on('votes').column('member').execute();
}

/** Drops what `up` made (a development aid: start-up only migrates up). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('votes').execute();
  await db.schema.dropTable('questions').execute();
}
