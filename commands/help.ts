import { SlashCommandBuilder } from 'discord.js';
import { COMMAND_CATALOG } from '../src/answer/catalog.ts';
import { fitMessage } from '../src/discord/limits.ts';
import { allowedMentions, EMBED_COLOR } from '../src/discord/renderAnswer.ts';
import { type SlashCommand, withCommonOptions } from '../src/discord/slashCommand.ts';

/** /help: every command with what it does and an example; answers quote the articles, never invent. */
export const help: SlashCommand = {
  data: withCommonOptions(
    new SlashCommandBuilder()
      .setName('help')
      .setDescription('How to use citebot: every command with an example'),
  ),
  execute: (engine, input) => ({
    results: COMMAND_CATALOG.length,
    message: fitMessage({
      content: input.mentionId ? `<@${input.mentionId}>` : undefined,
      embeds: [
        {
          color: EMBED_COLOR,
          title: 'citebot: answers quoted from the articles',
          description: `Every answer is a sentence quoted verbatim from the articles, with a link to it. ${engine.articles.length} article(s), ${engine.sentenceCount} sentences loaded.`,
          fields: COMMAND_CATALOG.map((c) => ({
            name: c.onDiscord ?? `/${c.name}`,
            value: c.onDiscord ? `${c.description}.` : `${c.description}. Example: \`${c.example}\``,
          })),
          footer: {
            text: 'Options on every command: private (reply only to me), mention (who the answer is for). Server managers: /ingest adds an article to this server (address or file), /settings, /reload.',
          },
        },
      ],
      flags: input.isPrivate ? 64 : undefined,
      allowed_mentions: allowedMentions(input.mentionId),
    }),
  }),
};
