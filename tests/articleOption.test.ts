import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import { Cooldown } from '../src/discord/cooldown.ts';
import { Dispatcher, type InteractionRequest } from '../src/discord/dispatch.ts';
import type { MessageData } from '../src/discord/limits.ts';
import { createLogger } from '../src/lib/log.ts';
import { EXTRA_CORPUS_DIR, loadEngine } from './helpers.ts';

const engine = loadEngine(EXTRA_CORPUS_DIR);
const [bridge, rice] = engine.articles;
const NOW = 1_730_000_000_000;
const dispatcher = () =>
  new Dispatcher({
    engine: () => engine,
    commands: COMMANDS,
    cooldown: new Cooldown(1000, 1),
    logger: createLogger('silent'),
    now: () => NOW,
  });

const command = (name: string, article: string, text = ''): InteractionRequest => ({
  kind: 'command',
  id: '1',
  guildId: null,
  userId: '42',
  command: name,
  text,
  article,
  isPrivate: false,
  mentionId: null,
  canManageGuild: false,
});

const cited = (message: MessageData) => message.embeds?.[0]?.description ?? '';

describe('the article option of /who, /where, /when and /themes', () => {
  it('is offered on the list commands only, with autocomplete', () => {
    for (const c of COMMANDS) {
      const option = c.data.toJSON().options?.find((o) => o.name === 'article') as
        | { autocomplete?: boolean; max_length?: number }
        | undefined;
      const list = ['who', 'where', 'when', 'themes'].includes(c.data.name);
      expect(option !== undefined).toBe(list);
      if (option) {
        expect(option.autocomplete).toBe(true);
        expect(option.max_length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('autocompletes article titles, the id as the value', async () => {
    const response = await dispatcher().handle({
      kind: 'autocomplete',
      id: '1',
      guildId: null,
      userId: '42',
      command: 'who',
      typed: 'bridge',
      option: 'article',
    });
    expect(response).toEqual({
      kind: 'choices',
      choices: [{ name: `${bridge?.title} (${bridge?.published.slice(0, 10)})`, value: bridge?.id }],
    });
  });

  it('lists only the chosen article, says so, and pages it with More', async () => {
    const response = await dispatcher().handle(command('who', bridge?.id ?? ''));
    if (response.kind !== 'reply') throw new Error('expected a reply');
    expect(response.message.embeds?.[0]?.footer?.text).toContain(`Only “${bridge?.title}”`);
    expect(cited(response.message)).not.toContain(rice?.title ?? '\u0000');
    const themes = await dispatcher().handle(command('themes', bridge?.id ?? ''));
    if (themes.kind !== 'reply') throw new Error('expected a reply');
    const row = themes.message.components?.[0] as {
      components: Array<{ label?: string; custom_id?: string }>;
    };
    const more = row.components.find((b) => b.label === 'More');
    expect(more?.custom_id?.split(':')).toHaveLength(7); // the article travels with the button
    const next = await dispatcher().handle({
      kind: 'button',
      id: '2',
      guildId: null,
      userId: '42',
      customId: more?.custom_id ?? '',
      canManageMessages: false,
      messageAuthor: themes.message.embeds?.[0]?.author?.name,
      ephemeral: false,
    });
    if (next.kind !== 'update') throw new Error('expected an update');
    expect(next.message.embeds?.[0]?.footer?.text).toContain(`Only “${bridge?.title}”`);
  });

  it('takes typed title words for an article, and says so in one line when none matches', async () => {
    const byWords = await dispatcher().handle(command('where', 'riverside bridge'));
    if (byWords.kind !== 'reply') throw new Error('expected a reply');
    expect(byWords.message.embeds?.[0]?.footer?.text).toContain(`Only “${bridge?.title}”`);
    const none = await dispatcher().handle(command('where', 'no such headline'));
    if (none.kind !== 'reply') throw new Error('expected a reply');
    expect(none.message.content).toMatch(/^No article matches “no such headline”/);
    expect(none.message.flags).toBe(64);
  });
});
