import type { AppCommand, MessageCommand, SlashCommand } from '../src/discord/slashCommand.ts';
import { ask } from './ask.ts';
import { findSources } from './findSources.ts';
import { forgetMe } from './forgetMe.ts';
import { help } from './help.ts';
import { ingest } from './ingest.ts';
import { insights } from './insights.ts';
import { reload } from './reload.ts';
import { search } from './search.ts';
import { settings } from './settings.ts';
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
  insights,
  forgetMe,
  settings,
];

/** The message commands (right-click a message, then Apps). */
export const MESSAGE_COMMANDS: readonly MessageCommand[] = [findSources];

/** Every application command: what the router answers and `citebot deploy` registers. */
export const APP_COMMANDS: readonly AppCommand[] = [...COMMANDS, ...MESSAGE_COMMANDS];
