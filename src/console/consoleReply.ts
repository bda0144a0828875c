import { COMMAND_NAMES, type CommandName } from '../answer/answer.ts';
import { COMMAND_CATALOG } from '../answer/catalog.ts';
import type { Engine } from '../answer/engine.ts';
import { run as answer } from '../answer/run.ts';
import { renderText } from '../render/text.ts';

/** The console's own commands, besides the engine's. */
export const CONSOLE_COMMANDS = ['more', 'reload', 'help', 'quit'] as const;

/** Every name one can type after "/" in the console, for completion. */
export const CONSOLE_COMMAND_NAMES: readonly string[] = [...COMMAND_NAMES, ...CONSOLE_COMMANDS];

/** What the console remembers between lines: the last command, for /more. */
export interface ConsoleSession {
  last: { command: CommandName; query: string; next: number; total: number } | null;
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
    helpLine('/help', 'Show this help'),
    helpLine('/quit', 'Leave (or press Ctrl-D)'),
  );
  lines.push(
    '',
    'A line without a slash is asked as a question. Example: /ask where was the conference held?',
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
  if (name === 'more') {
    if (!session.last) return { text: 'Nothing to page yet: run a command first.\n', quit: false };
    if (session.last.next >= session.last.total)
      return { text: `No more results (${session.last.total} in all).\n`, quit: false };
    return {
      text: run(engine, session.last.command, session.last.query, session.last.next, color, session),
      quit: false,
    };
  }
  if (!(COMMAND_NAMES as readonly string[]).includes(name)) {
    const shown = name.slice(0, 30).replace(/[^\p{L}\p{N}_-]/gu, '?');
    return { text: `Unknown command /${shown}. Type /help for the list.\n`, quit: false };
  }
  const info = COMMAND_CATALOG.find((c) => c.name === name);
  if (info?.argument.required && !arg.trim()) {
    return { text: `/${name} needs ${info.argument.name}: e.g. ${info.example}\n`, quit: false };
  }
  return { text: run(engine, name as CommandName, arg, 0, color, session), quit: false };
}

/** Runs a command from an offset, remembers where its next page starts, and renders it. */
function run(
  engine: Engine,
  command: CommandName,
  query: string,
  offset: number,
  color: boolean,
  session: ConsoleSession,
): string {
  const reply = answer(engine, command, query, { offset });
  session.last = { command, query, next: offset + reply.items.length, total: reply.total };
  return renderText(reply, { color, offset, more: () => '/more' });
}
