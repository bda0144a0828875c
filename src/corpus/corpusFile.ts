import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { z } from 'zod';
import { type Article, type ArticleMeta, articleMetaSchema } from './article.ts';

/** Thrown when a corpus file cannot be read as an article; the message names the problem. */
export class CorpusFileError extends Error {
  override name = 'CorpusFileError';
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/**
 * Splits a body into paragraphs: blocks separated by blank lines, with lines inside a block joined by
 * a space (Markdown soft wraps), trimmed. Empty blocks are dropped.
 */
export function splitParagraphs(body: string): string[] {
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => block.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter((block) => block.length > 0);
}

/**
 * Parses a corpus file (Markdown with YAML front matter) into an article.
 * Throws CorpusFileError naming what is wrong: missing front matter, a bad field, or no body.
 */
export function parseCorpusFile(source: string, file: string | null = null): Article {
  const match = FRONT_MATTER.exec(source.replace(/^\uFEFF/, ''));
  if (!match) throw new CorpusFileError('no front matter (the file must start with a --- block)');
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (error) {
    throw new CorpusFileError(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = articleMetaSchema.safeParse(data ?? {});
  if (!parsed.success) throw new CorpusFileError(frontMatterProblems(parsed.error.issues, data));
  const paragraphs = splitParagraphs(match[2] ?? '');
  if (paragraphs.length === 0) throw new CorpusFileError('the article has no body');
  return { ...parsed.data, paragraphs, file };
}

/**
 * Every front-matter problem in one line, field by field (`front matter field "id": is required;
 * field "url": ...`), so a file is mended in one go rather than one field per try.
 */
function frontMatterProblems(issues: readonly z.core.$ZodIssue[], data: unknown): string {
  const given = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const problems = issues.map((issue) => {
    const where = issue.path.join('.') || 'front matter';
    const missing = issue.path.length === 1 && given[String(issue.path[0])] === undefined;
    return `field "${where}": ${missing ? 'is required' : issue.message}`;
  });
  return `front matter ${problems.join('; ')}`;
}

/** Writes an article as a corpus file: YAML front matter, then the paragraphs separated by blank lines. */
export function formatCorpusFile(
  article: Omit<ArticleMeta, 'authors'> & { authors?: string[]; paragraphs: string[] },
): string {
  const meta: ArticleMeta = {
    id: article.id,
    title: article.title,
    url: article.url,
    publisher: article.publisher,
    agency: article.agency,
    published: article.published,
    dateline: article.dateline,
    editors: article.editors,
    authors: article.authors ?? [],
  };
  // Files without writers keep the layout they always had.
  if (meta.authors.length === 0) delete (meta as Partial<ArticleMeta>).authors;
  return `---\n${stringifyYaml(meta, { lineWidth: 0 })}---\n\n${article.paragraphs.join('\n\n')}\n`;
}
