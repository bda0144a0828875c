import MiniSearch from 'minisearch';
import type { Citebot } from '../answer/engine.ts';
import type { Sentence } from '../corpus/sentence.ts';
import type { QuestionSet } from './questionSet.ts';
import { type TypedCheck, typedChecks } from './typedChecks.ts';

/** How one system ranked the gold sentence of each question. */
export interface SystemScore {
  top1: number;
  top3: number;
  mrr: number;
  /** Questions whose gold sentence was not ranked first, with the rank it got (null: not found). */
  misses: Array<{ q: string; gold: string; rank: number | null; got: string | null }>;
}

/** citebot's scores next to plain MiniSearch's (default options) on the same sentences. */
export interface EvalReport {
  questions: number;
  citebot: SystemScore;
  baseline: SystemScore;
  /** The question set's typed expectations (who, where, when, themes) and whether they hold. */
  typed: TypedCheck[];
}

/** How deep the ranking is read for the reciprocal rank. */
const DEPTH = 10;

function score(set: QuestionSet, rank: (q: string) => Sentence[]): SystemScore {
  let top1 = 0;
  let top3 = 0;
  let reciprocal = 0;
  const misses: SystemScore['misses'] = [];
  for (const { q, gold } of set.questions) {
    const ranked = rank(q).slice(0, DEPTH);
    const at = ranked.findIndex((s) => s.text.includes(gold));
    const position = at < 0 ? null : at + 1;
    if (position === 1) top1++;
    if (position !== null && position <= 3) top3++;
    if (position !== null) reciprocal += 1 / position;
    if (position !== 1) misses.push({ q, gold, rank: position, got: ranked[0]?.text ?? null });
  }
  const n = set.questions.length;
  const round = (x: number) => Math.round((x / n) * 1000) / 1000;
  return { top1: round(top1), top3: round(top3), mrr: round(reciprocal), misses };
}

/**
 * Measures `/ask` on a question set: top-1, top-3 and mean reciprocal rank of the gold sentence (the one
 * containing the gold snippet), for citebot and for a plain MiniSearch with default options over the
 * same sentences, so the gain of citebot's method is visible.
 */
export function evaluate(bot: Citebot, set: QuestionSet): EvalReport {
  const byText = new Map(bot.sentences.map((s) => [s.text, s]));
  const plain = new MiniSearch<Sentence>({ fields: ['text'] });
  plain.addAll(bot.sentences as Sentence[]);
  const byId = new Map(bot.sentences.map((s) => [s.id, s]));
  const citebot = score(set, (q) =>
    bot
      .ask(q, { limit: DEPTH })
      .items.map((item) => byText.get(item.text))
      .filter((s): s is Sentence => s !== undefined),
  );
  const baseline = score(set, (q) =>
    plain
      .search(q)
      .map((r) => byId.get(String(r.id)))
      .filter((s): s is Sentence => s !== undefined),
  );
  return { questions: set.questions.length, citebot, baseline, typed: typedChecks(bot, set) };
}
