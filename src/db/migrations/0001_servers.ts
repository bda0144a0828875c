import { type Kysely, sql } from 'kysely';

/**
 * Servers, their settings, their own articles, and the record of who changed what. Plain column
 * types only (text, integer), so that SQLite and PostgreSQL run the same statements.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('servers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('private_replies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('use_base', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('ingest_role', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addColumn('delete_after', 'text')
    .execute();
  await db.schema
    .createTable('server_articles')
    .addColumn('server_id', 'text', (c) => c.notNull().references('servers.id').onDelete('cascade'))
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('extract', 'text')
    .addColumn('extract_code', 'text')
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('server_articles_pk', ['server_id', 'article_id'])
    .execute();
  await db.schema
    .createIndex('server_articles_hash')
    .on('server_articles')
    .columns(['server_id', 'text_hash'])
    .execute();
  await db.schema
    .createTable('server_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('server_id', 'text', (c) => c.notNull().references('servers.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('server_events_server')
    .on('server_events')
    .columns(['server_id', 'at'])
    .execute();
  // Servers waiting for deletion are found by this column.
  await sql`create index servers_delete_after on servers (delete_after)`.execute(db);
}

/** Drops what `up` made (a development aid: start-up only migrates up). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('server_events').execute();
  await db.schema.dropTable('server_articles').execute();
  await db.schema.dropTable('servers').execute();
}
