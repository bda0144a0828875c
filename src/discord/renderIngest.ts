import { ButtonStyle, ComponentType } from 'discord.js';
import type { IngestResult } from '../app/ingest.ts';
import { IngestFailure } from '../app/ingest.ts';
import { IngestError } from '../corpus/ingestRaw.ts';
import { articleHash, encodeButton } from './customId.ts';
import { fitMessage, type MessageData } from './limits.ts';
import { safeText } from './markdown.ts';
import { allowedMentions, EMBED_COLOR, notice } from './renderAnswer.ts';

/**
 * The reply to /ingest: what was read (title linked, outlet, date, dateline, writers, paragraphs and
 * sentences, the first names) so the person who added it can check it, with a Remove button; or
 * "already in the corpus", naming the article. Nobody is pinged.
 */
export function renderIngest(result: IngestResult, now: number, reloaded: boolean): MessageData {
  const { article } = result;
  if (result.status === 'duplicate')
    return notice(
      `Already in the corpus: “${article.title}” (${article.id}, ${article.published.slice(0, 10)}).`,
    );
  const fields = [
    {
      name: 'Publisher',
      value: article.agency ? `${article.publisher} (${article.agency})` : article.publisher,
      inline: true,
    },
    { name: 'Published', value: article.published.slice(0, 10), inline: true },
  ];
  if (article.dateline)
    fields.push({
      name: 'Dateline',
      value: `${article.dateline.place}, ${article.dateline.date}`,
      inline: true,
    });
  if (article.authors.length) fields.push({ name: 'By', value: article.authors.join(', '), inline: true });
  fields.push({
    name: 'Text',
    value: `${article.paragraphs.length} paragraphs, ${result.sentences} sentences`,
    inline: true,
  });
  if (result.names.length) fields.push({ name: 'Names', value: result.names.join(', '), inline: false });
  return fitMessage({
    embeds: [
      {
        color: EMBED_COLOR,
        author: { name: 'Added to the corpus' },
        title: article.title,
        url: article.url,
        description: safeText(article.paragraphs[0] ?? ''),
        fields: fields.map((f) => ({ ...f, value: safeText(f.value) })),
        footer: {
          text: `${article.id}${reloaded ? ' · answers include it now' : ' · answers include it after the next reload'}`,
        },
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: 'Remove',
            custom_id: encodeButton({ action: 'remove', article: articleHash(article.id), issued: now }),
          },
        ],
      },
    ],
    allowed_mentions: allowedMentions(null),
  });
}

/** A failed /ingest in one sentence for the user: what could not be fetched or read, and why. */
export function ingestFailureMessage(error: unknown): MessageData | null {
  if (error instanceof IngestFailure) return notice(error.message);
  if (error instanceof IngestError)
    return notice(
      error
        .sentence((name) => `the \`${name}\` option`)
        .replace(/the `published` option YYYY-MM-DD/g, 'the `published` option (YYYY-MM-DD)'),
    );
  return null;
}
