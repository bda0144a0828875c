/**
 * `npm run bench`: how citebot's cost grows with the corpus. For each size (100, 1,000 and 10,000
 * seeded synthetic articles; BENCH_SIZES overrides), writes the corpus, builds the prebuilt index in a
 * child process (`citebot index`), then measures start-up from the index, heap, and the latency of
 * every command over a fixed query mix in a fresh process, next to a plain MiniSearch with default
 * options over the same sentences; then, in a running bot, the time from a new article file to an
 * answer about it (`liveProbe.ts`), and `citebot index` after one more article. Prints one table.
 * Then /ask p50/p99 with the question log on and off, side by side in one run (`recordingProbe.ts`,
 * on the 1,000-article corpus, or the largest below it).
 * Not a test: nothing here asserts a time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildThreads } from '../app/parallelExtract.ts';
import { formatCorpusFile } from '../corpus/corpusFile.ts';
import { SEMI_SPACE } from '../discord/sharding.ts';
import { syntheticArticles } from './syntheticCorpus.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const threads = buildThreads();

interface Probe {
  articles: number;
  sentences: number;
  startupMs: number;
  warmMs: number;
  heapMb: number;
  commands: Record<string, { p50: number; p99: number; n: number }>;
  longestQueryMs: number;
  plain: { buildMs: number; p50: number; p99: number; long1000Ms: number };
}

const f = (x: number, digits = 1) => x.toFixed(digits);
const rows: string[] = [];
/** The corpus size the question log's cost is measured on: 1,000 articles, or the largest size below. */
const recordingSize = Math.max(...sizes.filter((s) => s <= 1000), Math.min(...sizes));
let recording: {
  on: { p50: number; p99: number; n: number };
  off: { p50: number; p99: number; n: number };
  intervalMs: number;
  written: number;
} | null = null;
/** The base size the many-servers row runs over (BENCH_SERVERS_BASE; 0 skips it). */
const serversBase = Number(process.env.BENCH_SERVERS_BASE ?? 1000);
const serverRows: string[] = [];
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `citebot-bench-${size}-`));
  mkdirSync(dir, { recursive: true });
  for (const article of syntheticArticles(size, 42))
    writeFileSync(join(dir, `${article.id}.md`), formatCorpusFile(article));
  process.stderr.write(`bench: ${size} articles: building the index...\n`);
  const index = () =>
    JSON.parse(
      execFileSync(TSX, ['src/cli/main.ts', 'index', '--corpus', dir, '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 24,
        env: { ...process.env, NO_COLOR: '1' },
      }),
    ) as { bytes: number; ms: number; file: string };
  const built = index();
  process.stderr.write(`bench: ${size} articles: measuring...\n`);
  const probe = JSON.parse(
    execFileSync('node', ['--expose-gc', '--import', 'tsx', 'src/bench/loadProbe.ts', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    }),
  ) as Probe;
  const commands = Object.entries(probe.commands)
    .map(([c, t]) => `${c} ${f(t.p50, 2)}/${f(t.p99, 2)}`)
    .join(', ');
  // A running bot: a new file appears, how long until it answers about it (median of five).
  process.stderr.write(`bench: ${size} articles: a running bot, five new articles...\n`);
  const live = JSON.parse(
    execFileSync('node', [SEMI_SPACE, '--import', 'tsx', 'src/bench/liveProbe.ts', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    }),
  ) as { times: number[]; p50: number };
  // One more article for `citebot index`: the unchanged ones are taken from the index, only the new one is tagged.
  const [extra] = syntheticArticles(1, 7);
  if (extra) writeFileSync(join(dir, 'zz-added.md'), formatCorpusFile({ ...extra, id: 'zz-added' }));
  process.stderr.write(`bench: ${size} articles: adding one...\n`);
  const added = index();
  if (size === recordingSize) {
    process.stderr.write(`bench: ${size} articles: /ask with the question log on and off...\n`);
    recording = JSON.parse(
      execFileSync('node', ['--import', 'tsx', 'src/bench/recordingProbe.ts', dir], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      }),
    );
  }
  rows.push(
    `| ${size} | ${probe.sentences} | ${f(built.ms / 1000)} s (${threads} threads) | ${f(live.p50 / 1000, 2)} s (${live.times.map((t) => f(t / 1000, 2)).join(', ')}) | ${f(added.ms / 1000)} s | ${f(built.bytes / 2 ** 20)} MB | ${f(probe.startupMs, 0)} ms (+${f(probe.warmMs, 0)} ms after) | ${f(probe.heapMb, 0)} MB | ${commands} | ${f(probe.longestQueryMs)} ms | ${f(probe.plain.buildMs / 1000)} s, ${f(probe.plain.p50, 2)}/${f(probe.plain.p99, 2)} ms, 1,000-char query ${f(probe.plain.long1000Ms, 0)} ms |`,
  );
  if (size === serversBase) {
    process.stderr.write(`bench: ${size} articles: many servers with their own articles...\n`);
    const m = JSON.parse(
      execFileSync('node', ['--expose-gc', '--import', 'tsx', 'src/bench/serversProbe.ts', dir], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      }),
    ) as {
      servers: number;
      perServer: number;
      baseArticles: number;
      fillMs: number;
      first: { p50: number; max: number };
      warm: { p50: number; p99: number };
      all: { p50: number; p99: number };
      heapMb: number;
      ingest: { p50: number; max: number };
    };
    serverRows.push(
      `| ${m.servers} x ${m.perServer} over ${m.baseArticles} | ${f(m.fillMs / 1000)} s | ${f(m.first.p50, 0)} ms (max ${f(m.first.max, 0)}) | ${f(m.warm.p50, 2)}/${f(m.warm.p99, 2)} ms | ${f(m.all.p50, 2)}/${f(m.all.p99, 2)} ms | ${f(m.heapMb, 0)} MB | ${f(m.ingest.p50, 0)} ms (max ${f(m.ingest.max, 0)}) |`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  // The index files sit in the cache folder, not in the corpus folder: remove them too.
  for (const file of new Set([built.file, added.file])) rmSync(file, { force: true });
}
console.log(
  '\n| articles | sentences | full build | running bot: new file to answer, p50 of 5 (each) | `citebot index` after one more article | index file | start-up: index loaded, ready (+ warm-up after ready) | heap | p50/p99 ms per command | slowest 6,000-char query | plain MiniSearch: build, OR query p50/p99 |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
if (recording) {
  const { on, off, intervalMs, written } = recording;
  console.log(
    `\n/ask with the question log (${recordingSize} articles, ${on.n} + ${off.n} questions in alternating blocks, one every ${f(intervalMs)} ms, ${written} rows written to SQLite): on p50/p99 ${f(on.p50, 2)}/${f(on.p99, 2)} ms, off ${f(off.p50, 2)}/${f(off.p99, 2)} ms (p99 on/off ${f(on.p99 / off.p99, 2)})`,
  );
}
if (serverRows.length) {
  console.log(
    "\n| servers x own articles, over a base of | filling the database | a server's first question after start-up (p50 of 20) | /ask p50/p99 in servers with own articles, loaded | /ask p50/p99 over every server (some loaded again) | heap, every server asked | ingested article to answerable (p50 of 5) |",
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of serverRows) console.log(row);
}
