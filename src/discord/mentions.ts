import { type Collection, engineCollection } from '../answer/collection.ts';
import type { Engine } from '../answer/engine.ts';
import type { Cooldown } from './cooldown.ts';
import type { MessageData } from './limits.ts';
import { messageWords } from './messageText.ts';
import { allowedMentions } from './renderAnswer.ts';
import { type AskedRecord, answerReply } from './slashCommand.ts';

/** A message as the gateway delivers it, reduced to what the @mention handler reads. */
export interface ChatMessage {
  content: string;
  authorId: string;
  /** Sent by a bot (another app, or citebot itself). */
  authorIsBot: boolean;
  /** Sent through a webhook. */
  webhook: boolean;
  /** Sent in a DM with the bot: there a question needs no mention. */
  inDm: boolean;
}

/** What a mention with no question gets. */
export const MENTION_HINT =
  'Ask me a question after the mention, e.g. “@citebot where was the conference held?”, or use /ask.';

/**
 * The question a message asks citebot, or null when it is not for citebot: it must mention the bot
 * (`<@id>` or `<@!id>`; in a DM no mention is needed) and come from a person, not a bot, a webhook or
 * citebot itself. The question is the message's words without the mention and Discord's markup ("" for
 * a bare mention).
 */
export function mentionQuestion(message: ChatMessage, botId: string): string | null {
  if (message.authorIsBot || message.webhook || message.authorId === botId) return null;
  const mention = new RegExp(`<@!?${botId}>`, 'g');
  if (!message.inDm && !mention.test(message.content)) return null;
  return messageWords(message.content.replace(mention, ' ')).replace(/\s+/g, ' ').trim();
}

/** A plain reply line that pings no one (not even the author it replies to). */
function line(text: string): MessageData {
  return { content: text, allowed_mentions: allowedMentions(null) };
}

/**
 * The reply to a message that asks citebot a question (see `mentionQuestion`), or null to ignore it:
 * the /ask answer (public, its buttons for the author), a one-line hint for a bare mention, or the
 * cooldown note; the per-user cooldown counts it as a command. Nobody is pinged. An answered (or
 * refused) question comes with what the question log keeps of it (`asked`), and with `feedback` its
 * Helpful / Not helpful buttons, as /ask's.
 */
export function mentionReply(
  engine: Engine | Collection,
  message: ChatMessage,
  options: {
    botId: string;
    cooldown: Cooldown;
    now: number;
    feedback?: { guild: string; question: string } | null;
  },
): { message: MessageData; question: string; asked?: AskedRecord } | null {
  const question = mentionQuestion(message, options.botId);
  if (question === null) return null;
  const allowed = options.cooldown.take(message.authorId, options.now);
  if (!allowed.ok)
    return {
      question,
      message: line(`You are going a bit fast: try again in ${Math.ceil(allowed.retryAfterMs / 1000)} s.`),
    };
  if (!question) return { question, message: line(MENTION_HINT) };
  // A server's collection (its own articles and the base), or one engine.
  const collection = 'placeNames' in engine ? engine : engineCollection(engine);
  const reply = answerReply(collection, 'ask', {
    text: question,
    isPrivate: false,
    mentionId: null,
    userId: message.authorId,
    canManageGuild: false,
    now: options.now,
    feedback: options.feedback ?? null,
  });
  return { question, message: reply.message, ...(reply.asked ? { asked: reply.asked } : {}) };
}
