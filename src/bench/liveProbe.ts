/**
 * One row of `npm run bench`: how long a running bot takes from a new article file appearing in its
 * corpus folder to answering a question about it. Opens the folder (from its prebuilt index) as the bot
 * does, watches it, then five times writes an article with a word no other holds and asks about it
 * every 20 ms until the answer cites the new article. Prints JSON: each time and the median.
 * Usage: node --import tsx src/bench/liveProbe.ts <corpus-dir>
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ask } from '../answer/ask.ts';
import { warm } from '../answer/run.ts';
import { LiveCorpus } from '../app/liveCorpus.ts';
import { openCorpus } from '../app/openCorpus.ts';
import { formatCorpusFile } from '../corpus/corpusFile.ts';
import { preloadLanguageModules } from '../lib/lazyModules.ts';
import { syntheticArticles } from './syntheticCorpus.ts';

const dir = process.argv[2] as string;
const opened = openCorpus(dir, { report: () => {} });
preloadLanguageModules();
warm(opened.engine);
const live = new LiveCorpus(dir, opened.engine, () => {}, {
  stamps: opened.stamps,
  extracts: opened.extracts,
});
const stop = live.watch();
const times: number[] = [];
const files: string[] = [];
for (let i = 0; i < 5; i++) {
  const word = `quillotrope${'abcde'[i]}`;
  const [base] = syntheticArticles(1, 100 + i);
  if (!base) break;
  const id = `zz-live-${i}`;
  const article = {
    ...base,
    id,
    paragraphs: [...base.paragraphs, `The ${word} festival opened in the harbour.`],
  };
  const file = join(dir, `${id}.md`);
  files.push(file);
  const started = performance.now();
  writeFileSync(file, formatCorpusFile(article));
  for (;;) {
    const answer = ask(live.engine, `Where did the ${word} festival open?`);
    if (answer.items[0]?.citations[0]?.article === id) break;
    if (performance.now() - started > 600_000)
      throw new Error('the new article was not answered in 10 minutes');
    await new Promise((r) => setTimeout(r, 20));
  }
  times.push(performance.now() - started);
  // The next article comes after the index file is written again, as on a server that adds them now and then.
  await live.persisted();
}
stop();
for (const file of files) rmSync(file, { force: true });
const sorted = [...times].sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({ times: times.map(Math.round), p50: Math.round(sorted[2] ?? 0) })}\n`,
);
