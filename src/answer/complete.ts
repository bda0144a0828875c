import type { Phrase, PhraseKind } from '../search/phraseIndex.ts';
import { FAMILY_OF_KIND } from '../snapshot/snapshot.ts';
import { type Engine, WHERE_KINDS, WHO_KINDS } from './engine.ts';
import { boundQuery } from './query.ts';

/** The commands that offer suggestions as one types. */
export type CompletingCommand = 'who' | 'where' | 'themes' | 'ask' | 'search';

/** Phrases of the given kinds matching a query, best first, from the family index that holds them. */
export function findPhrases(engine: Engine, query: string, kinds: readonly PhraseKind[], limit = 25) {
  const families = [...new Set(kinds.map((k) => FAMILY_OF_KIND[k]))];
  return families
    .flatMap((f) => engine.phraseIndex(f).find(query, kinds, limit))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/** Phrases of the given kinds matching a query, best first, one per item they name. */
export function matchPhrases(
  engine: Engine,
  query: string,
  kinds: readonly PhraseKind[],
): Array<{ phrase: Phrase; score: number }> {
  const seen = new Set<string>();
  return findPhrases(engine, query, kinds).filter(({ phrase }) => {
    const key = `${phrase.kind === 'theme' ? 't' : 'e'}:${phrase.ref}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Suggestions as one types: names, places, themes or words matching the start of the input. */
export function complete(engine: Engine, command: CompletingCommand, rawInput: string, limit = 25): string[] {
  const input = boundQuery(rawInput).slice(0, 100);
  if (!input) {
    return command === 'who' || command === 'where'
      ? engine.entityLists[command].slice(0, limit).map((e) => e.name)
      : engine.knowledge.themes.slice(0, limit).map((t) => t.phrase);
  }
  const kinds: readonly PhraseKind[] =
    command === 'who'
      ? WHO_KINDS
      : command === 'where'
        ? WHERE_KINDS
        : command === 'themes'
          ? ['theme']
          : ['theme', ...WHO_KINDS, 'place'];
  return [...new Set(findPhrases(engine, input, kinds, limit).map((h) => h.phrase.text))].slice(0, limit);
}
