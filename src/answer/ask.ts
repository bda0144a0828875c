import type { Answer, AnswerSpan } from './answer.ts';
import type { Engine } from './engine.ts';
import { itemOf, NO_ITEMS, type PageOptions, pageOf } from './items.ts';
import { boundQuery } from './query.ts';
import { type AskAnalysis, analyzeQuestion, answerSpanOf, type RankedSentence, rankAnswers } from './rank.ts';
import type { ScoredSpan } from './span.ts';

/** /ask: the sentences that best answer a free question, best first, each with the words that answer it. */
export function ask(engine: Engine, rawQuery = '', page: PageOptions = {}): Answer {
  const query = boundQuery(rawQuery);
  if (!query) return pageOf(engine, 'ask', query, page, NO_ITEMS);
  const { analysis, ranked } = rankAnswers(query, engine.askSource);
  return pageOf(engine, 'ask', query, page, {
    count: ranked.length,
    at: (i) => {
      const hit = ranked[i] as RankedSentence;
      const item = itemOf(engine, null, null, [hit.id], hit.score);
      const reading = engine.askSource.readingAt(engine.positionOf(hit.id) ?? -1);
      const span = answerSpanOf(analysis, hit, item.text, reading, i === 0);
      return { ...item, answer: span ? answerSpan(engine, hit.id, item.text, span) : null };
    },
  });
}

/** The ranker's candidates and their evidence for a question (for evaluation and fitting weights). */
export function askAnalysis(engine: Engine, rawQuery: string): AskAnalysis {
  return analyzeQuestion(boundQuery(rawQuery), engine.askSource);
}

/** The answering span of a quoted sentence, with the resolved day when it names a date. */
function answerSpan(engine: Engine, id: string, text: string, span: ScoredSpan): AnswerSpan {
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
