import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { notice } from '../src/discord/renderAnswer.ts';
import { renderInsights } from '../src/discord/renderInsights.ts';
import { type SlashCommand, serverOnly } from '../src/discord/slashCommand.ts';

/** The periods /insights offers, in days. */
const PERIODS = ['1', '7', '30'] as const;

/**
 * /insights: how citebot does in this server (Manage Server only, always private): questions asked
 * and answered, votes, the most asked questions, the unanswered ones grouped into coverage gaps, the
 * most cited articles and questions per day, over the last 1, 7 (default) or 30 days.
 */
export const insights: SlashCommand = {
  data: serverOnly(new SlashCommandBuilder())
    .setName('insights')
    .setDescription('What members asked here, what was answered, what is missing (server managers only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addStringOption((o) =>
      o
        .setName('days')
        .setDescription('The period (default: the last 7 days)')
        .addChoices(...PERIODS.map((d) => ({ name: d === '1' ? 'Last day' : `Last ${d} days`, value: d }))),
    ),
  execute: (_engine, input, services) => {
    if (!input.canManageGuild)
      return { results: 0, message: notice('Only members who can manage this server can see its insights.') };
    if (!input.guildId) return { results: 0, message: notice('/insights works in a server, not here.') };
    if (!services.insights)
      return {
        results: 0,
        message: notice('This bot keeps no record of questions, so there is nothing to show.'),
      };
    const days = Number(PERIODS.find((d) => d === input.options?.days) ?? '7');
    return {
      results: 0,
      message: notice('Reading the question log…'),
      later: services
        .insights(input.guildId, days)
        .then((report) => renderInsights(report, { chart: services.insightsChart }))
        .catch(() =>
          notice('The question log cannot be read right now (its database is unreachable). Try again later.'),
        ),
    };
  },
};
