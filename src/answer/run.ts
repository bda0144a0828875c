import type { Answer, CommandName } from './answer.ts';
import { ask } from './ask.ts';
import { claim } from './claims.ts';
import type { Engine } from './engine.ts';
import type { PageOptions } from './items.ts';
import { cutLength } from './query.ts';
import { search } from './search.ts';
import { source } from './source.ts';
import { themes } from './themes.ts';
import { when } from './when.ts';
import { where, who } from './who.ts';

/** A command's answerer: a query and a page in, plain data with citations out. */
export type Answerer = (engine: Engine, query?: string, page?: PageOptions) => Answer;

/** Each command's answerer. */
export const ANSWERERS: Readonly<Record<CommandName, Answerer>> = {
  who,
  where,
  when,
  themes,
  ask,
  search,
  source,
  claim,
};

/** Runs a command by name: the one entry point the CLI, the console, HTTP and Discord use. */
export function run(engine: Engine, command: CommandName, query = '', page: PageOptions = {}): Answer {
  return withQueryLength(ANSWERERS[command](engine, query, page), query);
}

/** An answer that says so when its query was longer than the core reads (it answered the first part). */
export function withQueryLength(answer: Answer, query: string): Answer {
  const length = cutLength(query);
  return length === null ? answer : { ...answer, queryLength: length };
}

/** Restores what start-up left for later and answers one question, so that no user's query pays for it. */
export function warm(engine: Engine): void {
  engine.restoreAll();
  ask(engine, 'Who said what, where and when?');
}
