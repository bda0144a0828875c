import { SlashCommandBuilder } from 'discord.js';
import { notice } from '../src/discord/renderAnswer.ts';
import { everywhere, type SlashCommand } from '../src/discord/slashCommand.ts';

/**
 * /forget-me: deletes every question and vote citebot keeps about the member who runs it, in every
 * server (always private). The record is keyed by a hash of the member's id, so only they can ask.
 */
export const forgetMe: SlashCommand = {
  data: everywhere(
    new SlashCommandBuilder()
      .setName('forget-me')
      .setDescription('Delete the questions and votes citebot keeps about you, in every server'),
  ),
  execute: (_engine, input, services) => {
    if (!services.forgetMe)
      return {
        results: 0,
        message: notice('This bot keeps no record of questions or votes: there is nothing to delete.'),
      };
    return {
      results: 0,
      message: notice('Deleting…'),
      later: services
        .forgetMe(input.userId)
        .then(({ questions, votes }) =>
          notice(`Done: deleted ${questions} question(s) and ${votes} vote(s) of yours, in every server.`),
        )
        .catch(() =>
          notice('Nothing could be deleted right now (the database is unreachable). Please try again later.'),
        ),
    };
  },
};
