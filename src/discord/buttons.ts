import type { Collection } from '../answer/collection.ts';
import type { Article } from '../corpus/article.ts';
import { sentenceLink } from '../render/sentenceLink.ts';
import { articleHash, type ButtonState, decodeButton } from './customId.ts';
import { type EmbedData, fitMessage, type MessageData } from './limits.ts';
import { safeText } from './markdown.ts';
import {
  allowedMentions,
  EMBED_COLOR,
  notice,
  queryFromAuthor,
  SHARED_NOTE,
  sharedBy,
} from './renderAnswer.ts';
import { answerReply, type CommandServices } from './slashCommand.ts';

/** A click on one of citebot's buttons, as any transport delivers it. */
export interface ButtonClick {
  customId: string;
  userId: string;
  /** Whether the clicking member may manage messages in the channel. */
  canManageMessages: boolean;
  /** Whether the clicking member may manage the server (Remove, of /ingest). */
  canManageGuild?: boolean;
  /** The server the click comes from (null in a direct message). */
  guildId?: string | null;
  /** The server and question of the message's vote buttons, if it has them (kept when paging). */
  feedback?: { guild: string; question: string } | null;
  /** The author line of the message's first embed (holds the command and query). */
  messageAuthor: string | undefined;
  /** Whether the message is ephemeral (only its owner sees it). */
  ephemeral: boolean;
  now: number;
  /** The clicking member's display name (server nickname, else global name, else username), for "Shared by". */
  displayName?: string;
  /** Whether a public post can be made where the click happened (see the dispatcher); absent: true. */
  publicAllowed?: boolean;
}

/** What to do about a click: replace the message, answer only the clicker, or delete the message. */
export type ButtonOutcome =
  | { kind: 'update'; message: MessageData }
  /** Share: the private reply is updated (`update`), and `post` is sent publicly as a follow-up. */
  | { kind: 'share'; update: MessageData; post: MessageData }
  | { kind: 'ephemeral'; message: MessageData }
  | { kind: 'delete' };

const NOT_HERE = 'That article is not one of this server’s own articles, so it cannot be removed here.';
const EXPIRED = 'This button has expired. Run the command again for a fresh answer.';
const UNKNOWN =
  'This button is not one citebot knows (it may be from an older version). Run the command again.';

/**
 * Handles a click from the state in its `custom_id` alone (nothing is kept in memory, so buttons work
 * after a restart): "More" pages the answer (only for the person who asked), "Context" shows the
 * paragraphs of the cited sentences to the clicker, "Share" posts a private answer publicly (only its
 * owner, once: the private reply loses the button and says it was shared), "Delete" removes the reply (the person who asked,
 * or a member with Manage Messages), "Remove" takes an article /ingest added out of the corpus
 * (members with Manage Server). Refused, expired or unknown clicks get a short ephemeral note.
 */
export function handleButton(
  engine: Collection,
  click: ButtonClick,
  services: CommandServices = {},
): ButtonOutcome | Promise<ButtonOutcome> {
  const decoded = decodeButton(click.customId, click.now);
  if (!decoded.ok)
    return { kind: 'ephemeral', message: notice(decoded.reason === 'expired' ? EXPIRED : UNKNOWN) };
  const { state } = decoded;
  switch (state.action) {
    case 'more': {
      if (click.userId !== state.owner) {
        return {
          kind: 'ephemeral',
          message: notice(`Only the person who asked can page this answer. Try /${state.command} yourself.`),
        };
      }
      const query = queryFromAuthor(click.messageAuthor, state.command);
      const article = state.article ? articlesByHash(engine).get(state.article) : undefined;
      if (state.article && !article) return { kind: 'ephemeral', message: notice(EXPIRED) };
      const input = {
        text: query,
        article: article?.id,
        isPrivate: click.ephemeral,
        mentionId: null,
        userId: click.userId,
        canManageGuild: false,
        now: click.now,
        feedback: click.feedback ?? null,
      };
      const {
        content: _content,
        allowed_mentions,
        ...page
      } = answerReply(engine, state.command, input, state.offset, services).message;
      return { kind: 'update', message: { ...page, allowed_mentions } };
    }
    case 'share':
      return share(engine, click, state, services);
    case 'delete':
      if (click.userId !== state.owner && !click.canManageMessages) {
        return {
          kind: 'ephemeral',
          message: notice(
            'Only the person who asked, or a member who can manage messages, can delete this answer.',
          ),
        };
      }
      return { kind: 'delete' };
    case 'context':
      return { kind: 'ephemeral', message: contextMessage(engine, decoded.hashes ?? []) };
    case 'vote': {
      if (click.guildId !== state.guild)
        return {
          kind: 'ephemeral',
          message: notice('This vote button belongs to an answer in another server; it counts only there.'),
        };
      const counted = services.vote?.({
        guild: state.guild,
        question: state.question,
        userId: click.userId,
        helpful: state.helpful,
        now: click.now,
      });
      return {
        kind: 'ephemeral',
        message: notice(
          counted
            ? `Thanks: your vote (${state.helpful ? 'helpful' : 'not helpful'}) is counted. Click the other button to change it; /forget-me deletes it.`
            : 'Thanks, but this bot keeps no record of answers, so the vote was not kept.',
        ),
      };
    }
    case 'remove': {
      if (!click.canManageGuild)
        return {
          kind: 'ephemeral',
          message: notice('Only members who can manage this server can remove articles.'),
        };
      // Resolved in this place's collection only: a button replayed from another server finds nothing.
      const article = articlesByHash(engine).get(state.article);
      if (!article || !services.removeArticle) return { kind: 'ephemeral', message: notice(NOT_HERE) };
      return services.removeArticle(article.id).then(
        (removed): ButtonOutcome =>
          removed
            ? {
                kind: 'update',
                message: {
                  ...notice(
                    `Removed “${removed.title}” from this server's articles. Answers here no longer cite it.`,
                  ),
                  components: [],
                },
              }
            : { kind: 'ephemeral', message: notice(NOT_HERE) },
      );
    }
  }
}

/**
 * Share: the same page of the same answer, posted publicly with "Shared by" the member's display name,
 * and the private reply updated to say so (its Share button gone, so it is posted once). Both carry
 * the page's picture (/where, /when), uploaded again with each.
 */
function share(
  engine: Collection,
  click: ButtonClick,
  state: Extract<ButtonState, { action: 'share' }>,
  services: CommandServices,
): ButtonOutcome {
  if (click.userId !== state.owner)
    return { kind: 'ephemeral', message: notice('Only the person who asked can share this answer.') };
  if (click.publicAllowed === false)
    return {
      kind: 'ephemeral',
      message: notice('Answers cannot be posted publicly here: this server has not added citebot.'),
    };
  const article = state.article ? articlesByHash(engine).get(state.article) : undefined;
  if (state.article && !article) return { kind: 'ephemeral', message: notice(EXPIRED) };
  const input = {
    text: queryFromAuthor(click.messageAuthor, state.command),
    article: article?.id,
    isPrivate: false,
    mentionId: null,
    userId: click.userId,
    canManageGuild: false,
    now: click.now,
    // The shared post and the private reply keep the answer's vote buttons (same server, same question).
    feedback: click.feedback ?? null,
  };
  const post = answerReply(
    engine,
    state.command,
    input,
    state.offset,
    services,
    sharedBy(click.displayName ?? ''),
  ).message;
  const { flags: _flags, ...update } = answerReply(
    engine,
    state.command,
    { ...input, isPrivate: true, publicAllowed: false },
    state.offset,
    services,
    SHARED_NOTE,
  ).message;
  return { kind: 'share', update, post };
}

const hashIndexes = new WeakMap<Collection, Map<string, Article>>();

/** The articles of a collection by the short hash buttons carry, made once per loaded collection. */
function articlesByHash(engine: Collection): Map<string, Article> {
  let map = hashIndexes.get(engine);
  if (!map) {
    map = new Map(engine.articles.map((a) => [articleHash(a.id), a]));
    hashIndexes.set(engine, map);
  }
  return map;
}

/** A paragraph escaped for Discord, with each of the given sentences in bold. */
function boldSentences(paragraph: string, sentences: string[]): string {
  const marks: Array<[number, number]> = [];
  for (const sentence of sentences) {
    const at = paragraph.indexOf(sentence);
    if (at >= 0) marks.push([at, at + sentence.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [start, end] of marks) {
    if (start < from) continue;
    out += `${safeText(paragraph.slice(from, start))}**${safeText(paragraph.slice(start, end))}**`;
    from = end;
  }
  return out + safeText(paragraph.slice(from));
}

/** The whole paragraph of each cited sentence, once per paragraph, the cited sentences in bold, each linked to its article. */
function contextMessage(
  engine: Collection,
  refs: Array<{ hash: string; paragraph: number; sentence: number }>,
): MessageData {
  const byHash = articlesByHash(engine);
  // One embed per paragraph, however many of its sentences are cited, each cited sentence in bold.
  const paragraphs = new Map<string, { article: Article; paragraph: number; cited: string[] }>();
  for (const ref of refs) {
    const article = byHash.get(ref.hash);
    const cited = article ? engine.sentenceAt(article.id, ref.paragraph, ref.sentence) : undefined;
    if (!article || !cited || !article.paragraphs[ref.paragraph - 1]) continue;
    const key = `${ref.hash}:${ref.paragraph}`;
    const entry = paragraphs.get(key) ?? { article, paragraph: ref.paragraph, cited: [] };
    if (!entry.cited.includes(cited.text)) entry.cited.push(cited.text);
    paragraphs.set(key, entry);
  }
  const embeds: EmbedData[] = [];
  for (const { article, paragraph, cited } of paragraphs.values()) {
    const text = article.paragraphs[paragraph - 1] as string;
    embeds.push({
      color: EMBED_COLOR,
      title: `${article.title} ¶${paragraph}`,
      url: sentenceLink(article.url, cited[0] as string),
      description: boldSentences(text, cited),
      footer: { text: `${article.publisher} · ${article.published.slice(0, 10)}` },
    });
  }
  if (!embeds.length)
    return notice(
      'The cited article is no longer loaded, so its context cannot be shown. Run the command again.',
    );
  return fitMessage({ embeds, flags: 64, allowed_mentions: allowedMentions(null) });
}
