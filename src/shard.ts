import { botConfig, type ConfigError } from './app/config.ts';
import type { GatewayBot } from './discord/gatewayBot.ts';
import { ShardReloadClient } from './discord/shardReload.ts';
import { createLogger } from './lib/log.ts';
import { exitOnSignals } from './lib/shutdown.ts';
import { startBot } from './startBot.ts';

/**
 * One shard's process: discord.js's Client reads its shard id and count from the environment the
 * ShardingManager set (SHARDS, SHARD_COUNT), loads the corpus from the prebuilt index, and logs with
 * its shard id so the operator sees which shard did what. Reloads are the manager's: the shard loads
 * the new index when told and reports the switch.
 */
async function runShard(): Promise<void> {
  let config: ReturnType<typeof botConfig>;
  try {
    config = botConfig({ ...process.env, SHARDS: undefined });
  } catch (error) {
    process.stderr.write(`${(error as ConfigError).message}\n`);
    process.exit(1);
  }
  const shard = Number(process.env.SHARDS ?? 0);
  const logger = createLogger(config.logLevel).child({ shard });
  // The manager watches the folder and writes the index; this shard loads it when told, and asks the
  // manager when one of its users runs /reload or /ingest (see `ShardReloads`).
  let client: ShardReloadClient | null = null;
  // Installed before starting, so a signal during start-up is a clean (and bounded) stop too.
  let started: GatewayBot | null = null;
  exitOnSignals(logger, () =>
    started ? [{ name: 'discord client (log out, close the gateway)', run: () => started?.stop() }] : [],
  );
  const bot = await startBot({ ...config, watchCorpus: false }, logger, {
    reload: () => (client as ShardReloadClient).reload(),
  });
  started = bot;
  client = new ShardReloadClient(
    shard,
    () => bot.live.reload('index'),
    (message) => process.send?.(message),
  );
  process.on('message', (message) => client?.receive(message));
}

await runShard();
