import { resolve } from 'node:path';
import { REST, Routes, ShardingManager } from 'discord.js';
import type { BotConfig } from '../app/config.ts';
import { refreshIndex } from '../app/openCorpus.ts';
import type { Logger } from '../lib/log.ts';
import { ShardReloads } from './shardReload.ts';

/** V8's young-generation size for a bot process (MB per semi-space): see the README's scale section. */
export const SEMI_SPACE = '--max-semi-space-size=64';

/** How many shards to run: Discord's recommendation (`auto`) or a fixed number. */
export type ShardCount = 'auto' | number;

/** Reads SHARDS: unset or empty means no sharding; `auto` asks Discord; a number fixes the count. */
export function parseShards(value: string | undefined): ShardCount | null {
  if (value === undefined || value === '') return null;
  if (value === 'auto') return 'auto';
  if (/^\d{1,4}$/.test(value) && Number(value) >= 1) return Number(value);
  throw new Error(`config: SHARDS expected "auto" or a number of shards, not "${value.slice(0, 20)}"`);
}

/**
 * Discord's recommended shard count, from `GET /gateway/bot` through the configured REST base
 * (discord.js's own helper always asks discord.com, which a REST proxy or a test cannot serve).
 */
export async function recommendedShards(config: BotConfig): Promise<number> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}

/**
 * Runs the bot sharded with discord.js's ShardingManager: one process per shard, each loading the
 * corpus index once. The manager makes sure the prebuilt index is current first, so the shards only
 * load it; afterwards it owns reloads (see `ShardReloads`): it watches the folder (unless
 * WATCH_CORPUS=false) and serves the shards' /reload and /ingest, switching every shard. Returns the
 * manager (its shards are spawned) and its reloads.
 */
export async function startSharded(
  config: BotConfig,
  shards: ShardCount,
  logger: Logger,
): Promise<{ manager: ShardingManager; reloads: ShardReloads }> {
  // Build the index here when it is stale, once, rather than in every shard; a current one is left
  // for the shards to load (the manager answers nothing, so it need not load it).
  const dir = resolve(config.corpusDir);
  refreshIndex(dir, { report: (line) => logger.info(line), progressBar: process.stderr.isTTY === true });
  const total = shards === 'auto' ? await recommendedShards(config) : shards;
  const manager = new ShardingManager(new URL('../shardEntry.mjs', import.meta.url).pathname, {
    token: config.token,
    totalShards: total,
    respawn: true,
    // As `npm start`: a larger young generation, so a reload's short-lived data is not promoted.
    execArgv: [SEMI_SPACE],
  });
  const reloads = new ShardReloads(manager, dir, logger);
  manager.on('shardCreate', (shard) => {
    reloads.attach(shard);
    logger.info({ shard: shard.id, of: total }, 'shard started');
    shard.on('death', () => logger.warn({ shard: shard.id }, 'shard process exited'));
    shard.on('ready', () => logger.info({ shard: shard.id }, 'shard ready'));
  });
  await manager.spawn({ amount: total, timeout: 60_000 });
  logger.info({ shards: total }, 'all shards ready');
  if (config.watchCorpus) reloads.watch();
  return { manager, reloads };
}
