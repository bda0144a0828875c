import { resolve } from 'node:path';
import type { Citebot } from '../answer/engine.ts';
import { preloadLanguageModules } from '../lib/lazyModules.ts';
import type { Logger } from '../log.ts';
import { LiveCorpus } from './liveCorpus.ts';
import { openCorpus } from './openCorpus.ts';

/**
 * Opens the corpus for a long-running bot (gateway or HTTP): from the prebuilt index when current,
 * with a progress bar on a terminal; keeps it current by watching the folder (unless `watch` is
 * false); and warms the language libraries once ready, off the start-up path. `core` overrides the
 * folder (tests pass a prepared bot).
 */
export function startCorpus(options: {
  dir: string;
  logger: Logger;
  watch: boolean;
  core?: Citebot;
}): LiveCorpus {
  const report = (line: string) => options.logger.info(line);
  const dir = resolve(options.dir);
  const bot = options.core ?? openCorpus(dir, { report, progressBar: process.stderr.isTTY === true }).bot;
  for (const p of bot.problems)
    options.logger.warn({ file: p.file, problem: p.problem }, 'corpus file skipped');
  const live = new LiveCorpus(dir, bot, report);
  if (options.watch && !options.core) live.watch();
  setImmediate(() => {
    preloadLanguageModules();
    live.bot.warm();
  });
  return live;
}
