import { botConfig, type ConfigError } from './app/config.ts';
import { createLogger } from './lib/log.ts';
import { startBot } from './startBot.ts';

/**
 * One shard's process: discord.js's Client reads its shard id and count from the environment the
 * ShardingManager set (SHARDS, SHARD_COUNT), loads the corpus from the prebuilt index, and logs with
 * its shard id so the operator sees which shard did what.
 */
async function runShard(): Promise<void> {
  let config: ReturnType<typeof botConfig>;
  try {
    config = botConfig({ ...process.env, SHARDS: undefined });
  } catch (error) {
    process.stderr.write(`${(error as ConfigError).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel).child({ shard: Number(process.env.SHARDS ?? 0) });
  const bot = await startBot(config, logger);
  const stop = () => void bot.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await runShard();
