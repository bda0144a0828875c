import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Article } from './article.ts';
import {
  authorsOf,
  IngestError,
  type IngestOptions,
  isoPublished,
  makeArticleId,
  parseDateline,
  splitDateline,
} from './ingestRaw.ts';

/** What a page says about its article in its markup (JSON-LD, OpenGraph, `<meta>`), before the body is read. */
export interface PageMetadata {
  title: string | null;
  published: string | null;
  publisher: string | null;
  authors: string[];
}

type Json = Record<string, unknown>;
/** A parsed page (linkedom's document). */
type Page = ReturnType<typeof parseHTML>['document'];

const ARTICLE_TYPES =
  /^(?:News|Reportage|Analysis|Opinion|Report|Review|Background)?Article$|^BlogPosting$|^LiveBlogPosting$/;

/** The JSON-LD objects of a page, flattened (arrays and `@graph` opened). */
function jsonLd(document: Page): Json[] {
  const found: Json[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      found.push(value as Json);
      const graph = (value as Json)['@graph'];
      if (graph) visit(graph);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block says nothing; the other sources still count.
    }
  }
  return found;
}

function types(item: Json): string[] {
  const type = item['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value.replace(/\s+/g, ' ').trim() : null;

/** A name from JSON-LD: a string, or an object with `name`, or a list of them. */
function names(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(names);
  if (typeof value === 'string') return text(value) ? [text(value) as string] : [];
  if (value && typeof value === 'object') return names((value as Json).name);
  return [];
}

/** Reads the article's metadata from JSON-LD (NewsArticle and kin), then OpenGraph and `<meta>` tags. */
export function pageMetadata(document: Page): PageMetadata {
  const meta = (...keys: string[]): string | null => {
    for (const key of keys) {
      const element = document.querySelector(
        `meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`,
      );
      const value = text(element?.getAttribute('content'));
      if (value) return value;
    }
    return null;
  };
  const article = jsonLd(document).find((item) => types(item).some((t) => ARTICLE_TYPES.test(t)));
  const authors = article ? names(article.author) : [];
  const metaAuthor = meta('author', 'article:author', 'parsely-author', 'byl');
  return {
    title:
      text(article?.headline) ??
      meta('og:title', 'twitter:title') ??
      text(document.querySelector('title')?.textContent),
    published:
      text(article?.datePublished) ??
      meta(
        'article:published_time',
        'datePublished',
        'pubdate',
        'publishdate',
        'date',
        'DC.date.issued',
        'parsely-pub-date',
      ) ??
      text(document.querySelector('time[datetime]')?.getAttribute('datetime')),
    publisher: names(article?.publisher)[0] ?? meta('og:site_name', 'application-name'),
    authors: authors.length
      ? authors
      : metaAuthor && !/^https?:/.test(metaAuthor)
        ? authorsOf(metaAuthor)
        : [],
  };
}

/** A publication time from a page as ISO: ISO forms are kept, other forms Date.parse reads become UTC. */
function publishedIso(value: string): string | null {
  const iso = isoPublished(value) ?? isoPublished(value.replace(/\.\d+(?=Z|[+-]\d{2}:\d{2}$)/, ''));
  if (iso) return iso;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}

/** The paragraphs of the body Readability kept: `<p>` and list items, whitespace collapsed, without one-word lines. */
function paragraphsOf(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = [...document.querySelectorAll('p, li')]
    .filter((element) => !element.querySelector('p, li'))
    .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());
  return blocks.filter(
    (block) =>
      /\p{L}/u.test(block) &&
      (block.split(' ').length >= 4 || /[.!?"”]$/.test(block)) &&
      !BOILERPLATE.test(block),
  );
}

/** Lines a page wraps around a story that are not part of it (sharing, sign-up, copyright, adverts). */
const BOILERPLATE =
  /^(?:share (?:this|on)|follow us|sign up|subscribe|read more|related|advertisement|copyright|©|all rights reserved|click here|download our app)/i;

/** A byline paragraph ("By Mei Lin and Tom Okafor | Feb 13, 2025"). */
const BYLINE = /^[Bb][Yy]\s+\p{Lu}/u;

/**
 * Reads a news page into an article: the body by Mozilla's Readability (what a reader view shows:
 * no navigation, scripts, adverts or comments), the headline, date, outlet and writers from JSON-LD,
 * OpenGraph and `<meta>`, and the dateline from the first paragraph when it opens with one ("HARBIN,
 * Oct. 14 (Xinhua) --", "LONDON (Reuters) -"). Options supply or override fields. Throws IngestError
 * when no body, headline or publication time can be found.
 */
export function parseHtmlArticle(html: string, file: string, options: IngestOptions): Article {
  const { document } = parseHTML(html);
  const metadata = pageMetadata(document);
  const readable = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    charThreshold: 200,
  }).parse();
  const paragraphs = readable?.content ? paragraphsOf(readable.content) : [];
  // A byline printed above the story is metadata, not text of the story.
  let byline: string | null = null;
  while (
    paragraphs.length > 1 &&
    BYLINE.test(paragraphs[0] as string) &&
    (paragraphs[0] as string).length < 160
  )
    byline = paragraphs.shift() as string;
  if (paragraphs.length === 0)
    throw new IngestError(file, 0, 'an article body (no paragraphs of text were found)');
  const title = options.title?.trim() || metadata.title || text(readable?.title);
  if (!title) throw new IngestError(file, 0, 'a headline (the page has none: give the title)');
  const givenTime = options.published ?? metadata.published ?? text(readable?.publishedTime);
  const published = givenTime ? publishedIso(givenTime) : null;
  if (!published)
    throw new IngestError(
      file,
      0,
      givenTime
        ? `a publication time the page gives as a date, not "${givenTime.slice(0, 40)}"`
        : 'a publication time (the page gives none: give it as YYYY-MM-DD)',
    );
  const day = published.slice(0, 10);
  const opening = splitDateline(paragraphs[0] as string, day);
  if (opening?.rest) paragraphs[0] = opening.rest;
  const dateline = options.dateline ? parseDateline(options.dateline, day) : (opening?.dateline ?? null);
  let host = '';
  try {
    host = new URL(options.url).hostname.replace(/^www\./, '');
  } catch {
    throw new IngestError(file, 0, `a valid address, not "${options.url}"`);
  }
  return {
    id: options.id ?? makeArticleId(day, title),
    title,
    url: options.url,
    publisher: options.publisher || metadata.publisher || text(readable?.siteName) || host,
    agency: opening?.agency ?? null,
    published,
    dateline,
    editors: [],
    authors: metadata.authors.length ? metadata.authors : authorsOf(byline ?? readable?.byline ?? ''),
    paragraphs,
    file: null,
  };
}
