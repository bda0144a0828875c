import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseConfig, describeDatabase } from '../src/db/databaseConfig.ts';
import { DatabaseError } from '../src/db/databaseError.ts';
import { MIGRATIONS } from '../src/db/migrations/index.ts';
import { type OpenedDatabase, openDatabase } from '../src/db/openDatabase.ts';
import { DEFAULT_SETTINGS, ServerStore } from '../src/db/serverStore.ts';
import { type FreshDatabase, TEST_DATABASES } from './databases.ts';
import { ROOT } from './processes.ts';

const execFileAsync = promisify(execFile);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh database of the given engine, dropped after the test. */
async function fresh(engine: (typeof TEST_DATABASES)[number]): Promise<FreshDatabase> {
  const database = await engine.fresh();
  cleanups.push(() => database.drop());
  return database;
}

/** Opens a database, closed after the test. */
async function open(database: FreshDatabase): Promise<OpenedDatabase> {
  const opened = await openDatabase(database.config);
  cleanups.push(() => opened.close());
  return opened;
}

describe('databaseConfig', () => {
  it('is SQLite in CITEBOT_DATA_DIR (default ./data) unless DATABASE_URL names PostgreSQL', () => {
    expect(databaseConfig({})).toEqual({
      kind: 'sqlite',
      file: join(process.cwd(), 'data', 'citebot.sqlite'),
    });
    expect(databaseConfig({ CITEBOT_DATA_DIR: '/srv/citebot' })).toEqual({
      kind: 'sqlite',
      file: '/srv/citebot/citebot.sqlite',
    });
    expect(databaseConfig({ DATABASE_URL: 'postgresql://u:p@db/citebot' })).toEqual({
      kind: 'postgres',
      url: 'postgresql://u:p@db/citebot',
    });
  });

  it('refuses another kind of DATABASE_URL in one line naming its scheme', () => {
    expect(() => databaseConfig({ DATABASE_URL: 'mysql://u:p@db/citebot' })).toThrow(
      /^database: DATABASE_URL must start with postgres:\/\/ \(got mysql:\)/,
    );
  });

  it('never shows a password where it says which database it uses', () => {
    const line = describeDatabase({ kind: 'postgres', url: 'postgres://bot:s3cret@db:5432/citebot' });
    expect(line).toBe('PostgreSQL postgres://bot:***@db:5432/citebot');
  });
});

describe.each(TEST_DATABASES)('the database on $name', (engine) => {
  it('runs every migration on a new database, and none on the next start', async () => {
    const database = await fresh(engine);
    const first = await openDatabase(database.config);
    expect(first.migrated).toEqual(Object.keys(MIGRATIONS));
    await first.close();
    const second = await open(database);
    expect(second.migrated).toEqual([]);
  });

  it('keeps what was written across a close and an open', async () => {
    const database = await fresh(engine);
    const first = await openDatabase(database.config);
    const now = new Date().toISOString();
    await first.db
      .insertInto('servers')
      .values({
        id: '111',
        ingest_role: null,
        created_at: now,
        updated_at: now,
        left_at: null,
        delete_after: null,
      })
      .execute();
    await first.close();
    const second = await open(database);
    const row = await second.db.selectFrom('servers').selectAll().where('id', '=', '111').executeTakeFirst();
    expect(row).toMatchObject({ id: '111', private_replies: 0, use_base: 1, ingest_role: null });
  });

  it('keeps pictures on for a server made before the pictures setting existed', async () => {
    const database = await fresh(engine);
    const first = await openDatabase(database.config);
    const migrator = new Migrator({ db: first.db, provider: { getMigrations: async () => MIGRATIONS } });
    const { error } = await migrator.migrateTo('0002_question_log');
    expect(error).toBeUndefined();
    await sql`insert into servers (id, private_replies, use_base, ingest_role, revision, created_at, updated_at)
      values ('222', 1, 1, null, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`.execute(
      first.db,
    );
    await first.close();
    const second = await open(database);
    expect(second.migrated).toEqual(['0003_server_pictures']);
    expect((await new ServerStore(second.db).state('222')).settings).toEqual({
      privateReplies: true,
      useBase: true,
      ingestRole: null,
      pictures: true,
    });
  });

  it('changes the pictures setting like any other, one event for it', async () => {
    const store = new ServerStore((await open(await fresh(engine))).db);
    expect((await store.state('333')).settings.pictures).toBe(DEFAULT_SETTINGS.pictures);
    const { before, after } = await store.changeSettings('333', { pictures: false }, '44');
    expect([before.pictures, after.pictures]).toEqual([true, false]);
    expect((await store.state('333')).settings).toEqual({ ...DEFAULT_SETTINGS, pictures: false });
    expect((await store.events('333')).map((e) => e.detail)).toEqual(['pictures: true -> false']);
    expect((await store.list()).find((s) => s.id === '333')?.settings.pictures).toBe(false);
  });

  it("deletes a server's articles and events with the server (foreign keys hold on both engines)", async () => {
    const { db } = await open(await fresh(engine));
    const now = new Date().toISOString();
    await db
      .insertInto('servers')
      .values({
        id: '222',
        ingest_role: null,
        created_at: now,
        updated_at: now,
        left_at: null,
        delete_after: null,
      })
      .execute();
    await db
      .insertInto('server_articles')
      .values({
        server_id: '222',
        article_id: 'a',
        title: 'A',
        url: 'https://example.org/a',
        text_hash: 'h',
        bytes: 1,
        body: 'x',
        extract: null,
        extract_code: null,
        added_by: '9',
        added_at: now,
      })
      .execute();
    await db
      .insertInto('server_events')
      .values({ id: 'e1', server_id: '222', at: now, user_id: '9', action: 'ingest', detail: 'a' })
      .execute();
    await db.deleteFrom('servers').where('id', '=', '222').execute();
    const left = await db
      .selectFrom('server_articles')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });

  it('refuses an article for a server it does not know (no orphan rows)', async () => {
    const { db } = await open(await fresh(engine));
    const now = new Date().toISOString();
    await expect(
      db
        .insertInto('server_events')
        .values({ id: 'e2', server_id: 'nobody', at: now, user_id: null, action: 'x', detail: '' })
        .execute(),
    ).rejects.toThrow();
  });

  it('migrates once when several processes start together', async () => {
    const database = await fresh(engine);
    const script = `
      const { openDatabase } = await import(${JSON.stringify(join(ROOT, 'src/db/openDatabase.ts'))});
      const opened = await openDatabase(JSON.parse(process.env.CONFIG));
      process.stdout.write(JSON.stringify(opened.migrated));
      await opened.close();`;
    const run = () =>
      execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, CONFIG: JSON.stringify(database.config) },
        timeout: 30_000,
      });
    const outputs = await Promise.all([run(), run(), run()]);
    const ran = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
    expect(ran).toEqual(Object.keys(MIGRATIONS));
  });

  it('rolls a failed transaction back whole', async () => {
    const { db } = await open(await fresh(engine));
    const now = new Date().toISOString();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('servers')
          .values({
            id: '333',
            ingest_role: null,
            created_at: now,
            updated_at: now,
            left_at: null,
            delete_after: null,
          })
          .execute();
        throw new Error('stop half-way');
      }),
    ).rejects.toThrow('stop half-way');
    expect(await db.selectFrom('servers').selectAll().execute()).toEqual([]);
  });
});

describe('the SQLite file', () => {
  const sqlite = TEST_DATABASES.find((d) => d.name === 'sqlite');
  if (!sqlite) throw new Error('SQLite is always tested');

  it('is made with its folder on first use, in WAL mode', async () => {
    const database = await fresh(sqlite);
    const file = database.config.kind === 'sqlite' ? database.config.file : '';
    const nested = { kind: 'sqlite' as const, file: join(file, '..', 'deeper', 'citebot.sqlite') };
    const opened = await openDatabase(nested);
    await opened.close();
    expect(existsSync(nested.file)).toBe(true);
    const raw = new BetterSqlite3(nested.file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('that is damaged is one clear line, and is left as it was (never reset)', async () => {
    const database = await fresh(sqlite);
    const file = database.config.kind === 'sqlite' ? database.config.file : '';
    await (await openDatabase(database.config)).close();
    const garbage = Buffer.alloc(8192, 0x5a);
    writeFileSync(file, garbage);
    const error = await openDatabase(database.config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(
      /^database: SQLite .*citebot\.sqlite is damaged or not a citebot database \(SQLITE_NOTADB/,
    );
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('that another process holds locked is one clear line after the busy timeout', async () => {
    const database = await fresh(sqlite);
    const file = database.config.kind === 'sqlite' ? database.config.file : '';
    const holder = new BetterSqlite3(file);
    holder.exec('begin exclusive; create table held (x integer);');
    try {
      const error = await openDatabase(database.config, { busyTimeoutMs: 200 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseError);
      expect((error as Error).message).toMatch(
        /^database: SQLite .* is locked by another process \(SQLITE_BUSY\)/,
      );
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    // Once the other process lets go, the same file opens.
    const opened = await open(database);
    expect(opened.migrated).toEqual(Object.keys(MIGRATIONS));
  });
});
