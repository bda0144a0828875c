import { STOP_WORDS } from '../text/terms.ts';
import { type Article, articleMetaSchema, isoDateSchema } from './article.ts';

/** Thrown when a raw article does not have the expected layout; names the line and what was expected. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly expected: string,
  ) {
    super(`ingest: ${file}:${line}: expected ${expected}`);
  }

  /**
   * The problem as one sentence for someone who is not at a shell (the console, Discord), with the
   * command-line options it names put as `option` says ("--published" -> "the `published` option").
   */
  sentence(option: (name: string) => string = (name) => `--${name}`): string {
    const expected = this.expected.replace(/--(title|published|dateline|url)\b/g, (_, name: string) =>
      option(name),
    );
    return `Could not read an article from ${this.file}: expected ${expected}.`;
  }
}

/** Options that the raw text cannot supply. */
export interface IngestOptions {
  /** The article's address; required for citations that link somewhere. */
  url: string;
  /** Name of the outlet; defaults to the URL's host name. */
  publisher?: string;
  /** UTC offset of the byline's clock time, e.g. `+08:00` (People's Daily prints Beijing time). */
  utcOffset?: string;
  /** Corpus id; defaults to the publication date plus the headline's first words. */
  id?: string;
  /** The headline, when the text does not open with it (plain text). */
  title?: string;
  /** Publication time (ISO date or date-time): required for plain text, overrides the byline's. */
  published?: string;
  /** The dateline "PLACE" or "PLACE, YYYY-MM-DD" (the date defaults to the publication day). */
  dateline?: string;
}

/**
 * A publication time as ISO: a date gets noon UTC, a date-time is kept; null when not ISO or not a
 * real day and time (`2025-13-45`, `2025-02-30`): what the corpus loader's schema accepts.
 */
export function isoPublished(value: string): string | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/.test(iso)) return null;
  return articleMetaSchema.shape.published.safeParse(iso).success ? iso : null;
}

/** A dateline option: "PLACE" or "PLACE, YYYY-MM-DD"; null when it is not one. */
export function parseDateline(value: string, publishedDay: string): Article['dateline'] | null {
  const match = /^\s*([^,]+?)\s*(?:,\s*(\d{4}-\d{2}-\d{2}))?\s*$/.exec(value);
  if (!match) return null;
  if (match[2] !== undefined && !isoDateSchema.safeParse(match[2]).success) return null;
  return { place: match[1] as string, date: match[2] ?? publishedDay };
}

/**
 * Parses an article in plain text (or Markdown without front matter): blocks separated by blank lines
 * are paragraphs (a block's lines are joined); the first block is the headline unless `--title` gives
 * it; a "By ..." line right after the headline is the author line and is left out of the body; a
 * dateline opening the first paragraph ("PORTHAVEN, March 3 --") is moved into the metadata. The
 * publication time must come from `--published`. Throws IngestError naming the line and what was expected.
 */
export function parsePlainArticle(text: string, file: string, options: IngestOptions): Article {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const blocks: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | null = null;
  lines.forEach((raw, i) => {
    const line = raw.trim().replace(/^#+\s+/, '');
    if (!line) {
      current = null;
      return;
    }
    if (current) current.text += ` ${line}`;
    else {
      current = { text: line, line: i + 1 };
      blocks.push(current);
    }
  });
  const title = options.title?.trim() || blocks.shift()?.text;
  if (!title) throw new IngestError(file, 1, 'a headline (or --title)');
  const byline = blocks[0] && blocks[0].text.length < 120 ? /^by\s+(\S.*)$/i.exec(blocks[0].text) : null;
  if (byline) blocks.shift();
  if (!blocks.length) throw new IngestError(file, lines.length, 'at least one paragraph after the headline');
  if (!options.published) throw new IngestError(file, 0, 'a publication time: give --published YYYY-MM-DD');
  const published = isoPublished(options.published);
  if (!published)
    throw new IngestError(
      file,
      0,
      `--published as YYYY-MM-DD or an ISO date-time, not "${options.published}"`,
    );
  // "PORTHAVEN, March 3 -- ...": the dateline leaves the text for the front matter, as the HTML
  // reader does (`--dateline` still wins).
  const opening = splitDateline(blocks[0]?.text ?? '', published.slice(0, 10));
  if (opening && blocks[0]) blocks[0].text = opening.rest;
  const dateline = options.dateline
    ? parseDateline(options.dateline, published.slice(0, 10))
    : (opening?.dateline ?? null);
  if (options.dateline && !dateline)
    throw new IngestError(file, 0, `--dateline as "PLACE" or "PLACE, YYYY-MM-DD", not "${options.dateline}"`);
  return {
    id: options.id ?? makeArticleId(published.slice(0, 10), title),
    title,
    url: options.url,
    publisher: publisherOf(file, options),
    agency: opening?.agency ?? null,
    published,
    dateline,
    editors: [],
    authors: byline ? authorsOf(byline[1] ?? '') : [],
    paragraphs: blocks.map((b) => b.text),
    file: null,
  };
}

/**
 * The writers named by a byline: "Wang Xiaoming and Li Na (People's Daily)" gives both names; an
 * outlet in parentheses and a trailing "| Updated ..." are left out.
 */
export function authorsOf(byline: string): string[] {
  return (
    byline
      .replace(/^by\s+/i, '')
      .replace(/\([^)]*\)/g, '')
      .split(/\s*\|\s*/)[0]
      ?.split(/\s*(?:,|\band\b|&)\s*/)
      .map((name) => name.trim())
      .filter((name) => /^\p{Lu}/u.test(name) && name.split(/\s+/).length <= 5) ?? []
  );
}

/** The outlet: `--publisher`, else the URL's host name. */
function publisherOf(file: string, options: IngestOptions): string {
  if (options.publisher) return options.publisher;
  try {
    return new URL(options.url).hostname;
  } catch {
    throw new IngestError(file, 0, `a valid --url, not "${options.url}"`);
  }
}

/**
 * Reads an article in the layout it comes in: People's Daily Online's text layout when its second
 * line is such a byline, else plain text (which needs `--published`). Options override what was parsed.
 */
export function parseArticle(text: string, file: string, options: IngestOptions): Article {
  const second = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)[1];
  if (second && BYLINE.test(second)) {
    const article = parseRawArticle(text, file, options);
    const published = options.published ? isoPublished(options.published) : null;
    if (options.published && !published)
      throw new IngestError(
        file,
        0,
        `--published as YYYY-MM-DD or an ISO date-time, not "${options.published}"`,
      );
    const dateline = options.dateline
      ? parseDateline(options.dateline, article.published.slice(0, 10))
      : null;
    return {
      ...article,
      title: options.title?.trim() || article.title,
      published: published ?? article.published,
      dateline: dateline ?? article.dateline,
    };
  }
  if (!options.published)
    throw new IngestError(
      file,
      2,
      'a byline like "(Xinhua) 10:42, October 16, 2024", or --published YYYY-MM-DD for plain text',
    );
  return parsePlainArticle(text, file, options);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const BYLINE = /^\(?\s*([^()]+?)\s*\)\s*(\d{1,2}):(\d{2}),\s*([A-Za-z]+)\.?\s+(\d{1,2}),\s*(\d{4})\s*$/;
const DATELINE =
  /^([A-Z][A-Z .'’-]*[A-Z.](?:,\s*[A-Z][A-Za-z .'’-]*?)?),\s+([A-Z][a-z]{2,4})\.?\s+(\d{1,2})\s*\(([^)]+)\)\s*(?:--|—|–)\s*/;
const EDITORS = /^\((?:Web\s+)?editors?:\s*([^)]*)\)\s*$/i;

/** A dateline at the start of a paragraph: place, then a date and an agency, either or both, then a dash. */
const OPENING =
  /^([A-Z][A-Z .'’-]*[A-Z.](?:,\s*[A-Z][A-Za-z .'’-]*?)?)(?:,\s+([A-Z][a-z]{2,8})\.?\s+(\d{1,2}))?\s*(?:\(([^)]{2,40})\))?\s*(?:--|—|–|-)\s+/;

/** The dateline a first paragraph opens with, and the paragraph without it. */
export interface Opening {
  dateline: { place: string; date: string };
  agency: string | null;
  rest: string;
}

/**
 * Reads a dateline off the start of a paragraph: "HARBIN, Oct. 14 (Xinhua) --", "LONDON (Reuters) -",
 * "WASHINGTON, May 2 —". A month-day takes the year that is not after the publication day; a
 * dateline without a date is the publication day. Null when the paragraph opens with none.
 */
export function splitDateline(paragraph: string, publishedDay: string): Opening | null {
  const match = OPENING.exec(paragraph);
  if (!match) return null;
  const place = (match[1] ?? '').split(',')[0]?.trim() ?? '';
  if (place.replace(/[^A-Z]/g, '').length < 3) return null;
  let date = publishedDay;
  if (match[2]) {
    const month = monthNumber(match[2]);
    if (month === null) return null;
    const [year, publishedMonth] = publishedDay.split('-').map(Number) as [number, number];
    date = `${month > publishedMonth ? year - 1 : year}-${pad(month)}-${pad(Number(match[3]))}`;
  } else if (!match[4] && /\p{Ll}/u.test(place)) return null;
  const rest = paragraph.slice(match[0].length);
  if (!rest) return null;
  return { dateline: { place: titleCase(place), date }, agency: match[4]?.trim() ?? null, rest };
}

/** Returns the month number (1-12) of an English month name or abbreviation, or null. */
export function monthNumber(name: string): number | null {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index < 0 ? null : index + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "CHANGCHUN" -> "Changchun", "NEW YORK" -> "New York". */
function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** A short, stable, file-name-safe id from a date and a headline. */
export function makeArticleId(date: string, title: string): string {
  const words = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9\s-]/g, '')
    .split(/\s+/)
    .filter((word) => word && !STOP_WORDS.has(word))
    .slice(0, 5);
  return `${date.replace(/-/g, '')}-${words.join('-')}`.slice(0, 80).replace(/-+$/, '');
}

/**
 * Parses a raw article laid out like People's Daily Online's text pages: headline; a
 * "(Agency) HH:MM, Month D, YYYY" line (the opening parenthesis may be missing); paragraphs, the first
 * opening with a "PLACE, Mon. D (Agency) --" dateline; a closing "(Web editor: A, B)" line.
 * The dateline is moved from the first paragraph into the metadata; every other word is kept verbatim.
 * Throws IngestError naming the line and what was expected.
 */
export function parseRawArticle(text: string, file: string, options: IngestOptions): Article {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const numbered = lines
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter((l) => l.line !== '');
  const [headline, byline, ...rest] = numbered;
  if (!headline) throw new IngestError(file, 1, 'a headline');
  if (!byline)
    throw new IngestError(file, headline.number + 1, 'a byline like "(Xinhua) 10:42, October 16, 2024"');
  const by = BYLINE.exec(byline.line);
  const bylineMonth = by ? monthNumber(by[4] ?? '') : null;
  if (!by || bylineMonth === null) {
    throw new IngestError(file, byline.number, 'a byline like "(Xinhua) 10:42, October 16, 2024"');
  }
  const year = Number(by[6]);
  const publishedDate = `${year}-${pad(bylineMonth)}-${pad(Number(by[5]))}`;
  const offset = options.utcOffset ?? '+08:00';
  if (!/^[+-]\d{2}:\d{2}$/.test(offset))
    throw new IngestError(file, 0, `a UTC offset like +08:00, not "${offset}"`);
  const published = `${publishedDate}T${pad(Number(by[2]))}:${by[3]}:00${offset}`;

  let editors: string[] = [];
  const last = rest.at(-1);
  const editorMatch = last ? EDITORS.exec(last.line) : null;
  if (last && editorMatch) {
    editors = (editorMatch[1] ?? '')
      .split(/\s*,\s*/)
      .map((name) => name.trim())
      .filter(Boolean);
    rest.pop();
  }
  const first = rest[0];
  if (!first) throw new IngestError(file, byline.number + 1, 'the first paragraph of the body');
  const dl = DATELINE.exec(first.line);
  if (!dl) throw new IngestError(file, first.number, 'a dateline like "CHANGCHUN, Oct. 15 (Xinhua) --"');
  const datelineMonth = monthNumber(dl[2] ?? '');
  if (datelineMonth === null)
    throw new IngestError(file, first.number, `a month name in the dateline, not "${dl[2]}"`);
  const datelineYear = datelineMonth > bylineMonth ? year - 1 : year;
  const firstBody = first.line.slice(dl[0].length);
  if (!firstBody) throw new IngestError(file, first.number, 'text after the dateline');
  const paragraphs = [firstBody, ...rest.slice(1).map((l) => l.line)];

  const publisher = publisherOf(file, options);
  return {
    id: options.id ?? makeArticleId(publishedDate, headline.line),
    title: headline.line,
    url: options.url,
    publisher,
    agency: (by[1] ?? '').trim() || (dl[4] ?? '').trim() || null,
    published,
    dateline: {
      place: titleCase((dl[1] ?? '').split(',')[0] ?? ''),
      date: `${datelineYear}-${pad(datelineMonth)}-${pad(Number(dl[3]))}`,
    },
    editors,
    authors: [],
    paragraphs,
    file: null,
  };
}
