import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * Kysely's SQLite driver with write transactions that take the write lock when they begin
 * (`BEGIN IMMEDIATE`): two processes on one file (shards, an HTTP instance beside a gateway bot) then
 * wait for each other through the busy timeout instead of one failing with SQLITE_BUSY when a read
 * turns into a write.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite runs schema changes inside a transaction, so a migration is all or nothing (Kysely assumes not). */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * The SQLite dialect citebot uses: Kysely's, with immediate write transactions and migrations run in
 * one transaction each (a crash during a migration leaves the database as it was before it).
 */
export class CitebotSqliteDialect extends SqliteDialect {
  constructor(private readonly sqliteConfig: SqliteDialectConfig) {
    super(sqliteConfig);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqliteConfig);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
