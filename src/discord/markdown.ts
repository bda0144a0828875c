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
