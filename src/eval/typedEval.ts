import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stemmer } from 'stemmer';
import { Engine } from '../answer/engine.ts';
import type { Article } from '../corpus/article.ts';
import { loadCorpus } from '../corpus/loadCorpus.ts';
import { chronoNode, nlp } from '../lib/lazyModules.ts';

/** Precision, recall and F1 of one command against gold written by others. */
export interface Score {
  precision: number;
  recall: number;
  f1: number;
  /** Items returned, gold items, and matches (summed over articles; themes average per article). */
  returned: number;
  gold: number;
  matched: number;
}

/** One command's row: citebot next to the raw library it builds on. */
export interface TypedRow {
  command: 'who' | 'where' | 'when' | 'themes';
  citebot: Score;
  baseline: Score;
  baselineName: string;
  /** What was scored, where it is not every item of the list. */
  note?: string;
}

/** A typed evaluation: rows per command and the most frequent errors. */
export interface TypedReport {
  set: 'names' | 'dates' | 'themes';
  articles: number;
  rows: TypedRow[];
  /** "missed" (gold not found) and "wrong" (returned, not gold), most frequent first, with an article. */
  errors: Array<{ command: string; kind: 'missed' | 'wrong'; text: string; article: string }>;
}

/** The gold of a names set (ner-dev): per article, the forms annotated as PER, ORG, LOC. */
interface NamesGold {
  documents: Record<string, { PER: string[]; ORG: string[]; LOC: string[] }>;
}
/** The gold of a dates set (when-dev): per article, the days its text names. */
interface DatesGold {
  articles: Record<string, { dct: string; dates: Record<string, string[]> }>;
}
/** The gold of a themes set (themes-dev): per article, the key phrases readers chose. */
type ThemesGold = Record<string, string[]>;

/** How many themes are scored per article (the keyphrase standard, F1@10). */
const THEMES_AT = 10;
/** How many errors of each kind are listed unless asked otherwise. */
const ERRORS_SHOWN = 12;

const normal = (text: string) =>
  text
    .toLowerCase()
    .replace(/^[\s"'“”‘’.,;:()[\]-]+|[\s"'“”‘’.,;:()[\]-]+$/g, '')
    .replace(/\s+/g, ' ');

/**
 * Evaluates citebot's /who, /where, /when or /themes on a folder holding `corpus/` and `gold.json`
 * (the kind is read from the gold's shape), each article on its own (the list filtered by article),
 * next to the raw library the command builds on. The folder is only read: no index file is written.
 */
export function evaluateTyped(dir: string, shown = ERRORS_SHOWN): TypedReport {
  if (!existsSync(join(dir, 'gold.json')) || !existsSync(join(dir, 'corpus')))
    throw new Error(
      `${dir} is not an evaluation set: expected a folder with corpus/ and gold.json (an example: tests/fixtures/typed-example)`,
    );
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as unknown;
  const { articles } = loadCorpus(join(dir, 'corpus'));
  const engine = Engine.fromArticles(articles);
  const errors = new ErrorTally(shown);
  if (gold && typeof gold === 'object' && 'documents' in gold)
    return evaluateNames(engine, gold as NamesGold, errors);
  if (gold && typeof gold === 'object' && 'articles' in gold)
    return evaluateDates(engine, gold as DatesGold, errors);
  return evaluateThemes(engine, gold as ThemesGold, errors);
}

/** Sums matches into a score. */
function score(matched: number, returned: number, goldCount: number): Score {
  const precision = returned ? matched / returned : 0;
  const recall = goldCount ? matched / goldCount : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, returned, gold: goldCount, matched };
}

/** Counts error texts and keeps the most frequent. */
class ErrorTally {
  constructor(private readonly shown: number) {}

  private readonly counts = new Map<string, { count: number; entry: TypedReport['errors'][number] }>();

  add(entry: TypedReport['errors'][number]): void {
    const key = `${entry.command}\t${entry.kind}\t${entry.text.toLowerCase()}`;
    const seen = this.counts.get(key);
    if (seen) seen.count++;
    else this.counts.set(key, { count: 1, entry });
  }

  top(): TypedReport['errors'] {
    const all = [...this.counts.values()].sort((a, b) => b.count - a.count);
    const pick = (command: string, kind: string) =>
      all
        .filter((e) => e.entry.command === command && e.entry.kind === kind)
        .slice(0, this.shown)
        .map((e) => e.entry);
    const commands = [...new Set(all.map((e) => e.entry.command))];
    return commands.flatMap((c) => [...pick(c, 'wrong'), ...pick(c, 'missed')]);
  }
}

/**
 * The gold entities of one article: annotated forms grouped so that a surname or first name joins the
 * full name holding it, and an acronym its long form (the scoring rule of the names set).
 */
function goldEntities(forms: readonly string[]): string[][] {
  const sorted = [...new Set(forms)].sort((a, b) => b.split(' ').length - a.split(' ').length);
  const entities: string[][] = [];
  for (const form of sorted) {
    const words = form.split(/\s+/);
    const initials = (name: string) =>
      name
        .split(/\s+/)
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join('');
    const home = entities.find((entity) =>
      entity.some(
        (other) =>
          (words.length === 1 && other.split(/\s+/).length > 1 && other.split(/\s+/).includes(form)) ||
          (/^\p{Lu}{2,}$/u.test(form) && initials(other) === form),
      ),
    );
    if (home) home.push(form);
    else entities.push([form]);
  }
  return entities;
}

/** Matches returned labels to gold entities: each entity once (a second label for it is wrong). */
function matchLabels(labels: readonly string[], entities: readonly string[][]) {
  const used = new Set<number>();
  const wrong: string[] = [];
  for (const label of labels) {
    const at = entities.findIndex(
      (forms, i) => !used.has(i) && forms.some((f) => normal(f) === normal(label)),
    );
    if (at >= 0) used.add(at);
    else wrong.push(label);
  }
  const missed = entities.filter((_, i) => !used.has(i)).map((forms) => forms[0] ?? '');
  return { matched: used.size, wrong, missed };
}

/** The articles the gold covers, each with its gold and its lists. */
function* scored<T>(engine: Engine, goldOf: (id: string) => T | undefined) {
  for (const article of engine.articles) {
    const annotated = goldOf(article.id);
    const lists = engine.listsOf(article.id);
    if (annotated && lists) yield { article, annotated, lists };
  }
}

function evaluateNames(engine: Engine, gold: NamesGold, errors: ErrorTally): TypedReport {
  const totals = {
    who: { citebot: [0, 0, 0], baseline: [0, 0, 0] },
    where: { citebot: [0, 0, 0], baseline: [0, 0, 0] },
  };
  let count = 0;
  for (const { article, annotated, lists } of scored(engine, (id) => gold.documents[id])) {
    count++;
    const doc = nlp()(article.paragraphs.join('\n\n'));
    const raw = (view: { out(format: 'array'): string[] }) => [...new Set(view.out('array').map(normal))];
    const rows = {
      who: {
        entities: [...goldEntities(annotated.PER), ...goldEntities(annotated.ORG)],
        // People and organizations: the participant groups /who also lists ("foreign guests") are not names.
        citebot: lists.who.filter((e) => e.kind !== 'group').map((e) => e.name),
        baseline: raw(doc.people().concat(doc.organizations())),
      },
      where: {
        entities: goldEntities(annotated.LOC),
        citebot: lists.where.map((e) => e.name),
        baseline: raw(doc.places()),
      },
    };
    for (const command of ['who', 'where'] as const) {
      const row = rows[command];
      for (const system of ['citebot', 'baseline'] as const) {
        const result = matchLabels(row[system], row.entities);
        const sums = totals[command][system];
        sums[0] = (sums[0] ?? 0) + result.matched;
        sums[1] = (sums[1] ?? 0) + row[system].length;
        sums[2] = (sums[2] ?? 0) + row.entities.length;
        if (system === 'citebot') {
          for (const text of result.wrong) errors.add({ command, kind: 'wrong', text, article: article.id });
          for (const text of result.missed)
            errors.add({ command, kind: 'missed', text, article: article.id });
        }
      }
    }
  }
  const sum = (s: number[]) => score(s[0] ?? 0, s[1] ?? 0, s[2] ?? 0);
  return {
    set: 'names',
    articles: count,
    rows: (['who', 'where'] as const).map((command) => ({
      command,
      citebot: sum(totals[command].citebot),
      baseline: sum(totals[command].baseline),
      baselineName: command === 'who' ? 'compromise people()+organizations()' : 'compromise places()',
      ...(command === 'who' ? { note: 'people and organizations; participant groups not scored' } : {}),
    })),
    errors: errors.top(),
  };
}

/** The days chrono-node's raw parse finds in an article, against the same reference day. */
function chronoDays(article: Article, reference: string): Set<string> {
  const instant = new Date(`${reference}T12:00:00Z`);
  const days = new Set<string>();
  for (const paragraph of article.paragraphs)
    for (const found of chronoNode().parse(paragraph, { instant, timezone: 0 }))
      days.add(found.start.date().toISOString().slice(0, 10));
  return days;
}

function evaluateDates(engine: Engine, gold: DatesGold, errors: ErrorTally): TypedReport {
  const sums = { citebot: [0, 0, 0], baseline: [0, 0, 0] };
  let count = 0;
  for (const { article, annotated, lists } of scored(engine, (id) => gold.articles[id])) {
    count++;
    const wanted = new Set(Object.keys(annotated.dates));
    const found = new Map(lists.dates.map((d) => [d.iso, d.mentions.map((m) => m.expression)]));
    const raw = chronoDays(article, article.dateline?.date ?? article.published.slice(0, 10));
    for (const [system, days] of [
      ['citebot', new Set(found.keys())],
      ['baseline', raw],
    ] as const) {
      const matched = [...days].filter((d) => wanted.has(d)).length;
      const s = sums[system];
      s[0] = (s[0] ?? 0) + matched;
      s[1] = (s[1] ?? 0) + days.size;
      s[2] = (s[2] ?? 0) + wanted.size;
    }
    for (const [iso, expressions] of found)
      if (!wanted.has(iso))
        errors.add({
          command: 'when',
          kind: 'wrong',
          text: `${iso} "${expressions.join('", "')}"`,
          article: article.id,
        });
    for (const iso of wanted)
      if (!found.has(iso))
        errors.add({
          command: 'when',
          kind: 'missed',
          text: `${iso} "${(annotated.dates[iso] ?? []).join('", "')}"`,
          article: article.id,
        });
  }
  const sum = (s: number[]) => score(s[0] ?? 0, s[1] ?? 0, s[2] ?? 0);
  return {
    set: 'dates',
    articles: count,
    rows: [
      {
        command: 'when',
        citebot: sum(sums.citebot),
        baseline: sum(sums.baseline),
        baselineName: 'chrono-node parse',
      },
    ],
    errors: errors.top(),
  };
}

/** A phrase as the keyphrase standard compares it: lower case, each word Porter-stemmed. */
export function stemmedPhrase(phrase: string): string {
  return phrase
    .toLowerCase()
    .split(/[\s]+/)
    .map((w) => stemmer(w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')))
    .filter(Boolean)
    .join(' ');
}

/** Top-k labels against gold phrases: precision, recall and F1 of one article. */
function themeScore(labels: readonly string[], phrases: readonly string[]) {
  const goldKeys = new Set(phrases.map(stemmedPhrase));
  const keys = [...new Set(labels.map(stemmedPhrase))];
  const matched = keys.filter((k) => goldKeys.has(k)).length;
  return score(matched, keys.length, goldKeys.size);
}

/**
 * The baseline of the keyphrase literature: candidates are runs of adjectives and nouns ending in a
 * noun (compromise's tags), ranked by TF-IDF over the set's articles.
 */
function tfidfThemes(articles: readonly Article[]): Map<string, string[]> {
  const counts = new Map<string, Map<string, number>>();
  const df = new Map<string, number>();
  for (const article of articles) {
    const tf = new Map<string, number>();
    const terms = nlp()(article.paragraphs.join('\n\n')).json() as Array<{
      terms: Array<{ text: string; tags: string[] }>;
    }>;
    for (const sentence of terms) {
      let run: string[] = [];
      let lastNoun = 0;
      const close = () => {
        const phrase = run.slice(0, lastNoun).join(' ').toLowerCase();
        if (phrase) tf.set(phrase, (tf.get(phrase) ?? 0) + 1);
        run = [];
        lastNoun = 0;
      };
      for (const term of sentence.terms) {
        const tags = new Set(term.tags);
        const noun = tags.has('Noun') && !tags.has('Pronoun');
        if ((noun || tags.has('Adjective')) && /\p{L}/u.test(term.text)) {
          run.push(term.text);
          if (noun) lastNoun = run.length;
        } else close();
      }
      close();
    }
    counts.set(article.id, tf);
    for (const phrase of tf.keys()) df.set(phrase, (df.get(phrase) ?? 0) + 1);
  }
  const ranked = new Map<string, string[]>();
  for (const [id, tf] of counts) {
    const scored = [...tf.entries()].map(
      ([phrase, n]) => [phrase, n * Math.log(articles.length / (df.get(phrase) ?? 1))] as const,
    );
    ranked.set(
      id,
      scored
        .sort((a, b) => b[1] - a[1])
        .slice(0, THEMES_AT)
        .map(([phrase]) => phrase),
    );
  }
  return ranked;
}

function evaluateThemes(engine: Engine, gold: ThemesGold, errors: ErrorTally): TypedReport {
  const baseline = tfidfThemes(engine.articles);
  const perArticle = { citebot: [] as Score[], baseline: [] as Score[] };
  for (const { article, annotated: phrases, lists } of scored(engine, (id) => gold[id])) {
    const labels = lists.themes.slice(0, THEMES_AT).map((t) => t.phrase);
    perArticle.citebot.push(themeScore(labels, phrases));
    perArticle.baseline.push(themeScore(baseline.get(article.id) ?? [], phrases));
    const goldKeys = new Set(phrases.map(stemmedPhrase));
    const labelKeys = new Set(labels.map(stemmedPhrase));
    for (const label of labels)
      if (!goldKeys.has(stemmedPhrase(label)))
        errors.add({ command: 'themes', kind: 'wrong', text: label, article: article.id });
    for (const phrase of phrases)
      if (!labelKeys.has(stemmedPhrase(phrase)))
        errors.add({ command: 'themes', kind: 'missed', text: phrase, article: article.id });
  }
  const average = (scores: Score[]): Score => {
    const mean = (pick: (s: Score) => number) =>
      scores.reduce((sum, s) => sum + pick(s), 0) / (scores.length || 1);
    const total = (pick: (s: Score) => number) => scores.reduce((sum, s) => sum + pick(s), 0);
    return {
      precision: mean((s) => s.precision),
      recall: mean((s) => s.recall),
      f1: mean((s) => s.f1),
      returned: total((s) => s.returned),
      gold: total((s) => s.gold),
      matched: total((s) => s.matched),
    };
  };
  return {
    set: 'themes',
    articles: perArticle.citebot.length,
    rows: [
      {
        command: 'themes',
        citebot: average(perArticle.citebot),
        baseline: average(perArticle.baseline),
        baselineName: 'TF-IDF of adjective+noun phrases',
      },
    ],
    errors: errors.top(),
  };
}
