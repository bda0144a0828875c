import { answerReply, defineCommand, type SlashCommand, toChoices } from '../src/discord/slashCommand.ts';

/** /who: people, organizations and groups, or what is said about one. */
export const who: SlashCommand = {
  data: defineCommand('who', { autocomplete: true, byArticle: true }),
  execute: (engine, input) => answerReply(engine, 'who', input),
  autocomplete: (engine, typed) => toChoices(typed, engine.complete('who', typed)),
};
