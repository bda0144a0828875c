import MiniSearch from 'minisearch';
import { ask } from '../answer/ask.ts';
import type { Engine } from '../answer/engine.ts';
import type { Sentence } from '../corpus/sentence.ts';
import { termKey } from '../text/terms.ts';
import type { QuestionSet } from './questionSet.ts';
import { exactMatch, tokenF1 } from './squadScore.ts';
import { type TypedCheck, typedChecks } from './typedChecks.ts';

/** How one system ranked the gold sentence of each question. */
export interface SystemScore {
  top1: number;
  top3: number;
  mrr: number;
  /** Questions whose gold sentence was not ranked first, with the rank it got (null: not found). */
  misses: Array<{ q: string; gold: string; rank: number | null; got: string | null }>;
}

/** How well the answer spans of the first items match the gold answers, as SQuAD scores them. */
export interface SpanScore {
  exactMatch: number;
  f1: number;
}

/** citebot's scores next to plain MiniSearch's (default options, and with stems and stop words) on the same sentences. */
export interface EvalReport {
  questions: number;
  citebot: SystemScore;
  baseline: SystemScore;
  /** MiniSearch with citebot's stems and stop words: the strong baseline. */
  stemmed: SystemScore;
  /** Answer spans of citebot's first item over the answerable questions (empty answer: 0); null when the set's gold is no answer span (`"gold": "sentence"`). */
  spans: SpanScore | null;
  /**
   * Questions without a gold answer (what members asked that went unanswered): how many citebot
   * answers now. They are not in the scores above until someone writes their gold.
   */
  open: { questions: number; answered: number; stillUnanswered: string[] };
  /** Questions about articles missing from the corpus (their `article` is not loaded): they should get an empty answer. */
  unanswerable: { questions: number; answered: number };
  /** The question set's typed expectations (who, where, when, themes) and whether they hold. */
  typed: TypedCheck[];
}

/** How deep the ranking is read for the reciprocal rank. */
const DEPTH = 10;

function score(
  questions: ReadonlyArray<{ q: string; gold: string }>,
  rank: (q: string) => Sentence[],
): SystemScore {
  let top1 = 0;
  let top3 = 0;
  let reciprocal = 0;
  const misses: SystemScore['misses'] = [];
  for (const { q, gold } of questions) {
    const ranked = rank(q).slice(0, DEPTH);
    const at = ranked.findIndex((s) => s.text.includes(gold));
    const position = at < 0 ? null : at + 1;
    if (position === 1) top1++;
    if (position !== null && position <= 3) top3++;
    if (position !== null) reciprocal += 1 / position;
    if (position !== 1) misses.push({ q, gold, rank: position, got: ranked[0]?.text ?? null });
  }
  const n = questions.length || 1;
  const round = (x: number) => Math.round((x / n) * 1000) / 1000;
  return { top1: round(top1), top3: round(top3), mrr: round(reciprocal), misses };
}

/**
 * Measures `/ask` on a question set: top-1, top-3 and mean reciprocal rank of the gold sentence (the one
 * containing the gold snippet), for citebot and for MiniSearch over the same sentences (with default
 * options, and with citebot's stems and stop words), so the gain of citebot's method is visible; the
 * SQuAD exact match and F1 of the answer span; and, for questions whose `article` is not in the
 * corpus, how often citebot answered anyway (it should say "not in the articles").
 */
export function evaluate(engine: Engine, set: QuestionSet): EvalReport {
  const byText = new Map(engine.sentences.map((s) => [s.text, s]));
  const loaded = new Set(engine.articles.map((a) => a.id));
  const scored = set.questions.filter((q): q is typeof q & { gold: string } => q.gold !== undefined);
  const open = set.questions.filter((q) => q.gold === undefined);
  const answerable = scored.filter((q) => q.article === undefined || loaded.has(q.article));
  const unanswerable = scored.filter((q) => q.article !== undefined && !loaded.has(q.article));
  const byId = new Map(engine.sentences.map((s) => [s.id, s]));
  const plain = new MiniSearch<Sentence>({ fields: ['text'] });
  plain.addAll(engine.sentences as Sentence[]);
  const stemmed = new MiniSearch<Sentence>({
    fields: ['text'],
    processTerm: (term) => termKey(term) ?? null,
  });
  stemmed.addAll(engine.sentences as Sentence[]);
  const asked = new Map(set.questions.map(({ q }) => [q, ask(engine, q, { limit: DEPTH })]));
  const citebot = score(answerable, (q) =>
    (asked.get(q)?.items ?? [])
      .map((item) => byText.get(item.text))
      .filter((s): s is Sentence => s !== undefined),
  );
  const baselineOf = (index: MiniSearch<Sentence>) =>
    score(answerable, (q) =>
      index
        .search(q)
        .map((r) => byId.get(String(r.id)))
        .filter((s): s is Sentence => s !== undefined),
    );
  let exact = 0;
  let f1 = 0;
  for (const { q, gold } of answerable) {
    const span = asked.get(q)?.items[0]?.answer?.text ?? '';
    exact += exactMatch(span, gold);
    f1 += tokenF1(span, gold);
  }
  const n = answerable.length || 1;
  const round = (x: number) => Math.round((x / n) * 1000) / 1000;
  return {
    questions: answerable.length,
    citebot,
    baseline: baselineOf(plain),
    stemmed: baselineOf(stemmed),
    spans: set.gold === 'answer' ? { exactMatch: round(exact), f1: round(f1) } : null,
    open: {
      questions: open.length,
      answered: open.filter(({ q }) => (asked.get(q)?.items.length ?? 0) > 0).length,
      stillUnanswered: open.filter(({ q }) => !asked.get(q)?.items.length).map(({ q }) => q),
    },
    unanswerable: {
      questions: unanswerable.length,
      answered: unanswerable.filter(({ q }) => (asked.get(q)?.items.length ?? 0) > 0).length,
    },
    typed: typedChecks(engine, set),
  };
}
