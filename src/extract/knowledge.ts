import type { Article } from '../corpus/article.ts';
import { type Sentence, sentencesOf } from '../corpus/sentence.ts';
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
const MAX_ARTICLE_THEMES = 40;

/** The reference day for relative dates: the dateline's date, else the publication day. */
function referenceDay(article: Article): string {
  return article.dateline?.date ?? article.published.slice(0, 10);
}

/**
 * Splits the articles into sentences and extracts entities, dates and themes from them. Each sentence
 * is tagged once; every extracted item keeps the ids of the sentences it comes from.
 */
export function buildKnowledge(
  articles: Article[],
  onProgress?: (done: number, total: number) => void,
): Knowledge {
  const sentences: Sentence[] = [];
  const tagged: TaggedSentence[] = [];
  const mentions: Mention[] = [];
  const dateMentions: DateMention[] = [];
  const featureBytes: number[] = [];
  const articleTagged: Array<[string, TaggedSentence[]]> = [];
  for (const [done, article] of articles.entries()) {
    if (onProgress && done % 20 === 0) onProgress(done, articles.length);
    const reference = referenceDay(article);
    const firstTagged = tagged.length;
    for (const sentence of sentencesOf(article)) {
      sentences.push(sentence);
      const tokens = tagSentence(sentence.text);
      tagged.push({ id: sentence.id, text: sentence.text, tokens });
      const found = findMentions(sentence.id, sentence.text, tokens);
      const dates = findDates(sentence.id, sentence.text, reference);
      mentions.push(...found);
      dateMentions.push(...dates);
      featureBytes.push(
        packFeatures({
          person: found.some((m) => m.kind === 'person'),
          organization: found.some((m) => m.kind === 'organization'),
          group: found.some((m) => m.kind === 'group'),
          place: found.some((m) => m.kind === 'place'),
          date: dates.length > 0,
          number: tokens.some((t) => t.tags.has('Value') && !t.tags.has('Date')),
          quote: tokens.some((t) => t.quoted),
        }),
      );
    }
    articleTagged.push([article.id, tagged.slice(firstTagged)]);
  }
  onProgress?.(articles.length, articles.length);
  const entities = mergeEntities(mentions);
  const byDay = new Map<string, DateMention[]>();
  for (const mention of dateMentions) byDay.set(mention.iso, [...(byDay.get(mention.iso) ?? []), mention]);
  const dates = [...byDay.entries()]
    .map(([iso, list]) => ({ iso, mentions: list }))
    .sort((a, b) => a.iso.localeCompare(b.iso));
  const articleThemes = Object.fromEntries(
    articleTagged.map(([id, own]) => [id, positionRank(own, MAX_ARTICLE_THEMES)]),
  );
  const knowledge = {
    sentences,
    dates,
    themes: mergeThemes(Object.values(articleThemes), MAX_THEMES),
    articleThemes,
    features: Uint8Array.from(featureBytes),
  };
  return { ...knowledge, entities: rankEntities(knowledge, entities) };
}

const KIND_ORDER: Record<EntityKind, number> = { person: 0, organization: 1, group: 2, place: 3 };

/**
 * Entities in the order `/who` and `/where` list them: people, then organizations, groups and places;
 * within a kind, the most mentioned first, then the first mentioned. Done once, when extracting.
 */
function rankEntities(knowledge: Omit<Knowledge, 'entities'>, entities: Entity[]): Entity[] {
  const position = new Map(knowledge.sentences.map((s, i) => [s.id, i]));
  const first = (e: Entity) => position.get(e.sentenceIds[0] ?? '') ?? 0;
  return [...entities].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      b.sentenceIds.length - a.sentenceIds.length ||
      first(a) - first(b),
  );
}
