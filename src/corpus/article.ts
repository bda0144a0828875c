import { z } from 'zod';

/** ISO 8601 calendar date that exists, e.g. `2024-10-15` (not `2025-13-45`, not `2025-02-30`). */
export const isoDateSchema = z.iso.date({ error: 'expected a date like 2024-10-15 (a day that exists)' });

/**
 * The front matter every corpus file carries. Validated with zod so that a broken file is reported
 * with the field and the problem instead of failing somewhere deep in extraction.
 */
export const articleMetaSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes')
    .max(80),
  title: z.string().min(1),
  url: z.url(),
  publisher: z.string().min(1),
  agency: z.string().min(1).nullable().default(null),
  published: z.iso.datetime({ offset: true }),
  dateline: z
    .object({ place: z.string().min(1), date: isoDateSchema })
    .nullable()
    .default(null),
  editors: z.array(z.string().min(1)).default([]),
  /** The writers, as the page names them (empty when it does not). */
  authors: z.array(z.string().min(1)).default([]),
});

/** What a corpus file says about its article, besides the body. */
export type ArticleMeta = z.infer<typeof articleMetaSchema>;

/** One article: its metadata and its body as paragraphs (1-based in citations). */
export interface Article extends ArticleMeta {
  /** The body paragraphs, verbatim, in order. */
  paragraphs: string[];
  /** Where the article was read from (for error messages), or null for in-memory articles. */
  file: string | null;
}
