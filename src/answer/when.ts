import type { DateItem } from '../extract/knowledge.ts';
import { chronoNode } from '../lib/lazyModules.ts';
import type { Answer, AnswerItem } from './answer.ts';
import type { Engine } from './engine.ts';
import { articleFilter, itemOf, NO_ITEMS, type PageOptions, pageOf } from './items.ts';
import { boundQuery, plainTerms } from './query.ts';

/** At most this many search hits are turned into dates (pages beyond are not offered). */
const MAX_CANDIDATES = 200;
/** At most this many citations per date. */
const MAX_MENTIONS = 8;

/** /when: dates and what happened on them; with a date ("Monday", "2024-10-14") or words, the matching ones. */
export function when(engine: Engine, rawQuery = '', page: PageOptions = {}): Answer {
  const query = boundQuery(rawQuery);
  const keep = articleFilter(page);
  const dateItem = (date: DateItem, score: number): AnswerItem => {
    const mentions = date.mentions.filter((m) => keep(m.sentenceId));
    const first = mentions[0];
    const detail = first ? `${first.expression}: ${first.event}` : null;
    const ids = mentions.slice(0, MAX_MENTIONS).map((m) => m.sentenceId);
    return itemOf(engine, date.iso, detail, ids, score, 'date');
  };
  if (!query) {
    const dates = page.article ? (engine.listsOf(page.article)?.dates ?? []) : engine.knowledge.dates;
    return pageOf(engine, 'when', query, page, {
      count: dates.length,
      at: (i) => dateItem(dates[i] as DateItem, (dates[i] as DateItem).mentions.length),
    });
  }
  const iso = parseDay(engine, query);
  if (iso) {
    const date = engine.dateOn(iso);
    const mentioned = date?.mentions.some((m) => keep(m.sentenceId));
    const source =
      date && mentioned ? { count: 1, at: () => dateItem(date, date.mentions.length) } : NO_ITEMS;
    return pageOf(engine, 'when', query, page, source);
  }
  // Words about an event: the best sentences that name a date, each date once.
  const seen = new Set<string>();
  const matches: Array<{ date: DateItem; score: number }> = [];
  const hits = engine.sentenceIndex.find(plainTerms(query));
  for (const hit of hits.filter((h) => keep(h.id)).slice(0, MAX_CANDIDATES)) {
    for (const date of engine.datesIn(hit.id)) {
      if (seen.has(date.iso)) continue;
      seen.add(date.iso);
      matches.push({ date, score: hit.score });
    }
  }
  return pageOf(engine, 'when', query, page, {
    count: matches.length,
    at: (i) => {
      const match = matches[i] as (typeof matches)[number];
      return dateItem(match.date, match.score);
    },
  });
}

/** A day named by a query ("2024-10-14", "Oct. 14", "Monday"), relative to the corpus's first dateline. */
function parseDay(engine: Engine, query: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(query)) return query;
  const first = engine.articles[0];
  const reference = first?.dateline?.date ?? first?.published.slice(0, 10);
  const day = reference ? new Date(`${reference}T12:00:00Z`) : new Date();
  const parsed = chronoNode().parse(query, { instant: day, timezone: 0 }, { forwardDate: false })[0];
  if (!parsed || parsed.text.length < query.length * 0.6) return null;
  const wanted = parsed.start.get('weekday');
  if (parsed.start.isCertain('weekday') && !parsed.start.isCertain('day')) {
    const match = engine.knowledge.dates.find((d) => new Date(`${d.iso}T12:00:00Z`).getUTCDay() === wanted);
    if (match) return match.iso;
  }
  return parsed.start.date().toISOString().slice(0, 10);
}
