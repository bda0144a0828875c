import { answerReply, defineCommand, type SlashCommand, toChoices } from '../src/discord/slashCommand.ts';

/** /where: places, or what is said about one. */
export const where: SlashCommand = {
  data: defineCommand('where', { autocomplete: true }),
  execute: (core, input) => answerReply(core, 'where', input),
  autocomplete: (core, typed) => toChoices(typed, core.complete('where', typed)),
};
