import { resolve } from 'node:path';
import { botConfig, ConfigError, loadDotEnv } from './app/config.ts';
import { LiveCorpus } from './app/liveCorpus.ts';
import { type OpenedCorpus, openCorpus } from './app/openCorpus.ts';
import { printAbovePrompt, startConsole } from './console/console.ts';
import { consoleCorpus } from './console/consoleCorpus.ts';
import { DatabaseError } from './db/databaseError.ts';
import type { GatewayBot } from './discord/gatewayBot.ts';
import { parseShards, startSharded } from './discord/sharding.ts';
import { createLogger } from './lib/log.ts';
import { exitOnSignals } from './lib/shutdown.ts';
import { startBot } from './startBot.ts';

/** Opens the local console over the corpus (the main job when no token is set). */
async function runConsole(): Promise<void> {
  process.stdout.write(
    'DISCORD_TOKEN is not set: opening the local console instead of connecting to Discord.\n',
  );
  let opened: OpenedCorpus;
  try {
    const report = (line: string) => process.stderr.write(`${line}\n`);
    opened = openCorpus(resolve(process.env.CORPUS_DIR || './corpus'), {
      report,
      progressBar: process.stderr.isTTY === true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const { engine } = opened;
  for (const p of engine.problems) process.stderr.write(`corpus: skipped ${p.file}: ${p.problem}\n`);
  // The folder is watched as in Discord mode (WATCH_CORPUS=false turns it off); /reload reloads now.
  const dir = resolve(process.env.CORPUS_DIR || './corpus');
  const live = new LiveCorpus(dir, engine, printAbovePrompt, {
    stamps: opened.stamps,
    extracts: opened.extracts,
  });
  if (process.env.WATCH_CORPUS?.toLowerCase() !== 'false') live.watch();
  // SIGTERM (a service manager, or `kill` on npm) leaves the console as Ctrl-D does: cleanly, exit 0.
  process.once('SIGTERM', () => process.exit(0));
  await startConsole(consoleCorpus(live));
  live.stopWatching();
}

/** Connects to Discord; SIGINT and SIGTERM stop it cleanly within 5 s. A bad config is one line and exit 1. */
async function runDiscord(): Promise<void> {
  let config: ReturnType<typeof botConfig>;
  try {
    config = botConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  let shards: ReturnType<typeof parseShards>;
  try {
    shards = parseShards(process.env.SHARDS);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  if (shards !== null) {
    try {
      const { manager, reloads } = await startSharded(config, shards, logger);
      exitOnSignals(logger, () => [
        { name: 'corpus reloads', run: () => reloads.stop() },
        {
          name: 'shard processes',
          run: () => {
            for (const shard of manager.shards.values()) shard.kill();
          },
        },
      ]);
    } catch (error) {
      logger.fatal({ err: error }, 'could not start the shards');
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 200).unref();
    }
    return;
  }
  // Installed before starting, so a signal during start-up (or right after "ready") is a clean stop
  // too. Bounded: a gateway that goes away as the signal comes can leave discord.js's destroy waiting.
  let bot: GatewayBot | null = null;
  exitOnSignals(logger, () =>
    bot ? [{ name: 'discord client (log out, close the gateway)', run: () => bot?.stop() }] : [],
  );
  try {
    bot = await startBot(config, logger);
  } catch (error) {
    if (error instanceof DatabaseError) {
      // One line: the database cannot be used (damaged, locked, unreachable); nothing was reset.
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    logger.fatal({ err: error }, 'could not start');
    logger.flush?.();
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 200).unref();
  }
}

/**
 * `npm start`: with DISCORD_TOKEN (from the environment or `.env`), the Discord bot; without it, one
 * line saying so and the local console, where the slash commands answer as they would in Discord.
 */
loadDotEnv();
if (process.env.DISCORD_TOKEN) await runDiscord();
else await runConsole();
