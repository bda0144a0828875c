/**
 * One measurement run of `npm run bench`, in a fresh process (`node --expose-gc`): opens a corpus
 * from its prebuilt index (start-up), then runs a fixed query mix through every command and through a
 * plain MiniSearch with default options over the same sentences. Prints one JSON line.
 */

import MiniSearch from 'minisearch';
import { run, warm } from '../answer/run.ts';

import { openCorpus } from '../app/openCorpus.ts';
import { preloadLanguageModules } from '../lib/lazyModules.ts';
import { queryMix } from './queryMix.ts';

const dir = process.argv[2];
if (!dir) throw new Error('loadProbe: give the corpus folder');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const started = performance.now();
const { engine, from } = openCorpus(dir, { report: () => {} });
const startupMs = performance.now() - started;
if (from !== 'index') throw new Error('loadProbe: the index was not current; run the build first');
// What a running engine does right after it is ready, off the start-up path (see startCorpus).
const warmStart = performance.now();
preloadLanguageModules();
warm(engine);
const warmMs = performance.now() - warmStart;
gc();
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const mix = queryMix(engine);
for (const { command, query } of mix.slice(0, 50)) run(engine, command, query);
const byCommand = new Map<string, number[]>();
for (const { command, query } of mix) {
  const t = performance.now();
  run(engine, command, query);
  const list = byCommand.get(command) ?? [];
  list.push(performance.now() - t);
  byCommand.set(command, list);
}
const longQuery = Array.from({ length: 844 }, (_, i) => mix[i % mix.length]?.query.split(' ')[0] ?? 'word')
  .join(' ')
  .slice(0, 6000);
let longestMs = 0;
for (const command of ['ask', 'search', 'who', 'where', 'when', 'themes', 'source'] as const) {
  const t = performance.now();
  run(engine, command, longQuery);
  longestMs = Math.max(longestMs, performance.now() - t);
}

// Plain MiniSearch, default options, same sentences and the same query words (OR, as by default).
const plainBuildStart = performance.now();
const plain = new MiniSearch({ fields: ['text'] });
plain.addAll([...engine.sentences]);
const plainBuildMs = performance.now() - plainBuildStart;
const plainTimes: number[] = [];
for (const { query } of mix) {
  if (!query) continue;
  const t = performance.now();
  plain.search(query);
  plainTimes.push(performance.now() - t);
}
const plainLongStart = performance.now();
plain.search(longQuery.slice(0, 1000));
const plainLong1000Ms = performance.now() - plainLongStart;

const commands = Object.fromEntries(
  [...byCommand].map(([command, times]) => [
    command,
    { p50: percentile(times, 50), p99: percentile(times, 99), n: times.length },
  ]),
);
console.log(
  JSON.stringify({
    articles: engine.articles.length,
    sentences: engine.sentences.length,
    startupMs,
    warmMs,
    heapMb,
    commands,
    longestQueryMs: longestMs,
    plain: {
      buildMs: plainBuildMs,
      p50: percentile(plainTimes, 50),
      p99: percentile(plainTimes, 99),
      long1000Ms: plainLong1000Ms,
    },
  }),
);
