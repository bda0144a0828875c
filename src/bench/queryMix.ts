import type { CommandName } from '../answer/answer.ts';
import type { Engine } from '../answer/engine.ts';
import { random } from './syntheticCorpus.ts';

/** A fixed, seeded query mix over what the corpus holds: names, places, themes, words and questions. */
export function queryMix(engine: Engine): Array<{ command: CommandName; query: string }> {
  const rnd = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const entities = engine.knowledge.entities;
  const people = entities.filter((e) => e.kind === 'person');
  const places = entities.filter((e) => e.kind === 'place');
  const words = engine.sentences
    .slice(0, 2000)
    .flatMap((s) => s.text.split(/\s+/).filter((w) => /^[a-z]{5,}$/.test(w)));
  const mix: Array<{ command: CommandName; query: string }> = [];
  for (let i = 0; i < 60; i++) {
    mix.push({ command: 'ask', query: `Where was the ${pick(words)} held?` });
    mix.push({
      command: 'ask',
      query: `What did ${pick(people)?.name ?? 'they'} say about the ${pick(words)}?`,
    });
    mix.push({ command: 'ask', query: `How many ${pick(words)} came?` });
    mix.push({ command: 'who', query: i % 3 === 0 ? '' : (pick(people)?.name.split(' ')[1] ?? '') });
    mix.push({ command: 'where', query: i % 3 === 0 ? '' : (pick(places)?.name ?? '') });
    mix.push({ command: 'when', query: i % 2 === 0 ? '' : 'Monday' });
    mix.push({ command: 'themes', query: i % 2 === 0 ? '' : pick(words) });
    mix.push({ command: 'search', query: `${pick(words)} ${pick(words)}` });
    mix.push({ command: 'source', query: i % 2 === 0 ? '' : pick(words) });
  }
  return mix;
}
