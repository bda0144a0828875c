import type {
  InteractionEditReplyOptions,
  InteractionReplyOptions,
  InteractionUpdateOptions,
  MessageReplyOptions,
} from 'discord.js';
import type { MessageData } from './limits.ts';

/** Converts citebot's message data (Discord API shape) into discord.js reply options. */
export function toReplyOptions(message: MessageData): InteractionReplyOptions {
  const options: InteractionReplyOptions = {
    embeds: (message.embeds ?? []) as InteractionReplyOptions['embeds'],
    components: (message.components ?? []) as InteractionReplyOptions['components'],
    allowedMentions: {
      parse: [],
      users: message.allowed_mentions.users ?? [],
      repliedUser: false,
    },
  };
  if (message.content !== undefined) options.content = message.content;
  if (message.flags) options.flags = message.flags as InteractionReplyOptions['flags'];
  if (message.files?.length)
    options.files = message.files.map((f) => ({
      attachment: f.data,
      name: f.name,
      description: f.description,
    }));
  return options;
}

/**
 * Converts message data into discord.js options for updating the message a button sits on. discord.js
 * lists the files it uploads as attachments itself; an empty `attachments` drops the files the message
 * had (the previous page's picture).
 */
export function toUpdateOptions(message: MessageData): InteractionUpdateOptions {
  const { flags: _flags, ...rest } = toReplyOptions(message);
  return (message.attachments ? { ...rest, attachments: [] } : rest) as InteractionUpdateOptions;
}

/** Converts message data into discord.js options for editing a deferred reply (its flags were set when deferring). */
export function toEditOptions(message: MessageData): InteractionEditReplyOptions {
  const { flags: _flags, ...rest } = toReplyOptions(message);
  return (message.attachments ? { ...rest, attachments: [] } : rest) as InteractionEditReplyOptions;
}

/** Converts message data into discord.js options for replying to a message (an @mention question): nobody pinged, not even its author. */
export function toMessageReplyOptions(message: MessageData): MessageReplyOptions {
  const { flags: _flags, ...rest } = toReplyOptions(message);
  return { ...(rest as MessageReplyOptions), allowedMentions: { parse: [], users: [], repliedUser: false } };
}
