import { REST, Routes } from 'discord.js';
import type { AppCommand } from './slashCommand.ts';

/** What `citebot deploy` did: command names created, changed, removed and left as they were. */
export interface DeployReport {
  scope: string;
  created: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

type CommandJson = {
  name: string;
  type?: number;
  contexts?: number[] | null;
  integration_types?: number[] | null;
  description?: string;
  options?: unknown[];
  default_member_permissions?: string | number | null;
};

/**
 * The command definitions as Discord's API takes them. `default_member_permissions` is sent as a
 * number, as Discord's OpenAPI description types it (discord.js builds a string; the API reads both
 * and answers with a string).
 */
export function commandsJson(commands: readonly AppCommand[]): CommandJson[] {
  return commands.map((c) => {
    const json = c.data.toJSON() as CommandJson;
    const permissions = json.default_member_permissions;
    return typeof permissions === 'string'
      ? { ...json, default_member_permissions: Number(permissions) }
      : json;
  });
}

const INSTALLS = ['server', 'user'];
const CONTEXTS = ['servers', 'the bot DM', 'group DMs and DMs'];

/**
 * Where the commands can be used, one line per kind: "ask, who, Find sources: server and user
 * installs; in servers, the bot DM, group DMs and DMs".
 */
export function placesSummary(commands: readonly CommandJson[]): string[] {
  const groups = new Map<string, string[]>();
  for (const command of commands) {
    const installs = (command.integration_types ?? [0]).map((t) => INSTALLS[t] ?? String(t)).join(' and ');
    const contexts = (command.contexts ?? [0, 1, 2]).map((t) => CONTEXTS[t] ?? String(t)).join(', ');
    const key = `${installs} installs; in ${contexts}`;
    groups.set(key, [...(groups.get(key) ?? []), command.name]);
  }
  return [...groups].map(([where, names]) => `${names.join(', ')}: ${where}`);
}

/** A comparable form of a definition: type, description, options, contexts, installation types and permissions, with defaults dropped. */
function comparable(command: CommandJson): string {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(
            ([k, v]) =>
              v !== undefined &&
              v !== null &&
              !(k === 'required' && v === false) &&
              !k.endsWith('_localizations'),
          )
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, clean(v)]),
      );
    }
    return value;
  };
  return JSON.stringify(
    clean({
      description: command.description,
      options: command.options ?? [],
      type: command.type ?? 1,
      contexts: command.contexts ?? null,
      integration_types: command.integration_types ?? null,
      permissions:
        command.default_member_permissions == null ? null : String(command.default_member_permissions),
    }),
  );
}

/**
 * Registers the slash commands through Discord's REST API, in one bulk overwrite: in a guild (instant,
 * for testing) or globally. Reads what was registered before, so it can say what it created, changed
 * or removed. The bot itself never registers commands at start-up.
 */
export async function deployCommands(options: {
  token: string;
  apiUrl?: string;
  guildId?: string;
  commands: readonly AppCommand[];
}): Promise<DeployReport> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  const route = options.guildId
    ? Routes.applicationGuildCommands(application.id, options.guildId)
    : Routes.applicationCommands(application.id);
  const before = (await rest.get(route)) as CommandJson[];
  const wanted = commandsJson(options.commands);
  await rest.put(route, { body: wanted });
  const old = new Map(before.map((c) => [c.name, c]));
  const report: DeployReport = {
    scope: options.guildId ? `guild ${options.guildId}` : 'global',
    created: [],
    changed: [],
    removed: [],
    unchanged: [],
  };
  for (const command of wanted) {
    const previous = old.get(command.name);
    if (!previous) report.created.push(command.name);
    else if (comparable(previous) !== comparable(command)) report.changed.push(command.name);
    else report.unchanged.push(command.name);
  }
  const names = new Set(wanted.map((c) => c.name));
  report.removed = before.filter((c) => !names.has(c.name)).map((c) => c.name);
  return report;
}
