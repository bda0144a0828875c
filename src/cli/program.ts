import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createColors } from 'picocolors';
import type { Answer, CommandName } from '../answer/answer.ts';
import { COMMAND_CATALOG } from '../answer/catalog.ts';
import type { Engine } from '../answer/engine.ts';
import { Engine as CorpusEngine } from '../answer/engine.ts';
import { MAX_LIMIT } from '../answer/items.ts';
import { run } from '../answer/run.ts';
import { type BotConfig, botConfig, type ServeConfig, serveConfig } from '../app/config.ts';
import { Ingester, IngestFailure, type IngestResult, type IngestSource } from '../app/ingest.ts';
import { type InsightsService, startInsights } from '../app/insights.ts';
import { LiveCorpus } from '../app/liveCorpus.ts';
import { openCorpus } from '../app/openCorpus.ts';
import type { ConsoleCorpus } from '../console/console.ts';
import { consoleCorpus } from '../console/consoleCorpus.ts';
import type { Article } from '../corpus/article.ts';
import { isoPublished, parseDateline } from '../corpus/ingestRaw.ts';
import { loadCorpus } from '../corpus/loadCorpus.ts';
import { evaluateClaims, parseClaimSet, renderClaimReport } from '../eval/claimEval.ts';
import { evaluate } from '../eval/evaluate.ts';
import { parseQuestionSet } from '../eval/questionSet.ts';
import { evaluateTyped, type TypedReport } from '../eval/typedEval.ts';
import { insightsText } from '../insights/insightsText.ts';
import { createLogger } from '../lib/log.ts';
import { parseAllowList } from '../lib/safeFetch.ts';
import { enginePicture, hasPicture } from '../render/answerPicture.ts';
import { renderText } from '../render/text.ts';
import { renderEvalReport } from './evalReport.ts';
import { addServersCommand } from './serversCommand.ts';
import { renderTypedReport } from './typedReport.ts';

/** Where the CLI writes, and whether it may colour its output: injected so tests can capture it. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
  env: NodeJS.ProcessEnv;
  /** The lines of standard input, for `ask --stdin` (one question per line). */
  lines?: () => AsyncIterable<string>;
  /** Prints an operator's line (a reload) above the console's prompt while it runs (see `printAbovePrompt`). */
  aboveConsole?: (line: string) => void;
  /** Starts the interactive console (kept out of this module so the CLI stays testable). */
  startConsole: (corpus: ConsoleCorpus) => Promise<void>;
  /** Starts the HTTP interactions endpoint and keeps it running until a signal. */
  serve: (config: ServeConfig) => Promise<void>;
}

/** citebot's version, from package.json. */
export const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** The exit code for bad arguments, as command-line tools use it. */
export const USAGE_ERROR = 2;

interface CommonOptions {
  json?: boolean;
  stdin?: boolean;
  corpus: string;
  limit?: number;
  offset?: number;
  article?: string;
  image?: string;
}

function positiveInt(max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, not "${value}"`);
    const n = Number(value);
    if (n < 1 || n > max) throw new InvalidArgumentError(`expected a number from 1 to ${max}`);
    return n;
  };
}

function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, not "${value}"`);
  return Number(value);
}

/** The --corpus option (every command that reads the articles has it): CORPUS_DIR, else ./corpus. */
function corpusOption(env: NodeJS.ProcessEnv): Option {
  return new Option('--corpus <dir>', 'folder of articles')
    .default(env.CORPUS_DIR || './corpus')
    .env('CORPUS_DIR');
}

/** Adds the options every subcommand has: --json, --corpus DIR, and --limit N where a list is printed. */
function withCommon(command: Command, env: NodeJS.ProcessEnv, lists = true): Command {
  command.option('--json', 'print the answer as JSON').addOption(corpusOption(env));
  if (lists)
    command.addOption(
      new Option('--limit <n>', `at most n items (1-${MAX_LIMIT})`).argParser(positiveInt(MAX_LIMIT)),
    );
  return command;
}

/**
 * Batch mode: answers each line of standard input as a question, with the corpus loaded once: one
 * JSON answer per line with --json (JSON Lines), else the text answers one after another.
 */
async function answerLines(engine: Engine, io: CliIo, options: CommonOptions): Promise<void> {
  if (!io.lines) throw new InvalidArgumentError('--stdin needs standard input');
  for await (const line of io.lines()) {
    // Every input line gets its output line, so output line N answers input line N.
    if (!line.trim()) {
      io.out(options.json ? `${JSON.stringify({ error: 'empty question' })}\n` : 'Empty question.\n');
      continue;
    }
    const answer = run(engine, 'ask', line, { limit: options.limit, offset: options.offset });
    io.out(options.json ? `${JSON.stringify(answer)}\n` : renderText(answer, { color: io.color }));
  }
}

/** Loads the corpus, reporting broken files on stderr (one line each); the rest still loads. */
function loadEngine(dir: string, io: CliIo): Engine {
  const { engine } = openCorpus(resolve(dir), {
    report: (line) => io.err(`${line}\n`),
    progressBar: io.color,
    env: io.env,
  });
  for (const p of engine.problems) io.err(`corpus: skipped ${p.file}: ${p.problem}\n`);
  return engine;
}

/**
 * Builds the `citebot` command line: one subcommand per engine command (who, where, when, themes, ask,
 * search, source), plus ingest, eval and console. Every subcommand takes --json, --corpus and --limit.
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('citebot')
    .description('Answers questions about a news event with sentences quoted from the articles, each cited.')
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(text) })
    .version(VERSION, '-V, --version', 'print the version')
    .exitOverride();

  for (const info of COMMAND_CATALOG) {
    // `ask --stdin` reads its questions from standard input, so there the question may be left out.
    const batch = info.name === 'ask';
    const arg =
      info.argument.required && !batch ? `<${info.argument.name}...>` : `[${info.argument.name}...]`;
    const sub = withCommon(program.command(info.name), io.env)
      .description(info.description)
      .argument(arg, info.argument.description)
      .addOption(new Option('--offset <n>', 'skip the first n items').argParser(nonNegativeInt));
    const lists = ['who', 'where', 'when', 'themes'].includes(info.name);
    if (lists) sub.option('--article <id>', 'only this article (ids: `citebot source --json`)');
    if (hasPicture(info.name))
      sub.option(
        '--image <file>',
        info.name === 'where'
          ? 'also write a locator map of the places (PNG)'
          : 'also write a timeline of the dates (PNG)',
      );
    if (batch)
      sub.option(
        '--stdin',
        'read one question per line from standard input (one answer per line with --json)',
      );
    sub.action(async (words: string[] | undefined, options: CommonOptions) => {
      // A required argument given empty (`ask ""`) is a usage error too, as a missing one is.
      if (info.argument.required && !options.stdin && !words?.join('').trim()) {
        const message = words?.length
          ? `error: the ${info.argument.name} is empty`
          : `error: missing required argument '${info.argument.name}' (or --stdin)`;
        io.err(`${message}\n`);
        throw new CommanderError(USAGE_ERROR, 'commander.missingArgument', message);
      }
      const engine = loadEngine(options.corpus, io);
      if (options.article !== undefined && !engine.article(options.article)) {
        const message = `error: option '--article <id>': no article "${options.article}" in the corpus (ids: citebot source --json)`;
        io.err(`${message}\n`);
        throw new CommanderError(USAGE_ERROR, 'commander.invalidArgument', message);
      }
      if (options.stdin) {
        await answerLines(engine, io, options);
        return;
      }
      const answer = run(engine, info.name as CommandName, (words ?? []).join(' '), {
        limit: options.limit,
        offset: options.offset,
        article: options.article,
      });
      if (options.image) writePicture(engine, answer, options, io);
      io.out(
        options.json
          ? `${JSON.stringify(answer, null, 2)}\n`
          : renderText(answer, {
              color: io.color,
              offset: options.offset ?? 0,
              more: (next) => `--offset ${next}`,
            }),
      );
    });
    sub.exitOverride();
  }

  withCommon(program.command('ingest'), io.env, false)
    .description(
      'Add an article to the corpus from a web address, an HTML file, plain text / Markdown, or People’s Daily Online’s text layout',
    )
    .argument('<source>', 'an http(s) address, or a file (.html, .txt, .md)')
    .addOption(
      new Option('--url <url>', 'the article’s address (required for a file)').argParser(httpAddress),
    )
    .option('--title <text>', 'the headline (when the source has none, or to correct it)')
    .addOption(
      new Option(
        '--published <date>',
        'publication date or ISO date-time (when the source gives none)',
      ).argParser(publishedOption),
    )
    .addOption(
      new Option('--dateline <place>', 'the dateline: "PLACE" or "PLACE, YYYY-MM-DD"').argParser(
        datelineOption,
      ),
    )
    .option('--publisher <name>', 'the outlet (default: from the page, else the address’s host)')
    .option('--utc-offset <offset>', 'UTC offset of a People’s Daily byline time', '+08:00')
    .option('--id <id>', 'corpus id (default: date and headline words)')
    .option('--force', 'write even when the corpus holds the article (overwrites a file of the same id)')
    .option('--dry-run', 'print what would be written, write nothing')
    .action(async (input: string, options: CommonOptions & Record<string, string | boolean | undefined>) => {
      const isAddress = /^https?:\/\//i.test(input);
      if (!isAddress && !options.url) {
        const message = "error: option '--url <url>' is required for a file (the article's address)";
        io.err(`${message}\n`);
        throw new CommanderError(USAGE_ERROR, 'commander.missingMandatoryOptionValue', message);
      }
      if (!options.dryRun && !existsSync(options.corpus))
        throw new CliFailure(`ingest: no corpus folder ${options.corpus}`);
      const fields = {
        title: options.title as string | undefined,
        published: options.published as string | undefined,
        publisher: options.publisher as string | undefined,
        dateline: options.dateline as string | undefined,
        id: options.id as string | undefined,
        utcOffset: options.utcOffset as string | undefined,
      };
      const source: IngestSource = isAddress
        ? { url: input, ...fields }
        : { url: options.url as string, file: { name: input, text: readInput(input, 'ingest') }, ...fields };
      let allowPrivate: string[];
      try {
        allowPrivate = parseAllowList(io.env.INGEST_ALLOW_PRIVATE);
      } catch (error) {
        throw new CliFailure(`ingest: INGEST_ALLOW_PRIVATE: ${(error as Error).message}`);
      }
      const ingester = new Ingester(options.corpus, () => corpusArticles(options.corpus), { allowPrivate });
      let result: IngestResult;
      try {
        result = await ingester.ingest(source, {
          dryRun: options.dryRun === true,
          overwrite: options.force === true,
        });
      } catch (error) {
        if (error instanceof IngestFailure) throw new CliFailure(`ingest: ${error.forOperator()}`);
        throw error;
      }
      if (result.status === 'duplicate')
        throw new CliFailure(
          `ingest: already in the corpus as ${result.file} ("${result.article.title}"; use --force to write it again)`,
        );
      const { file: _file, paragraphs, ...meta } = result.article;
      const summary = {
        ...meta,
        paragraphs: paragraphs.length,
        sentences: result.sentences,
        names: result.names,
        written: options.dryRun ? null : result.file,
      };
      if (options.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        const c = createColors(io.color);
        io.out(`${c.bold(result.article.title)}\n`);
        for (const [key, value] of Object.entries(summary)) {
          if (key !== 'title')
            io.out(`  ${key}: ${Array.isArray(value) ? value.join(', ') : JSON.stringify(value)}\n`);
        }
      }
    });

  program
    .command('eval-typed')
    .description(
      'Measure /who, /where, /when or /themes on a folder with corpus/ and gold.json (names, dates or key phrases)',
    )
    .argument('<folder>', 'a folder like ../shared/eval/ner-dev (read only: no index is written)')
    .option('--json', 'print the report as JSON')
    .addOption(
      new Option('--errors <n>', 'how many errors of each kind to list (default 12)').argParser(
        positiveInt(10_000),
      ),
    )
    .action((folder: string, options: { json?: boolean; errors?: number }) => {
      let report: TypedReport;
      try {
        report = evaluateTyped(resolve(folder), options.errors);
      } catch (error) {
        throw new CliFailure(`eval-typed: ${(error as Error).message}`);
      }
      io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderTypedReport(report, io.color));
    });

  withCommon(program.command('eval'), io.env)
    .description('Measure /ask on a question set: top-1, top-3 and MRR, next to plain MiniSearch')
    .argument('<questions.json>', 'a question set like tests/eval/dev-questions.json')
    .action((file: string, options: CommonOptions) => {
      const set = parseQuestionSet(readInput(file, 'eval'));
      const report = evaluate(loadEngine(options.corpus, io), set);
      io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderEvalReport(report, io.color));
    });

  program
    .command('eval-claims')
    .description(
      'Measure "Find sources" on a claim set: how often the first sentence is the one a claim is about, how often unrelated claims get nothing',
    )
    .argument('<claims.json>', 'a claim set like tests/fixtures/claims/claims.json')
    .option('--json', 'print the report as JSON')
    .action((file: string, options: { json?: boolean }) => {
      const set = parseClaimSet(readInput(file, 'eval-claims'));
      // The set names its corpus folders relative to the working directory (the project's root).
      const articles = set.corpora.flatMap((dir) => loadCorpus(resolve(dir)).articles);
      const report = evaluateClaims(CorpusEngine.fromArticles(articles), set);
      io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderClaimReport(report));
    });

  program
    .command('index')
    .description('Build the prebuilt index of the corpus (start-up then loads it instead of rebuilding)')
    .addOption(corpusOption(io.env))
    .option('--json', 'print the report as JSON')
    .option('--full', 'tag every article again (by default unchanged articles are taken from the old index)')
    .action((options: { corpus: string; json?: boolean; full?: boolean }) => {
      const opened = openCorpus(resolve(options.corpus), {
        report: (line) => io.err(`${line}\n`),
        progressBar: io.color,
        force: true,
        reuse: options.full !== true,
        env: io.env,
      });
      const report = {
        articles: opened.engine.articles.length,
        sentences: opened.engine.sentences.length,
        entities: opened.engine.knowledge.entities.length,
        dates: opened.engine.knowledge.dates.length,
        themes: opened.engine.knowledge.themes.length,
        file: opened.indexPath,
        bytes: opened.indexBytes,
        ms: opened.ms,
      };
      if (options.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
      else {
        for (const p of opened.engine.problems) io.err(`corpus: skipped ${p.file}: ${p.problem}\n`);
        io.out(
          `Indexed ${report.articles} article(s), ${report.sentences} sentences (${report.entities} entities, ${report.dates} dates, ${report.themes} themes) in ${report.ms} ms\n${report.file}: ${report.bytes ?? 'not written'} bytes\n`,
        );
      }
    });

  program
    .command('deploy')
    .description('Register the slash commands with Discord (guild scope for instant testing, else global)')
    .addOption(
      new Option('--guild <id>', 'register in this guild only (instant); without it, globally').argParser(
        (value: string) => {
          if (!/^\d{17,20}$/.test(value))
            throw new InvalidArgumentError('expected a server id (17 to 20 digits)');
          return value;
        },
      ),
    )
    .option('--dry-run', 'print the command definitions as JSON; needs no token')
    .option('--json', 'print the report as JSON')
    .action(async (options: { guild?: string; dryRun?: boolean; json?: boolean }) => {
      // discord.js is loaded only for this subcommand, so the others start faster.
      const { APP_COMMANDS } = await import('../../commands/index.ts');
      const { commandsJson, deployCommands, placesSummary } = await import('../discord/deploy.ts');
      const places = placesSummary(commandsJson(APP_COMMANDS));
      if (options.dryRun) {
        io.out(`${JSON.stringify(commandsJson(APP_COMMANDS), null, 2)}\n`);
        for (const line of places) io.err(`${line}\n`);
        return;
      }
      let config: BotConfig;
      try {
        config = botConfig(io.env);
      } catch (error) {
        throw new CliFailure((error as Error).message);
      }
      const report = await deployCommands({
        token: config.token,
        apiUrl: config.apiUrl,
        guildId: options.guild,
        commands: APP_COMMANDS,
      });
      if (options.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
      else {
        io.out(`Deployed ${APP_COMMANDS.length} commands (${report.scope}).\n`);
        for (const line of places) io.out(`  ${line}\n`);
        for (const kind of ['created', 'changed', 'removed', 'unchanged'] as const) {
          io.out(`  ${kind}: ${report[kind].length ? report[kind].join(', ') : '-'}\n`);
        }
        if (!options.guild) io.out('Global commands can take up to an hour to appear in every server.\n');
      }
    });

  addServersCommand(program, io);

  program
    .command('serve')
    .description('Answer Discord interactions over HTTP: POST /interactions, GET /healthz, GET /metrics')
    .addOption(
      new Option('--port <n>', 'port to listen on (default: PORT or 8787)').argParser(positiveInt(65_535)),
    )
    .addOption(corpusOption(io.env))
    .action(async (options: { port?: number; corpus: string }) => {
      const env: NodeJS.ProcessEnv = { ...io.env, CORPUS_DIR: options.corpus };
      if (options.port) env.PORT = String(options.port);
      let config: ServeConfig;
      try {
        config = serveConfig(env);
      } catch (error) {
        throw new CliFailure((error as Error).message);
      }
      await io.serve(config);
    });

  program
    .command('insights')
    .description('What members asked, what was answered, what is missing: from the question log')
    .option('--server <id>', 'one server (default: every server)')
    .addOption(new Option('--days <n>', 'the last n days (1-3650)').argParser(positiveInt(3650)).default(7))
    .option('--json', 'print the report as JSON')
    .option('--unanswered', 'only the /ask questions the articles could not answer')
    .addOption(
      new Option('--format <format>', 'with --unanswered: text, or a question set `citebot eval` reads')
        .choices(['text', 'questions'])
        .default('text'),
    )
    .addOption(corpusOption(io.env))
    .action(
      async (options: {
        server?: string;
        days: number;
        json?: boolean;
        unanswered?: boolean;
        format: 'text' | 'questions';
        corpus: string;
      }) => {
        if (options.server !== undefined && !/^\d{1,25}$/.test(options.server))
          throw new InvalidArgumentError(`--server expects a server id (digits), not "${options.server}"`);
        let service: InsightsService;
        try {
          service = startInsights(io.env, createLogger('silent'));
        } catch (error) {
          throw new CliFailure((error as Error).message);
        }
        const scope = options.server ? `server ${options.server}` : 'every server';
        try {
          if (options.unanswered) {
            const questions = await service.unanswered(options.server, options.days);
            if (options.format === 'questions') {
              const about = `Questions members asked with /ask in ${scope} over the last ${options.days} day(s) that the articles did not answer (citebot insights --unanswered), the most asked first. Add a "gold" to each once an article answers it.`;
              io.out(`${JSON.stringify({ about, questions }, null, 2)}\n`);
            } else if (options.json) io.out(`${JSON.stringify(questions, null, 2)}\n`);
            else
              io.out(
                questions.length
                  ? questions.map((q) => `${String(q.asked).padStart(4)}x ${q.q}\n`).join('')
                  : `No unanswered questions in ${scope} over the last ${options.days} day(s).\n`,
              );
            return;
          }
          const report = await service.report(options.server, options.days, loadEngine(options.corpus, io));
          io.out(
            options.json
              ? `${JSON.stringify({ scope: options.server ?? 'all', ...report }, null, 2)}\n`
              : insightsText(report, scope),
          );
        } catch (error) {
          throw new CliFailure(`insights: ${(error as Error).message}`);
        } finally {
          await service.close();
        }
      },
    );

  withCommon(program.command('console'), io.env)
    .description('Type the slash commands as in Discord, in the terminal')
    .action(async (options: CommonOptions) => {
      const dir = resolve(options.corpus);
      const report = io.aboveConsole ?? ((line: string) => io.err(`${line}\n`));
      const live = new LiveCorpus(dir, loadEngine(dir, io), report);
      if (io.env.WATCH_CORPUS?.toLowerCase() !== 'false') live.watch();
      try {
        await io.startConsole(consoleCorpus(live, io.env));
      } finally {
        live.stopWatching();
      }
    });

  return program;
}

/** Writes the picture of an answer to `--image FILE` (stderr says where), or fails in one line. */
function writePicture(engine: Engine, answer: Answer, options: CommonOptions, io: CliIo): void {
  const file = options.image as string;
  const picture = enginePicture(engine, answer, { offset: options.offset, article: options.article });
  if (!picture) throw new CliFailure(`${answer.command}: no picture: the answer has nothing to draw`);
  try {
    writeFileSync(file, picture.data);
  } catch (error) {
    throw new CliFailure(
      `${answer.command}: cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  io.err(`${file}: ${picture.width}x${picture.height} PNG, ${picture.data.length} bytes\n`);
}

/** An http(s) address option, else a usage error. */
function httpAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`expected an http(s) address, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError(`expected an http(s) address, not "${value}"`);
  return value;
}

/** A --published value: a real day (YYYY-MM-DD) or an ISO date-time with its offset, else a usage error. */
function publishedOption(value: string): string {
  if (!isoPublished(value))
    throw new InvalidArgumentError(
      `expected a date that exists (YYYY-MM-DD) or an ISO date-time such as 2024-10-16T10:42:00+08:00, not "${value}"`,
    );
  return value;
}

/** A --dateline value: "PLACE" or "PLACE, YYYY-MM-DD" with a day that exists, else a usage error. */
function datelineOption(value: string): string {
  if (!parseDateline(value, '2000-01-01'))
    throw new InvalidArgumentError(
      `expected "PLACE" or "PLACE, YYYY-MM-DD" (a day that exists), not "${value}"`,
    );
  return value;
}

/** The articles a corpus folder holds now (none when it cannot be read): what `ingest` checks for duplicates. */
function corpusArticles(dir: string): readonly Article[] {
  try {
    return loadCorpus(dir).articles;
  } catch {
    return [];
  }
}

/** Reads a file named on the command line, or fails in one line naming it. */
function readInput(file: string, command: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliFailure(
      `${command}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

/** A failure to report in one line with exit code 1 (a file that cannot be read, one that exists). */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 2 for bad arguments (one-line error and the
 * usage), 1 for failures (a broken corpus, an unreadable file), each reported in one line.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return 0;
      const sub = program.commands.find((c) => c.name() === argv[0]);
      io.err(`Usage: ${sub ? `citebot ${sub.name()} ${sub.usage()}` : `citebot ${program.usage()}`}\n`);
      return USAGE_ERROR;
    }
    io.err(`${(error as Error).message}\n`);
    return 1;
  }
}
