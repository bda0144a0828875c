import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import type { Citebot } from '../answer/engine.ts';
import type { Logger } from '../log.ts';
import { handleButton } from './buttons.ts';
import type { Cooldown } from './cooldown.ts';
import { notice } from './renderAnswer.ts';
import { MENTION_OPTION, PRIVATE_OPTION, type SlashCommand, textOptionName } from './slashCommand.ts';
import { toReplyOptions, toUpdateOptions } from './toDiscordJs.ts';

/** What the user sees when a handler fails. */
export const SOMETHING_WENT_WRONG = 'Something went wrong while answering. Please try again in a moment.';

/** Where the router finds its commands and what it logs with. */
export interface RouterDeps {
  core: () => Citebot;
  commands: readonly SlashCommand[];
  cooldown: Cooldown;
  logger: Logger;
  now?: () => number;
}

/**
 * Routes discord.js interactions to the commands, autocomplete and buttons, inside one error boundary:
 * a failing handler is logged with the interaction id and the user gets an ephemeral "something went
 * wrong" (a follow-up if a reply was already sent); the process keeps running. One log line per
 * interaction: command, option length, result count, latency, guild.
 */
export class InteractionRouter {
  private readonly now: () => number;

  constructor(private readonly deps: RouterDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Handles any interaction; never throws. */
  async route(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const log = this.deps.logger.child({ interaction: interaction.id, guild: interaction.guildId ?? null });
    try {
      if (interaction.isChatInputCommand()) await this.command(interaction, started, log);
      else if (interaction.isAutocomplete()) await this.autocomplete(interaction, started, log);
      else if (interaction.isButton()) await this.button(interaction, started, log);
    } catch (error) {
      log.error({ err: error, latencyMs: Math.round(performance.now() - started) }, 'interaction failed');
      await this.replyError(interaction, log);
    }
  }

  private find(name: string): SlashCommand | undefined {
    return this.deps.commands.find((c) => c.data.name === name);
  }

  private async command(
    interaction: ChatInputCommandInteraction,
    started: number,
    log: Logger,
  ): Promise<void> {
    const command = this.find(interaction.commandName);
    if (!command) {
      log.warn({ command: interaction.commandName }, 'unknown command');
      await interaction.reply(
        toReplyOptions(notice('That command is not known to this version of citebot.')),
      );
      return;
    }
    const allowed = this.deps.cooldown.take(interaction.user.id, this.now());
    if (!allowed.ok) {
      const seconds = Math.ceil(allowed.retryAfterMs / 1000);
      log.info({ command: interaction.commandName, cooldownSeconds: seconds }, 'cooldown');
      await interaction.reply(toReplyOptions(notice(`You are going a bit fast: try again in ${seconds} s.`)));
      return;
    }
    const optionName = textOptionName(interaction.commandName);
    const text = optionName ? (interaction.options.getString(optionName) ?? '') : '';
    const reply = command.execute(this.deps.core(), {
      text,
      isPrivate: interaction.options.getBoolean(PRIVATE_OPTION) ?? false,
      mentionId: interaction.options.getUser(MENTION_OPTION)?.id ?? null,
      userId: interaction.user.id,
      now: this.now(),
    });
    await interaction.reply(toReplyOptions(reply.message));
    log.info(
      {
        command: interaction.commandName,
        optionsLength: text.length,
        results: reply.results,
        latencyMs: Math.round(performance.now() - started),
      },
      'command',
    );
  }

  private async autocomplete(
    interaction: AutocompleteInteraction,
    started: number,
    log: Logger,
  ): Promise<void> {
    const command = this.find(interaction.commandName);
    const typed = String(interaction.options.getFocused() ?? '');
    const choices = command?.autocomplete ? command.autocomplete(this.deps.core(), typed) : [];
    await interaction.respond(choices);
    log.debug(
      {
        command: interaction.commandName,
        optionsLength: typed.length,
        results: choices.length,
        latencyMs: Math.round(performance.now() - started),
      },
      'autocomplete',
    );
  }

  private async button(interaction: ButtonInteraction, started: number, log: Logger): Promise<void> {
    const outcome = handleButton(this.deps.core(), {
      customId: interaction.customId,
      userId: interaction.user.id,
      canManageMessages: interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false,
      messageAuthor: interaction.message.embeds[0]?.author?.name,
      ephemeral: interaction.message.flags.has(MessageFlags.Ephemeral),
      now: this.now(),
    });
    if (outcome.kind === 'update') await interaction.update(toUpdateOptions(outcome.message));
    else if (outcome.kind === 'ephemeral') await interaction.reply(toReplyOptions(outcome.message));
    else {
      await interaction.deferUpdate();
      await interaction.deleteReply();
    }
    log.info(
      {
        button: interaction.customId.split(':')[1],
        outcome: outcome.kind,
        latencyMs: Math.round(performance.now() - started),
      },
      'button',
    );
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
