import { escapeMarkdown } from 'discord.js';

/**
 * Makes text safe to show in Discord markdown: formatting characters escaped, headings and block
 * quotes at line starts neutralized, and mass mentions broken with a zero-width space so that they
 * neither ping (allowed_mentions already forbids it) nor look like a ping.
 */
export function safeText(text: string): string {
  return escapeMarkdown(text)
    .replace(/^(\s*)([#>-])/gm, '$1\\$2')
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>');
}

/**
 * A link to a sentence in its article: the URL with a text fragment (`#:~:text=start,end`) that
 * browsers highlight. Long sentences are given by their first and last words.
 */
export function sentenceLink(url: string, sentence: string): string {
  const words = sentence.split(/\s+/).filter(Boolean);
  const encode = (s: string) =>
    encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
  const fragment =
    words.length <= 8
      ? encode(words.join(' '))
      : `${encode(words.slice(0, 4).join(' '))},${encode(words.slice(-4).join(' '))}`;
  const base = url.split('#')[0] ?? url;
  return `${base}#:~:text=${fragment}`;
}
