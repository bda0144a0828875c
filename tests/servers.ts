import type { BotConfig } from '../src/app/config.ts';
import { type OpenedServers, openServers } from '../src/app/openServers.ts';
import type { BaseCorpus } from '../src/app/serverCollections.ts';
import type { Logger } from '../src/lib/log.ts';
import type { FreshDatabase } from './databases.ts';

/** The server settings of a test bot's configuration: the defaults the environment gives. */
export const SERVER_DEFAULTS: Pick<BotConfig, 'ingestServers' | 'serverLimits' | 'serverDataDays'> = {
  ingestServers: 'all',
  serverLimits: { maxArticles: 200, maxBytes: 20 * 1024 * 1024 },
  serverDataDays: 30,
};

/** Opens the servers' data of a test bot on a fresh database (closed by the bot's stop, or by the caller). */
export function testServers(
  base: BaseCorpus,
  logger: Logger,
  database: FreshDatabase,
): Promise<OpenedServers> {
  return openServers(base, logger, database.config);
}

/** The parts of an interaction payload these helpers rewrite. */
type Payload = Record<string, unknown> & {
  guild_id?: string;
  channel?: { guild_id?: string };
  member?: { roles?: string[]; user?: unknown };
  user?: unknown;
  authorizing_integration_owners?: Record<string, string>;
};

/** Copies an interaction as if it came from another server, the member holding `roles`. */
export function inServer(
  interaction: Record<string, unknown>,
  guildId: string,
  roles: string[] = [],
): Record<string, unknown> {
  const copy = structuredClone(interaction) as Payload;
  copy.guild_id = guildId;
  if (copy.channel) copy.channel.guild_id = guildId;
  copy.authorizing_integration_owners = { '0': guildId };
  if (copy.member) copy.member.roles = roles;
  return copy;
}

/** Copies an interaction as if it came from a direct message with the bot (no server, no member). */
export function inDm(interaction: Record<string, unknown>): Record<string, unknown> {
  const { guild_id: _guild, member, ...rest } = structuredClone(interaction) as Payload;
  const user = (member?.user ?? rest.user) as { id: string };
  return {
    ...rest,
    user,
    channel_id: `9${String(user.id).slice(1)}`,
    channel: { id: `9${String(user.id).slice(1)}`, type: 1, recipients: [user] },
    authorizing_integration_owners: { '0': '1500000000000000001' },
    context: 1,
  };
}
