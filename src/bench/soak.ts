/**
 * `npm run soak`: memory under load. Runs a bounded number of engine queries of the bench mix
 * (SOAK_QUERIES, default 100,000) against a corpus folder (default ./corpus) and compares the heap,
 * after garbage collection, before and after: growth per query would show as a rising heap. Run with
 * `node --expose-gc`; prints one JSON line.
 */
import { run as answer } from '../answer/run.ts';
import { openCorpus } from '../app/openCorpus.ts';
import { preloadLanguageModules } from '../lib/lazyModules.ts';
import { queryMix } from './queryMix.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('soak: run with node --expose-gc');
const dir = process.argv[2] ?? './corpus';
const total = Number(process.env.SOAK_QUERIES ?? 100_000);
const { engine } = openCorpus(dir, { report: (line) => process.stderr.write(`${line}\n`) });
preloadLanguageModules();
const mix = queryMix(engine);
const run = (n: number) => {
  for (let i = 0; i < n; i++) {
    const { command, query } = mix[i % mix.length] as (typeof mix)[number];
    answer(engine, command, `${query}${i % 7 === 0 ? ` ${i}` : ''}`);
  }
};
run(Math.min(2000, total));
gc();
gc();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
run(total);
const seconds = (performance.now() - started) / 1000;
gc();
gc();
const after = process.memoryUsage().heapUsed;
console.log(
  JSON.stringify({
    queries: total,
    seconds: Math.round(seconds * 10) / 10,
    heapBeforeMb: Math.round((before / 2 ** 20) * 10) / 10,
    heapAfterMb: Math.round((after / 2 ** 20) * 10) / 10,
    ratio: Math.round((after / before) * 1000) / 1000,
  }),
);
