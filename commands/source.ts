import { answerReply, defineCommand, type SlashCommand } from '../src/discord/slashCommand.ts';

/** /source: each article's metadata and link. */
export const source: SlashCommand = {
  data: defineCommand('source'),
  execute: (engine, input) => answerReply(engine, 'source', input),
};
