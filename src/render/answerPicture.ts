import type { Answer, AnswerItem } from '../answer/answer.ts';
import { type Collection, engineCollection } from '../answer/collection.ts';
import type { Engine } from '../answer/engine.ts';
import { locatePlaces } from '../lexicon/placeLocation.ts';
import { drawLocatorMap, type MapPlace } from './locatorMap.ts';
import { svgToPng } from './png.ts';
import { drawTimeline, type ReferenceDay, type TimelineEvent } from './timeline.ts';

/** A picture of an answer: the PNG, its file name, size, and a text describing it (alt text). */
export interface AnswerPicture {
  kind: 'map' | 'timeline';
  /** A file name for the attachment ("where-map.png"). */
  name: string;
  data: Buffer;
  width: number;
  height: number;
  /** What the picture shows, in words (at most ALT_MAX characters), for readers who cannot see it. */
  alt: string;
  /** How long drawing took, in milliseconds (for the operator's log and the benchmark). */
  ms: number;
}

/** What a picture needs besides the answer: the list's first number, and what the articles are. */
export interface PictureOptions {
  /** How many items came before this page: the first item is number offset + 1, as in the list. */
  offset?: number;
  /** An article's reference day (its dateline's, else its publication day) and title, for the timeline. */
  article?: (id: string) => { day: string; title: string } | null;
  /** Other place names of the article or corpus, to tell places of one name apart. */
  contextPlaces?: readonly string[];
}

/** Discord's limit on an attachment's description, which carries the alt text. */
export const ALT_MAX = 1024;

/** The commands that have a picture. */
export function hasPicture(command: Answer['command']): boolean {
  return command === 'where' || command === 'when';
}

/**
 * The picture of an answer, or null when it has none: a locator map for /where, a timeline for /when,
 * numbered as the list is (`offset + 1` on). Throws when drawing fails; callers send the answer without.
 */
export function answerPicture(answer: Answer, options: PictureOptions = {}): AnswerPicture | null {
  const started = performance.now();
  if (answer.command === 'where') {
    const places = mapPlacesOf(answer, options);
    if (!places.length) return null;
    const map = drawLocatorMap(places);
    const png = svgToPng(map.svg);
    const shown = map.markers.map((m) => `${m.number} ${m.name}`).join(', ');
    const off = map.unplaced.map((p) => `${p.number} ${p.name}`).join(', ');
    return {
      kind: 'map',
      name: 'where-map.png',
      data: png.data,
      width: png.width,
      height: png.height,
      alt: cut(
        `${map.frame === 'world' ? 'World map' : 'Map'} of the places: ${shown || 'none located'}${off ? `. Not on the map: ${off}` : ''}.`,
      ),
      ms: performance.now() - started,
    };
  }
  if (answer.command === 'when') {
    const { events, references } = timelineOf(answer, options);
    if (!events.length) return null;
    const timeline = drawTimeline(events, references);
    const png = svgToPng(timeline.svg);
    const listed = [...events]
      .sort((a, b) => a.from.localeCompare(b.from))
      .map((e) => `${e.numbers.join('–')} ${e.from === e.to ? e.from : `${e.from} to ${e.to}`}`)
      .join(', ');
    return {
      kind: 'timeline',
      name: 'when-timeline.png',
      data: png.data,
      width: png.width,
      height: png.height,
      alt: cut(`Timeline of the dates: ${listed}.`),
      ms: performance.now() - started,
    };
  }
  return null;
}

/** The places of a /where page for its map, numbered as the list is, each located (or why not). */
export function mapPlacesOf(answer: Answer, options: PictureOptions = {}): MapPlace[] {
  const offset = options.offset ?? 0;
  const items = answer.items
    .map((item, i) => ({ item, number: offset + i + 1 }))
    .filter(({ item }) => item.kind === 'place' && item.label);
  const located = locatePlaces(
    items.map(({ item }) => item.label as string),
    options.contextPlaces ?? [],
  );
  return items.map(({ item, number }) => {
    const name = item.label as string;
    const where = located.get(name);
    if (where?.ok) return { number, name, location: where.location };
    return { number, name, location: null, reason: where?.ok === false ? where.reason : 'unknown' };
  });
}

/** The events of a /when page for its timeline, numbered as the list is, and the articles' reference days. */
export function timelineOf(
  answer: Answer,
  options: PictureOptions = {},
): { events: TimelineEvent[]; references: ReferenceDay[] } {
  return {
    events: timelineEvents(answer.items, options.offset ?? 0),
    references: referenceDays(answer.items, options.article),
  };
}

/** Cuts alt text to Discord's limit. */
function cut(text: string): string {
  return text.length <= ALT_MAX ? text : `${text.slice(0, ALT_MAX - 1)}…`;
}

/** "Monday: A conference ... was held Monday" -> the expression and the event, as /when writes its detail. */
function splitDetail(detail: string | null): { expression: string; event: string } {
  if (!detail) return { expression: '', event: '' };
  const at = detail.indexOf(': ');
  return at < 0
    ? { expression: '', event: detail }
    : { expression: detail.slice(0, at), event: detail.slice(at + 2) };
}

/** A short label for an event: its clause without the date's own words ("A conference ... was held"). */
function eventLabel(item: AnswerItem): string {
  const { expression, event } = splitDetail(item.detail);
  const text = event || item.text;
  const without = expression ? text.replace(expression, ' ') : text;
  const label = without
    .replace(/\s+(?:on|in|at|since|from|until|by|to)?\s*[,.;]?\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    // A clause cut after another date's words ("5 but won in Bordeaux") starts at its verb.
    .replace(LEFTOVER_START, '');
  return label || text;
}

/** What a clause may begin with when it was cut from a longer sentence: a number, a joining word. */
const LEFTOVER_START = /^(?:(?:\d+|but|and|or|while|whereas|then)[,;]?\s+)+/i;

/**
 * The dated items as timeline events: the two ends of a range ("from Aug. 26 to Oct. 20", which the
 * extraction gives as two dates of the same words in the same sentence) become one bar.
 */
function timelineEvents(items: readonly AnswerItem[], offset: number): TimelineEvent[] {
  const dated = items
    .map((item, i) => ({ item, number: offset + i + 1 }))
    .filter(({ item }) => item.kind === 'date' && item.label && /^\d{4}-\d{2}-\d{2}$/.test(item.label));
  const groups = new Map<string, typeof dated>();
  for (const entry of dated) {
    const c = entry.item.citations[0];
    const { expression } = splitDetail(entry.item.detail);
    const key =
      c && expression ? `${c.article}:${c.paragraph}:${c.sentence}:${expression}` : `#${entry.number}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const events: TimelineEvent[] = [];
  const singles: typeof dated = [];
  for (const group of groups.values()) {
    const days = group.map((g) => g.item.label as string).sort();
    if (group.length === 2 && new Set(days).size === 2) {
      events.push({
        numbers: group.map((g) => g.number),
        from: days[0] as string,
        to: days[1] as string,
        label: eventLabel((group[0] as (typeof group)[number]).item),
      });
    } else singles.push(...group);
  }
  // A range's first day may be listed under another mention of that day ("opened Tuesday"): the
  // range's end, whose words name a range, joins the listed day that also cites its sentence.
  const joined = new Set<number>();
  for (const end of singles) {
    const { expression } = splitDetail(end.item.detail);
    const cited = end.item.citations[0];
    if (!cited || !RANGE_WORDS.test(expression) || joined.has(end.number)) continue;
    const start = singles.find(
      (s) =>
        s !== end &&
        !joined.has(s.number) &&
        (s.item.label as string) < (end.item.label as string) &&
        s.item.citations.some(
          (c) =>
            c.article === cited.article && c.paragraph === cited.paragraph && c.sentence === cited.sentence,
        ),
    );
    if (!start) continue;
    joined.add(start.number).add(end.number);
    events.push({
      numbers: [start.number, end.number],
      from: start.item.label as string,
      to: end.item.label as string,
      label: [eventLabel(start.item), eventLabel(end.item)].sort((a, b) => b.length - a.length)[0] as string,
    });
  }
  for (const g of singles) {
    if (joined.has(g.number)) continue;
    events.push({
      numbers: [g.number],
      from: g.item.label as string,
      to: g.item.label as string,
      label: eventLabel(g.item),
    });
  }
  return events;
}

/** Words that make one date expression a range ("Feb. 11 to Feb. 13", "from May through July"). */
const RANGE_WORDS = /\b(?:to|through|until|till)\b|\d\s*[–-]\s*\d/i;

/** The reference day of each article the items cite, once per article and day. */
function referenceDays(items: readonly AnswerItem[], article: PictureOptions['article']): ReferenceDay[] {
  if (!article) return [];
  const seen = new Set<string>();
  const days: ReferenceDay[] = [];
  for (const item of items) {
    const id = item.citations[0]?.article;
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const ref = article(id);
    if (ref && /^\d{4}-\d{2}-\d{2}$/.test(ref.day))
      days.push({ iso: ref.day, label: `${ref.day}: ${ref.title}` });
  }
  return days;
}

/** How many of the engine's places at most are read as context for telling places of one name apart. */
const MAX_CONTEXT_PLACES = 60;

/**
 * The picture of an answer from a loaded engine: the articles' reference days and titles for the
 * timeline, and the article's (or corpus's) other places as context for the map.
 */
export function enginePicture(
  engine: Engine | Collection,
  answer: Answer,
  options: { offset?: number; article?: string } = {},
): AnswerPicture | null {
  if (!hasPicture(answer.command) || !answer.items.length) return null;
  // A server's collection (base and own articles) or one engine: the places its articles name.
  const source = 'placeNames' in engine ? engine : engineCollection(engine);
  const places =
    answer.command === 'where' ? source.placeNames(options.article).slice(0, MAX_CONTEXT_PLACES) : [];
  return answerPicture(answer, {
    offset: options.offset ?? 0,
    contextPlaces: places,
    article: (id) => {
      const article = source.article(id);
      if (!article) return null;
      return { day: article.dateline?.date ?? article.published.slice(0, 10), title: article.title };
    },
  });
}
