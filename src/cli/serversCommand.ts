import type { Command } from 'commander';
import { databaseConfig, describeDatabase } from '../db/databaseConfig.ts';
import { openDatabase } from '../db/openDatabase.ts';
import { ServerStore, type ServerSummary } from '../db/serverStore.ts';

/** Where `citebot servers` writes and which environment names the database. */
export interface ServersIo {
  out: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** One server in a line: id, articles and bytes, settings, and when its data goes if the bot left. */
function line(s: ServerSummary): string {
  const settings = [
    s.settings.privateReplies ? 'private replies' : 'public replies',
    s.settings.useBase ? 'base on' : 'base off',
    `ingest role ${s.settings.ingestRole ?? 'none'}`,
    s.settings.pictures ? 'pictures on' : 'pictures off',
  ].join(', ');
  const left = s.leftAt
    ? `; bot removed ${s.leftAt.slice(0, 10)}, data deleted after ${s.deleteAfter?.slice(0, 10)}`
    : '';
  return `${s.id}  ${s.articles} article(s), ${(s.bytes / 1024).toFixed(1)} KB; ${settings}${left}`;
}

/** Opens the database the environment names, runs `work` on its store, and closes it. */
async function withStore<T>(env: NodeJS.ProcessEnv, work: (store: ServerStore) => Promise<T>): Promise<T> {
  const opened = await openDatabase(databaseConfig(env));
  try {
    return await work(new ServerStore(opened.db));
  } finally {
    await opened.close();
  }
}

/**
 * `citebot servers`: lists the servers the database holds data for (article counts, settings, and
 * the date a removed server's data goes); `citebot servers purge ID` deletes one server's data now.
 * Errors (a database that cannot be opened) are one line and exit 1, as every CLI failure.
 */
export function addServersCommand(program: Command, io: ServersIo): void {
  const servers = program
    .command('servers')
    .description('List the servers citebot keeps data for (their own articles and settings)')
    .option('--json', 'print the list as JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await withStore(io.env, (store) => store.list());
      if (options.json) {
        io.out(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      io.out(`${describeDatabase(databaseConfig(io.env))}: ${list.length} server(s)\n`);
      for (const s of list) io.out(`${line(s)}\n`);
    });
  servers
    .command('purge <id>')
    .description("Delete one server's data now (its articles, settings and history)")
    .action(async (id: string) => {
      const purged = await withStore(io.env, (store) => store.purge(id));
      io.out(purged ? `Deleted the data of server ${id}.\n` : `No data for server ${id}.\n`);
    });
}
