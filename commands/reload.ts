import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { notice } from '../src/discord/renderAnswer.ts';
import type { SlashCommand } from '../src/discord/slashCommand.ts';

/**
 * /reload: re-reads the corpus folder without a restart. Hidden from members (only Manage Server sees
 * it, by `default_member_permissions`), and checked again on use, since server admins can change who
 * sees a command. The old corpus answers until the new one is ready.
 */
export const reload: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('reload')
    .setDescription('Re-read the articles folder (server managers only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),
  execute: (engine, input, services) => {
    if (!input.canManageGuild)
      return {
        results: 0,
        message: notice('Only members who can manage this server can reload the articles.'),
      };
    if (!services.requestReload?.())
      return { results: 0, message: notice('Reloading is not available in this mode.') };
    return {
      results: 0,
      message: notice(
        `Reloading the articles (${engine.articles.length} loaded now). Answers keep coming from them until the new set is ready.`,
      ),
    };
  },
};
