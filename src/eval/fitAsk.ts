/**
 * Fits /ask's evidence weights on a question set by coordinate ascent (a handful of weights for all
 * questions), and reports how the "not in the articles" threshold trades answered questions against
 * unanswerable ones. A development tool: `npm run fit:ask -- <questions.json> --corpus DIR
 * [--leave-out a,b] [--fit [--only name,name]]`. With --only, only the named weights are fit (by
 * coordinate ascent; the measure at each step is printed), the others kept. With --leave-out, the named articles are removed from the corpus and their
 * questions count as unanswerable. Environment: DUMP=file writes every candidate's evidence as JSON
 * (with TEXTS=1 also the question, the candidate sentences and their ids, for experiments outside
 * the project such as sentence embeddings); MISSES=n and SPAN_MISSES=n print that many misses.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { askAnalysis } from '../answer/ask.ts';
import { EVIDENCE, type EvidenceWeights } from '../answer/evidence.ts';
import {
  ASK_WEIGHTS,
  type AskAnalysis,
  answerSpanOf,
  CONFIDENCE,
  confidenceOf,
  confidenceSignals,
  MIN_CONFIDENCE,
  rankCandidates,
} from '../answer/rank.ts';
import { openCorpus } from '../app/openCorpus.ts';
import { exactMatch, tokenF1 } from './squadScore.ts';

interface Item {
  q: string;
  gold: string;
  article?: string;
  analysis: AskAnalysis;
}

function rankOfGold(item: Item, weights: EvidenceWeights, minSupport: number): number | null {
  const ranked = rankCandidates(item.analysis, weights, minSupport);
  const at = ranked.slice(0, 10).findIndex((r) => {
    const c = item.analysis.candidates.find((x) => x.hit.id === r.id);
    return c?.sentence.text.includes(item.gold);
  });
  return at < 0 ? null : at + 1;
}

function measure(items: Item[], weights: EvidenceWeights, minSupport = Number.NEGATIVE_INFINITY) {
  let top1 = 0;
  let top3 = 0;
  let mrr = 0;
  for (const item of items) {
    const rank = rankOfGold(item, weights, minSupport);
    if (rank === 1) top1++;
    if (rank !== null && rank <= 3) top3++;
    if (rank !== null) mrr += 1 / rank;
  }
  const n = items.length || 1;
  return { top1: top1 / n, top3: top3 / n, mrr: mrr / n };
}

const fmt = (x: number) => x.toFixed(3);

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      'leave-out': { type: 'string' },
      fit: { type: 'boolean' },
      only: { type: 'string' },
    },
  });
  const [file] = positionals;
  if (!file || !values.corpus)
    throw new Error(
      'usage: fitAsk <questions.json> --corpus DIR [--leave-out a,b] [--fit [--only name,name]]',
    );
  const left = new Set((values['leave-out'] ?? '').split(',').filter(Boolean));
  const set = JSON.parse(readFileSync(file, 'utf8')) as {
    questions: Array<{ q: string; gold: string; article?: string }>;
  };
  const { engine } = openCorpus(values.corpus, { report: (line) => process.stderr.write(`${line}\n`) });
  const started = performance.now();
  const items: Item[] = set.questions.map((q) => ({ ...q, analysis: askAnalysis(engine, q.q) }));
  process.stderr.write(
    `analyzed ${items.length} questions in ${Math.round(performance.now() - started)} ms\n`,
  );
  if (process.env.DUMP) {
    const rows = items.map((i) => ({
      article: i.article ?? '',
      q: i.q,
      texts: process.env.TEXTS ? i.analysis.candidates.map((c) => c.sentence.text) : undefined,
      ids: process.env.TEXTS ? i.analysis.candidates.map((c) => c.hit.id) : undefined,
      type: i.analysis.parsed.type,
      gold: i.analysis.candidates.map((c) => (c.sentence.text.includes(i.gold) ? 1 : 0)),
      x: i.analysis.candidates.map((c) => c.evidence.map((v) => Math.round(v * 1000) / 1000)),
    }));
    writeFileSync(process.env.DUMP, JSON.stringify({ names: EVIDENCE, rows }));
  }
  const answerable = items.filter((i) => !left.has(i.article ?? ''));
  const unanswerable = items.filter((i) => left.has(i.article ?? ''));
  let weights = { ...ASK_WEIGHTS, ...(process.env.WEIGHTS ? JSON.parse(process.env.WEIGHTS) : {}) };
  const objective = (w: EvidenceWeights) => {
    const m = measure(answerable, w);
    return m.top1 + m.top3 + m.mrr;
  };
  const show = (label: string, w: EvidenceWeights) => {
    const m = measure(answerable, w);
    console.log(
      `${label}: top-1 ${fmt(m.top1)} top-3 ${fmt(m.top3)} MRR ${fmt(m.mrr)}  ${JSON.stringify(w)}`,
    );
  };
  show('current', weights);
  const pooled = answerable.filter((i) =>
    i.analysis.candidates.some((c) => c.sentence.text.includes(i.gold)),
  );
  console.log(`gold among the candidates: ${fmt(pooled.length / (answerable.length || 1))}`);
  const alone = (name: string) =>
    Object.fromEntries(EVIDENCE.map((n) => [n, n === name ? 1 : 0])) as EvidenceWeights;
  for (const name of EVIDENCE) show(`only ${name}`, alone(name));
  // --only: the named weights are fit by coordinate ascent, the others kept as they are.
  const only = values.only ? new Set(values.only.split(',')) : null;
  for (const name of only ?? [])
    if (!(EVIDENCE as readonly string[]).includes(name)) throw new Error(`no evidence ${name}`);
  if (values.fit && !only) {
    // A listwise fit first (softmax over each question's candidates, the gold sentences as targets,
    // gradient ascent on the log-likelihood), then coordinate ascent on the measured objective.
    const w = EVIDENCE.map((n) => weights[n]);
    const rate = 0.5;
    for (let epoch = 0; epoch < 60; epoch++) {
      const grad = w.map(() => 0);
      for (const item of answerable) {
        const cs = item.analysis.candidates;
        if (!cs.some((c) => c.sentence.text.includes(item.gold))) continue;
        const scores = cs.map((c) => c.evidence.reduce((sum, x, i) => sum + x * (w[i] ?? 0), 0) * 4);
        const max = Math.max(...scores);
        const exps = scores.map((x) => Math.exp(x - max));
        const z = exps.reduce((a, b) => a + b, 0);
        const goldZ = cs.reduce(
          (a, c, i) => a + (c.sentence.text.includes(item.gold) ? (exps[i] ?? 0) : 0),
          0,
        );
        cs.forEach((c, i) => {
          const p = (exps[i] ?? 0) / z;
          const q = c.sentence.text.includes(item.gold) ? (exps[i] ?? 0) / goldZ : 0;
          c.evidence.forEach((x, k) => {
            grad[k] = (grad[k] ?? 0) + (q - p) * x;
          });
        });
      }
      grad.forEach((g, k) => {
        if (k > 0) w[k] = Math.max(0, (w[k] ?? 0) + (rate * g) / answerable.length);
      });
    }
    weights = Object.fromEntries(
      EVIDENCE.map((n, i) => [n, Math.round((w[i] ?? 0) * 100) / 100]),
    ) as EvidenceWeights;
    show('listwise', weights);
  }
  if (values.fit) {
    let best = objective(weights);
    const steps = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 4, 6, 8];
    for (let round = 0; round < 3; round++) {
      for (const name of EVIDENCE) {
        if (name === 'bm25' || (only && !only.has(name))) continue;
        for (const value of steps) {
          const trial = { ...weights, [name]: Math.round(value * (values.fit ? 1 : 1) * 100) / 100 };
          const score = objective(trial);
          // The named weights' profile: the measure at every step, so a flat one is seen as flat.
          if (only && round === 0) show(`  ${name} ${value}`, trial);
          if (score > best + 1e-9) {
            best = score;
            weights = trial;
          }
        }
      }
      show(`round ${round + 1}`, weights);
    }
  }
  if (process.env.MISSES) {
    let shown = 0;
    for (const item of answerable) {
      const rank = rankOfGold(item, weights, Number.NEGATIVE_INFINITY);
      if (rank === 1 || shown >= Number(process.env.MISSES)) continue;
      shown++;
      const ranked = rankCandidates(item.analysis, weights, Number.NEGATIVE_INFINITY);
      const byId = new Map(item.analysis.candidates.map((c) => [c.hit.id, c]));
      const top = byId.get(ranked[0]?.id ?? '');
      const gold = item.analysis.candidates.find((c) => c.sentence.text.includes(item.gold));
      const ev = (c: typeof top) => (c ? c.evidence.map((x) => x.toFixed(2)).join(' ') : '-');
      console.log(`\nQ ${item.q}  [gold ${item.gold}] rank ${rank}`);
      console.log(`  TOP  ${ev(top)} | ${top?.sentence.text.slice(0, 160)}`);
      console.log(`  GOLD ${ev(gold)} | ${gold?.sentence.text.slice(0, 160)}`);
    }
  }
  const plain = measure(answerable, weights);
  // Answer spans of the top sentence, scored as SQuAD does over every answerable question.
  let em = 0;
  let f1 = 0;
  let emRight = 0;
  let f1Right = 0;
  let right = 0;
  const spanMisses: string[] = [];
  for (const item of answerable) {
    const top = rankCandidates(item.analysis, weights, Number.NEGATIVE_INFINITY)[0];
    const c = item.analysis.candidates.find((x) => x.hit.id === top?.id);
    const tuned =
      c && top
        ? answerSpanOf(item.analysis, top, c.sentence.text, engine.askSource.readingAt(c.position), true)
        : null;
    const span = c && tuned ? c.sentence.text.slice(tuned.start, tuned.end) : '';
    const e = exactMatch(span, item.gold);
    const f = tokenF1(span, item.gold);
    em += e;
    f1 += f;
    if (c?.sentence.text.includes(item.gold)) {
      right++;
      emRight += e;
      f1Right += f;
      if (f === 0 && spanMisses.length < Number(process.env.SPAN_MISSES ?? 0))
        spanMisses.push(`${item.q} [gold ${item.gold}] got "${span}" (${tuned?.kind ?? '-'})`);
    }
  }
  const n = answerable.length || 1;
  console.log(
    `spans: EM ${fmt(em / n)} F1 ${fmt(f1 / n)}; in right sentences EM ${fmt(emRight / (right || 1))} F1 ${fmt(f1Right / (right || 1))}`,
  );
  for (const line of spanMisses) console.log(`  ${line}`);
  // "Not in the articles": the confidence model's signals, refit here, and the trade-off.
  if (unanswerable.length) {
    const signals = (i: Item) => {
      const ranked = rankCandidates(i.analysis, weights, Number.NEGATIVE_INFINITY);
      const byId = new Map(i.analysis.candidates.map((c) => [c.hit.id, c]));
      return confidenceSignals(
        i.analysis,
        ranked.map((r) => byId.get(r.id)).filter((c) => c !== undefined),
      );
    };
    const xs = [...answerable, ...unanswerable].map(signals);
    const ys = [...answerable.map(() => 1), ...unanswerable.map(() => 0)];
    const dims = xs[0]?.length ?? 0;
    const fitted: number[] = new Array(dims + 1).fill(0);
    // Logistic regression by gradient ascent, the two classes weighed equally.
    const classWeight = [ys.length / (2 * unanswerable.length), ys.length / (2 * answerable.length)];
    for (let epoch = 0; epoch < 3000; epoch++) {
      const grad: number[] = new Array(dims + 1).fill(0);
      xs.forEach((x, n) => {
        const z = x.reduce((sum, v, k) => sum + v * (fitted[k] ?? 0), fitted[dims] ?? 0);
        const p = 1 / (1 + Math.exp(-z));
        const err = ((ys[n] ?? 0) - p) * (classWeight[ys[n] ?? 0] ?? 1);
        x.forEach((v, k) => {
          grad[k] = (grad[k] ?? 0) + err * v;
        });
        grad[dims] = (grad[dims] ?? 0) + err;
      });
      grad.forEach((g, k) => {
        fitted[k] = (fitted[k] ?? 0) + (2 * g) / xs.length;
      });
    }
    const round = (x: number) => Math.round(x * 100) / 100;
    const refit = { weights: fitted.slice(0, dims).map(round), bias: round(fitted[dims] ?? 0) };
    for (const [label, model] of [
      ['shipped', CONFIDENCE],
      ['refit', refit],
    ] as const) {
      console.log(`confidence model (${label}): ${JSON.stringify(model)}`);
      const ok = answerable.map((i) => confidenceOf(signals(i), model)).sort((a, b) => a - b);
      for (const rate of [0.01, 0.02, 0.03, 0.05]) {
        const threshold = ok[Math.floor(ok.length * rate)] ?? 0;
        const refused = unanswerable.filter((i) => confidenceOf(signals(i), model) < threshold).length;
        console.log(
          `  below ${threshold.toFixed(2)}: answerable refused ${rate}, unanswerable refused ${fmt(refused / unanswerable.length)}`,
        );
      }
    }
  }
  const shipped = measure(answerable, weights, MIN_CONFIDENCE);
  const refusedOk = answerable.filter((i) => rankCandidates(i.analysis, weights).length === 0).length;
  const refusedNo = unanswerable.filter((i) => rankCandidates(i.analysis, weights).length === 0).length;
  console.log(
    `as shipped (confidence >= ${MIN_CONFIDENCE}): top-1 ${fmt(shipped.top1)} top-3 ${fmt(shipped.top3)} (drop ${fmt(plain.top3 - shipped.top3)}), answerable refused ${fmt(refusedOk / (answerable.length || 1))}, unanswerable refused ${fmt(refusedNo / (unanswerable.length || 1))}`,
  );
}

main();
