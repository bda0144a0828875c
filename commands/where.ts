import { answerReply, defineCommand, type SlashCommand, toChoices } from '../src/discord/slashCommand.ts';

/** /where: places, or what is said about one. */
export const where: SlashCommand = {
  data: defineCommand('where', { autocomplete: true, byArticle: true }),
  execute: (engine, input, services) => answerReply(engine, 'where', input, 0, services),
  autocomplete: (engine, typed) => toChoices(typed, engine.complete('where', typed)),
};
