import { answerReply, defineCommand, type SlashCommand, toChoices } from '../src/discord/slashCommand.ts';

/** /ask: the sentences that answer a free question. Autocomplete offers names and themes to ask about. */
export const ask: SlashCommand = {
  data: defineCommand('ask', { autocomplete: true }),
  execute: (core, input) => answerReply(core, 'ask', input),
  autocomplete: (core, typed) => toChoices(typed, core.complete('ask', typed)),
};
