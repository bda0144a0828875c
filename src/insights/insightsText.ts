import type { Insights } from './summary.ts';

/** A share as a whole percentage, or "n/a" when there is nothing to share. */
export function percent(share: number | null): string {
  return share === null ? 'n/a' : `${Math.round(share * 100)}%`;
}

/** The widest bar of the text chart. */
const BAR = 20;

/**
 * Questions per day as text bars (answered `#`, unanswered `.`), one line a day: the chart where no
 * picture can be shown.
 */
export function dayBars(perDay: Insights['perDay']): string[] {
  const most = Math.max(1, ...perDay.map((d) => d.answered + d.unanswered));
  return perDay.map((d) => {
    const answered = Math.round((d.answered / most) * BAR);
    const unanswered = Math.round((d.unanswered / most) * BAR);
    return `${d.day.slice(5)} ${'#'.repeat(answered)}${'.'.repeat(unanswered)} ${d.answered}/${d.answered + d.unanswered}`;
  });
}

/** The report as plain text for the terminal (`citebot insights`): counts, lists and the day chart. */
export function insightsText(insights: Insights, scope: string): string {
  const lines = [
    `Insights for ${scope}, last ${insights.days} day(s) (${insights.from} to ${insights.to})`,
    `Questions asked: ${insights.asked} (answered ${insights.answered}, not in the articles ${insights.refused}, failed ${insights.failed}); answered ${percent(insights.answeredShare)}`,
    ...(insights.servers > 1
      ? [
          `Servers: ${insights.byServer.map((s) => `${s.server} (${s.asked} asked, ${s.answered} answered)`).join('; ')}`,
        ]
      : []),
    `Votes: ${insights.votes.helpful} helpful, ${insights.votes.notHelpful} not helpful; helpful ${percent(insights.helpfulShare)}`,
    '',
    'Most asked:',
    ...(insights.mostAsked.length
      ? insights.mostAsked.map((q) => `  ${q.count}x ${q.query} (answered ${q.answered})`)
      : ['  (none)']),
    '',
    'Coverage gaps (unanswered questions by shared words):',
    ...(insights.gaps.length
      ? insights.gaps.map(
          (g) => `  ${g.count}x [${g.keyWords.join(', ') || 'no shared words'}] e.g. "${g.example}"`,
        )
      : ['  (none)']),
    '',
    'Most cited articles:',
    ...(insights.mostCited.length ? insights.mostCited.map((a) => `  ${a.count}x ${a.title}`) : ['  (none)']),
    '',
    'Questions per day (# answered, . unanswered):',
    ...dayBars(insights.perDay).map((line) => `  ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}
