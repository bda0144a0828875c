import { normalizeWord, tokenize } from '../text/terms.ts';
import { type Gap, groupGaps } from './gaps.ts';

/** A question as the log keeps it (the fields insights read). */
export interface LoggedQuestion {
  guild: string;
  command: string;
  query: string;
  outcome: 'answered' | 'refused' | 'failed';
  cited: ReadonlyArray<{ article: string; paragraph: number; sentence: number }>;
  /** When it was asked (ms since the epoch). */
  at: number;
}

/** What insights need to know besides the rows. */
export interface InsightsOptions {
  /** The period, in days, ending at `now`. */
  days: number;
  now: number;
  /** An article's title, when the corpus still has it. */
  titleOf?: (article: string) => string | undefined;
  /** The corpus themes a question touches (groups gaps by theme as well as by word). */
  themesOf?: (query: string) => string[];
  /** How many most asked questions, gaps and most cited articles to list. */
  top?: number;
}

/** How a server (or every server) is doing over a period: plain data for Discord, the terminal and JSON. */
export interface Insights {
  days: number;
  /** The period's first day and last day (UTC, YYYY-MM-DD). */
  from: string;
  to: string;
  /** How many servers the questions come from. */
  servers: number;
  /** Each server's counts, the busiest first (one entry for a one-server report). */
  byServer: Array<{ server: string; asked: number; answered: number; refused: number }>;
  asked: number;
  answered: number;
  /** Refused as not in the articles. */
  refused: number;
  failed: number;
  /** answered / asked, or null when nothing was asked. */
  answeredShare: number | null;
  votes: { helpful: number; notHelpful: number };
  /** helpful / votes, or null without votes. */
  helpfulShare: number | null;
  /** The most asked questions (same words, case and spacing aside), with how many were answered. */
  mostAsked: Array<{ query: string; count: number; answered: number }>;
  /** The refused questions grouped into coverage gaps, largest first. */
  gaps: Gap[];
  /** The articles cited most often, by how many answers cited them. */
  mostCited: Array<{ article: string; title: string; count: number }>;
  /** Every day of the period, oldest first: answered and unanswered (refused or failed) questions. */
  perDay: Array<{ day: string; answered: number; unanswered: number }>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Sums up the question log of a period: how much was asked and answered, how members voted, what
 * they asked most, the questions the articles could not answer grouped into coverage gaps (see
 * `groupGaps`), the articles answers cited most, and questions per day. Rows outside the period are
 * ignored; the caller picks the server.
 */
export function summarize(
  questions: readonly LoggedQuestion[],
  votes: ReadonlyArray<{ helpful: boolean; at: number }>,
  options: InsightsOptions,
): Insights {
  const top = options.top ?? 5;
  const since = options.now - options.days * DAY_MS;
  const inPeriod = questions.filter((q) => q.at >= since && q.at <= options.now);
  const votesInPeriod = votes.filter((v) => v.at >= since && v.at <= options.now);
  const answered = inPeriod.filter((q) => q.outcome === 'answered').length;
  const refused = inPeriod.filter((q) => q.outcome === 'refused');
  const helpful = votesInPeriod.filter((v) => v.helpful).length;

  const asked = new Map<string, { query: string; count: number; answered: number }>();
  for (const q of inPeriod) {
    const text = q.query.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const key = `${q.command} ${tokenize(text).map(normalizeWord).join(' ') || text.toLowerCase()}`;
    const entry = asked.get(key) ?? {
      query: q.command === 'ask' ? text : `/${q.command} ${text}`,
      count: 0,
      answered: 0,
    };
    entry.count++;
    if (q.outcome === 'answered') entry.answered++;
    asked.set(key, entry);
  }

  const cited = new Map<string, Set<number>>();
  inPeriod.forEach((q, i) => {
    for (const c of q.cited) {
      const answers = cited.get(c.article) ?? new Set<number>();
      answers.add(i);
      cited.set(c.article, answers);
    }
  });

  const perDay = new Map<string, { day: string; answered: number; unanswered: number }>();
  for (let t = since; t <= options.now; t += DAY_MS)
    perDay.set(day(t), { day: day(t), answered: 0, unanswered: 0 });
  perDay.set(day(options.now), { day: day(options.now), answered: 0, unanswered: 0 });
  for (const q of inPeriod) {
    const entry = perDay.get(day(q.at));
    if (!entry) continue;
    if (q.outcome === 'answered') entry.answered++;
    else entry.unanswered++;
  }

  const byServer = new Map<string, { server: string; asked: number; answered: number; refused: number }>();
  for (const q of inPeriod) {
    const entry = byServer.get(q.guild) ?? { server: q.guild, asked: 0, answered: 0, refused: 0 };
    entry.asked++;
    if (q.outcome === 'answered') entry.answered++;
    if (q.outcome === 'refused') entry.refused++;
    byServer.set(q.guild, entry);
  }
  const byCount = <T extends { count: number }>(a: T, b: T, tie: number) => b.count - a.count || tie;
  return {
    days: options.days,
    from: day(since),
    to: day(options.now),
    servers: byServer.size,
    byServer: [...byServer.values()].sort((a, b) => b.asked - a.asked || a.server.localeCompare(b.server)),
    asked: inPeriod.length,
    answered,
    refused: refused.length,
    failed: inPeriod.filter((q) => q.outcome === 'failed').length,
    answeredShare: inPeriod.length ? answered / inPeriod.length : null,
    votes: { helpful, notHelpful: votesInPeriod.length - helpful },
    helpfulShare: votesInPeriod.length ? helpful / votesInPeriod.length : null,
    mostAsked: [...asked.values()]
      .sort((a, b) => byCount(a, b, a.query.localeCompare(b.query)))
      .slice(0, top),
    gaps: groupGaps(
      refused
        .filter((q) => q.query.trim())
        .map((q) => ({ text: q.query, themes: options.themesOf?.(q.query) ?? [] })),
    ).slice(0, top),
    mostCited: [...cited]
      .map(([article, answers]) => ({
        article,
        title: options.titleOf?.(article) ?? article,
        count: answers.size,
      }))
      .sort((a, b) => byCount(a, b, a.article.localeCompare(b.article)))
      .slice(0, top),
    perDay: [...perDay.values()].slice(-Math.max(1, options.days)),
  };
}
