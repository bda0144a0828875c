import type { Migration } from 'kysely';
import * as m0001 from './0001_servers.ts';
import * as m0002 from './0002_question_log.ts';
import * as m0003 from './0003_server_pictures.ts';

/**
 * Every migration, in the order they run: one file per migration in this folder, exporting `up` (and
 * `down`), named `NNNN_what.ts`. To change the schema, add the next file and one line here (and the
 * table's interface in `../schema.ts`); never edit a migration that has landed, since databases out
 * there have run it already. Start-up runs the ones a database has not run (`openDatabase`).
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_servers': m0001,
  '0002_question_log': m0002,
  '0003_server_pictures': m0003,
};
