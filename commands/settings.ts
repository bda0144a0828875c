import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { ServerSettings } from '../src/db/serverStore.ts';
import { notice } from '../src/discord/renderAnswer.ts';
import { settingText } from '../src/discord/services.ts';
import { type SlashCommand, serverOnly } from '../src/discord/slashCommand.ts';

/** Each setting's name in the reply. */
const NAMES: Record<keyof ServerSettings, string> = {
  privateReplies: 'Replies',
  useBase: 'The operator’s articles',
  ingestRole: 'Role that may /ingest (besides Manage Server)',
  pictures: 'Pictures (map, timeline, chart)',
};

/** The settings, one line each. */
function describe(settings: ServerSettings): string {
  return (Object.keys(NAMES) as Array<keyof ServerSettings>)
    .map((key) => `${NAMES[key]}: ${settingText(key, settings[key])}`)
    .join('\n');
}

/** Reads the options into the changes asked for, or a problem. */
function changesOf(options: Readonly<Record<string, string>>): Partial<ServerSettings> | string {
  const changes: Partial<ServerSettings> = {};
  if (options.private_replies !== undefined) changes.privateReplies = options.private_replies === 'true';
  if (options.base !== undefined) changes.useBase = options.base === 'true';
  if (options.pictures !== undefined) changes.pictures = options.pictures === 'true';
  if (options.ingest_role !== undefined && options.no_ingest_role === 'true')
    return 'Give `ingest_role` or `no_ingest_role`, not both.';
  if (options.ingest_role !== undefined) changes.ingestRole = options.ingest_role;
  if (options.no_ingest_role === 'true') changes.ingestRole = null;
  return changes;
}

/**
 * /settings: shows this server's settings and changes them (members who can manage the server; the
 * reply is only theirs): replies private by default or public, whether the operator's base articles
 * are answered here, a role whose members may also use /ingest, and whether /where, /when and
 * /insights draw their picture. Each change is one line in the
 * reply and one in the operator's log.
 */
export const settings: SlashCommand = {
  data: serverOnly(new SlashCommandBuilder())
    .setName('settings')
    .setDescription('Show or change how citebot works in this server (server managers only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addBooleanOption((o) =>
      o.setName('private_replies').setDescription('Replies only to the person who asked, unless they choose'),
    )
    .addBooleanOption((o) =>
      o.setName('base').setDescription('Answer from the operator’s articles too (off: this server’s only)'),
    )
    .addRoleOption((o) =>
      o.setName('ingest_role').setDescription('A role whose members may also use /ingest'),
    )
    .addBooleanOption((o) =>
      o
        .setName('pictures')
        .setDescription('Draw a map for /where, a timeline for /when, a chart for /insights'),
    )
    .addBooleanOption((o) =>
      o.setName('no_ingest_role').setDescription('Only members who can manage the server may use /ingest'),
    ),
  execute: (_collection, input, services) => {
    const ephemeral = (text: string) => ({ ...notice(text), flags: 64 });
    if (!input.serverId || !input.settings)
      return { results: 0, message: ephemeral('Settings belong to a server: use /settings in one.') };
    if (!input.canManageGuild)
      return {
        results: 0,
        message: ephemeral('Only members who can manage this server can change its settings.'),
      };
    const changes = changesOf(input.options ?? {});
    if (typeof changes === 'string') return { results: 0, message: ephemeral(changes) };
    if (!Object.keys(changes).length)
      return { results: 0, message: ephemeral(`This server's settings:\n${describe(input.settings)}`) };
    if (!services.changeSettings)
      return { results: 0, message: ephemeral('Settings cannot be changed in this mode.') };
    const later = services.changeSettings(changes).then(({ before, after }) => {
      const lines = (Object.keys(changes) as Array<keyof ServerSettings>).map((key) =>
        before[key] === after[key]
          ? `${NAMES[key]}: ${settingText(key, after[key])} (unchanged)`
          : `${NAMES[key]}: ${settingText(key, before[key])} → ${settingText(key, after[key])}`,
      );
      return ephemeral(lines.join('\n'));
    });
    return { results: 0, message: ephemeral('Saving…'), later };
  },
};
