import { join } from 'node:path';
import { SlashCommandBuilder } from 'discord.js';
import { Engine } from '../src/answer/engine.ts';
import { type CliIo, runCli } from '../src/cli/program.ts';
import type { Article } from '../src/corpus/article.ts';
import { loadCorpus } from '../src/corpus/loadCorpus.ts';
import { type SlashCommand, withCommonOptions } from '../src/discord/slashCommand.ts';

/** The project's real corpus folder. */
export const CORPUS_DIR = join(import.meta.dirname, '..', 'corpus');
/** A second article of our own, with other kinds of names (titles, initials, Western names). */
export const EXTRA_CORPUS_DIR = join(import.meta.dirname, 'fixtures', 'corpus-extra');

let seed: Engine | null = null;

/** An engine over a corpus folder, built without the prebuilt index (tests never write one by accident). */
export function loadEngine(dir: string): Engine {
  const { articles, problems } = loadCorpus(dir);
  return Engine.fromArticles(articles, problems);
}

/** The engine over the real corpus, built once per test file. */
export function seedEngine(): Engine {
  seed ??= loadEngine(CORPUS_DIR);
  return seed;
}

/** A tiny in-memory article for unit tests. */
export function article(id: string, paragraphs: string[], overrides: Partial<Article> = {}): Article {
  return {
    id,
    title: `Title of ${id}`,
    url: `https://news.example.org/${id}`,
    publisher: 'Example Daily',
    agency: null,
    published: '2024-10-16T10:42:00+08:00',
    dateline: { place: 'Changchun', date: '2024-10-15' },
    editors: [],
    authors: [],
    paragraphs,
    file: null,
    ...overrides,
  };
}

/** Runs the CLI with captured output (no terminal, no colour); the console and server do nothing. */
export async function runCliCaptured(args: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    color: false,
    env,
    startConsole: async () => {
      out += '(console)';
    },
    serve: async () => {},
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

/** A slash command whose handler throws: the error boundary's test case. */
export const failingCommand: SlashCommand = {
  data: withCommonOptions(new SlashCommandBuilder().setName('boom').setDescription('Always fails')),
  execute: () => {
    throw new Error('handler exploded');
  },
};
