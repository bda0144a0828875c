import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { complete } from '../answer/complete.ts';
import type { Engine } from '../answer/engine.ts';
import type { ReloadResult } from '../app/liveCorpus.ts';
import { CONSOLE_COMMAND_NAMES, type ConsoleSession, consoleReply } from './consoleReply.ts';

/** How many lines of history are kept. */
const HISTORY_SIZE = 500;

/**
 * Where the console keeps its history between runs: CITEBOT_HISTORY, or ~/.citebot_history when it
 * is unset or empty (as every variable, empty counts as unset); `off` turns history off.
 */
export function historyFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.CITEBOT_HISTORY?.trim();
  if (configured?.toLowerCase() === 'off') return null;
  return configured || join(homedir(), '.citebot_history');
}

function loadHistory(file: string | null): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/**
 * Completes what one types: command names after "/"; after "/who ", "/where " or "/themes " the
 * names, places or themes of the corpus; after "/when " the days and the words that name them; in a
 * question (/ask, or a line without a slash) the last word, with the corpus's names, places and
 * themes; after "article:" the article ids.
 */
export function completeLine(engine: Engine, line: string): [string[], string] {
  const command = /^\/(\S*)$/.exec(line);
  if (command) {
    const hits = CONSOLE_COMMAND_NAMES.filter((n) => n.startsWith(command[1] ?? '')).map((n) => `/${n}`);
    return [hits, line];
  }
  const article = /(?:^|\s)article:(\S*)$/i.exec(line);
  if (article) {
    const partial = article[1] ?? '';
    const prefix = line.slice(0, line.length - partial.length);
    const ids = engine.articles.map((a) => a.id).filter((id) => id.startsWith(partial.toLowerCase()));
    return [ids.slice(0, 25).map((id) => prefix + id), line];
  }
  const withArg = /^\/(who|where|themes|when)\s+(.*)$/.exec(line);
  if (withArg) {
    const [, name, partial = ''] = withArg;
    const prefix = line.slice(0, line.length - partial.length);
    const values =
      name === 'when'
        ? dateValues(engine, partial)
        : complete(engine, name as 'who' | 'where' | 'themes', partial, 25);
    return [values.map((s) => prefix + s), line];
  }
  const question = /^(?:\/ask\s+|(?!\/))(.*?)(\S*)$/.exec(line);
  if (question && (question[2] ?? '').length > 0) {
    const last = question[2] ?? '';
    const prefix = line.slice(0, line.length - last.length);
    const lower = last.toLowerCase();
    const hits = complete(engine, 'ask', last, 25).filter((s) => s.toLowerCase().startsWith(lower));
    return [hits.map((s) => prefix + s), line];
  }
  return [[], line];
}

/** What /when completes: the corpus's days (ISO) and the words that name them ("Monday"), by prefix. */
function dateValues(engine: Engine, partial: string): string[] {
  const lower = partial.toLowerCase();
  const values = new Set<string>();
  for (const date of engine.knowledge.dates) {
    values.add(date.iso);
    for (const mention of date.mentions) values.add(mention.expression);
  }
  return [...values].filter((v) => v.toLowerCase().startsWith(lower)).slice(0, 25);
}

/** The console being typed in now, so that operator lines are printed above its prompt. */
let active: { rl: Interface; output: NodeJS.WritableStream; terminal: boolean } | null = null;

/**
 * Prints an operator's line (a reload, a skipped file) while the console may be waiting for input: on
 * a terminal the half-typed line is cleared, the line printed, and the prompt drawn again with what
 * was typed, as shells do; otherwise (and with no console open) it goes to standard error.
 */
export function printAbovePrompt(line: string): void {
  if (!active?.terminal) {
    process.stderr.write(`${line}\n`);
    return;
  }
  active.output.write(`\r\x1b[K${line}\n`);
  active.rl.prompt(true);
}

/** What the console answers from: the engine now, and a reload when the corpus is live. */
export interface ConsoleCorpus {
  readonly engine: Engine;
  reload?: () => Promise<ReloadResult>;
  /** Adds the article at an address (and a publication day the page may lack); resolves with the line to print. */
  ingest?: (address: string, published?: string) => Promise<string>;
}

/** The line the console prints after a reload. */
export function reloadLine(result: ReloadResult): string {
  return result.ok
    ? `Reloaded: ${result.articles} article(s), ${result.sentences} sentences in ${result.ms} ms${result.problems ? ` (${result.problems} file(s) skipped)` : ''}.\n`
    : `Reload failed, still answering from the previous articles: ${result.error}\n`;
}

/**
 * The interactive console: a prompt where one types the slash commands as in Discord and sees the same
 * answers, with completion and history. Any input is survived; Ctrl-D or /quit leaves.
 */
export function startConsole(
  corpus: ConsoleCorpus,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Promise<void> {
  const file = historyFile();
  const color = output.isTTY === true && !process.env.NO_COLOR;
  const rl = createInterface({
    input,
    output,
    prompt: 'citebot> ',
    history: loadHistory(file),
    historySize: HISTORY_SIZE,
    completer: (line: string) => completeLine(corpus.engine, line),
    terminal: output.isTTY === true,
  });
  output.write(
    `citebot console: ${corpus.engine.articles.length} article(s), ${corpus.engine.sentences.length} sentences. Type /help, or Ctrl-D to leave.\n`,
  );
  rl.prompt();
  const session: ConsoleSession = { last: null };
  let closed = false;
  const terminal = output.isTTY === true;
  active = { rl, output, terminal };
  // Ctrl-C clears a half-typed line (as shells do); on an empty line it leaves, as Ctrl-D does.
  rl.on('SIGINT', () => {
    if (rl.line.length === 0) {
      rl.close();
      return;
    }
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    output.write('^C\n');
    rl.prompt();
  });
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      const ingest = /^\/ingest(?:\s+(\S+))?(?:\s+(\d{4}-\d{2}-\d{2}))?\s*$/i.exec(line.trim());
      if (ingest && corpus.ingest) {
        const [, address, published] = ingest;
        if (!address) {
          output.write('Usage: /ingest <address> [YYYY-MM-DD when the page gives no date]\n');
          rl.prompt();
          return;
        }
        output.write(`Reading ${address}...\n`);
        void corpus.ingest(address, published).then((text) => {
          if (closed) return;
          output.write(text);
          rl.prompt();
        });
        return;
      }
      if (/^\/reload\s*$/i.test(line.trim()) && corpus.reload) {
        output.write(`Reloading the articles (${corpus.engine.articles.length} loaded now)...\n`);
        void corpus.reload().then((result) => {
          if (closed) return;
          output.write(reloadLine(result));
          rl.prompt();
        });
        return;
      }
      try {
        const reply = consoleReply(corpus.engine, line, color, session);
        if (file && line.trim()) {
          try {
            appendFileSync(file, `${line.replace(/\n/g, ' ').slice(0, 500)}\n`);
          } catch {
            // History is a convenience: an unwritable file must not stop the console.
          }
        }
        if (reply.quit) {
          rl.close();
          return;
        }
        output.write(reply.text);
      } catch (error) {
        output.write('Something went wrong with that input; the console keeps running.\n');
        process.stderr.write(`console: ${(error as Error).stack ?? String(error)}\n`);
      }
      rl.prompt();
    });
    rl.on('close', () => {
      closed = true;
      if (active?.rl === rl) active = null;
      output.write('\n');
      resolve();
    });
  });
}
