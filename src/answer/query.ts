import type { WeightedTerm } from '../search/sentenceIndex.ts';
import { termKeys } from '../text/terms.ts';

/** A query's index keys, each counting once (the list commands and /search; /ask weighs its own). */
export function plainTerms(query: string): WeightedTerm[] {
  return termKeys(query).map((key) => ({ key, weight: 1 }));
}

/**
 * The longest query the core reads; the rest is ignored (Discord allows 6,000 characters). It fits,
 * with the longest command name, in an embed's author line (256 characters), where "More" reads the
 * query back: a query is never cut there, so More pages the very question that was answered.
 */
export const MAX_QUERY_CHARS = 240;

/**
 * Cleans a user's query before it reaches any index: control characters become spaces, runs of
 * space collapse, and only the first MAX_QUERY_CHARS characters are kept (cut at a word boundary). No
 * input can make a query slow.
 */
export function boundQuery(query: string | undefined | null): string {
  const cleaned = String(query ?? '')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ')
    .slice(0, MAX_QUERY_CHARS * 2)
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= MAX_QUERY_CHARS) return cleaned;
  // Cut at a word boundary: a word cut in half ("con" of "conference") is a word nobody asked about.
  const cut = cleaned.slice(0, MAX_QUERY_CHARS + 1);
  const space = cut.lastIndexOf(' ');
  return (space > 0 ? cut.slice(0, space) : cut.slice(0, MAX_QUERY_CHARS)).trim();
}

/** The length of a query the core reads only in part (longer than MAX_QUERY_CHARS once cleaned), else null. */
export function cutLength(query: string | undefined | null): number | null {
  const length = String(query ?? '')
    .replace(/\s+/g, ' ')
    .trim().length;
  return length > MAX_QUERY_CHARS ? length : null;
}

/**
 * The list commands that answer what a question asks in general: "who ...?" -> /who, "where" ->
 * /where, "when" -> /when, a question about the article itself (who wrote it, which paper, the
 * source) -> /source, "what was discussed / what happened" -> /themes.
 */
export function commandsFor(question: string): string[] {
  const q = question.toLowerCase();
  const found: string[] = [];
  if (
    /\b(?:wrote|write|written|author|source|sources|publish\w*|paper|article|outlet|link|reported|reporter|editor)\b/.test(
      q,
    )
  )
    found.push('/source');
  if (/\bwho(?:m|se)?\b/.test(q)) found.push('/who');
  if (/\bwhere\b/.test(q)) found.push('/where');
  if (/\b(?:when|what (?:day|date|time|year))\b/.test(q)) found.push('/when');
  if (/\bwhat\b/.test(q) && !found.length) found.push('/themes');
  return found;
}
