import { createHash } from 'node:crypto';
import type { Article } from '../corpus/article.ts';
import { parseSentenceId, type Sentence, sentencesOf } from '../corpus/sentence.ts';
import { type DateMention, findDates } from './dates.ts';
import { type EntityKind, findMentions, type Mention } from './entities.ts';
import { mergeThemes, positionRank } from './keyphrases.ts';
import { type Entity, mergeEntities } from './mergeEntities.ts';
import { tagSentence } from './tagger.ts';
import type { TaggedSentence, Theme } from './themes.ts';

/** A date with everything the corpus says happened on it. */
export interface DateItem {
  iso: string;
  mentions: DateMention[];
}

/** Everything extracted from a corpus: the sentences and the who, where, when and what in them. */
export interface Knowledge {
  sentences: Sentence[];
  /** People, organizations and participant groups (for `/who`) and places (for `/where`). */
  entities: Entity[];
  dates: DateItem[];
  /** The themes of the whole corpus. */
  themes: Theme[];
  /** Each article's own themes, ranked within it (for a list filtered by article), by article id. */
  articleThemes: Record<string, Theme[]>;
  /** For each sentence (by position), a bit set of the kinds of things it names: see `featuresOf`. */
  features: Uint8Array;
}

/** What a sentence contains, for matching it to the type of a question. */
export interface SentenceFeatures {
  person: boolean;
  organization: boolean;
  group: boolean;
  place: boolean;
  date: boolean;
  number: boolean;
  quote: boolean;
}

const FEATURE_BITS: Array<keyof SentenceFeatures> = [
  'person',
  'organization',
  'group',
  'place',
  'date',
  'number',
  'quote',
];

/** Packs a sentence's features into one byte (300,000 sentences take 300 KB). */
export function packFeatures(features: SentenceFeatures): number {
  return FEATURE_BITS.reduce((bits, name, i) => (features[name] ? bits | (1 << i) : bits), 0);
}

/** Unpacks a sentence's features from its byte. */
export function unpackFeatures(bits: number): SentenceFeatures {
  const features = {} as SentenceFeatures;
  FEATURE_BITS.forEach((name, i) => {
    features[name] = (bits & (1 << i)) !== 0;
  });
  return features;
}

/** How many themes the corpus list keeps (it is precomputed, and people read the first few). */
const MAX_THEMES = 300;
/** How many themes each article keeps for its own list. */
const MAX_ARTICLE_THEMES = 25;
/** How many of an article's key phrases go into the corpus list (the listed subjects of a short article rank late). */
const ARTICLE_THEMES_RANKED = 40;

/** The reference day for relative dates: the dateline's date, else the publication day. */
function referenceDay(article: Article): string {
  return article.dateline?.date ?? article.published.slice(0, 10);
}

/**
 * What one article yields on its own (everything but the sentences, which splitting gives back
 * cheaply): its mentions of names and dates, each sentence's features and its key phrases. Kept per
 * article in the prebuilt index, keyed by `articleKeyOf`, so a rebuild tags only new or changed articles.
 */
export interface ArticleExtract {
  mentions: Mention[];
  dates: DateMention[];
  features: number[];
  themes: Theme[];
}

/** The key of an article's extract: a hash of everything extraction reads (id, paragraphs, dates). */
export function articleKeyOf(article: Article): string {
  return createHash('sha256')
    .update(JSON.stringify([article.id, article.paragraphs, article.dateline, article.published]))
    .digest('base64url');
}

/** Tags one article's sentences and extracts its names, dates, features and key phrases. */
export function extractArticle(
  article: Article,
  sentences: readonly Sentence[] = sentencesOf(article),
): ArticleExtract {
  const reference = referenceDay(article);
  const tagged: TaggedSentence[] = [];
  const mentions: Mention[] = [];
  const dates: DateMention[] = [];
  const features: number[] = [];
  for (const sentence of sentences) {
    const tokens = tagSentence(sentence.text);
    tagged.push({ id: sentence.id, text: sentence.text, tokens });
    const found = findMentions(sentence.id, sentence.text, tokens);
    const named = findDates(sentence.id, sentence.text, reference);
    mentions.push(...found);
    dates.push(...named);
    features.push(
      packFeatures({
        person: found.some((m) => m.kind === 'person'),
        organization: found.some((m) => m.kind === 'organization'),
        group: found.some((m) => m.kind === 'group'),
        place: found.some((m) => m.kind === 'place'),
        date: named.length > 0,
        number: tokens.some((t) => t.tags.has('Value') && !t.tags.has('Date')),
        quote: tokens.some((t) => t.quoted),
      }),
    );
  }
  // The names /who and /where list are themes only where the title names them (see NAME_SHARE).
  const names = mentions.filter((m) => m.kind !== 'group').map((m) => m.name);
  const themes = positionRank(tagged, ARTICLE_THEMES_RANKED, { names, title: article.title });
  return { mentions, dates, features, themes };
}

/** The knowledge of a corpus and each article's extract (for the prebuilt index), by article key. */
export interface BuiltKnowledge {
  knowledge: Knowledge;
  extracts: Map<string, ArticleExtract>;
}

/** One article ready to be merged into a corpus: its sentences and its extract (see `assembleKnowledge`). */
export interface ArticlePart {
  article: Article;
  /** `articleKeyOf(article)`. */
  key: string;
  sentences: readonly Sentence[];
  extract: ArticleExtract;
}

/** An article's part: its sentences, and its extract from `reuse` when it has one for its key, else tagged now. */
export function articlePart(article: Article, reuse?: ReadonlyMap<string, ArticleExtract>): ArticlePart {
  const sentences = sentencesOf(article);
  const key = articleKeyOf(article);
  return { article, key, sentences, extract: reuse?.get(key) ?? extractArticle(article, sentences) };
}

/**
 * Splits the articles into sentences and extracts entities, dates and themes from them, taking an
 * article's extract from `reuse` when it has one for the article's key (nothing changed there) and
 * tagging the others; then merges what the articles name across the corpus. Every extracted item
 * keeps the ids of the sentences it comes from.
 */
export function buildKnowledge(
  articles: Article[],
  onProgress?: (done: number, total: number) => void,
  reuse?: ReadonlyMap<string, ArticleExtract>,
): BuiltKnowledge {
  const parts: ArticlePart[] = [];
  for (const [done, article] of articles.entries()) {
    if (onProgress && done % 20 === 0) onProgress(done, articles.length);
    parts.push(articlePart(article, reuse));
  }
  onProgress?.(articles.length, articles.length);
  return assembleKnowledge(parts);
}

const shown = new WeakMap<readonly Theme[], Theme[]>();

/** The first of an article's themes, those its own list shows (remembered per article). */
function shownOf(themes: readonly Theme[]): Theme[] {
  let list = shown.get(themes);
  if (!list) {
    list = themes.slice(0, MAX_ARTICLE_THEMES);
    shown.set(themes, list);
  }
  return list;
}

/**
 * Merges articles' parts (in corpus order) into the corpus's knowledge: sentences in order, entities
 * merged across articles and ranked, dates grouped by day, themes merged. Tags nothing, so a corpus
 * whose articles are all extracted already (a reload that adds one article) is assembled quickly.
 */
export function assembleKnowledge(parts: readonly ArticlePart[]): BuiltKnowledge {
  const sentences: Sentence[] = [];
  const mentions: (readonly Mention[])[] = [];
  const dateMentions: DateMention[] = [];
  let featureCount = 0;
  const articleThemes: Theme[][] = [];
  const shownThemes: Record<string, Theme[]> = {};
  const extracts = new Map<string, ArticleExtract>();
  for (const { article, key, sentences: own, extract } of parts) {
    extracts.set(key, extract);
    for (const s of own) sentences.push(s);
    mentions.push(extract.mentions);
    for (const d of extract.dates) dateMentions.push(d);
    featureCount += extract.features.length;
    articleThemes.push(extract.themes);
    shownThemes[article.id] = shownOf(extract.themes);
  }
  const features = new Uint8Array(featureCount);
  let at = 0;
  for (const { extract } of parts) {
    features.set(extract.features, at);
    at += extract.features.length;
  }
  const entities = mergeEntities(mentions);
  const byDay = new Map<string, DateMention[]>();
  for (const mention of dateMentions) {
    const list = byDay.get(mention.iso);
    if (list) list.push(mention);
    else byDay.set(mention.iso, [mention]);
  }
  const dates = [...byDay.entries()]
    .map(([iso, list]) => ({ iso, mentions: list }))
    .sort((a, b) => a.iso.localeCompare(b.iso));
  const knowledge = {
    sentences,
    dates,
    themes: mergeThemes(articleThemes, MAX_THEMES),
    articleThemes: shownThemes,
    features,
  };
  const articleOrder = new Map(parts.map((p, i) => [p.article.id, i]));
  return { knowledge: { ...knowledge, entities: rankEntities(articleOrder, entities) }, extracts };
}

export const KIND_ORDER: Record<EntityKind, number> = { person: 0, organization: 1, group: 2, place: 3 };

/**
 * Entities in the order `/who` and `/where` list them: people, then organizations, groups and places;
 * within a kind, the most mentioned first, then the first mentioned. Done once, when extracting.
 */
function rankEntities(articleOrder: ReadonlyMap<string, number>, entities: Entity[]): Entity[] {
  // Where an entity is first named, as (article, paragraph, sentence): corpus order without a map of every sentence.
  const first = new Map<Entity, [number, number, number]>();
  for (const e of entities) {
    const place = parseSentenceId(e.sentenceIds[0] ?? '');
    first.set(e, place ? [articleOrder.get(place.article) ?? 0, place.paragraph, place.sentence] : [0, 0, 0]);
  }
  const before = (a: Entity, b: Entity) => {
    const x = first.get(a) as [number, number, number];
    const y = first.get(b) as [number, number, number];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };
  return [...entities].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.sentenceIds.length - a.sentenceIds.length || before(a, b),
  );
}
