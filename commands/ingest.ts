import { SlashCommandBuilder } from 'discord.js';
import { notice } from '../src/discord/renderAnswer.ts';
import { ingestFailureMessage, renderIngest } from '../src/discord/renderIngest.ts';
import { type SlashCommand, serverOnly } from '../src/discord/slashCommand.ts';

/** The most a file attached to /ingest may weigh (the same cap as a fetched page). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * /ingest: adds an article to this server's own collection from its address or an attached file
 * (.html, .txt, .md); it is answered in this server only. For members who can manage the server or
 * hold the server's ingest role (/settings), checked on use; the operator may allow it in some
 * servers only (INGEST_SERVERS). Fetching takes longer than Discord's three seconds, so the reply is
 * deferred and then edited into what was read, with a Remove button; the bot answers from it then.
 */
export const ingest: SlashCommand = {
  data: serverOnly(new SlashCommandBuilder())
    .setName('ingest')
    .setDescription('Add a news article to this server’s articles from its address or a file')
    .addStringOption((o) =>
      o.setName('url').setDescription('The article’s address (http or https)').setMaxLength(2000),
    )
    .addAttachmentOption((o) =>
      o.setName('file').setDescription('Or the article as a .html, .txt or .md file'),
    )
    .addStringOption((o) =>
      o
        .setName('published')
        .setDescription('Publication date YYYY-MM-DD, when the page does not give it')
        .setMaxLength(40),
    )
    .addStringOption((o) =>
      o.setName('title').setDescription('The headline, when the page does not give it').setMaxLength(300),
    ),
  execute: (_engine, input, services) => {
    if (!(input.canIngest ?? input.canManageGuild))
      return {
        results: 0,
        message: notice(
          'Only members who can manage this server, or who hold the role /settings names for it, can add articles.',
        ),
      };
    if (!services.ingest)
      return {
        results: 0,
        message: notice(services.ingestUnavailable ?? 'Adding articles is not available in this mode.'),
      };
    const url = input.options?.url?.trim() || undefined;
    const file = input.attachment ?? null;
    if (!url && !file)
      return {
        results: 0,
        message: notice('Give the article’s `url`, or attach it as a `file` (.html, .txt or .md).'),
      };
    if (url && file) return { results: 0, message: notice('Give a `url` or a `file`, not both.') };
    if (file && file.size > MAX_FILE_BYTES)
      return { results: 0, message: notice(`${file.name} is larger than 2 MB: attach the article alone.`) };
    const started = input.now;
    const later = services
      .ingest({
        url,
        file: file ? { name: file.name, url: file.url } : undefined,
        published: input.options?.published,
        title: input.options?.title,
      })
      .then(
        (result) => renderIngest(result, started, result.status === 'added'),
        (error: unknown) => {
          const message = ingestFailureMessage(error);
          if (message) return message;
          throw error;
        },
      );
    return { results: 0, message: notice('Reading the article…'), later };
  },
};
