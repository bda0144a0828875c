import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startProcess, stopAll } from './processes.ts';

/** A shell block the README marks as runnable: `<!-- runnable -->` on the line before its opening fence. */
const RUNNABLE = /<!-- runnable -->\s*\n```(?:sh|bash)\n([\s\S]*?)\n```/g;

/** The commands of the README's runnable blocks, one per line (comments after `#` and blank lines left out). */
function runnableCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const match of markdown.matchAll(RUNNABLE)) {
    for (const line of (match[1] ?? '').split('\n')) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command !== '' && !command.startsWith('#')) commands.push(command);
    }
  }
  return commands;
}

afterAll(stopAll);

describe('the README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const commands = runnableCommands(readme);

  it('is short enough to read in five minutes (at most 250 lines)', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
  });

  it('marks shell blocks as runnable, and the marker finds them', () => {
    expect(runnableCommands('<!-- runnable -->\n```sh\nnpm run -s cli -- who   # people\n\n```')).toEqual([
      'npm run -s cli -- who',
    ]);
    expect(runnableCommands('```sh\nnpm start\n```')).toEqual([]);
    expect(commands.length).toBeGreaterThan(3);
  });

  it.each(commands)('runs `%s` as printed, on the seed', async (command) => {
    // No token, no database URL: a newcomer's clone. The corpus is the seed in ./corpus.
    const run = startProcess('bash', ['-c', command], { NO_COLOR: '1', LOG_LEVEL: 'warn' });
    const code = await run.exit;
    await run.stop();
    expect(run.output(), run.output()).not.toMatch(/Error:|ENOENT|Unknown command/);
    expect(code, run.output()).toBe(0);
  });
});
