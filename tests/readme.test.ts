import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/** The markdown files whose links must resolve: the README, the changelog and every page of docs/. */
const PAGES = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a markdown file's headings (fenced code left out). */
function anchorsIn(markdown: string): Set<string> {
  const text = markdown.replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1] ?? '')));
}

/** Every relative link of a markdown file (images included), outside fenced code: [file, anchor]. */
function linksIn(markdown: string): { target: string; anchor: string | null }[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((href) => !/^[a-z]+:/i.test(href))
    .map((href) => {
      const [target = '', anchor] = href.split('#');
      return { target, anchor: anchor ?? null };
    });
}

describe('the README and docs links', () => {
  it('finds a broken link or anchor (the check can fail)', () => {
    expect(anchorOf('The HTTP interactions endpoint (`citebot serve`)')).toBe(
      'the-http-interactions-endpoint-citebot-serve',
    );
    expect(linksIn('see [a](docs/x.md#part), [b](https://e.org), `[c](y.md)`')).toEqual([
      { target: 'docs/x.md', anchor: 'part' },
    ]);
    expect(linksIn(readFileSync(join(ROOT, 'README.md'), 'utf8')).length).toBeGreaterThan(5);
  });

  it.each(PAGES)('%s links only to files and headings that exist', (page) => {
    const here = dirname(join(ROOT, page));
    for (const { target, anchor } of linksIn(readFileSync(join(ROOT, page), 'utf8'))) {
      const file = target === '' ? join(ROOT, page) : resolve(here, target);
      expect(existsSync(file), `${page} links to ${target}`).toBe(true);
      if (anchor !== null && file.endsWith('.md')) {
        expect([...anchorsIn(readFileSync(file, 'utf8'))], `${page} links to ${target}#${anchor}`).toContain(
          anchor,
        );
      }
    }
  });
});
