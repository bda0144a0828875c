import { tokenize } from '../text/terms.ts';
import type { CommandName } from './answer.ts';
import { complete } from './complete.ts';
import type { Engine } from './engine.ts';
import { commandsFor } from './query.ts';

/**
 * What to try when a query found nothing: for /who, /where and /themes the closest names or themes
 * (else the first of the list); otherwise the list commands that fit the question, then close words of
 * the corpus (MiniSearch autoSuggest), else the top themes.
 */
export function suggestFor(engine: Engine, command: CommandName, query: string): string[] {
  if (command === 'who' || command === 'where' || command === 'themes') {
    const close = tokenize(query)
      .slice(0, 5)
      .flatMap((w) => complete(engine, command, w, 3));
    const list =
      command === 'themes'
        ? engine.knowledge.themes.slice(0, 5).map((t) => t.phrase)
        : engine.entityLists[command].slice(0, 5).map((e) => e.name);
    return [...new Set(close.length ? close : list)].slice(0, 5);
  }
  const words = engine.phraseIndex('words').suggest(query);
  const commands = command === 'ask' ? commandsFor(query) : [];
  const fallback = words.length ? words : engine.knowledge.themes.slice(0, 3).map((t) => t.phrase);
  return [...commands, ...fallback].slice(0, 5);
}
