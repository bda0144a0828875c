import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/answer/engine.ts';
import { loadCorpus } from '../src/corpus/loadCorpus.ts';
import { evaluate } from '../src/eval/evaluate.ts';
import { parseQuestionSet } from '../src/eval/questionSet.ts';
import { CORPUS_DIR, EXTRA_CORPUS_DIR, seedEngine } from './helpers.ts';

const devSet = parseQuestionSet(
  readFileSync(join(import.meta.dirname, 'eval', 'dev-questions.json'), 'utf8'),
);

describe('answer quality on the development questions', () => {
  const report = evaluate(seedEngine(), devSet);

  it('ranks the gold sentence first for at least 90% of questions', () => {
    expect(report.citebot.top1).toBeGreaterThanOrEqual(0.9);
  });

  it('ranks the gold sentence in the top 3 for every question', () => {
    expect(report.citebot.misses.filter((m) => m.rank === null || m.rank > 3)).toEqual([]);
    expect(report.citebot.top3).toBe(1);
  });

  it('meets every typed expectation (who, where, when, themes)', () => {
    expect(report.typed.length).toBeGreaterThan(0);
    expect(report.typed.filter((t) => !t.passed)).toEqual([]);
  });
});

describe('question sets', () => {
  it('reject a malformed set with the field that is wrong', () => {
    expect(() => parseQuestionSet('{"questions": []}')).toThrow(/field "questions"/);
    expect(() => parseQuestionSet('not json')).toThrow(/not valid JSON/);
  });
});

describe('answer quality on our own questions (other wording, a second article)', () => {
  const ownSet = parseQuestionSet(
    readFileSync(join(import.meta.dirname, 'eval', 'own-questions.json'), 'utf8'),
  );
  const engine = Engine.fromArticles([
    ...loadCorpus(CORPUS_DIR).articles,
    ...loadCorpus(EXTRA_CORPUS_DIR).articles,
  ]);
  const report = evaluate(engine, ownSet);

  it('stays well ahead of a floor and no worse than plain MiniSearch', () => {
    expect(report.citebot.top3).toBeGreaterThanOrEqual(0.8);
    expect(report.citebot.mrr).toBeGreaterThanOrEqual(report.baseline.mrr);
  });
});
