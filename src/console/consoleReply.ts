import { COMMAND_NAMES, type CommandName } from '../answer/answer.ts';
import { COMMAND_CATALOG } from '../answer/catalog.ts';
import { engineCollection } from '../answer/collection.ts';
import type { Engine } from '../answer/engine.ts';
import { run as answer } from '../answer/run.ts';
import type { Article } from '../corpus/article.ts';
import { resolveArticle } from '../discord/slashCommand.ts';
import { renderText } from '../render/text.ts';

/** The console's own commands, besides the engine's. */
export const CONSOLE_COMMANDS = ['more', 'reload', 'ingest', 'help', 'quit'] as const;

/** The list commands that take an `article:` option, as in Discord. */
const ARTICLE_COMMANDS: readonly string[] = ['who', 'where', 'when', 'themes'];

/** Every name one can type after "/" in the console, for completion. */
export const CONSOLE_COMMAND_NAMES: readonly string[] = [...COMMAND_NAMES, ...CONSOLE_COMMANDS];

/** What the console remembers between lines: the last command, for /more. */
export interface ConsoleSession {
  last: { command: CommandName; query: string; next: number; total: number; article?: string } | null;
}

/** What the console does with a line: print a reply, and whether to leave. */
export interface ConsoleReply {
  text: string;
  quit: boolean;
}

const helpLine = (usage: string, description: string) => `  ${usage.padEnd(24)}${description}`;

/** The /help text: every command with its argument and an example. */
export function helpText(): string {
  const lines = ['Commands (type them as in Discord):'];
  for (const info of COMMAND_CATALOG) {
    const arg = info.argument.required ? ` <${info.argument.name}>` : ` [${info.argument.name}]`;
    lines.push(helpLine(`/${info.name}${arg}`, info.description));
  }
  lines.push(
    helpLine('/more', 'The next results of the last command'),
    helpLine('/reload', 'Re-read the articles folder (it is also watched)'),
    helpLine('/ingest <address> [date]', 'Add the article at an address (a date when the page gives none)'),
    helpLine('/help', 'Show this help'),
    helpLine('/quit', 'Leave (or press Ctrl-D)'),
  );
  lines.push(
    '',
    'A line without a slash is asked as a question. Example: /ask where was the conference held?',
    '/who, /where, /when and /themes take article:<id or title words> (ids: /source), e.g. /who Liu article:foreign guests',
    'Tab completes commands, names, places, dates, themes and article ids; Ctrl-C clears the line, Ctrl-D leaves.',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Answers one console line as Discord would answer the slash command: "/who Liu" runs `who` with "Liu",
 * a line without a slash is a question for `/ask`, an unknown command gets a one-line hint. Never throws
 * for any input; the caller still guards against faults of the engine.
 */
export function consoleReply(
  engine: Engine,
  line: string,
  color = false,
  session: ConsoleSession = { last: null },
): ConsoleReply {
  const input = line.trim();
  if (!input) return { text: '', quit: false };
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(input);
  const name = (match ? match[1] : 'ask')?.toLowerCase() ?? '';
  const arg = match ? (match[2] ?? '') : input;
  if (name === 'quit' || name === 'exit') return { text: '', quit: true };
  if (name === 'help' || name === '') return { text: helpText(), quit: false };
  // The console loop reloads itself; this answer is for callers without a live corpus.
  if (name === 'reload') return { text: 'Reloading is not available here.\n', quit: false };
  if (name === 'ingest') return { text: 'Adding articles is not available here.\n', quit: false };
  if (name === 'more') {
    if (!session.last) return { text: 'Nothing to page yet: run a command first.\n', quit: false };
    if (session.last.next >= session.last.total)
      return { text: `No more results (${session.last.total} in all).\n`, quit: false };
    const { command, query, next, article } = session.last;
    return { text: run(engine, command, query, next, color, session, article), quit: false };
  }
  if (!(COMMAND_NAMES as readonly string[]).includes(name)) {
    const shown = name.slice(0, 30).replace(/[^\p{L}\p{N}_-]/gu, '?');
    return { text: `Unknown command /${shown}. Type /help for the list.\n`, quit: false };
  }
  const info = COMMAND_CATALOG.find((c) => c.name === name);
  let query = arg;
  let article: Article | undefined;
  const option = ARTICLE_COMMANDS.includes(name) ? articleOption(engine, arg) : null;
  if (option) {
    if (!option.article)
      return {
        text: `No article matches “${option.typed.slice(0, 80)}”. Give its id or words of its title (/source lists them).\n`,
        quit: false,
      };
    ({ query, article } = option);
  }
  if (info?.argument.required && !query.trim()) {
    return { text: `/${name} needs ${info.argument.name}: e.g. ${info.example}\n`, quit: false };
  }
  return { text: run(engine, name as CommandName, query, 0, color, session, article?.id), quit: false };
}

/**
 * The `article:` option of a console line, as Discord's article option: `article:<id or title words>`
 * after the command's own words (`/who Liu article:foreign guests`), or first with an id
 * (`/who article:<id> Liu`). Null when the line has none; `article` undefined when nothing matches.
 */
export function articleOption(
  engine: Engine,
  arg: string,
): { query: string; article: Article | undefined; typed: string } | null {
  const at = /(?:^|\s)article:/i.exec(arg);
  if (!at) return null;
  const before = arg.slice(0, at.index).trim();
  const rest = arg.slice(at.index + at[0].length).trim();
  const quoted = /^"([^"]*)"\s*(.*)$/.exec(rest);
  if (quoted) {
    const typed = quoted[1] ?? '';
    return {
      query: `${before} ${quoted[2] ?? ''}`.trim(),
      article: resolveArticle(engineCollection(engine), typed),
      typed,
    };
  }
  // All the rest names the article; else its first word does (an id) and the words after are the query.
  const whole = resolveArticle(engineCollection(engine), rest);
  if (whole) return { query: before, article: whole, typed: rest };
  const [first = '', ...after] = rest.split(/\s+/);
  const byId = engine.article(first);
  if (byId) return { query: `${before} ${after.join(' ')}`.trim(), article: byId, typed: first };
  return { query: before, article: undefined, typed: rest };
}

/** Runs a command from an offset, remembers where its next page starts, and renders it. */
function run(
  engine: Engine,
  command: CommandName,
  query: string,
  offset: number,
  color: boolean,
  session: ConsoleSession,
  article?: string,
): string {
  const reply = answer(engine, command, query, { offset, article });
  session.last = { command, query, next: offset + reply.items.length, total: reply.total, article };
  const only = article ? `Only “${engine.article(article)?.title ?? article}”:\n` : '';
  return only + renderText(reply, { color, offset, more: () => '/more' });
}
