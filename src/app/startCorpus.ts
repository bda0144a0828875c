import { resolve } from 'node:path';
import type { Engine } from '../answer/engine.ts';
import { warm } from '../answer/run.ts';
import { preloadLanguageModules } from '../lib/lazyModules.ts';
import type { Logger } from '../lib/log.ts';
import { LiveCorpus } from './liveCorpus.ts';
import { openCorpus } from './openCorpus.ts';

/**
 * Opens the corpus for a long-running bot (gateway or HTTP): from the prebuilt index when current,
 * with a progress bar on a terminal; keeps it current by watching the folder (unless `watch` is
 * false); and warms the language libraries once ready, off the start-up path. `engine` overrides the
 * folder (tests pass a prepared engine).
 */
export function startCorpus(options: {
  dir: string;
  logger: Logger;
  watch: boolean;
  engine?: Engine;
}): LiveCorpus {
  const report = (line: string) => options.logger.info(line);
  const dir = resolve(options.dir);
  const opened = options.engine
    ? null
    : openCorpus(dir, { report, progressBar: process.stderr.isTTY === true });
  const engine = options.engine ?? (opened as NonNullable<typeof opened>).engine;
  for (const p of engine.problems)
    options.logger.warn({ file: p.file, problem: p.problem }, 'corpus file skipped');
  const live = new LiveCorpus(
    dir,
    engine,
    report,
    opened ? { stamps: opened.stamps, extracts: opened.extracts } : {},
  );
  if (options.watch && !options.engine) live.watch();
  setImmediate(() => {
    preloadLanguageModules();
    warm(live.engine);
  });
  return live;
}
