import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { claimsOf } from '../src/answer/claims.ts';
import { notice } from '../src/discord/renderAnswer.ts';
import { answerReply, everywhere, type MessageCommand } from '../src/discord/slashCommand.ts';

/** The name Discord shows under Apps when one right-clicks a message. */
export const FIND_SOURCES = 'Find sources';

/**
 * "Find sources" (a message command): the sentences of the articles that bear on the claims of the
 * message it is run on, as /ask answers, the shared words in bold. Always private: the reply is for the
 * person who asked, and neither names nor pings the message's author.
 */
export const findSources: MessageCommand = {
  data: everywhere(
    new ContextMenuCommandBuilder().setName(FIND_SOURCES).setType(ApplicationCommandType.Message),
  ),
  execute: (engine, input) => {
    if (!claimsOf(input.text).length)
      return {
        results: 0,
        message: notice(
          'That message has no words to look up (links, code, mentions and emoji are left out).',
        ),
      };
    return answerReply(engine, 'claim', { ...input, isPrivate: true, mentionId: null });
  },
};
