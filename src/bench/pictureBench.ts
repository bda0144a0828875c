/**
 * `npm run bench:pictures` (also run at the end of `npm run bench`): how long the pictures take and how
 * big they are, for the seed article's /where and /when, for a 30-place article and for a 50-date article
 * (both made here from fixed sentences), and what a picture adds to a /where or /when Discord reply.
 * Each row: render time p50 and p99 (wall) and the CPU time p50 over BENCH_PICTURE_RUNS renders after a
 * warm-up (on a shared machine the wall time waits for the cores), and the PNG's size.
 * Not a test: nothing here asserts a time.
 */
import { join } from 'node:path';
import type { Answer, CommandName } from '../answer/answer.ts';
import { engineCollection } from '../answer/collection.ts';
import { Engine } from '../answer/engine.ts';
import { when } from '../answer/when.ts';
import { where } from '../answer/who.ts';
import type { Article } from '../corpus/article.ts';
import { loadCorpus } from '../corpus/loadCorpus.ts';
import { pictureMaker } from '../discord/picture.ts';
import { answerReply } from '../discord/slashCommand.ts';
import { createLogger } from '../lib/log.ts';
import { enginePicture } from '../render/answerPicture.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.BENCH_PICTURE_RUNS ?? 60);

/** Thirty capitals, one per sentence, as a world-news story might list them. */
const CAPITALS = [
  'Tokyo',
  'Nairobi',
  'Lima',
  'Oslo',
  'Cairo',
  'Jakarta',
  'Canberra',
  'Ottawa',
  'Brasília',
  'Madrid',
  'Hanoi',
  'Bogotá',
  'Ankara',
  'Warsaw',
  'Dakar',
  'Manila',
  'Helsinki',
  'Accra',
  'Kathmandu',
  'Tehran',
  'Dublin',
  'Lisbon',
  'Khartoum',
  'Quito',
  'Reykjavík',
  'Athens',
  'Tbilisi',
  'Ulaanbaatar',
  'Bamako',
  'Wellington',
];

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** An article for the bench, around the given paragraphs. */
function benchArticle(id: string, title: string, paragraphs: string[]): Article {
  return {
    id,
    title,
    url: `https://news.example.org/bench/${id}`,
    publisher: 'Bench Daily',
    agency: null,
    published: '2024-06-30T09:00:00Z',
    dateline: { place: 'Geneva', date: '2024-06-29' },
    editors: [],
    authors: [],
    paragraphs,
    file: null,
  };
}

/** The whole list of a command, over as many pages as it has (a page holds at most 25). */
function wholeList(engine: Engine, command: 'where' | 'when'): Answer {
  const answer = command === 'where' ? where : when;
  const first = answer(engine, '', { limit: 25 });
  const items = [...first.items];
  while (items.length < first.total) {
    const next = answer(engine, '', { limit: 25, offset: items.length });
    if (!next.items.length) break;
    items.push(...next.items);
  }
  return { ...first, items };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

/** Renders a picture RUNS times after two warm-up renders: p50, p99 and the PNG's size. */
function measure(
  engine: Engine,
  answer: Answer,
): { p50: number; p99: number; cpu: number; bytes: number; items: number } {
  enginePicture(engine, answer);
  enginePicture(engine, answer);
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const picture = enginePicture(engine, answer);
    const used = process.cpuUsage(cpuStarted);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
    bytes = picture?.data.length ?? 0;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    cpu: percentile(cpu, 50),
    bytes,
    items: answer.items.length,
  };
}

/** p50 of a Discord reply (the answer, its embed and, with `pictures`, the picture) over RUNS. */
function replyLatency(engine: Engine, command: CommandName, pictures: boolean): number {
  const services = { picture: pictureMaker({ enabled: pictures, logger: createLogger('silent') }) };
  const input = {
    text: '',
    isPrivate: false,
    mentionId: null,
    userId: '1',
    canManageGuild: false,
    now: Date.now(),
  };
  answerReply(engineCollection(engine), command, input, 0, services);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    answerReply(engineCollection(engine), command, input, 0, services);
    times.push(performance.now() - started);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

const seed = Engine.fromArticles(loadCorpus(join(ROOT, 'corpus')).articles);
const places = Engine.fromArticles([
  benchArticle(
    'bench-30-places',
    'Summit delegates arrive from thirty capitals',
    CAPITALS.map(
      (city, i) => `Delegates from ${city} arrived on the ${i + 1}th day of the talks, officials said.`,
    ),
  ),
]);
const dates = Engine.fromArticles([
  benchArticle(
    'bench-50-dates',
    'A year of council meetings',
    Array.from({ length: 50 }, (_, i) => {
      const month = MONTHS[i % 12] as string;
      const year = 2019 + Math.floor(i / 12);
      return `The council met on ${month} ${(i % 27) + 1}, ${year}, to discuss the budget.`;
    }),
  ),
]);

const f = (x: number) => x.toFixed(1);
const rows: string[] = [];
for (const [name, engine, command] of [
  ['seed /where', seed, 'where'],
  ['seed /when', seed, 'when'],
  ['30-place article /where', places, 'where'],
  ['50-date article /when', dates, 'when'],
] as const) {
  const m = measure(engine, wholeList(engine, command));
  rows.push(
    `| ${name} | ${m.items} | ${f(m.p50)} | ${f(m.p99)} | ${f(m.cpu)} | ${(m.bytes / 1024).toFixed(1)} |`,
  );
}
console.log(`Pictures (${RUNS} renders each, after a warm-up)`);
console.log('| answer | items drawn | render p50 ms | render p99 ms | CPU p50 ms | PNG KB |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log('');
console.log('| Discord reply (seed, a page of 6) | p50 ms without picture | p50 ms with picture |');
console.log('| --- | --- | --- |');
for (const command of ['where', 'when'] as const)
  console.log(
    `| /${command} | ${f(replyLatency(seed, command, false))} | ${f(replyLatency(seed, command, true))} |`,
  );
