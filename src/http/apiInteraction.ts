import { InteractionResponseType, InteractionType } from 'discord.js';
import { feedbackOf } from '../discord/customId.ts';
import type { InteractionRequest, InteractionResponse } from '../discord/dispatch.ts';
import type { MessageData, MessageFile } from '../discord/limits.ts';
import { messageWords } from '../discord/messageText.ts';
import {
  ARTICLE_OPTION,
  type Attachment,
  MENTION_OPTION,
  PRIVATE_OPTION,
  textOptionName,
} from '../discord/slashCommand.ts';

/** Manage Messages and Manage Server in a permissions bit field. */
const MANAGE_MESSAGES = 1n << 13n;
const MANAGE_GUILD = 1n << 5n;

/** The member's permissions bit field (0 outside a server or when malformed). */
function permissionsOf(body: ApiInteraction): bigint {
  try {
    return BigInt(typeof body.member?.permissions === 'string' ? body.member.permissions : '0');
  } catch {
    return 0n;
  }
}
const EPHEMERAL = 64;

interface ApiOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: ApiOption[];
}

/** An attachment as Discord resolves it in an interaction. */
interface ApiAttachment {
  url?: unknown;
  filename?: unknown;
  size?: unknown;
  content_type?: unknown;
}

/** A user as an interaction carries it. */
interface ApiUser {
  id?: unknown;
  username?: unknown;
  global_name?: unknown;
}

/** The fields of Discord's interaction object citebot reads. */
export interface ApiInteraction {
  id?: unknown;
  type?: unknown;
  token?: unknown;
  application_id?: unknown;
  guild_id?: unknown;
  /** The installs that authorized the interaction: "0" (the server's) and "1" (the user's). */
  authorizing_integration_owners?: Record<string, unknown>;
  member?: { user?: ApiUser; permissions?: unknown; nick?: unknown; roles?: unknown };
  user?: ApiUser;
  data?: {
    name?: unknown;
    options?: ApiOption[];
    custom_id?: unknown;
    /** 1 for a slash command, 3 for a message command. */
    type?: unknown;
    /** A message command's message. */
    target_id?: unknown;
    resolved?: {
      attachments?: Record<string, ApiAttachment>;
      messages?: Record<string, { content?: unknown }>;
    };
  };
  message?: {
    id?: unknown;
    embeds?: Array<{ author?: { name?: unknown } }>;
    flags?: unknown;
    components?: Array<{ components?: Array<{ custom_id?: unknown }> }>;
  };
}

/** Whether a public reply can be posted: outside a server, or in a server that added citebot (see the gateway's twin). */
function publicAllowed(body: ApiInteraction): boolean {
  const owners = body.authorizing_integration_owners;
  if (!str(body.guild_id) || !owners || typeof owners !== 'object' || !Object.keys(owners).length)
    return true;
  return owners['0'] !== undefined;
}

/** The member's display name: their server nickname, else their global name, else their username. */
function displayNameOf(body: ApiInteraction): string {
  const u = body.member?.user ?? body.user;
  return str(body.member?.nick) || str(u?.global_name) || str(u?.username);
}

/** What an HTTP interaction is: a PING, a request for the dispatcher, or something unknown. */
export type ParsedInteraction =
  | { kind: 'ping' }
  | { kind: 'request'; request: InteractionRequest }
  | { kind: 'unknown'; why: string };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Option types in Discord's interaction data. */
const STRING_OPTION = 3;
/** The application command type of a message command (right-click a message, then Apps). */
const MESSAGE_COMMAND = 3;
const BOOLEAN_OPTION = 5;
const ROLE_OPTION = 8;
const ATTACHMENT_OPTION = 11;

/** The file attached to a command (an attachment option's id, resolved in `data.resolved`), or null. */
function attachmentOf(body: ApiInteraction, options: ApiOption[]): Attachment | null {
  const id = options.find((o) => o.type === ATTACHMENT_OPTION)?.value;
  const file = typeof id === 'string' ? body.data?.resolved?.attachments?.[id] : undefined;
  if (!file || !str(file.url)) return null;
  return {
    url: str(file.url),
    name: str(file.filename) || 'attachment',
    size: typeof file.size === 'number' ? file.size : 0,
    contentType: str(file.content_type) || null,
  };
}

/**
 * Reads Discord's interaction JSON (as the HTTP endpoint receives it) into the transport-neutral request:
 * the same the gateway router builds from discord.js objects, so both transports share every handler.
 */
export function parseApiInteraction(body: ApiInteraction): ParsedInteraction {
  if (body.type === InteractionType.Ping) return { kind: 'ping' };
  const id = str(body.id);
  const userId = str(body.member?.user?.id) || str(body.user?.id);
  if (!id || !userId) return { kind: 'unknown', why: 'no interaction id or user' };
  const guildId = str(body.guild_id) || null;
  const options = body.data?.options ?? [];
  const option = (name: string) => options.find((o) => o.name === name)?.value;
  const command = str(body.data?.name);
  switch (body.type) {
    case InteractionType.ApplicationCommand: {
      if (body.data?.type === MESSAGE_COMMAND) {
        const target = body.data.resolved?.messages?.[str(body.data.target_id)];
        return {
          kind: 'request',
          request: {
            kind: 'command',
            id,
            guildId,
            userId,
            command,
            text: messageWords(str(target?.content)),
            article: '',
            isPrivate: true,
            mentionId: null,
            canManageGuild: (permissionsOf(body) & MANAGE_GUILD) !== 0n,
            publicAllowed: publicAllowed(body),
          },
        };
      }
      const textName = textOptionName(command);
      const permissions = permissionsOf(body);
      return {
        kind: 'request',
        request: {
          kind: 'command',
          id,
          guildId,
          userId,
          command,
          text: textName ? str(option(textName)) : '',
          article: str(option(ARTICLE_OPTION)),
          isPrivate: option(PRIVATE_OPTION) === true,
          privateChosen: typeof option(PRIVATE_OPTION) === 'boolean',
          mentionId: str(option(MENTION_OPTION)) || null,
          canManageGuild: (permissions & MANAGE_GUILD) !== 0n,
          publicAllowed: publicAllowed(body),
          roles: Array.isArray(body.member?.roles)
            ? body.member.roles.filter((r): r is string => typeof r === 'string')
            : [],
          options: Object.fromEntries(
            // Strings, role ids, and booleans as "true" or "false" (/settings reads them by name).
            options.flatMap((o) =>
              (o.type === STRING_OPTION || o.type === ROLE_OPTION) && typeof o.value === 'string'
                ? [[o.name, o.value]]
                : o.type === BOOLEAN_OPTION && typeof o.value === 'boolean'
                  ? [[o.name, String(o.value)]]
                  : [],
            ),
          ),
          attachment: attachmentOf(body, options),
        },
      };
    }
    case InteractionType.ApplicationCommandAutocomplete: {
      const focused = options.find((o) => o.focused);
      return {
        kind: 'request',
        request: {
          kind: 'autocomplete',
          id,
          guildId,
          userId,
          command,
          typed: String(focused?.value ?? ''),
          option: str(focused?.name),
        },
      };
    }
    case InteractionType.MessageComponent: {
      const permissions = permissionsOf(body);
      const author = body.message?.embeds?.[0]?.author?.name;
      return {
        kind: 'request',
        request: {
          kind: 'button',
          id,
          guildId,
          userId,
          customId: str(body.data?.custom_id),
          canManageMessages: (permissions & MANAGE_MESSAGES) !== 0n,
          canManageGuild: (permissions & MANAGE_GUILD) !== 0n,
          messageAuthor: typeof author === 'string' ? author : undefined,
          feedback: feedbackOf(
            (body.message?.components ?? []).flatMap((row) =>
              (row.components ?? []).flatMap((c) => (typeof c.custom_id === 'string' ? [c.custom_id] : [])),
            ),
          ),
          ephemeral: (Number(body.message?.flags ?? 0) & EPHEMERAL) !== 0,
          messageId: str(body.message?.id) || undefined,
          displayName: displayNameOf(body),
          publicAllowed: publicAllowed(body),
        },
      };
    }
    default:
      return { kind: 'unknown', why: `interaction type ${String(body.type)}` };
  }
}

/** A message as JSON goes: without the files it uploads (they go as multipart parts). */
export function messageJson(message: MessageData): Omit<MessageData, 'files'> {
  const { files: _files, ...json } = message;
  return json;
}

/** The files a response uploads with its message (a picture), or none. */
export function callbackFiles(response: InteractionResponse): MessageFile[] {
  if (response.kind === 'share') return response.update.files ?? [];
  return response.kind === 'reply' || response.kind === 'update' ? (response.message.files ?? []) : [];
}

/** The callback body Discord expects for a response (types 4, 5, 7, 8 and 6); files go beside it (`callbackFiles`). */
export function callbackBody(response: InteractionResponse): { type: number; data?: unknown } {
  switch (response.kind) {
    case 'reply':
      return { type: InteractionResponseType.ChannelMessageWithSource, data: messageJson(response.message) };
    case 'update':
      return { type: InteractionResponseType.UpdateMessage, data: messageJson(response.message) };
    case 'share':
      return { type: InteractionResponseType.UpdateMessage, data: messageJson(response.update) };
    case 'choices':
      return {
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: response.choices },
      };
    case 'delete':
      return { type: InteractionResponseType.DeferredMessageUpdate };
    case 'deferred':
      return {
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: response.ephemeral ? { flags: EPHEMERAL } : {},
      };
  }
}
