import { answerReply, defineCommand, type SlashCommand, toChoices } from '../src/discord/slashCommand.ts';

/** /themes: the key themes, or the sentences about one. */
export const themes: SlashCommand = {
  data: defineCommand('themes', { autocomplete: true }),
  execute: (core, input) => answerReply(core, 'themes', input),
  autocomplete: (core, typed) => toChoices(typed, core.complete('themes', typed)),
};
