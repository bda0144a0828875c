import { answerReply, defineCommand, type SlashCommand, toChoices } from '../src/discord/slashCommand.ts';

/** /themes: the key themes, or the sentences about one. */
export const themes: SlashCommand = {
  data: defineCommand('themes', { autocomplete: true, byArticle: true }),
  execute: (engine, input) => answerReply(engine, 'themes', input),
  autocomplete: (engine, typed) => toChoices(typed, engine.complete('themes', typed)),
};
