import { answerReply, defineCommand, type SlashCommand } from '../src/discord/slashCommand.ts';

/** /when: dates and what happened then, or a date or event looked up. */
export const when: SlashCommand = {
  data: defineCommand('when', { byArticle: true }),
  execute: (engine, input, services) => answerReply(engine, 'when', input, 0, services),
};
