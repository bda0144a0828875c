import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/answer/ask.ts';
import type { Engine } from '../src/answer/engine.ts';
import { LiveCorpus } from '../src/app/liveCorpus.ts';
import { completeLine, historyFile, printAbovePrompt, startConsole } from '../src/console/console.ts';
import { consoleCorpus } from '../src/console/consoleCorpus.ts';
import { type ConsoleSession, consoleReply } from '../src/console/consoleReply.ts';
import { CORPUS_DIR, EXTRA_CORPUS_DIR, loadEngine, runCliCaptured, seedEngine } from './helpers.ts';

/** An input and an output stream for a console session, and what it printed so far. */
function streams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => {
    text += chunk;
  });
  return { input, output, printed: () => text };
}

describe('console', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = seedEngine();
  });

  it('answers slash commands as in Discord', () => {
    expect(consoleReply(engine, '/ask where was it held?').text).toMatch(/was held Monday in Changchun/);
    expect(consoleReply(engine, '/who').text).toContain('Liu Jianchao');
  });

  it('answers a question with mentions in it as the question without them, in every entry point', async () => {
    const plain = ask(engine, 'who spoke?');
    expect(plain.items.length).toBeGreaterThan(0);
    for (const message of ['<@123> who spoke?', 'who spoke? @everyone', '<@&5> <#6> who spoke?'])
      expect(ask(engine, message).items).toEqual(plain.items);
    // The reply's first line echoes the question as typed; the answer below it is the same.
    const body = (line: string) => consoleReply(engine, line).text.split('\n').slice(1).join('\n');
    expect(body('/ask <@123> who spoke?')).toBe(body('/ask who spoke?'));
    const cli = await runCliCaptured(['ask', 'who spoke? @everyone', '--json', '--corpus', CORPUS_DIR]);
    expect(JSON.parse(cli.out).items).toEqual(JSON.parse(JSON.stringify(plain.items)));
  });

  it('says how many of the results a list shows, and pages the rest with /more', () => {
    const session: ConsoleSession = { last: null };
    const first = consoleReply(engine, '/who', false, session).text;
    expect(first).toMatch(/1–10 of \d+; more: \/more/);
    const next = consoleReply(engine, '/more', false, session).text;
    expect(next).toMatch(/\[1\]|\[11\]|“/);
    expect(next).not.toBe(first);
    expect(consoleReply(engine, '/more', false, session).text).toMatch(/No more results \(\d+ in all\)/);
    expect(consoleReply(engine, '/more', false, { last: null }).text).toMatch(/run a command first/);
    // After an answer with nothing in it, there is nothing more either (not the same answer again).
    const empty: ConsoleSession = { last: null };
    consoleReply(engine, '/ask who won the world cup?', false, empty);
    expect(consoleReply(engine, '/more', false, empty).text).toBe('No more results (0 in all).\n');
  });

  it('links each cited item to its sentence in the article, as on Discord', () => {
    for (const command of ['/who', '/where', '/when', '/themes', '/source']) {
      expect(consoleReply(engine, command).text).toMatch(/https?:\/\/\S+#:~:text=/);
    }
  });

  it('shows the words that answer a question in the sentence, a date with its day', () => {
    expect(consoleReply(engine, '/ask on which day was the conference held?').text).toMatch(
      /Monday \(2024-10-14\)/,
    );
  });

  it('keeps history unless CITEBOT_HISTORY is "off" (empty counts as unset)', () => {
    expect(historyFile({ CITEBOT_HISTORY: '' })).toMatch(/\.citebot_history$/);
    expect(historyFile({})).toMatch(/\.citebot_history$/);
    expect(historyFile({ CITEBOT_HISTORY: 'off' })).toBeNull();
    expect(historyFile({ CITEBOT_HISTORY: '/tmp/h' })).toBe('/tmp/h');
  });

  it('asks a line without a slash as a question', () => {
    expect(consoleReply(engine, 'who spoke at the conference?').text).toContain('Liu Jianchao');
  });

  it('lists the commands on /help and explains unknown or incomplete ones', () => {
    expect(consoleReply(engine, '/help').text).toMatch(/\/ask <question>[\s\S]*\/quit/);
    expect(consoleReply(engine, '/frob').text).toBe('Unknown command /frob. Type /help for the list.\n');
    expect(consoleReply(engine, '/ask').text).toMatch(/^\/ask needs question/);
  });

  it('leaves on /quit', () => {
    expect(consoleReply(engine, '/quit').quit).toBe(true);
  });

  it('completes command names and, after /who, names', () => {
    expect(completeLine(engine, '/wh')[0]).toEqual(['/who', '/where', '/when']);
    expect(completeLine(engine, '/who Liu')[0]).toContain('/who Liu Jianchao');
  });

  it('lists /ingest and /reload in /help, with the article option and the keys', () => {
    const help = consoleReply(engine, '/help').text;
    expect(help).toMatch(/\/ingest <address> \[date\]/);
    expect(help).toMatch(/\/reload/);
    expect(help).toContain('article:<id or title words>');
  });

  it('takes article:<id or title words> on the list commands, as Discord does', () => {
    const extra = loadEngine(EXTRA_CORPUS_DIR);
    const [bridge] = extra.articles;
    const byWords = consoleReply(extra, '/who article:riverside bridge').text;
    expect(byWords).toMatch(/^Only “Riverside bridge reopens after repairs”:/);
    expect(byWords).toContain('Helen Brooks');
    expect(byWords).not.toContain('Zhang Qifa');
    const byId = consoleReply(extra, `/who article:${bridge?.id} Brooks`).text;
    expect(byId).toContain('Helen Brooks');
    expect(consoleReply(extra, '/where Wuhan article:riverside').text).not.toContain('Wuhan —');
    expect(consoleReply(extra, '/who article:no such thing').text).toBe(
      'No article matches “no such thing”. Give its id or words of its title (/source lists them).\n',
    );
  });

  it('completes values for /ask and /when too, and article ids', () => {
    expect(completeLine(engine, '/when Mon')[0]).toContain('/when Monday');
    expect(completeLine(engine, '/when 2024-10')[0]).toContain('/when 2024-10-14');
    expect(completeLine(engine, '/ask what did Liu')[0]).toContain('/ask what did Liu Jianchao');
    expect(completeLine(engine, '/who article:2024')[0]).toEqual([
      '/who article:20241016-foreign-guests-witness-progress-northeast',
    ]);
  });

  it('on a terminal, prints a log line above the prompt and draws the prompt again with what was typed', async () => {
    const { input, output, printed } = streams();
    Object.assign(output, { isTTY: true, columns: 120 });
    process.env.CITEBOT_HISTORY = 'off';
    const done = startConsole({ engine }, input, output);
    input.write('who spo');
    await new Promise((r) => setTimeout(r, 20));
    printAbovePrompt('corpus: reloaded 1 article(s)');
    const after = printed().slice(printed().lastIndexOf('corpus: reloaded 1 article(s)'));
    expect(after).toMatch(/^corpus: reloaded 1 article\(s\)\n[\s\S]*citebot> who spo/);
    // Ctrl-C clears the half-typed line and keeps the console; on an empty line it leaves.
    input.write('\x03');
    await new Promise((r) => setTimeout(r, 20));
    expect(printed()).toContain('^C\n');
    input.write('/where Changchun\r');
    // A terminal gets colour: read the text without its escape codes.
    const plain = () => stripVTControlCharacters(printed());
    for (let i = 0; i < 200 && !plain().includes('Changchun —'); i++)
      await new Promise((r) => setTimeout(r, 50));
    // Had the half-typed words stayed, the line would have been the question "who spo/where Changchun".
    expect(plain()).toContain('Changchun — the capital city of Jilin Province');
    input.write('\x03');
    await done;
  });

  it('runs a session from a stream and ends on end of input (Ctrl-D)', async () => {
    const { input, output, printed } = streams();
    process.env.CITEBOT_HISTORY = '';
    const done = startConsole({ engine }, input, output);
    input.write('/where Changchun\n');
    input.write('/nonsense @everyone\n');
    input.end();
    await done;
    expect(printed()).toContain('Changchun — the capital city of Jilin Province');
    expect(printed()).toContain('Unknown command /nonsense');
  });

  it('reloads on /reload when the corpus is live, says what it loaded, and keeps answering', async () => {
    const { input, output, printed } = streams();
    process.env.CITEBOT_HISTORY = 'off';
    let reloads = 0;
    const live = {
      engine,
      reload: async () => {
        reloads++;
        return {
          ok: true,
          articles: 2,
          sentences: 30,
          problems: 0,
          ms: 12,
          how: 'in place' as const,
          tagged: 1,
          removed: 0,
          error: null,
        };
      },
    };
    const done = startConsole(live, input, output);
    input.write('/reload\n');
    await new Promise((r) => setTimeout(r, 50));
    input.write('/who\n');
    input.end();
    await done;
    expect(reloads).toBe(1);
    expect(printed()).toContain('Reloading the articles (1 loaded now)...');
    expect(printed()).toContain('Reloaded: 2 article(s), 30 sentences in 12 ms.');
    expect(printed()).toContain('Liu Jianchao');
  });

  it('names INGEST_ALLOW_PRIVATE when /ingest refuses a private address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-console-'));
    copyFileSync(
      join(CORPUS_DIR, '20241016-foreign-guests-witness-progress-northeast.md'),
      join(dir, 'seed.md'),
    );
    const live = new LiveCorpus(dir, engine, () => {});
    const reply = await consoleCorpus(live, {}).ingest?.('http://10.1.2.3/story');
    expect(reply).toBe(
      'Could not fetch http://10.1.2.3/story: 10.1.2.3 is a private address; INGEST_ALLOW_PRIVATE=10.1.2.3 allows it (addresses or CIDR ranges, comma-separated).\n',
    );
  });

  it('adds an article with /ingest <address> [date], and shows how to use it without one', async () => {
    const { input, output, printed } = streams();
    process.env.CITEBOT_HISTORY = 'off';
    const asked: Array<[string, string | undefined]> = [];
    const live = {
      engine,
      ingest: async (address: string, published?: string) => {
        asked.push([address, published]);
        return 'Added “Harbour bridge closes” (Coastal Times, 2025-03-04). Answering from it now.\n';
      },
    };
    const done = startConsole(live, input, output);
    input.write('/ingest\n');
    input.write('/ingest https://news.example.org/bridge 2025-03-04\n');
    await new Promise((r) => setTimeout(r, 50));
    input.end();
    await done;
    expect(printed()).toContain('Usage: /ingest <address> [YYYY-MM-DD when the page gives no date]');
    expect(asked).toEqual([['https://news.example.org/bridge', '2025-03-04']]);
    expect(printed()).toContain('Reading https://news.example.org/bridge...');
    expect(printed()).toContain(
      'Added “Harbour bridge closes” (Coastal Times, 2025-03-04). Answering from it now.',
    );
  });

  it('says /reload is not available where nothing can be reloaded', () => {
    expect(consoleReply(engine, '/reload').text).toBe('Reloading is not available here.\n');
  });
});
