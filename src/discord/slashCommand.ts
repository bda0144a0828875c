import {
  ApplicationIntegrationType,
  type ContextMenuCommandBuilder,
  InteractionContextType,
  SlashCommandBuilder,
  type SlashCommandOptionsOnlyBuilder,
} from 'discord.js';
import type { CommandName } from '../answer/answer.ts';
import { commandInfo } from '../answer/catalog.ts';
import type { Collection } from '../answer/collection.ts';
import { MAX_QUERY_CHARS } from '../answer/query.ts';
import type { IngestResult, IngestSource } from '../app/ingest.ts';
import type { ReloadResult } from '../app/liveCorpus.ts';
import type { Article } from '../corpus/article.ts';
import type { ServerSettings } from '../db/serverStore.ts';
import type { Insights } from '../insights/summary.ts';
import { hasPicture } from '../render/answerPicture.ts';
import { LIMITS, type MessageData, truncate } from './limits.ts';
import { type PictureMaker, withPicture } from './picture.ts';
import { notice, renderAnswer } from './renderAnswer.ts';

/** What a slash command receives, whichever transport (gateway or HTTP) delivered it. */
export interface CommandInput {
  /** The command's text option (question, name, place...), or "" when not given. */
  text: string;
  /** The `article` option of the list commands (an id chosen from autocomplete, or typed words), or "". */
  article?: string;
  /** Reply only to the user (ephemeral). */
  isPrivate: boolean;
  /** The user the answer is for (the `mention` option), or null. */
  mentionId: string | null;
  /** The user who ran the command. */
  userId: string;
  /** Whether that member may manage the server (for admin commands such as /reload). */
  canManageGuild: boolean;
  /** Whether that member may add articles here: Manage Server, or the server's ingest role. */
  canIngest?: boolean;
  /** The server the command runs in, or null in a DM. */
  serverId?: string | null;
  /** That server's settings (the defaults in a DM). */
  settings?: ServerSettings;
  now: number;
  /** A command's other string options by name (e.g. /ingest's `url` and `published`). */
  options?: Readonly<Record<string, string>>;
  /** The file attached to the command (e.g. /ingest's `file`), or null. */
  attachment?: Attachment | null;
  /** Whether a public reply can be posted where the command ran (see the dispatcher); absent: true. */
  publicAllowed?: boolean;
  /** The server the command was used in, or null in a direct message. */
  guildId?: string | null;
  /** The server and question (this interaction's id) /ask's vote buttons vote for, or null for none. */
  feedback?: { guild: string; question: string } | null;
}

/** What a reload did, for the person who asked: a live corpus's result, and each shard's switch. */
export type ReloadReport = ReloadResult & {
  /** A server's reload: how many of the articles are the server's own. */
  own?: number;
  /** In a sharded bot: each shard's switch to the new corpus (ok, and how long it took). */
  shards?: Array<{ shard: number; ok: boolean; ms: number }>;
};

/** A file attached to a command: where Discord keeps it, its name, size and type. */
export interface Attachment {
  url: string;
  name: string;
  size: number;
  contentType: string | null;
}

/** What commands may ask of the running bot besides the collection (optional: not every transport offers it). */
export interface CommandServices {
  /** Reloads this server's collection; resolves when the bot answers from it. */
  reload?: () => Promise<ReloadReport>;
  /** Why adding articles is not possible here (a DM, or a server the operator has not allowed). */
  ingestUnavailable?: string;
  /** Adds an article to this server's collection and resolves once the bot answers from it. */
  ingest?: (source: IngestSource) => Promise<IngestResult>;
  /** Removes one of this server's own articles; the removed article, or null when it has none such. */
  removeArticle?: (id: string) => Promise<Article | null>;
  /** Changes this server's settings (/settings); the settings before and after. */
  changeSettings?: (
    changes: Partial<ServerSettings>,
  ) => Promise<{ before: ServerSettings; after: ServerSettings }>;
  /** Makes the picture of a /where or /when page (see `pictureMaker`); without it replies have none. */
  picture?: PictureMaker;
  /**
   * Counts a member's Helpful / Not helpful vote on an answer (written later, with the question log);
   * false when the bot keeps no record. Absent where the transport has no question log.
   */
  /** This server's (or with no guild, every server's) question log report over the last `days` days. */
  insights?: (guild: string, days: number) => Promise<Insights>;
  /** Whether /insights draws its chart as a picture (CITEBOT_PICTURES); text bars when false. */
  insightsChart?: boolean;
  /** Deletes what the question log keeps about a member, in every server. */
  forgetMe?: (userId: string) => Promise<{ questions: number; votes: number }>;
  vote?: (vote: {
    guild: string;
    question: string;
    userId: string;
    helpful: boolean;
    now: number;
  }) => boolean;
}

/** An autocomplete choice, inside Discord's limits (name and value at most 100 characters). */
export interface Choice {
  name: string;
  value: string;
}

/** A command's reply, and how many results it shows (for the operator's log). */
export interface Reply {
  message: MessageData;
  results: number;
  /**
   * For work that takes longer than Discord's three seconds (fetching a page): the reply is deferred
   * ("citebot is thinking...") and edited into this message when it resolves; `message` only says
   * whether the reply is private (its flags).
   */
  later?: Promise<MessageData>;
  /** For the question log: what a core command was asked, whether it answered, and the sentences it cited. */
  asked?: AskedRecord;
}

/** What the question log keeps of a command's reply. */
export interface AskedRecord {
  query: string;
  answered: boolean;
  /** The cited sentences of the page shown, first citation of each item. */
  cited: Array<{ article: string; paragraph: number; sentence: number }>;
}

/** One slash command: its definition, its handler, and its autocomplete if it has one. */
export interface SlashCommand {
  data: SlashCommandOptionsOnlyBuilder;
  /** Answers the command with a message (pure: the transport sends it) from the place's collection. */
  execute(collection: Collection, input: CommandInput, services: CommandServices): Reply;
  /** Suggestions for the focused option as one types. */
  autocomplete?(collection: Collection, typed: string): Choice[];
}

/** A message command (right-click a message, then Apps): its definition and handler; the message's text arrives as `input.text`. */
export interface MessageCommand {
  data: ContextMenuCommandBuilder;
  execute(collection: Collection, input: CommandInput, services: CommandServices): Reply;
}

/** Any application command citebot registers: a slash command or a message command. */
export type AppCommand = SlashCommand | MessageCommand;

/** Whether a command is a slash command (it has options and may autocomplete). */
export function isSlashCommand(command: AppCommand): command is SlashCommand {
  return command.data instanceof SlashCommandBuilder;
}

/** The option names every command shares, and the list commands' article filter. */
export const ARTICLE_OPTION = 'article';
export const PRIVATE_OPTION = 'private';
export const MENTION_OPTION = 'mention';

/**
 * A command's definition from the shared catalog: its description, its text option (with the length
 * the engine reads, and autocomplete where asked), and the options every command has: `private` (reply
 * only to me) and `mention` (the user the answer is for).
 */
export function defineCommand(
  name: CommandName,
  options: { autocomplete?: boolean; byArticle?: boolean } = {},
): SlashCommandOptionsOnlyBuilder {
  const info = commandInfo(name);
  const builder = new SlashCommandBuilder()
    .setName(name)
    .setDescription(info.description)
    .addStringOption((o) =>
      o
        .setName(info.argument.name)
        .setDescription(truncate(info.argument.description, 100))
        .setRequired(info.argument.required)
        .setMaxLength(MAX_QUERY_CHARS)
        .setAutocomplete(options.autocomplete === true),
    );
  if (options.byArticle)
    builder.addStringOption((o) =>
      o
        .setName(ARTICLE_OPTION)
        .setDescription('Only this article (start typing its title)')
        .setMaxLength(LIMITS.choiceValue)
        .setAutocomplete(true),
    );
  return withCommonOptions(builder);
}

/** What a command builder needs to say where it may be used. */
interface Placeable {
  setContexts(...contexts: InteractionContextType[]): unknown;
  setIntegrationTypes(...types: ApplicationIntegrationType[]): unknown;
}

/**
 * Registers a read-only command everywhere: for both installation types (added to a server, or to a
 * user's account) and in every context (a server, the bot's DM, a group DM or a DM between users).
 */
export function everywhere<T extends Placeable>(builder: T): T {
  builder.setIntegrationTypes(
    ApplicationIntegrationType.GuildInstall,
    ApplicationIntegrationType.UserInstall,
  );
  builder.setContexts(
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  );
  return builder;
}

/** Registers a command that changes the server's articles for servers that added the bot, and only there. */
export function serverOnly<T extends Placeable>(builder: T): T {
  builder.setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  builder.setContexts(InteractionContextType.Guild);
  return builder;
}

/** Adds the options every command has: `private` (reply only to me) and `mention` (whom the answer is for). */
export function withCommonOptions(
  builder: SlashCommandBuilder | SlashCommandOptionsOnlyBuilder,
): SlashCommandOptionsOnlyBuilder {
  return everywhere(builder)
    .addBooleanOption((o) => o.setName(PRIVATE_OPTION).setDescription('Reply only to me'))
    .addUserOption((o) =>
      o.setName(MENTION_OPTION).setDescription('The member this answer is for (they are notified)'),
    );
}

/** The name of a command's text option ("question" for ask), or null for commands without one. */
export function textOptionName(command: string): string | null {
  try {
    return commandInfo(command as CommandName).argument.name;
  } catch {
    return null;
  }
}

/**
 * Runs a engine command for one page (one item more than shown, to know whether "More" applies) and
 * renders the Discord reply, with the page's picture for /where and /when when `services` can make one,
 * and `note` as a line above it (who shared it).
 */
export function answerReply(
  engine: Collection,
  command: CommandName,
  input: CommandInput,
  offset = 0,
  services: CommandServices = {},
  note: string | null = null,
): Reply {
  const size = commandInfo(command).sizes.page;
  let article: Article | undefined;
  if (input.article) {
    article = resolveArticle(engine, input.article);
    if (!article)
      return {
        results: 0,
        message: notice(
          // An id is not repeated: one from another server must not be shown back as if it meant something here.
          /^[a-z0-9][a-z0-9-]*$/.test(input.article.trim())
            ? 'No article here has that id. Start typing a title in the article option and pick one.'
            : `No article matches “${truncate(input.article, 80)}”. Start typing a title in the article option and pick one.`,
        ),
      };
  }
  const answer = engine.run(command, input.text, { limit: size + 1, offset, article: article?.id });
  const hasMore = answer.items.length > size;
  const page = { ...answer, items: answer.items.slice(0, size) };
  const message = renderAnswer(
    page,
    {
      ownerId: input.userId,
      mentionId: input.mentionId,
      ephemeral: input.isPrivate,
      offset,
      hasMore,
      now: input.now,
      article: article ? { id: article.id, title: article.title } : null,
      canShare: input.isPrivate && input.publicAllowed !== false,
      note,
      feedback: command === 'ask' || command === 'claim' ? (input.feedback ?? null) : null,
    },
    (article) => engine.article(article)?.published.slice(0, 10) ?? null,
  );
  const cited = page.items.flatMap((item) =>
    item.citations.slice(0, 1).map(({ article, paragraph, sentence }) => ({ article, paragraph, sentence })),
  );
  const asked = { query: input.text, answered: page.items.length > 0, cited };
  if (!hasPicture(command)) return { message, results: page.items.length, asked };
  // The picture shows this page's items, numbered as the list is.
  const picture = services.picture?.(engine, page, { offset, article: article?.id }) ?? null;
  return { message: withPicture(message, picture), results: page.items.length, asked };
}

/**
 * The article an `article` option names: its id (what autocomplete sends), else the one article whose
 * title holds the typed words, or undefined.
 */
export function resolveArticle(engine: Collection, typed: string): Article | undefined {
  const exact = engine.article(typed.trim());
  if (exact) return exact;
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = engine.articles.filter((a) => words.every((w) => a.title.toLowerCase().includes(w)));
  return matching.length === 1 ? matching[0] : undefined;
}

/** Autocomplete for the `article` option: titles holding the typed words (the newest first), the id as value. */
export function articleChoices(engine: Collection, typed: string): Choice[] {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  const choices: Choice[] = [];
  const newestFirst = [...engine.articles].sort((a, b) => b.published.localeCompare(a.published));
  for (const a of newestFirst) {
    if (a.id.length > LIMITS.choiceValue) continue;
    const haystack = `${a.title} ${a.publisher} ${a.id}`.toLowerCase();
    if (!words.every((w) => haystack.includes(w))) continue;
    choices.push({
      name: truncate(`${a.title} (${a.published.slice(0, 10)})`, LIMITS.choiceName),
      value: a.id,
    });
    if (choices.length >= LIMITS.choices) break;
  }
  return choices;
}

/**
 * Autocomplete choices: what the user typed first (so a value typed without choosing still works),
 * then the suggestions, without duplicates, at most 25, each cut to 100 characters.
 */
export function toChoices(typed: string, suggestions: string[]): Choice[] {
  const seen = new Set<string>();
  const choices: Choice[] = [];
  for (const text of [typed.trim(), ...suggestions]) {
    const value = truncate(text.trim(), LIMITS.choiceValue);
    if (!value || seen.has(value.toLowerCase())) continue;
    seen.add(value.toLowerCase());
    choices.push({ name: truncate(text.trim(), LIMITS.choiceName), value });
    if (choices.length >= LIMITS.choices) break;
  }
  return choices;
}
