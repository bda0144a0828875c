/**
 * The question log's cost on /ask, for `npm run bench`: two dispatchers over one engine, one with the
 * question log on (SQLite in a temporary data folder, written every second as in the bot) and one
 * with it off, answer the same /ask questions in alternating blocks, side by side in one run. Questions
 * arrive on a fixed schedule (one every three mean answer times: busy a third of the time) and latency is measured from when a question was
 * due to its reply, so the log's batched writes, which run on the same thread between replies, count
 * wherever they delay a reply. Prints one JSON line; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { COMMANDS } from '../../commands/index.ts';
import { startInsights } from '../app/insights.ts';
import { openCorpus } from '../app/openCorpus.ts';
import { Cooldown } from '../discord/cooldown.ts';
import { Dispatcher } from '../discord/dispatch.ts';
import { createLogger } from '../lib/log.ts';
import { queryMix } from './queryMix.ts';

const dir = process.argv[2];
if (!dir) throw new Error('recordingProbe: give the corpus folder');
const BLOCK = 250;
const BLOCKS = 4;
/** Questions arrive at three times the time one takes on average (the server busy a third of the time). */
let intervalMs = 2;

const { engine } = openCorpus(dir, { report: () => {} });
const dataDir = mkdtempSync(join(tmpdir(), 'citebot-bench-log-'));
const logger = createLogger('silent');
const insights = startInsights(
  { CITEBOT_DATA_DIR: dataDir, CITEBOT_SECRET: 'bench secret, not a real one' },
  logger,
);
const dispatcher = (on: boolean) =>
  new Dispatcher({
    engine: () => engine,
    commands: COMMANDS,
    cooldown: new Cooldown(1_000_000, 1000),
    logger,
    questionLog: on ? insights.log : undefined,
  });
const on = dispatcher(true);
const off = dispatcher(false);
const questions = queryMix(engine)
  .filter((q) => q.command === 'ask')
  .map((q) => q.query);

let id = 1_500_000_000_000_000_000n;
/** Runs one block of questions on a schedule; the latency of each from when it was due. */
async function block(target: Dispatcher, offset: number): Promise<number[]> {
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < BLOCK; i++) {
    const due = start + i * intervalMs;
    // Waiting yields to the event loop, so the log's timer (its batched write) runs when it is due.
    while (performance.now() < due) await yieldToLoop();
    target.handle({
      kind: 'command',
      id: String(++id),
      guildId: '1200000000000000001',
      userId: String(1_600_000_000_000_000_000n + BigInt(i % 50)),
      command: 'ask',
      text: questions[(offset + i) % questions.length] as string,
      article: '',
      isPrivate: false,
      mentionId: null,
      canManageGuild: false,
    });
    latencies.push(performance.now() - due);
  }
  return latencies;
}

/** One question, answered at once (the warm-up). */
async function block1(target: Dispatcher, i: number): Promise<void> {
  target.handle({
    kind: 'command',
    id: String(++id),
    guildId: '1200000000000000001',
    userId: '1600000000000000001',
    command: 'ask',
    text: questions[i % questions.length] as string,
    article: '',
    isPrivate: false,
    mentionId: null,
    canManageGuild: false,
  });
  await yieldToLoop();
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

// Warm both paths (the engine, the database file and its first batch) and time an answer.
const warmStart = performance.now();
for (let i = 0; i < 100; i++) await block1(off, i);
intervalMs = (3 * (performance.now() - warmStart)) / 100;
for (let i = 0; i < 100; i++) await block1(on, i);
await insights.log.flush();
const results = { on: [] as number[], off: [] as number[] };
for (let b = 0; b < BLOCKS; b++) {
  // Alternating which goes first cancels drift (a noisy neighbour, the machine warming up).
  const order: Array<'on' | 'off'> = b % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
  for (const which of order) results[which].push(...(await block(which === 'on' ? on : off, b * BLOCK)));
}
await insights.log.flush();
const written = (await insights.report(undefined, 1, engine)).asked;
await insights.close();
rmSync(dataDir, { recursive: true, force: true });
const summary = (values: number[]) => ({
  p50: percentile(values, 50),
  p99: percentile(values, 99),
  n: values.length,
});
console.log(JSON.stringify({ on: summary(results.on), off: summary(results.off), intervalMs, written }));
