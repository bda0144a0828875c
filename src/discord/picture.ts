import type { Answer } from '../answer/answer.ts';
import type { Collection } from '../answer/collection.ts';
import type { Engine } from '../answer/engine.ts';
import type { Logger } from '../lib/log.ts';
import { type AnswerPicture, enginePicture, hasPicture } from '../render/answerPicture.ts';
import { LIMITS, type MessageData, truncate } from './limits.ts';

/** Makes the picture of an answer page, or null (none for this command, turned off, or it failed). */
export type PictureMaker = (
  engine: Engine | Collection,
  answer: Answer,
  page: { offset: number; article?: string },
) => AnswerPicture | null;

/**
 * The picture maker a running bot uses: a locator map or timeline for /where and /when, unless
 * turned off (CITEBOT_PICTURES=false). A picture that cannot be made is logged and left out: the
 * answer never fails for it. Each picture made is logged with its drawing time and size.
 */
export function pictureMaker(options: { enabled: boolean; logger: Logger }): PictureMaker {
  return (engine, answer, page) => {
    if (!options.enabled || !hasPicture(answer.command)) return null;
    try {
      const picture = enginePicture(engine, answer, page);
      if (picture)
        options.logger.debug(
          {
            command: answer.command,
            picture: picture.kind,
            ms: Math.round(picture.ms),
            bytes: picture.data.length,
          },
          'picture',
        );
      return picture;
    } catch (error) {
      options.logger.error({ err: error, command: answer.command }, 'picture failed: answer sent without it');
      return null;
    }
  };
}

/**
 * Attaches a picture to a reply: the PNG as the message's one file, shown in its first embed
 * (`attachment://NAME`), its alt text as the attachment's description. Without a picture (or one
 * over Discord's upload limit) the message lists no attachments, so a page turned by More drops the
 * previous page's picture rather than showing a stale one.
 */
export function withPicture(
  message: MessageData,
  picture: Pick<AnswerPicture, 'name' | 'data' | 'alt'> | null,
): MessageData {
  const [first, ...rest] = message.embeds ?? [];
  if (!picture || !first || picture.data.length > LIMITS.uploadBytes) return { ...message, attachments: [] };
  const name = truncate(picture.name, LIMITS.attachmentFilename);
  const description = truncate(picture.alt, LIMITS.attachmentDescription);
  return {
    ...message,
    embeds: [{ ...first, image: { url: `attachment://${name}` } }, ...rest],
    attachments: [{ id: '0', filename: name, description }],
    files: [{ name, data: picture.data, description, contentType: 'image/png' }],
  };
}
