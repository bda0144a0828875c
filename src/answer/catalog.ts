import type { CommandName } from './answer.ts';

/** What a command is for and what its one text argument means: shared by /help, the CLI and Discord. */
export interface CommandInfo {
  name: CommandName;
  description: string;
  /** The text argument: its name, what it means, and whether it is required. */
  argument: { name: string; description: string; required: boolean };
  example: string;
  /** How many items an answer holds: `list` when the caller does not say (CLI, JSON), `page` per Discord page. */
  sizes: { list: number; page: number };
  /** How Discord offers the command when it is not a slash command of the same name (a message command). */
  onDiscord?: string;
}

/** Every command the core answers, in the order /help lists them: the one table of their texts and sizes. */
export const COMMAND_CATALOG: readonly CommandInfo[] = [
  {
    name: 'ask',
    description: 'Answer a question with the sentences of the articles that answer it',
    argument: {
      name: 'question',
      description: 'Your question, e.g. "where was the conference held?"',
      required: true,
    },
    example: '/ask where was the conference held?',
    sizes: { list: 3, page: 3 },
  },
  {
    name: 'who',
    description: 'List the people, organizations and groups in the news, or what is said about one',
    argument: { name: 'name', description: 'A person, organization or group (optional)', required: false },
    example: '/who Liu Jianchao',
    sizes: { list: 10, page: 6 },
  },
  {
    name: 'where',
    description: 'List the places in the news, or what is said about one',
    argument: { name: 'place', description: 'A place (optional)', required: false },
    example: '/where Changchun',
    sizes: { list: 10, page: 6 },
  },
  {
    name: 'when',
    description: 'List the dates in the news and what happened then, or look up a date or an event',
    argument: {
      name: 'date',
      description: 'A date ("2024-10-14", "Monday") or words about an event (optional)',
      required: false,
    },
    example: '/when Monday',
    sizes: { list: 10, page: 6 },
  },
  {
    name: 'themes',
    description: 'List the key themes of the event, or the sentences about one',
    argument: { name: 'theme', description: 'A theme (optional)', required: false },
    example: '/themes grain production',
    sizes: { list: 10, page: 6 },
  },
  {
    name: 'search',
    description: 'Find the sentences that contain your words',
    argument: { name: 'words', description: 'Words to look for', required: true },
    example: '/search energy transition',
    sizes: { list: 5, page: 5 },
  },
  {
    name: 'source',
    description: 'Show the articles: title, publisher, date, editors and link',
    argument: { name: 'filter', description: 'Words of a title or publisher (optional)', required: false },
    example: '/source',
    sizes: { list: 10, page: 5 },
  },
  {
    name: 'claim',
    description: 'Find the sentences of the articles that bear on a claim, with the shared words in bold',
    argument: {
      name: 'text',
      description: 'A claim or a chat message, e.g. "the conference was held in Harbin"',
      required: true,
    },
    example: '/claim the conference was held in Harbin',
    sizes: { list: 3, page: 3 },
    onDiscord: 'Find sources (right-click a message, then Apps)',
  },
];

/** The catalog entry of a command. */
export function commandInfo(name: CommandName): CommandInfo {
  const info = COMMAND_CATALOG.find((c) => c.name === name);
  if (!info) throw new Error(`catalog: no command "${name}"`);
  return info;
}
