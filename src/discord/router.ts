import { ApplicationIntegrationType, type Interaction, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Logger } from '../lib/log.ts';
import { feedbackOf } from './customId.ts';
import {
  Dispatcher,
  type DispatcherDeps,
  type InteractionRequest,
  SOMETHING_WENT_WRONG,
} from './dispatch.ts';
import { messageWords } from './messageText.ts';
import { notice } from './renderAnswer.ts';
import {
  ARTICLE_OPTION,
  type Attachment,
  MENTION_OPTION,
  PRIVATE_OPTION,
  textOptionName,
} from './slashCommand.ts';
import { toEditOptions, toReplyOptions, toUpdateOptions } from './toDiscordJs.ts';

/** The first file attached to a slash command, or null. */
function attachmentOf(interaction: Interaction): Attachment | null {
  if (!interaction.isChatInputCommand()) return null;
  const file = interaction.options.data.find((o) => o.attachment)?.attachment;
  return file
    ? { url: file.url, name: file.name, size: file.size, contentType: file.contentType ?? null }
    : null;
}

/**
 * Whether a public reply can be posted where an interaction happened: outside a server, or in a server
 * that added citebot (its install is among the interaction's authorizing owners); not where only the
 * member installed it.
 */
function publicAllowed(interaction: Interaction): boolean {
  const owners = interaction.authorizingIntegrationOwners?.toJSON() ?? {};
  if (!interaction.guildId || !Object.keys(owners).length) return true;
  return owners[ApplicationIntegrationType.GuildInstall] !== undefined;
}

/** The role ids of the member who used a command (none in a DM). */
function rolesOf(interaction: Interaction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** Reads a discord.js interaction into the transport-neutral request, or null for kinds citebot ignores. */
export function requestOf(interaction: Interaction): InteractionRequest | null {
  const base = { id: interaction.id, guildId: interaction.guildId ?? null, userId: interaction.user.id };
  if (interaction.isChatInputCommand()) {
    const option = textOptionName(interaction.commandName);
    return {
      ...base,
      kind: 'command',
      command: interaction.commandName,
      text: option ? (interaction.options.getString(option) ?? '') : '',
      article: interaction.options.getString(ARTICLE_OPTION) ?? '',
      isPrivate: interaction.options.getBoolean(PRIVATE_OPTION) ?? false,
      privateChosen: interaction.options.getBoolean(PRIVATE_OPTION) !== null,
      mentionId: interaction.options.getUser(MENTION_OPTION)?.id ?? null,
      canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
      publicAllowed: publicAllowed(interaction),
      roles: rolesOf(interaction),
      options: Object.fromEntries(
        // Strings, role ids, and booleans as "true" or "false" (/settings reads them by name).
        interaction.options.data.flatMap((o) =>
          typeof o.value === 'string' || typeof o.value === 'boolean' ? [[o.name, String(o.value)]] : [],
        ),
      ),
      attachment: attachmentOf(interaction),
    };
  }
  if (interaction.isMessageContextMenuCommand()) {
    return {
      ...base,
      kind: 'command',
      command: interaction.commandName,
      text: messageWords(interaction.targetMessage.content),
      article: '',
      isPrivate: true,
      mentionId: null,
      canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
      publicAllowed: publicAllowed(interaction),
    };
  }
  if (interaction.isAutocomplete()) {
    return {
      ...base,
      kind: 'autocomplete',
      command: interaction.commandName,
      typed: String(interaction.options.getFocused(true).value ?? ''),
      option: interaction.options.getFocused(true).name,
    };
  }
  if (interaction.isButton()) {
    return {
      ...base,
      kind: 'button',
      customId: interaction.customId,
      canManageMessages: interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false,
      canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
      messageAuthor: interaction.message.embeds[0]?.author?.name,
      feedback: feedbackOf(
        interaction.message.components.flatMap((row) =>
          'components' in row
            ? row.components.flatMap((c) =>
                'customId' in c && typeof c.customId === 'string' ? [c.customId] : [],
              )
            : [],
        ),
      ),
      ephemeral: interaction.message.flags.has(MessageFlags.Ephemeral),
      messageId: interaction.message.id,
      displayName:
        (interaction.member && 'displayName' in interaction.member ? interaction.member.displayName : null) ??
        interaction.user.displayName,
      publicAllowed: publicAllowed(interaction),
    };
  }
  return null;
}

/**
 * The gateway transport: routes discord.js interactions through the dispatcher and sends its response
 * with discord.js, inside one error boundary: a failure is logged with the interaction id and the user
 * gets an ephemeral "something went wrong" (a follow-up if a reply was already sent or deferred); the
 * process keeps running.
 */
export class InteractionRouter {
  private readonly dispatcher: Dispatcher;
  private readonly logger: Logger;

  constructor(deps: DispatcherDeps) {
    this.dispatcher = new Dispatcher(deps);
    this.logger = deps.logger;
  }

  /** Handles any interaction; never throws. */
  async route(interaction: Interaction): Promise<void> {
    const log = this.logger.child({ interaction: interaction.id, guild: interaction.guildId ?? null });
    try {
      const request = requestOf(interaction);
      if (!request) return;
      const response = await this.dispatcher.handle(request);
      if (interaction.isAutocomplete()) {
        if (response.kind === 'choices') await interaction.respond(response.choices);
        return;
      }
      if (!interaction.isRepliable()) return;
      if (response.kind === 'reply') await interaction.reply(toReplyOptions(response.message));
      else if (response.kind === 'deferred') {
        await interaction.deferReply(response.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
        await interaction.editReply(toEditOptions(await response.later));
      } else if (response.kind === 'update' && interaction.isButton())
        await interaction.update(toUpdateOptions(response.message));
      else if (response.kind === 'share' && interaction.isButton()) {
        await interaction.update(toUpdateOptions(response.update));
        await interaction.followUp(toReplyOptions(response.post));
      } else if (response.kind === 'delete' && interaction.isButton()) {
        await interaction.deferUpdate();
        await interaction.deleteReply();
      }
    } catch (error) {
      log.error({ err: error }, 'interaction failed');
      await this.replyError(interaction, log);
    }
  }

  private async replyError(interaction: Interaction, log: Logger): Promise<void> {
    if (!interaction.isRepliable()) return;
    try {
      const options = toReplyOptions(notice(SOMETHING_WENT_WRONG));
      if (interaction.replied || interaction.deferred) await interaction.followUp(options);
      else await interaction.reply(options);
    } catch (error) {
      log.error({ err: error }, 'could not send the error reply');
    }
  }
}
