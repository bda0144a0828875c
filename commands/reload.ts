import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { notice } from '../src/discord/renderAnswer.ts';
import { type ReloadReport, type SlashCommand, serverOnly } from '../src/discord/slashCommand.ts';

/** One line on what a reload did: the articles now loaded, what changed, and each shard's switch. */
export function describeReload(report: ReloadReport): string {
  if (!report.ok)
    return `The reload failed; answers still come from the ${report.articles} articles loaded before: ${report.error ?? 'unknown error'}.`;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const changed =
    report.how === 'in place'
      ? report.tagged || report.removed
        ? ` (${report.tagged} new or changed, ${report.removed} gone)`
        : ' (nothing had changed)'
      : '';
  if (report.own !== undefined)
    return `Reloaded this server's articles: ${report.own} of its own, ${report.articles} answered here in all (${report.sentences} sentences), in ${seconds(report.ms)}.`;
  const shards = report.shards?.length
    ? ` Shards switched: ${report.shards.map((s) => `${s.shard} ${s.ok ? `in ${seconds(s.ms)}` : 'FAILED'}`).join(', ')}.`
    : '';
  return `Reloaded: ${report.articles} articles, ${report.sentences} sentences${changed}, in ${seconds(report.ms)}.${shards}`;
}

/**
 * /reload: reads this server's own articles again from the database (the operator's base changes
 * only through the operator: the folder is watched, and `citebot ingest`). Hidden
 * from members (only Manage Server sees it, by `default_member_permissions`), and checked again on
 * use, since server admins can change who sees a command. The old corpus answers until the new one is
 * ready; the reply is deferred and then says what was loaded.
 */
export const reload: SlashCommand = {
  data: serverOnly(new SlashCommandBuilder())
    .setName('reload')
    .setDescription('Read this server’s articles again (server managers only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),
  execute: (engine, input, services) => {
    if (!input.canManageGuild)
      return {
        results: 0,
        message: notice('Only members who can manage this server can reload the articles.'),
      };
    if (!services.reload) return { results: 0, message: notice('Reloading is not available in this mode.') };
    return {
      results: 0,
      message: notice(`Reloading the articles (${engine.articles.length} loaded now)…`),
      later: services.reload().then((report) => notice(describeReload(report))),
    };
  },
};
