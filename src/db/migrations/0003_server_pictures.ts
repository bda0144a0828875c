import { type Kysely, sql } from 'kysely';

/**
 * A server's "pictures" setting: 1 (the default) draws the /where map, the /when timeline and the
 * /insights chart in that server's replies; 0 leaves them out (text only). Every server that exists
 * when this runs keeps pictures on, as before it could choose.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table servers add column pictures integer not null default 1`.execute(db);
}

/** Drops the column (a development aid: start-up only migrates up). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table servers drop column pictures`.execute(db);
}
