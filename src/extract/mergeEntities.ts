import { placeKind } from '../lexicon/gazetteer.ts';
import { isLocationNoun } from '../lexicon/wordClasses.ts';
import { type EntityKind, isBodyHead, type Mention } from './entities.ts';

/** An entity of the corpus: every mention of it merged, with the sentences it comes from. */
export interface Entity {
  kind: EntityKind;
  /** The name shown: the fullest form the articles use. */
  name: string;
  /** Other forms of the name seen in the articles ("Jilin Province" for "Jilin", "CPC"). */
  aliases: string[];
  /** The first role or description the articles give, or null. */
  detail: string | null;
  /** Ids of the sentences that mention it, in corpus order. */
  sentenceIds: string[];
}

const ACRONYM_IN_NAME =
  /((?:\p{Lu}[\p{L}-]*\s+)(?:(?:of|the|for|and)\s+|\p{Lu}[\p{L}-]*\s+)*?)\((\p{Lu}{2,6})\)/gu;

/**
 * Acronyms spelled out in the articles: "Communist Party of China (CPC)" gives CPC -> the long form.
 * The long form is the shortest tail of capitalized words before the parentheses whose initials spell it.
 */
export function acronymExpansions(names: string[]): Map<string, string> {
  const expansions = new Map<string, string>();
  for (const name of names) {
    for (const match of name.matchAll(ACRONYM_IN_NAME)) {
      const acronym = match[2] ?? '';
      const words = (match[1] ?? '').trim().split(/\s+/);
      for (let start = words.length - 1; start >= 0; start--) {
        const tail = words.slice(start);
        const initials = tail
          .filter((w) => /^\p{Lu}/u.test(w))
          .map((w) => w[0])
          .join('');
        if (initials === acronym && /^\p{Lu}/u.test(tail[0] ?? '')) {
          if (!expansions.has(acronym)) expansions.set(acronym, tail.join(' '));
          break;
        }
      }
    }
  }
  return expansions;
}

/** The key under which variants of one name meet: lower case, acronyms collapsed, "Province" dropped. */
function mergeKey(mention: Mention, expansions: Expansions): string {
  let name = mention.name;
  for (const [acronym, long] of expansions.within(name)) {
    name = name.replace(`${long} (${acronym})`, acronym).replace(long, acronym);
  }
  if (mention.kind === 'place') {
    const words = name.split(' ');
    const rest = words.slice(0, -1).join(' ');
    if (words.length > 1 && isLocationNoun(words.at(-1) ?? '') && placeKind(rest)) name = rest;
  }
  return `${mention.kind}:${name.toLowerCase()}`;
}

/**
 * The acronym expansions, found by a word of the name: a name is compared only with the long forms
 * whose first word it holds (a corpus of thousands of acronyms costs each mention a few look-ups).
 */
class Expansions {
  private readonly byFirstWord = new Map<string, Array<[string, string, number]>>();

  constructor(expansions: Map<string, string>) {
    let order = 0;
    for (const [acronym, long] of expansions) {
      const first = long.split(' ')[0] ?? long;
      const list = this.byFirstWord.get(first) ?? [];
      list.push([acronym, long, order++]);
      this.byFirstWord.set(first, list);
    }
  }

  /** The [acronym, long form] pairs whose long form may occur in the name, in the order they were found. */
  within(name: string): Array<[string, string]> {
    const found: Array<[string, string, number]> = [];
    for (const word of new Set(name.split(' ')))
      for (const entry of this.byFirstWord.get(word) ?? []) if (name.includes(entry[1])) found.push(entry);
    return found.sort((a, b) => a[2] - b[2]).map(([acronym, long]) => [acronym, long]);
  }
}

/**
 * Merges mentions into entities: variants of a name meet under one key (case, spelled-out acronyms,
 * "Jilin Province"/"Jilin"), and a lone surname or given name joins the person whose full name holds it,
 * so that a person is never listed by a surname where the full name is known. `articles` holds each
 * article's mentions: what depends on one article only is worked out per article and remembered (a
 * reload that adds one article works out that one).
 */
export function mergeEntities(articles: readonly (readonly Mention[])[]): Entity[] {
  const expansions = new Map<string, string>();
  for (const mentions of articles)
    for (const [acronym, long] of expansionsInArticle(mentions))
      if (!expansions.has(acronym)) expansions.set(acronym, long);
  const expanding = new Expansions(expansions);
  const generation = expansionGeneration(expansions);
  // Fragments by key, in corpus order: most names come from one article, and their entity is made
  // once per fragment (remembered), not again at every reload.
  const byKey = new Map<string, Fragment[]>();
  for (const mentions of articles)
    for (const [key, fragment] of fragmentsOf(mentions, expanding, generation)) {
      const list = byKey.get(key);
      if (list) list.push(fragment);
      else byKey.set(key, [fragment]);
    }
  const entities: Entity[] = [];
  for (const list of byKey.values()) {
    const [first] = list as [Fragment];
    if (list.length === 1) {
      const known = entityOf.get(first);
      if (known?.generation === generation) {
        entities.push(known.entity);
        continue;
      }
      const entity = finishEntity(first, first.forms, first.sentenceIds, first.detail, expansions);
      entityOf.set(first, { generation, entity });
      entities.push(entity);
      continue;
    }
    const forms = new Map<string, number>();
    const sentenceIds: string[] = [];
    let detail: string | null = null;
    for (const fragment of list) {
      for (const [form, count] of fragment.forms) forms.set(form, (forms.get(form) ?? 0) + count);
      detail ??= fragment.detail;
      // Sentence ids belong to one article: two articles' fragments never share one.
      for (const id of fragment.sentenceIds) sentenceIds.push(id);
    }
    entities.push(finishEntity(first, forms, sentenceIds, detail, expansions));
  }
  return entities;
}

/** Entities made from one article's fragment alone, while the acronym expansions stay the same. */
const entityOf = new WeakMap<Fragment, { generation: number; entity: Entity }>();

/**
 * An entity from its merged forms: the name is the most used form (an organization's longest, without
 * a spelled-out acronym), the other forms and acronyms its aliases.
 */
function finishEntity(
  first: Fragment,
  forms: ReadonlyMap<string, number>,
  sentenceIds: string[],
  detail: string | null,
  expansions: ReadonlyMap<string, string>,
): Entity {
  const ranked = [...forms.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
  let name = ranked[0]?.[0] ?? first.name;
  const long = expansions.get(name);
  if (first.kind === 'organization') {
    name = withoutAcronym(long ?? name);
    const longest = [...forms.keys()].map(withoutAcronym).sort((a, b) => b.length - a.length)[0];
    if (longest && longest.length > name.length) name = longest;
  }
  const acronyms = [...forms.keys()].flatMap((f) => TRAILING_ACRONYM.exec(f)?.[1] ?? []);
  const aliases = [
    ...new Set([...forms.keys(), ...acronyms, ...(long ? [ranked[0]?.[0] ?? ''] : [])]),
  ].filter((form) => form && form !== name);
  return { kind: first.kind, name, aliases, detail, sentenceIds };
}

/** A name without its spelled-out acronym at the end: "Kurdistan Democratic Party (KDP)" -> "Kurdistan Democratic Party". */
function withoutAcronym(name: string): string {
  return name.replace(TRAILING_ACRONYM, '');
}

/** A spelled-out acronym at the end of a name: " (KDP)". */
const TRAILING_ACRONYM = /\s*\((\p{Lu}{2,6})\)$/u;

const resolved = new WeakMap<readonly Mention[], Mention[]>();

/** One article's share of an entity: its forms (with counts), first detail and sentences, in order. */
type Fragment = Entity & { forms: Map<string, number> };
const fragments = new WeakMap<readonly Mention[], { generation: number; byKey: Map<string, Fragment> }>();

/**
 * One article's mentions merged by key, in the order they come (remembered per article while the
 * acronym expansions stay the same): the corpus merge then joins a few fragments per article, not
 * every mention.
 */
function fragmentsOf(
  mentions: readonly Mention[],
  expanding: Expansions,
  generation: number,
): Map<string, Fragment> {
  const known = fragments.get(mentions);
  if (known?.generation === generation) return known.byKey;
  const byKey = new Map<string, Fragment & { seen: Set<string> }>();
  const targets = resolvedInArticle(mentions);
  mentions.forEach((mention, i) => {
    const target = targets[i] ?? mention;
    const key = mergeKey(target, expanding);
    let entity = byKey.get(key);
    if (!entity) {
      entity = {
        kind: target.kind,
        name: target.name,
        aliases: [],
        detail: null,
        sentenceIds: [],
        forms: new Map(),
        seen: new Set(),
      };
      byKey.set(key, entity);
    }
    entity.forms.set(target.name, (entity.forms.get(target.name) ?? 0) + 1);
    if (mention.name !== target.name) entity.forms.set(mention.name, entity.forms.get(mention.name) ?? 0);
    if (!entity.detail && mention.detail) entity.detail = mention.detail;
    if (!entity.seen.has(mention.sentenceId)) {
      entity.seen.add(mention.sentenceId);
      entity.sentenceIds.push(mention.sentenceId);
    }
  });
  const result = new Map<string, Fragment>();
  for (const [key, { seen: _seen, ...fragment }] of byKey) result.set(key, fragment);
  fragments.set(mentions, { generation, byKey: result });
  return result;
}
const articleExpansions = new WeakMap<readonly Mention[], Map<string, string>>();
let lastExpansions = '';
let generationCount = 0;

/** The acronyms one article spells out (remembered per article). */
function expansionsInArticle(mentions: readonly Mention[]): Map<string, string> {
  let found = articleExpansions.get(mentions);
  if (!found) {
    found = acronymExpansions(mentions.filter((m) => m.kind === 'organization').map((m) => m.name));
    articleExpansions.set(mentions, found);
  }
  return found;
}

/** A number that changes when the corpus's acronym expansions do (merge keys depend on them). */
function expansionGeneration(expansions: Map<string, string>): number {
  const signature = [...expansions].join('\n');
  if (signature !== lastExpansions) {
    lastExpansions = signature;
    generationCount++;
  }
  return generationCount;
}

/**
 * The one team of a sports report named by this town and a nickname ("Baltimore" -> "Baltimore
 * Orioles"); none when two teams share the town.
 */
function teamOf(town: string, bodies: ReadonlySet<string>): string | undefined {
  const named = [...bodies].filter((name) => name.startsWith(`${town} `));
  return named.length === 1 ? named[0] : undefined;
}

/**
 * What each mention of one article stands for, worked out within the article (and remembered per
 * article): a name one sentence shows to be a body (a team that "beat" another) is that body in the
 * whole article; a lone word of a full name of the same article is that person ("Brooks" -> "Helen
 * Brooks"), even where it was read as a place or a company ("Clinton", "Douglas"); other articles'
 * people never count.
 */
function resolvedInArticle(mentions: readonly Mention[]): Mention[] {
  const known = resolved.get(mentions);
  if (known) return known;
  const fullNames = new Map<string, string>();
  for (const m of mentions) {
    if (m.kind !== 'person' || !m.name.includes(' ')) continue;
    for (const word of m.name.split(' '))
      if (!fullNames.has(word) && /^\p{Lu}/u.test(word)) fullNames.set(word, m.name);
  }
  const bodies = new Set(mentions.filter((m) => m.kind === 'organization').map((m) => m.name));
  const sides = new Set(mentions.filter((m) => m.context === 'match').map((m) => m.name));
  // A body's last word alone ("Mariners" after "Seattle Mariners") is that body, unless the word is a
  // kind of body ("Party", "Exchange").
  const longBodies = new Map<string, string>();
  for (const name of bodies) {
    const last = name.split(' ').at(-1) ?? '';
    if (name.includes(' ') && !isBodyHead(last) && !longBodies.has(last)) longBodies.set(last, name);
  }
  const targets = mentions.map((mention) => {
    let target = mention;
    const team = bodies.has(mention.name) || (sides.size >= 2 && mention.context !== 'located');
    if (mention.kind === 'place' && placeKind(mention.name) !== 'country' && team)
      target = { ...mention, kind: 'organization' };
    const body =
      target.kind !== 'organization'
        ? undefined
        : (longBodies.get(target.name) ?? (sides.size >= 2 ? teamOf(target.name, bodies) : undefined));
    if (body) target = { ...target, name: body };
    const full = mention.name.includes(' ') ? undefined : fullNames.get(mention.name);
    if (
      full &&
      mention.kind !== 'group' &&
      !(mention.kind !== 'person' && placeKind(mention.name) === 'country')
    )
      target = { ...mention, kind: 'person', name: full };
    return target;
  });
  resolved.set(mentions, targets);
  return targets;
}
