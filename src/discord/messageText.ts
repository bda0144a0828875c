/** Discord's markup for mentions, channels, roles, slash-command links, timestamps and custom emoji. */
const DISCORD_TOKENS =
  /<(?:@[!&]?\d+|#\d+|\/[\w -]+:\d+|t:-?\d+(?::[tTdDfFR])?|a?:\w+:\d+)>|@(?:everyone|here)\b/g;
/** Markdown markers: emphasis, strike, spoiler, and the markers that open a heading, subtext, quote or list line. */
const MARKERS = /\*\*|__|~~|\|\||(?<=^|\s)[*_](?=\S)|(?<=\S)[*_](?=\s|$|[.,!?;:])/g;
const LINE_MARKERS = /^(?:\s*(?:#{1,3}|-#|>>>|>|[-*+]|\d+\.)\s+)+/gm;

/**
 * The words of a Discord message without Discord's own markup: mentions of users, roles and channels,
 * @everyone and @here, command links, timestamps and custom emoji are dropped (the message's author
 * and the people it names are never quoted or pinged back), and Markdown markers removed, the text they
 * mark kept. Links, code and emoji are the core's to drop (see `claimText`).
 */
export function messageWords(content: string): string {
  return content.replace(DISCORD_TOKENS, ' ').replace(LINE_MARKERS, '').replace(MARKERS, '');
}
