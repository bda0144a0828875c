import { COMMAND_NAMES, type CommandName } from '../answer/answer.ts';
import { engineCollection } from '../answer/collection.ts';
import type { Engine } from '../answer/engine.ts';
import type { QuestionLog } from '../app/questionLog.ts';
import type { ServerContext } from '../app/serverCollections.ts';
import { DEFAULT_SETTINGS } from '../db/serverStore.ts';
import type { Logger } from '../lib/log.ts';
import { handleButton } from './buttons.ts';
import type { Cooldown } from './cooldown.ts';
import type { MessageData } from './limits.ts';
import { notice } from './renderAnswer.ts';

/** The ephemeral message flag (only the person who asked sees the reply). */
const EPHEMERAL = 64;

/** What the user sees when a handler fails. */
export const SOMETHING_WENT_WRONG = 'Something went wrong while answering. Please try again in a moment.';

import {
  type AppCommand,
  ARTICLE_OPTION,
  type Attachment,
  articleChoices,
  type Choice,
  type CommandServices,
  isSlashCommand,
  type Reply,
} from './slashCommand.ts';

/** An interaction as both transports (gateway and HTTP) hand it over, reduced to what citebot reads. */
export type InteractionRequest =
  | {
      kind: 'command';
      id: string;
      guildId: string | null;
      userId: string;
      command: string;
      text: string;
      /** The `article` option (an article id, or what was typed), or "" when not given. */
      article: string;
      isPrivate: boolean;
      /** Whether the `private` option was given (else the server's setting decides). */
      privateChosen?: boolean;
      mentionId: string | null;
      canManageGuild: boolean;
      /**
       * Whether a public reply can be posted here: false in a server that has not added citebot (a
       * member's own install), where Discord may show a reply only to the user. Absent: true.
       */
      publicAllowed?: boolean;
      /** The member's role ids (for the server's ingest role). */
      roles?: readonly string[];
      /** The command's other string options by name. */
      options?: Readonly<Record<string, string>>;
      attachment?: Attachment | null;
    }
  | {
      kind: 'autocomplete';
      id: string;
      guildId: string | null;
      userId: string;
      command: string;
      typed: string;
      /** The option being typed in ("article", or the command's text option). */
      option: string;
    }
  | {
      kind: 'button';
      id: string;
      guildId: string | null;
      userId: string;
      customId: string;
      canManageMessages: boolean;
      /** Whether the clicking member may manage the server (the Remove button of /ingest). */
      canManageGuild?: boolean;
      messageAuthor: string | undefined;
      ephemeral: boolean;
      /** The id of the message the button sits on (Share posts an answer once). */
      messageId?: string;
      /** The clicking member's display name, for "Shared by". */
      displayName?: string;
      /** Whether a public post can be made here (see the command request's). */
      publicAllowed?: boolean;
      /** The server and question of the message's vote buttons, if it has any. */
      feedback?: { guild: string; question: string } | null;
    };

/**
 * What to answer: a new message (callback type 4), a deferred one, an update of the message a button sits on (type 7),
 * autocomplete choices (type 8), or deleting the message (type 6, then a webhook DELETE).
 */
export type InteractionResponse =
  | { kind: 'reply'; message: MessageData }
  /** Deferred (callback type 5), then the original response edited into `later`'s message. */
  | { kind: 'deferred'; ephemeral: boolean; later: Promise<MessageData> }
  | { kind: 'update'; message: MessageData }
  /** An update of the message (type 7), then `post` sent as a public follow-up (a webhook POST). */
  | { kind: 'share'; update: MessageData; post: MessageData }
  | { kind: 'choices'; choices: Choice[] }
  | { kind: 'delete' };

/** What the dispatcher needs: the engine (read on every call, so a reload is picked up), commands, limits, log. */
export interface DispatcherDeps {
  /** The base engine: what a place answers from when no `context` is given. */
  engine: () => Engine;
  /**
   * The collection and settings of the place an interaction comes from (a server, or null for a
   * DM): see `ServerCollections`. Without it every place answers from `engine`.
   */
  context?: (serverId: string | null) => Promise<ServerContext>;
  commands: readonly AppCommand[];
  cooldown: Cooldown;
  logger: Logger;
  now?: () => number;
  /** Services commands may use (e.g. /reload), or how to make them for one place and user. */
  services?: CommandServices | ((context: ServerContext, userId: string) => CommandServices);
  /** The record of questions and votes (in servers only), or none. */
  questionLog?: QuestionLog;
}

/**
 * One handler per command, two transports: turns an interaction request into a response. Applies the
 * per-user cooldown to commands, and logs one line per interaction (command, option length, result
 * count, latency, guild). Faults throw; each transport's error boundary answers them.
 */
export class Dispatcher {
  private readonly now: () => number;
  /** Messages whose answer was shared (a second click, before the button is gone, posts nothing). */
  private readonly shared = new Set<string>();

  constructor(private readonly deps: DispatcherDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Remembers a shared message; the memory is bounded (the oldest half is forgotten past 10,000). */
  private remember(messageId: string): void {
    this.shared.add(messageId);
    if (this.shared.size <= 10_000) return;
    let drop = this.shared.size / 2;
    for (const id of this.shared) {
      if (drop-- <= 0) break;
      this.shared.delete(id);
    }
  }

  /** The place's collection, settings and services (without pictures where the server turned them off). */
  private async place(
    request: InteractionRequest,
  ): Promise<{ context: ServerContext; services: CommandServices }> {
    const context: ServerContext = this.deps.context
      ? await this.deps.context(request.guildId)
      : {
          serverId: request.guildId,
          collection: engineCollection(this.deps.engine()),
          settings: DEFAULT_SETTINGS,
          own: [],
        };
    const own =
      typeof this.deps.services === 'function'
        ? this.deps.services(context, request.userId)
        : (this.deps.services ?? {});
    const log = this.deps.questionLog;
    const services: CommandServices = log ? { vote: (vote) => log.vote(vote), ...own } : own;
    return { context, services: context.settings.pictures ? services : withoutPictures(services) };
  }

  async handle(request: InteractionRequest): Promise<InteractionResponse> {
    const started = performance.now();
    const log = this.deps.logger.child({ interaction: request.id, guild: request.guildId });
    const latencyMs = () => Math.round(performance.now() - started);
    const { context, services } = await this.place(request);
    const { collection, settings } = context;
    switch (request.kind) {
      case 'command': {
        const command = this.deps.commands.find((c) => c.data.name === request.command);
        if (!command) {
          log.warn({ command: request.command }, 'unknown command');
          return { kind: 'reply', message: notice('That command is not known to this version of citebot.') };
        }
        const allowed = this.deps.cooldown.take(request.userId, this.now());
        if (!allowed.ok) {
          const seconds = Math.ceil(allowed.retryAfterMs / 1000);
          log.info({ command: request.command, cooldownSeconds: seconds }, 'cooldown');
          return { kind: 'reply', message: notice(`You are going a bit fast: try again in ${seconds} s.`) };
        }
        const questionLog = this.deps.questionLog;
        const recorded = questionLog?.enabled && request.guildId !== null ? questionLog : null;
        const guild = request.guildId as string;
        let reply: Reply;
        try {
          reply = command.execute(
            collection,
            {
              text: request.text,
              article: request.article,
              // Private where a public reply cannot be posted; else the `private` option when given,
              // else the server's setting.
              isPrivate:
                request.publicAllowed === false ||
                (request.privateChosen ? request.isPrivate : request.isPrivate || settings.privateReplies),
              publicAllowed: request.publicAllowed !== false,
              mentionId: request.mentionId,
              userId: request.userId,
              canManageGuild: request.canManageGuild,
              canIngest:
                request.canManageGuild ||
                (settings.ingestRole !== null && (request.roles ?? []).includes(settings.ingestRole)),
              serverId: request.guildId,
              settings,
              now: this.now(),
              options: request.options,
              attachment: request.attachment ?? null,
              guildId: request.guildId,
              feedback: recorded ? { guild, question: request.id } : null,
            },
            services,
          );
        } catch (error) {
          if (recorded && COMMAND_NAMES.includes(request.command as CommandName))
            recorded.question({
              id: request.id,
              guild,
              userId: request.userId,
              command: request.command,
              query: request.text,
              outcome: 'failed',
              cited: [],
              latencyMs: latencyMs(),
              at: this.now(),
            });
          throw error;
        }
        // Only queued here: the log writes it after the reply has gone, in a batch.
        if (recorded && reply.asked)
          recorded.question({
            id: request.id,
            guild,
            userId: request.userId,
            command: request.command,
            // A message command's text is another member's message: only that it was checked is kept.
            query: isSlashCommand(command) ? reply.asked.query : '',
            outcome: reply.asked.answered ? 'answered' : 'refused',
            cited: reply.asked.cited,
            latencyMs: latencyMs(),
            at: this.now(),
          });
        log.info(
          {
            command: request.command,
            optionsLength: request.text.length,
            results: reply.results,
            latencyMs: latencyMs(),
          },
          'command',
        );
        if (reply.later)
          return {
            kind: 'deferred',
            ephemeral: ((reply.message.flags ?? 0) & EPHEMERAL) !== 0,
            later: reply.later.catch((error: Error) => {
              log.error({ err: error, command: request.command }, 'deferred reply failed');
              return notice(SOMETHING_WENT_WRONG);
            }),
          };
        return { kind: 'reply', message: reply.message };
      }
      case 'autocomplete': {
        const found = this.deps.commands.find((c) => c.data.name === request.command);
        const command = found && isSlashCommand(found) ? found : undefined;
        const choices =
          request.option === ARTICLE_OPTION &&
          command?.data.options.some((o) => o.toJSON().name === ARTICLE_OPTION)
            ? articleChoices(collection, request.typed)
            : command?.autocomplete
              ? command.autocomplete(collection, request.typed)
              : [];
        log.debug(
          {
            command: request.command,
            optionsLength: request.typed.length,
            results: choices.length,
            latencyMs: latencyMs(),
          },
          'autocomplete',
        );
        return { kind: 'choices', choices };
      }
      case 'button': {
        if (request.messageId && this.shared.has(request.messageId) && request.customId.split(':')[1] === 's')
          return { kind: 'reply', message: notice('This answer was already shared.') };
        const outcome = await handleButton(collection, { ...request, now: this.now() }, services);
        log.info(
          { button: request.customId.split(':')[1] ?? '?', outcome: outcome.kind, latencyMs: latencyMs() },
          'button',
        );
        if (outcome.kind === 'ephemeral') return { kind: 'reply', message: outcome.message };
        if (outcome.kind === 'share' && request.messageId) this.remember(request.messageId);
        return outcome;
      }
    }
  }
}

/** A server's services when its "pictures" setting is off: no map, timeline or chart, text only. */
function withoutPictures(services: CommandServices): CommandServices {
  const { picture: _drawn, ...rest } = services;
  return { ...rest, insightsChart: false };
}
