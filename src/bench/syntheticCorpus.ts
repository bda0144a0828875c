import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { City } from 'country-state-city';
import type { Article } from '../corpus/article.ts';
import { wordNet } from '../lexicon/wordnet.ts';

/** A small seeded random generator (mulberry32): the same seed gives the same corpus, every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST =
  'Anna Ben Chen Daniel Elena Farid Grace Hiro Ines Jamal Kenji Lena Marco Nadia Omar Priya Quentin Rosa Samir Tanya Umar Vera Wei Xavier Yara Zhou Li Ahmed Fatima Ivan Olga Pedro Sofia Tomas Amara Bilal Carmen Dmitri Emeka Freya'.split(
    ' ',
  );
const LAST =
  'Wang Smith Garcia Kim Nguyen Petrov Haddad Okafor Rossi Tanaka Silva Novak Kowalski Dubois Jensen Moreau Schmidt Ivanova Mensah Patel Liu Zhang Hassan Costa Yilmaz Larsen Romero Sato Mbeki Fischer'.split(
    ' ',
  );
const ROLES = [
  'minister of',
  'head of the',
  'spokesperson for the',
  'director of the',
  'chairwoman of the',
  'mayor of',
  'president of the',
  'secretary of the',
];
const ORG_HEADS = [
  'Committee',
  'Ministry',
  'Association',
  'University',
  'Council',
  'Agency',
  'Federation',
  'Institute',
];
const GROUPS = [
  'foreign diplomats',
  'business representatives',
  'local officials',
  'farmers',
  'students',
  'engineers',
  'journalists',
  'party members',
  'volunteers',
  'scientists',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'Jan.',
  'Feb.',
  'March',
  'April',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
];

/** Ordinary English words from WordNet's index (nouns, verbs, adjectives), for realistic vocabulary. */
function vocabulary(): { nouns: string[]; verbs: string[]; adjectives: string[] } {
  const dir = wordNet().dir;
  const words = (pos: string) =>
    readFileSync(join(dir, `index.${pos}`), 'latin1')
      .split('\n')
      .map((line) => line.slice(0, line.indexOf(' ')))
      .filter((w) => /^[a-z]{4,11}$/.test(w));
  return { nouns: words('noun'), verbs: words('verb'), adjectives: words('adj') };
}

/**
 * Generates `count` realistic news articles from a seed: people with roles, organizations, places
 * (real city names), participant groups, relative and explicit dates, and paragraphs of sentences
 * over a large vocabulary with a skewed (Zipf-like) word frequency, as news text has.
 */
export function syntheticArticles(count: number, seed = 42): Article[] {
  const rnd = random(seed);
  const { nouns, verbs, adjectives } = vocabulary();
  const cities = City.getAllCities()
    .filter((c) => /^[A-Z][a-z]{3,12}$/.test(c.name))
    .map((c) => c.name);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  // Zipf-like: small indexes far more often, so some words are common and most are rare.
  const zipf = <T>(list: readonly T[]): T => list[Math.floor(list.length * rnd() ** 3)] as T;
  const topicNouns = nouns.slice(0, 4000);
  const articles: Article[] = [];
  for (let n = 0; n < count; n++) {
    const city = pick(cities);
    const people = Array.from({ length: 3 }, () => `${pick(FIRST)} ${pick(LAST)}`);
    const org = `${pick(cities)} ${zipf(topicNouns).replace(/^./, (c) => c.toUpperCase())} ${pick(ORG_HEADS)}`;
    const topic = `${zipf(adjectives)} ${zipf(topicNouns)}`;
    const month = Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 27);
    const phrase = () => `${zipf(adjectives)} ${zipf(nouns)}`;
    const templates = [
      () =>
        `A ${zipf(nouns)} on ${topic} was held ${pick(WEEKDAYS)} in ${city}, with over ${10 + Math.floor(rnd() * 300)} ${pick(GROUPS)} from ${2 + Math.floor(rnd() * 60)} countries.`,
      () =>
        `${people[0]}, ${pick(ROLES)} ${org}, said the ${phrase()} would ${zipf(verbs)} the ${phrase()} of ${city}.`,
      () => `The ${phrase()} ${zipf(verbs)}s ${topic} and ${phrase()}, according to ${people[1]}.`,
      () =>
        `On ${MONTHS[month]} ${day}, ${pick(GROUPS)} ${zipf(verbs)}ed the ${phrase()} near ${pick(cities)}.`,
      () =>
        `${people[2]} told reporters that ${phrase()} and ${phrase()} remain ${zipf(adjectives)} for the ${zipf(nouns)}.`,
      () =>
        `In recent years, ${city} has seen ${zipf(adjectives)} progress in ${phrase()}, ${phrase()} and ${phrase()}.`,
      () => `The ${org} will ${zipf(verbs)} a ${phrase()} next ${pick(WEEKDAYS)}, officials said.`,
      () => `Experts ${zipf(verbs)}ed the ${phrase()} as ${zipf(adjectives)} and ${zipf(adjectives)}.`,
    ];
    const paragraphs = Array.from({ length: 6 }, (_, p) =>
      Array.from({ length: 4 + Math.floor(rnd() * 3) }, (_, s) =>
        p === 0 && s === 0 ? (templates[0] as () => string)() : pick(templates)(),
      ).join(' '),
    );
    const published = `2024-${String(month + 1).padStart(2, '0')}-${String(day + 1).padStart(2, '0')}`;
    articles.push({
      id: `synthetic-${String(n).padStart(5, '0')}`,
      title: `${topic.replace(/^./, (c) => c.toUpperCase())} in ${city}`,
      url: `https://news.example.org/synthetic/${n}`,
      publisher: 'Synthetic News',
      agency: 'Bench Wire',
      published: `${published}T09:00:00+00:00`,
      dateline: {
        place: city,
        date: `2024-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      },
      editors: [`${pick(FIRST)} ${pick(LAST)}`],
      authors: [],
      paragraphs,
      file: null,
    });
  }
  return articles;
}
