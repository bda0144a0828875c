import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';
import type { Article } from '../corpus/article.ts';
import { CorpusFileError, formatCorpusFile, parseCorpusFile } from '../corpus/corpusFile.ts';
import { parseHtmlArticle } from '../corpus/ingestHtml.ts';
import { type IngestOptions, parseArticle } from '../corpus/ingestRaw.ts';
import { sentencesOf } from '../corpus/sentence.ts';
import { extractArticle } from '../extract/knowledge.ts';
import { FetchError, type FetchLimits, fetchPage } from '../lib/safeFetch.ts';

/** What to add: a page's address, or a file (its name and where to fetch it, or its text), and fields to supply. */
export interface IngestSource extends Omit<IngestOptions, 'url'> {
  /** A web page (http or https); also the address cited for a file given with it. */
  url?: string;
  /** A file: `.html`, `.htm`, `.txt` or `.md`, given as text or as an address to fetch it from (a Discord attachment). */
  file?: { name: string; text?: string; url?: string };
}

/** What an ingest did. */
export interface IngestResult {
  /** `added`: written to the corpus folder; `duplicate`: the same address or text is there already. */
  status: 'added' | 'duplicate';
  article: Article;
  /** The corpus file (written, or the one already holding it). */
  file: string;
  sentences: number;
  /** The first people and organizations the article names. */
  names: string[];
}

/** An ingest that could not be done, with a message fit to show the user. */
export class IngestFailure extends Error {
  override name = 'IngestFailure';
  constructor(
    message: string,
    /** More for the operator at a shell or console (never shown in Discord): how to allow what was refused. */
    readonly operatorDetail: string | null = null,
  ) {
    super(message);
  }

  /** The message with the operator's detail: for the CLI and the console, where the operator reads it. */
  forOperator(): string {
    return this.operatorDetail ?? this.message;
  }
}

/** The file types an article may come in, by extension. */
const HTML = new Set(['.html', '.htm', '.xhtml']);
const TEXT = new Set(['.txt', '.md', '.markdown', '.text']);

/** An address without what does not change the page: the fragment and a trailing slash. */
function sameAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** A hash of an article's words, whitespace and case aside: the same text twice has the same hash. */
export function textHash(paragraphs: readonly string[]): string {
  return createHash('sha256')
    .update(paragraphs.join('\n').replace(/\s+/g, ' ').trim().toLowerCase())
    .digest('hex');
}

/**
 * Reads an article from a page or a file: HTML through `parseHtmlArticle` (Readability, JSON-LD,
 * OpenGraph), text through `parseArticle` (People's Daily's layout, or plain text). Pages are fetched
 * with `fetchPage` and its limits. Throws IngestFailure (fetching, type) or IngestError (the text).
 */
export async function readSource(source: IngestSource, limits: FetchLimits = {}): Promise<Article> {
  const address = source.url ?? source.file?.url;
  let body: string;
  let kind: 'html' | 'text';
  let name: string;
  if (source.file?.text !== undefined) {
    body = source.file.text;
    name = source.file.name;
    kind = kindOfName(name);
  } else if (address) {
    const page = await fetchPage(address, limits).catch((error: Error) => {
      const refused = error instanceof FetchError ? error.privateAddress : null;
      if (refused)
        throw new IngestFailure(
          `Could not fetch ${shortAddress(address)}: that address is not allowed.`,
          `Could not fetch ${shortAddress(address)}: ${error.message}; INGEST_ALLOW_PRIVATE=${refused} allows it (addresses or CIDR ranges, comma-separated).`,
        );
      throw new IngestFailure(`Could not fetch ${shortAddress(address)}: ${error.message}.`);
    });
    body = page.body;
    name = source.file?.name ?? (basename(new URL(page.url).pathname) || new URL(page.url).hostname);
    if (page.type === 'text/html' || page.type === 'application/xhtml+xml') kind = 'html';
    else if (page.type === 'text/plain' || page.type === 'text/markdown') kind = 'text';
    else if (source.file && page.type === 'application/octet-stream') kind = kindOfName(name);
    else
      throw new IngestFailure(
        `${shortAddress(address)} is not a news page (it is ${page.type || 'of no stated type'}).`,
      );
  } else throw new IngestFailure('Give the address of an article, or attach a file (.html, .txt or .md).');
  // The fields the page may lack or get wrong (title, published, ...) go to the parser as given.
  const { url, file, ...fields } = source;
  const options: IngestOptions = {
    ...fields,
    url: url ?? (file?.url ? (file.url.split('?')[0] as string) : `file:///${name}`),
  };
  // An IngestError names the file, the line and what was expected: it goes to the caller as it is.
  return kind === 'html' ? parseHtmlArticle(body, name, options) : parseArticle(body, name, options);
}

function kindOfName(name: string): 'html' | 'text' {
  const extension = extname(name).toLowerCase();
  if (HTML.has(extension)) return 'html';
  if (TEXT.has(extension)) return 'text';
  throw new IngestFailure(`${name} is not an article file: attach .html, .txt or .md.`);
}

function shortAddress(address: string): string {
  return address.length > 80 ? `${address.slice(0, 77)}...` : address;
}

/** The first people and organizations an article names (what the reply shows as a check). */
function namesIn(article: Article, count = 5): string[] {
  const names: string[] = [];
  for (const mention of extractArticle(article).mentions)
    if ((mention.kind === 'person' || mention.kind === 'organization') && !names.includes(mention.name)) {
      names.push(mention.name);
      if (names.length === count) break;
    }
  return names;
}

/**
 * Adds articles to a corpus folder and removes them, for `/ingest` and `citebot ingest`: reads the
 * source, refuses one whose address or text the corpus already holds (naming it), writes the corpus
 * file (under a fresh name; atomically, so the folder watcher never reads half a file), and leaves
 * the reload to the folder watcher or the caller.
 */
export class Ingester {
  constructor(
    readonly dir: string,
    /** The articles loaded now (the running engine's, or the folder's for the CLI). */
    private readonly articles: () => readonly Article[],
    private readonly limits: FetchLimits = {},
  ) {}

  /**
   * Reads and adds an article; `dryRun` reads it and writes nothing; `overwrite` writes it under its
   * own id even when the corpus holds it (`citebot ingest --force`). Throws IngestFailure or IngestError.
   */
  async ingest(
    source: IngestSource,
    options: { dryRun?: boolean; overwrite?: boolean } = {},
  ): Promise<IngestResult> {
    const article = await readSource(source, this.limits);
    const summary = (file: string, status: IngestResult['status'], a: Article = article): IngestResult => ({
      status,
      article: a,
      file,
      sentences: sentencesOf(a).length,
      names: namesIn(a),
    });
    const known = options.overwrite ? undefined : this.duplicateOf(article);
    if (known) return summary(known.file ?? join(this.dir, `${known.id}.md`), 'duplicate', known);
    const id = options.overwrite ? article.id : this.freeId(article.id);
    const written = { ...article, id };
    const file = join(this.dir, `${id}.md`);
    // What is written must load: checked with the loader's own parser and schema, before any write.
    const text = formatCorpusFile(written);
    try {
      parseCorpusFile(text, file);
    } catch (error) {
      if (!(error instanceof CorpusFileError)) throw error;
      throw new IngestFailure(`The article read from it would not load: ${error.message}.`);
    }
    if (!options.dryRun) {
      if (!existsSync(this.dir)) throw new IngestFailure('The corpus folder is missing on the server.');
      const temporary = join(this.dir, `.${id}.md.tmp`);
      writeFileSync(temporary, text);
      renameSync(temporary, file);
    }
    return summary(file, 'added', written);
  }

  /**
   * Removes an article's file from the corpus folder (only a file inside it). Returns the removed
   * article, or null when the corpus has no such article.
   */
  remove(articleId: string): Article | null {
    const article = this.articles().find((a) => a.id === articleId);
    const file = article?.file ? resolve(article.file) : null;
    if (!file?.startsWith(resolve(this.dir) + sep) || !existsSync(file)) return null;
    rmSync(file);
    return article ?? null;
  }

  /** The loaded or written article with the same address or the same text, if any. */
  private duplicateOf(article: Article): Article | undefined {
    const address = sameAddress(article.url);
    const hash = textHash(article.paragraphs);
    const loaded = this.articles().find(
      (a) =>
        (!a.url.startsWith('file:') && sameAddress(a.url) === address) || textHash(a.paragraphs) === hash,
    );
    if (loaded) return loaded;
    // Written a moment ago and not loaded yet.
    const pending = join(this.dir, `${article.id}.md`);
    if (!existsSync(pending)) return undefined;
    try {
      const there = parseCorpusFile(readFileSync(pending, 'utf8'), pending);
      return sameAddress(there.url) === address || textHash(there.paragraphs) === hash ? there : undefined;
    } catch {
      return undefined;
    }
  }

  /** The id, or the id with -2, -3, ... when another article has it. */
  private freeId(id: string): string {
    const taken = (candidate: string) =>
      this.articles().some((a) => a.id === candidate) || existsSync(join(this.dir, `${candidate}.md`));
    if (!taken(id)) return id;
    for (let n = 2; ; n++) {
      const candidate = `${id.slice(0, 76)}-${n}`;
      if (!taken(candidate)) return candidate;
    }
  }
}
