import { STOP_WORDS } from '../text/terms.ts';
import type { Article } from './article.ts';

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
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const BYLINE = /^\(?\s*([^()]+?)\s*\)\s*(\d{1,2}):(\d{2}),\s*([A-Za-z]+)\.?\s+(\d{1,2}),\s*(\d{4})\s*$/;
const DATELINE =
  /^([A-Z][A-Z .'’-]*[A-Z.](?:,\s*[A-Z][A-Za-z .'’-]*?)?),\s+([A-Z][a-z]{2,4})\.?\s+(\d{1,2})\s*\(([^)]+)\)\s*(?:--|—|–)\s*/;
const EDITORS = /^\((?:Web\s+)?editors?:\s*([^)]*)\)\s*$/i;

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

  let publisher = options.publisher;
  if (!publisher) {
    try {
      publisher = new URL(options.url).hostname;
    } catch {
      throw new IngestError(file, 0, `a valid --url, not "${options.url}"`);
    }
  }
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
    paragraphs,
    file: null,
  };
}
