import { answerReply, defineCommand, type SlashCommand } from '../src/discord/slashCommand.ts';

/** /search: plain full-text search. */
export const search: SlashCommand = {
  data: defineCommand('search'),
  execute: (engine, input) => answerReply(engine, 'search', input),
};
