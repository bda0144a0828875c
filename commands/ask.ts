import { answerReply, defineCommand, type SlashCommand, toChoices } from '../src/discord/slashCommand.ts';

/** /ask: the sentences that answer a free question. Autocomplete offers names and themes to ask about. */
export const ask: SlashCommand = {
  data: defineCommand('ask', { autocomplete: true }),
  execute: (engine, input) => answerReply(engine, 'ask', input),
  autocomplete: (engine, typed) => toChoices(typed, engine.complete('ask', typed)),
};
