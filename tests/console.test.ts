import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Citebot } from '../src/answer/engine.ts';
import { completeLine, startConsole } from '../src/console/console.ts';
import { consoleReply } from '../src/console/consoleReply.ts';
import { seedCitebot } from './helpers.ts';

describe('console', () => {
  let bot: Citebot;
  beforeAll(() => {
    bot = seedCitebot();
  });

  it('answers slash commands as in Discord', () => {
    expect(consoleReply(bot, '/ask where was it held?').text).toMatch(/was held Monday in Changchun/);
    expect(consoleReply(bot, '/who').text).toContain('Liu Jianchao');
  });

  it('asks a line without a slash as a question', () => {
    expect(consoleReply(bot, 'who spoke at the conference?').text).toContain('Liu Jianchao');
  });

  it('lists the commands on /help and explains unknown or incomplete ones', () => {
    expect(consoleReply(bot, '/help').text).toMatch(/\/ask <question>[\s\S]*\/quit/);
    expect(consoleReply(bot, '/frob').text).toBe('Unknown command /frob. Type /help for the list.\n');
    expect(consoleReply(bot, '/ask').text).toMatch(/^\/ask needs question/);
  });

  it('leaves on /quit', () => {
    expect(consoleReply(bot, '/quit').quit).toBe(true);
  });

  it('completes command names and, after /who, names', () => {
    expect(completeLine(bot, '/wh')[0]).toEqual(['/who', '/where', '/when']);
    expect(completeLine(bot, '/who Liu')[0]).toContain('/who Liu Jianchao');
  });

  it('runs a session from a stream and ends on end of input (Ctrl-D)', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => {
      printed += chunk;
    });
    process.env.CITEBOT_HISTORY = '';
    const done = startConsole(bot, input, output);
    input.write('/where Changchun\n');
    input.write('/nonsense @everyone\n');
    input.end();
    await done;
    expect(printed).toContain('Changchun — the capital city of Jilin Province');
    expect(printed).toContain('Unknown command /nonsense');
  });
});
