import type { Engine } from '../answer/engine.ts';
import { run } from '../answer/run.ts';
import type { QuestionSet } from './questionSet.ts';

/** One typed expectation of a question set and whether the engine meets it. */
export interface TypedCheck {
  check: string;
  passed: boolean;
  detail: string;
}

const lower = (s: string) => s.toLowerCase();

/**
 * Checks a question set's `typed` expectations against what `/who`, `/where`, `/when` and `/themes`
 * list (without an argument, at the most items): names that must be there, roles and descriptions they
 * must carry, a date, and some expected themes (a theme counts when its phrase or a merged variant holds it).
 */
export function typedChecks(engine: Engine, set: QuestionSet): TypedCheck[] {
  const checks: TypedCheck[] = [];
  const typed = set.typed;
  if (!typed) return checks;
  const list = (command: 'who' | 'where' | 'when' | 'themes') =>
    run(engine, command, '', { limit: 25 }).items;
  const names = (command: 'who' | 'where') => {
    const byName = new Map<string, string | null>();
    const listed = new Set(list(command).map((i) => i.label));
    for (const e of engine.knowledge.entities) {
      if (!listed.has(e.name)) continue;
      for (const n of [e.name, ...e.aliases]) byName.set(lower(n), e.detail);
    }
    return byName;
  };
  const entityChecks = (
    command: 'who' | 'where',
    mustInclude: string[],
    details: Record<string, string>,
    says: string,
  ) => {
    const listed = names(command);
    for (const name of mustInclude) {
      checks.push({ check: `/${command} lists ${name}`, passed: listed.has(lower(name)), detail: '' });
    }
    for (const [name, expected] of Object.entries(details)) {
      const detail = listed.get(lower(name)) ?? '';
      checks.push({
        check: `/${command} ${says} ${name}: "${expected}"`,
        passed: lower(detail).includes(lower(expected)),
        detail,
      });
    }
  };
  if (typed.who) entityChecks('who', typed.who.must_include, typed.who.role_of, 'gives the role of');
  if (typed.where) entityChecks('where', typed.where.must_include, typed.where.description_of, 'describes');
  if (typed.when) {
    const dates = list('when').map((i) => i.label);
    checks.push({
      check: `/when lists ${typed.when.must_include_date}`,
      passed: dates.includes(typed.when.must_include_date),
      detail: dates.join(', '),
    });
  }
  if (typed.themes) {
    const themes = engine.knowledge.themes
      .slice(0, 25)
      .flatMap((t) => [t.phrase, ...t.variants])
      .map(lower);
    const found = typed.themes.expect_some_of.filter((t) =>
      themes.some((phrase) => phrase.includes(lower(t))),
    );
    checks.push({
      check: `/themes has some of ${typed.themes.expect_some_of.join(', ')}`,
      passed: found.length > 0,
      detail: `found ${found.length}: ${found.join(', ')}`,
    });
  }
  return checks;
}
