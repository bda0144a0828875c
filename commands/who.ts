import { answerReply, defineCommand, type SlashCommand, toChoices } from '../src/discord/slashCommand.ts';

/** /who: people, organizations and groups, or what is said about one. */
export const who: SlashCommand = {
  data: defineCommand('who', { autocomplete: true }),
  execute: (core, input) => answerReply(core, 'who', input),
  autocomplete: (core, typed) => toChoices(typed, core.complete('who', typed)),
};
