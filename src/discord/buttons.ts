import type { Citebot } from '../answer/engine.ts';
import { articleHash, decodeButton } from './customId.ts';
import { type EmbedData, fitMessage, type MessageData } from './limits.ts';
import { safeText, sentenceLink } from './markdown.ts';
import { allowedMentions, EMBED_COLOR, notice, queryFromAuthor } from './renderAnswer.ts';
import { answerReply } from './slashCommand.ts';

/** A click on one of citebot's buttons, as any transport delivers it. */
export interface ButtonClick {
  customId: string;
  userId: string;
  /** Whether the clicking member may manage messages in the channel. */
  canManageMessages: boolean;
  /** The author line of the message's first embed (holds the command and query). */
  messageAuthor: string | undefined;
  /** Whether the message is ephemeral (only its owner sees it). */
  ephemeral: boolean;
  now: number;
}

/** What to do about a click: replace the message, answer only the clicker, or delete the message. */
export type ButtonOutcome =
  | { kind: 'update'; message: MessageData }
  | { kind: 'ephemeral'; message: MessageData }
  | { kind: 'delete' };

const EXPIRED = 'This button has expired. Run the command again for a fresh answer.';
const UNKNOWN =
  'This button is not one citebot knows (it may be from an older version). Run the command again.';

/**
 * Handles a click from the state in its `custom_id` alone (nothing is kept in memory, so buttons work
 * after a restart): "More" pages the answer (only for the person who asked), "Context" shows the
 * paragraphs of the cited sentences to the clicker, "Delete" removes the reply (the person who asked,
 * or a member with Manage Messages). Refused, expired or unknown clicks get a short ephemeral note.
 */
export function handleButton(core: Citebot, click: ButtonClick): ButtonOutcome {
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
      const input = {
        text: query,
        isPrivate: click.ephemeral,
        mentionId: null,
        userId: click.userId,
        canManageGuild: false,
        now: click.now,
      };
      const {
        content: _content,
        allowed_mentions,
        ...page
      } = answerReply(core, state.command, input, state.offset).message;
      return { kind: 'update', message: { ...page, allowed_mentions } };
    }
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
      return { kind: 'ephemeral', message: contextMessage(core, decoded.hashes ?? []) };
  }
}

const hashIndexes = new WeakMap<Citebot, Map<string, Citebot['articles'][number]>>();

/** The articles of a core by the short hash buttons carry, made once per loaded corpus. */
function articlesByHash(core: Citebot): Map<string, Citebot['articles'][number]> {
  let map = hashIndexes.get(core);
  if (!map) {
    map = new Map(core.articles.map((a) => [articleHash(a.id), a]));
    hashIndexes.set(core, map);
  }
  return map;
}

/** The whole paragraph of each cited sentence, the sentence in bold, each linked to its article. */
function contextMessage(
  core: Citebot,
  refs: Array<{ hash: string; paragraph: number; sentence: number }>,
): MessageData {
  const byHash = articlesByHash(core);
  const embeds: EmbedData[] = [];
  for (const ref of refs) {
    const article = byHash.get(ref.hash);
    const paragraph = article?.paragraphs[ref.paragraph - 1];
    const cited = article ? core.sentenceAt(article.id, ref.paragraph, ref.sentence) : undefined;
    if (!article || !paragraph || !cited) continue;
    const at = paragraph.indexOf(cited.text);
    const shown =
      at < 0
        ? safeText(paragraph)
        : `${safeText(paragraph.slice(0, at))}**${safeText(cited.text)}**${safeText(paragraph.slice(at + cited.text.length))}`;
    embeds.push({
      color: EMBED_COLOR,
      title: `${article.title} ¶${ref.paragraph}`,
      url: sentenceLink(article.url, cited.text),
      description: shown,
      footer: { text: `${article.publisher} · ${article.published.slice(0, 10)}` },
    });
  }
  if (!embeds.length)
    return notice(
      'The cited article is no longer loaded, so its context cannot be shown. Run the command again.',
    );
  return fitMessage({ embeds, flags: 64, allowed_mentions: allowedMentions(null) });
}
