import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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
 * Completes what one types: command names after "/", and after "/who ", "/where " or "/themes "
 * the names, places or themes of the corpus.
 */
export function completeLine(engine: Engine, line: string): [string[], string] {
  const command = /^\/(\S*)$/.exec(line);
  if (command) {
    const hits = CONSOLE_COMMAND_NAMES.filter((n) => n.startsWith(command[1] ?? '')).map((n) => `/${n}`);
    return [hits, line];
  }
  const withArg = /^\/(who|where|themes)\s+(.*)$/.exec(line);
  if (withArg) {
    const [, name, partial = ''] = withArg;
    const prefix = line.slice(0, line.length - partial.length);
    const hits = complete(engine, name as 'who' | 'where' | 'themes', partial, 25).map((s) => prefix + s);
    return [hits, line];
  }
  return [[], line];
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
      output.write('\n');
      resolve();
    });
  });
}
