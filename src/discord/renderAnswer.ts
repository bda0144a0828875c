import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { Answer, AnswerItem, CommandName } from '../answer/answer.ts';
import { answerParts, markedSegments } from '../render/answerParts.ts';
import { sentenceLink } from '../render/sentenceLink.ts';
import { excerpt } from '../render/text.ts';
import { articleHash, encodeButton } from './customId.ts';
import { type EmbedData, fitMessage, LIMITS, type MessageData, truncate } from './limits.ts';
import { safeText } from './markdown.ts';

/** citebot's embed colour. */
export const EMBED_COLOR = 0x2b6cb0;

/** Who asked, whom the answer is for, and how it is shown. */
export interface ReplyContext {
  /** The user who ran the command: the only one who may page or delete the reply. */
  ownerId: string;
  /** A user named in the `mention` option: the only mention the reply may ping. */
  mentionId: string | null;
  ephemeral: boolean;
  /** How many items came before this page. */
  offset: number;
  /** Whether the engine has items after this page. */
  hasMore: boolean;
  /** The article the list is filtered to (the `article` option), or null. */
  article?: { id: string; title: string } | null;
  now: number;
  /**
   * The server and question an answer's Helpful / Not helpful buttons vote for, or null for no vote
   * buttons (outside a server, or when the bot keeps no record of questions).
   */
  feedback?: { guild: string; question: string } | null;
  /** On a private reply: offer the Share button (not where a public post is impossible). */
  canShare?: boolean;
  /** A line above the answer ("Shared by Ana", "You shared this answer in the channel."), plain text. */
  note?: string | null;
}

/** What a private reply says once its owner shared it. */
export const SHARED_NOTE = 'You shared this answer in the channel.';

/** The line above a shared answer: who shared it (their display name, escaped: it never formats or pings). */
export function sharedBy(displayName: string): string {
  return `Shared by ${safeText(truncate(displayName.replace(/\s+/g, ' ').trim() || 'a member', 80))}`;
}

/** Said instead of a mention when the reply is private. */
export const PRIVATE_MENTION_NOTE = 'Nobody was mentioned: a private reply is seen only by you.';

/** The mentions a reply allows: nobody, except the user the answer is for. */
export function allowedMentions(mentionId: string | null): MessageData['allowed_mentions'] {
  return mentionId
    ? { parse: [], users: [mentionId], replied_user: false }
    : { parse: [], replied_user: false };
}

/** How an answer's author line opens: "/ask", or for a claim the message command's name. */
function authorPrefix(command: CommandName): string {
  return command === 'claim' ? 'Find sources:' : `/${command}`;
}

/** The author line of an answer embed: the command and the query, exactly as typed (it renders no markdown). */
export function authorLine(command: CommandName, query: string): string {
  return truncate(`${authorPrefix(command)}${query ? ` ${query}` : ''}`, LIMITS.author);
}

/** Reads the query back from an answer's author line, for the "More" button after a restart. */
export function queryFromAuthor(author: string | undefined, command: CommandName): string {
  const prefix = authorPrefix(command);
  if (!author?.startsWith(prefix)) return '';
  return author.slice(prefix.length).trim();
}

/**
 * The quoted sentence with the words that answer the question in bold, and the day a date names
 * beside it: “held **Monday** (2024-10-14) in Changchun”. Each part is escaped on its own, so the
 * bold never breaks on the sentence's own markdown characters.
 */
export function quoteWithAnswer(item: Pick<AnswerItem, 'text' | 'answer' | 'marks'>): string {
  const segments = markedSegments(item);
  if (segments) return segments.map((s) => (s.bold ? `**${safeText(s.text)}**` : safeText(s.text))).join('');
  const parts = answerParts(item);
  if (!parts) return safeText(item.text);
  return `${safeText(parts.before)}**${safeText(parts.words)}**${parts.day}${safeText(parts.after)}`;
}

function itemBlock(item: AnswerItem, n: number): string {
  const first = item.citations[0];
  const marker = first ? `[\\[${n}\\]](${sentenceLink(first.url, item.text)})` : `\\[${n}\\]`;
  if (!item.label) return `${marker} “${quoteWithAnswer(item)}”`;
  const head = `**${safeText(item.label)}**${item.detail ? ` — ${safeText(item.detail)}` : ''}`;
  return `${head}\n> “${safeText(excerpt(item.text, item.label, 220))}” ${marker}`;
}

/** Footer: the article title and date when one article is cited, else how many articles, and the page. */
function footer(answer: Answer, offset: number): string {
  const cited = new Map(
    answer.items.flatMap((i) => i.citations.slice(0, 1)).map((c) => [c.article, c.title]),
  );
  const page = answer.items.length
    ? ` · results ${offset + 1}–${offset + answer.items.length} of ${Math.max(answer.total, offset + answer.items.length)}`
    : '';
  if (cited.size === 1) {
    const [title] = cited.values();
    return `${title}${page}`;
  }
  return `${cited.size} articles${page}`;
}

/**
 * Turns a engine answer into a Discord message: one embed quoting each sentence with its citation marker,
 * the markers linking to the article with a text fragment that highlights the sentence, the article in
 * the footer; buttons for More, Context and Delete. The only mention allowed is the `mention` user.
 * Everything passes `fitMessage`, so the result is always inside Discord's limits.
 */
export function renderAnswer(
  answer: Answer,
  context: ReplyContext,
  published?: (article: string) => string | null,
): MessageData {
  // A private reply is seen only by the asker: pinging someone who cannot see it would only confuse.
  const mention = context.ephemeral ? null : context.mentionId;
  const blocks: string[] = [];
  let length = 0;
  answer.items.forEach((item, i) => {
    const block = itemBlock(item, context.offset + i + 1);
    if (length + block.length + 2 > LIMITS.embedDescription - 200) return;
    blocks.push(block);
    length += block.length + 2;
  });
  let description: string;
  if (blocks.length) description = blocks.join('\n\n');
  else {
    const what =
      answer.command === 'claim'
        ? 'The articles say nothing about this.'
        : answer.query
          ? `Nothing in the articles matches “${safeText(answer.query)}”.`
          : 'Nothing to show.';
    const tips = answer.suggestions.length ? `\nTry: ${answer.suggestions.map(safeText).join(', ')}` : '';
    description = `${what}${tips}`;
  }
  const firstCitation = answer.items[0]?.citations[0];
  const date = firstCitation && published ? published(firstCitation.article) : null;
  const embed: EmbedData = {
    color: EMBED_COLOR,
    author: { name: authorLine(answer.command, answer.query) },
    description,
    footer: {
      text: `${context.article ? `Only “${context.article.title}” · ` : ''}${footer(answer, context.offset)}${date ? ` · ${date}` : ''}`,
    },
  };
  const buttons = [];
  if (context.hasMore) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: 'More',
      custom_id: encodeButton({
        action: 'more',
        command: answer.command,
        offset: context.offset + answer.items.length,
        owner: context.ownerId,
        issued: context.now,
        article: context.article ? articleHash(context.article.id) : undefined,
      }),
    });
  }
  const refs = answer.items.flatMap((i) => i.citations.slice(0, 1));
  if (refs.length) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'Context',
      custom_id: encodeButton({ action: 'context', refs, issued: context.now }),
    });
  }
  if (context.ephemeral && context.canShare) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Success,
      label: 'Share',
      custom_id: encodeButton({
        action: 'share',
        command: answer.command,
        offset: context.offset,
        owner: context.ownerId,
        issued: context.now,
        article: context.article ? articleHash(context.article.id) : undefined,
      }),
    });
  }
  if (!context.ephemeral) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Danger,
      label: 'Delete',
      custom_id: encodeButton({ action: 'delete', owner: context.ownerId, issued: context.now }),
    });
  }
  const rows = buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  if (context.feedback && answer.items.length) rows.push(feedbackRow(context.feedback, context.now));
  const message: MessageData = {
    embeds: [embed],
    components: rows,
    allowed_mentions: allowedMentions(mention),
  };
  if (mention) message.content = `<@${mention}>`;
  else if (context.mentionId) message.content = PRIVATE_MENTION_NOTE;
  if (context.note) message.content = message.content ? `${context.note}\n${message.content}` : context.note;
  if (context.ephemeral) message.flags = MessageFlags.Ephemeral;
  return fitMessage(message);
}

/** The labels of the vote buttons. */
export const HELPFUL_LABEL = 'Helpful';
export const NOT_HELPFUL_LABEL = 'Not helpful';

/** A row of its own for Helpful / Not helpful (the first row keeps More, Context, Delete and the like). */
function feedbackRow(feedback: { guild: string; question: string }, now: number) {
  const vote = (helpful: boolean) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: helpful ? HELPFUL_LABEL : NOT_HELPFUL_LABEL,
    emoji: { name: helpful ? '👍' : '👎' },
    custom_id: encodeButton({ action: 'vote', helpful, ...feedback, issued: now }),
  });
  return { type: ComponentType.ActionRow, components: [vote(true), vote(false)] };
}

/** A short ephemeral notice (a refused click, a cooldown, an error): text only, nobody pinged. */
export function notice(text: string): MessageData {
  return {
    content: truncate(text, LIMITS.content),
    flags: MessageFlags.Ephemeral,
    allowed_mentions: allowedMentions(null),
  };
}
