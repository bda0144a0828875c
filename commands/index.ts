import type { SlashCommand } from '../src/discord/slashCommand.ts';
import { ask } from './ask.ts';
import { help } from './help.ts';
import { ingest } from './ingest.ts';
import { reload } from './reload.ts';
import { search } from './search.ts';
import { source } from './source.ts';
import { themes } from './themes.ts';
import { when } from './when.ts';
import { where } from './where.ts';
import { who } from './who.ts';

/** Every slash command, in one explicit list: the router and `citebot deploy` both read it. */
export const COMMANDS: readonly SlashCommand[] = [
  ask,
  who,
  where,
  when,
  themes,
  search,
  source,
  help,
  reload,
  ingest,
];
