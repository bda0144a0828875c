import { questionsPerDayPng } from '../insights/insightsChart.ts';
import { dayBars, percent } from '../insights/insightsText.ts';
import type { Insights } from '../insights/summary.ts';
import type { Logger } from '../lib/log.ts';
import { fitMessage, LIMITS, type MessageData, truncate } from './limits.ts';
import { safeText } from './markdown.ts';
import { withPicture } from './picture.ts';
import { allowedMentions, EMBED_COLOR } from './renderAnswer.ts';

/** A field's value: the lines, or a dash, cut to Discord's field limit. */
const field = (lines: string[]) => truncate(lines.length ? lines.join('\n') : '—', LIMITS.fieldValue);

/**
 * /insights as an ephemeral embed: counts and shares, the most asked questions, the coverage gaps
 * (count, shared words, an example), the most cited articles, and questions per day as a PNG bar
 * chart in the embed (or, with `chart: false` or when drawing fails, as text bars: answered `#`,
 * unanswered `.`). Nothing is pinged; everything fits Discord's limits.
 */
export function renderInsights(
  insights: Insights,
  options: { chart?: boolean; logger?: Logger } = {},
): MessageData {
  let chart: ReturnType<typeof questionsPerDayPng> | null = null;
  if (options.chart !== false) {
    try {
      chart = questionsPerDayPng(insights);
    } catch (error) {
      options.logger?.error({ err: error }, 'insights chart failed: the report goes with the text chart');
    }
  }
  const message = fitMessage({
    embeds: [
      {
        color: EMBED_COLOR,
        title: `This server, last ${insights.days} day${insights.days === 1 ? '' : 's'}`,
        description: [
          `**${insights.asked}** questions asked, **${percent(insights.answeredShare)}** answered (${insights.refused} not in the articles, ${insights.failed} failed).`,
          `Votes: **${insights.votes.helpful}** helpful, **${insights.votes.notHelpful}** not helpful (${percent(insights.helpfulShare)} helpful).`,
        ].join('\n'),
        fields: [
          {
            name: 'Most asked',
            value: field(insights.mostAsked.map((q) => `${q.count}× ${safeText(truncate(q.query, 120))}`)),
          },
          {
            name: 'Coverage gaps (unanswered, grouped by shared words)',
            value: field(
              insights.gaps.map(
                (g) =>
                  `${g.count}× **${safeText(g.keyWords.join(', ') || 'no shared words')}**: “${safeText(truncate(g.example, 120))}”`,
              ),
            ),
          },
          {
            name: 'Most cited articles',
            value: field(insights.mostCited.map((a) => `${a.count}× ${safeText(truncate(a.title, 120))}`)),
          },
          ...(chart
            ? []
            : [
                {
                  name: 'Questions per day (# answered, . unanswered)',
                  value: field(['```', ...dayBars(insights.perDay.slice(-14)), '```']),
                },
              ]),
        ],
        footer: {
          text: `${insights.from} to ${insights.to} (UTC). Members' ids are kept only as a keyed hash.`,
        },
      },
    ],
    flags: 64,
    allowed_mentions: allowedMentions(null),
  });
  return chart ? withPicture(message, chart) : message;
}
