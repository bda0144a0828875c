import type { Answer, AnswerSpan } from './answer.ts';
import type { Engine } from './engine.ts';
import { type ItemSource, itemOf, NO_ITEMS, type PageOptions, pageOf } from './items.ts';
import { boundQuery } from './query.ts';
import { type AskAnalysis, analyzeQuestion, answerSpanOf, type RankedSentence, rankAnswers } from './rank.ts';
import type { ScoredSpan } from './span.ts';
import type { RankedCorpus } from './unionCorpus.ts';

/** /ask: the sentences that best answer a free question, best first, each with the words that answer it. */
export function ask(engine: Engine, rawQuery = '', page: PageOptions = {}): Answer {
  const query = boundQuery(rawQuery);
  return pageOf(engine, 'ask', query, page, askItems(engine, query));
}

/**
 * The answers to a question (already bounded) over a corpus, best first, made on demand: an engine's,
 * or a collection's parts read as one (`unionCorpus`), so that the ranker judges them together.
 */
export function askItems(corpus: RankedCorpus, query: string): ItemSource {
  if (!query) return NO_ITEMS;
  const { analysis, ranked } = rankAnswers(query, corpus.askSource);
  return {
    count: ranked.length,
    at: (i) => {
      const hit = ranked[i] as RankedSentence;
      const item = itemOf(corpus, null, null, [hit.id], hit.score);
      const reading = corpus.askSource.readingAt(corpus.positionOf(hit.id) ?? -1);
      const span = answerSpanOf(analysis, hit, item.text, reading, i === 0);
      return { ...item, answer: span ? answerSpan(corpus, hit.id, item.text, span) : null };
    },
  };
}

/** The ranker's candidates and their evidence for a question (for evaluation and fitting weights). */
export function askAnalysis(engine: Engine, rawQuery: string): AskAnalysis {
  return analyzeQuestion(boundQuery(rawQuery), engine.askSource);
}

/** The answering span of a quoted sentence, with the resolved day when it names a date. */
function answerSpan(
  engine: Pick<RankedCorpus, 'datesIn'>,
  id: string,
  text: string,
  span: ScoredSpan,
): AnswerSpan {
  const words = text.slice(span.start, span.end);
  let iso: string | null = null;
  if (span.kind === 'date') {
    for (const date of engine.datesIn(id))
      for (const m of date.mentions)
        if (m.sentenceId === id && (m.expression.includes(words) || words.includes(m.expression)))
          iso = date.iso;
  }
  return { text: words, start: span.start, end: span.end, iso };
}
