import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE_ERROR } from '../src/cli/program.ts';
import { loadCorpus } from '../src/corpus/loadCorpus.ts';
import { CORPUS_DIR, EXTRA_CORPUS_DIR, runCliCaptured } from './helpers.ts';

const cli = runCliCaptured;

const seedRaw = join(import.meta.dirname, 'fixtures', 'raw', 'seed-article.txt');

describe('citebot CLI', () => {
  it.each([
    ['where', 800, 500],
    ['when', 800, null],
  ] as const)(
    'writes the picture of `%s --image FILE` as a PNG and still prints the answer',
    async (name, width, height) => {
      const file = join(mkdtempSync(join(tmpdir(), 'citebot-image-')), `${name}.png`);
      const { code, out, err } = await cli([name, '--image', file, '--corpus', CORPUS_DIR]);
      expect(code).toBe(0);
      expect(out).toContain(`/${name}`);
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(width);
      if (height) expect(png.readUInt32BE(20)).toBe(height);
      expect(err).toContain(`${file}: ${width}x`);
    },
  );

  it('refuses --image where there is nothing to draw, and on commands without pictures', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'citebot-image-')), 'none.png');
    const nothing = await cli(['where', 'Atlantis', '--image', file, '--corpus', CORPUS_DIR]);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toMatch(/^where: no picture: the answer has nothing to draw$/m);
    expect(() => readFileSync(file)).toThrow();
    expect((await cli(['who', '--image', file, '--corpus', CORPUS_DIR])).code).toBe(USAGE_ERROR);
  });

  it('answers one question per line of standard input with ask --stdin --json (JSON Lines)', async () => {
    let out = '';
    const { runCli } = await import('../src/cli/program.ts');
    const code = await runCli(['ask', '--stdin', '--json', '--corpus', CORPUS_DIR], {
      out: (t) => {
        out += t;
      },
      err: () => {},
      color: false,
      env: {},
      startConsole: async () => {},
      serve: async () => {},
      lines: async function* () {
        yield 'who spoke?';
        yield '';
        yield 'who won the world cup?';
      },
    });
    expect(code).toBe(0);
    const answers = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    // One output line per input line: the empty line gets an error object in its place.
    expect(answers).toHaveLength(3);
    expect(answers[1]).toEqual({ error: 'empty question' });
    expect([answers[0].query, answers[2].query]).toEqual(['who spoke?', 'who won the world cup?']);
    expect(answers[0].items[0].answer.text).toBe('Liu Jianchao');
    expect(answers[2].items).toEqual([]);
  });

  it('prints its version with --version (exit 0)', async () => {
    const { code, out } = await cli(['--version']);
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('offers only the options that mean something: ingest has no --limit', async () => {
    const { out } = await cli(['ingest', '--help']);
    expect(out).not.toContain('--limit');
  });

  it('says how many results there are and how to see more, and when there are no more', async () => {
    const listed = await cli(['who', '--corpus', CORPUS_DIR]);
    expect(listed.out).toMatch(/1–10 of (\d+); more: --offset 10/);
    const past = await cli(['who', '--offset', '500', '--corpus', CORPUS_DIR]);
    expect(past.out).toMatch(/No more results \(\d+ in all\)/);
    expect(past.out).not.toMatch(/Try:/);
  });

  it('refuses ask with neither a question nor --stdin (exit 2)', async () => {
    const { code, err } = await cli(['ask', '--corpus', CORPUS_DIR]);
    expect(code).toBe(USAGE_ERROR);
    expect(err).toMatch(/question/);
  });

  it('refuses an empty question or search as a usage error (exit 2), as a missing one', async () => {
    for (const args of [
      ['ask', ''],
      ['ask', ' ', ' '],
      ['search', ''],
    ]) {
      const { code, err, out } = await cli([...args, '--corpus', CORPUS_DIR]);
      expect(code).toBe(USAGE_ERROR);
      expect(err.split('\n')[0]).toMatch(/^error: the (question|words) is empty$/);
      expect(out).toBe('');
    }
  });

  it('says in one line when a long question was read only in part', async () => {
    const long = `${'where was the conference held? '.repeat(170)}`.trim();
    const text = await cli(['ask', long, '--corpus', CORPUS_DIR]);
    expect(text.code).toBe(0);
    expect(text.out.split('\n')[1]).toBe(
      `Only the first 240 of its ${long.length.toLocaleString('en-US')} characters were read.`,
    );
    const json = JSON.parse((await cli(['ask', long, '--json', '--corpus', CORPUS_DIR])).out);
    expect(json.queryLength).toBe(long.length);
    expect(json.query.length).toBeLessThanOrEqual(240);
    const short = JSON.parse(
      (await cli(['ask', 'where was it held?', '--json', '--corpus', CORPUS_DIR])).out,
    );
    expect(short).not.toHaveProperty('queryLength');
  });

  it('prints exactly the answer data with --json', async () => {
    const { code, out } = await cli([
      'ask',
      'where',
      'was',
      'it',
      'held?',
      '--json',
      '--corpus',
      CORPUS_DIR,
      '--limit',
      '1',
    ]);
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    expect(Object.keys(answer)).toEqual(['command', 'query', 'items', 'total', 'suggestions']);
    expect(answer.command).toBe('ask');
    expect(answer.query).toBe('where was it held?');
    expect(answer.items).toHaveLength(1);
    expect(Object.keys(answer.items[0])).toEqual([
      'kind',
      'label',
      'detail',
      'text',
      'citations',
      'score',
      'answer',
    ]);
    expect(Object.keys(answer.items[0].answer)).toEqual(['text', 'start', 'end', 'iso']);
    expect(Object.keys(answer.items[0].citations[0])).toEqual([
      'article',
      'title',
      'url',
      'paragraph',
      'sentence',
    ]);
  });

  it('lists one article with --article, each item typed by kind', async () => {
    const bridge = '20240312-riverside-bridge-reopens';
    const { code, out } = await cli(['who', '--json', '--corpus', EXTRA_CORPUS_DIR, '--article', bridge]);
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    expect(answer.items.length).toBeGreaterThan(0);
    for (const item of answer.items) {
      expect(['person', 'organization', 'group']).toContain(item.kind);
      for (const citation of item.citations) expect(citation.article).toBe(bridge);
    }
    const other = await cli(['who', '--json', '--corpus', EXTRA_CORPUS_DIR, '--article', 'no-such-article']);
    expect(other.code).toBe(USAGE_ERROR);
    expect(other.err).toMatch(/no article "no-such-article" in the corpus/);
  });

  it('scores typed answers against a gold file (eval-typed), next to the raw library', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-typed-'));
    mkdirSync(join(dir, 'corpus'));
    copyFileSync(
      join(EXTRA_CORPUS_DIR, '20240312-riverside-bridge-reopens.md'),
      join(dir, 'corpus', 'bridge.md'),
    );
    const gold = {
      documents: {
        '20240312-riverside-bridge-reopens': {
          PER: ['Helen Brooks', 'Brooks', 'Daniel Ortiz', "Sarah O'Neil"],
          ORG: ['Massachusetts Department of Transportation', 'Northeastern University'],
          LOC: ['Boston', 'Chelsea', 'Charlestown'],
        },
      },
    };
    writeFileSync(join(dir, 'gold.json'), JSON.stringify(gold));
    const { code, out } = await cli(['eval-typed', dir, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.set).toBe('names');
    expect(report.rows.map((r: { command: string }) => r.command)).toEqual(['who', 'where']);
    const who = report.rows[0];
    expect(who.citebot.gold).toBe(5); // "Brooks" stands for "Helen Brooks"
    expect(who.citebot.matched).toBeGreaterThanOrEqual(4);
    expect(who.baselineName).toMatch(/compromise/);
    expect(readdirSync(join(dir, 'corpus'))).toEqual(['bridge.md']); // nothing written beside the corpus
  });

  it('prints readable text without colour when not on a terminal', async () => {
    const { code, out } = await cli(['who', '--corpus', CORPUS_DIR]);
    expect(code).toBe(0);
    expect(out).toContain('Liu Jianchao — head of the International Department');
    expect(out).not.toContain('\u001b[');
  });

  it('reads the corpus folder from CORPUS_DIR', async () => {
    const { code, out } = await cli(['source'], { CORPUS_DIR });
    expect(code).toBe(0);
    expect(out).toContain('Foreign guests witness progress in northeast China');
  });

  it('exits 2 with a one-line error and the usage for bad arguments', async () => {
    for (const args of [
      ['ask'],
      ['who', '--limit', 'many'],
      ['who', '--limit', '0'],
      ['frobnicate'],
      ['who', '--bogus'],
    ]) {
      const { code, err } = await cli([...args, '--corpus', CORPUS_DIR]);
      expect(code).toBe(USAGE_ERROR);
      const lines = err.trim().split('\n');
      expect(lines[0]).toMatch(/^error: /);
      expect(lines.at(-1)).toMatch(/^Usage: citebot /);
    }
  });

  it('shows --help for every subcommand', async () => {
    for (const sub of [
      'who',
      'where',
      'when',
      'themes',
      'ask',
      'search',
      'source',
      'ingest',
      'eval',
      'console',
    ]) {
      const { code, out } = await cli([sub, '--help']);
      expect(code).toBe(0);
      expect(out).toContain('--json');
      expect(out).toContain('--corpus');
      if (sub !== 'ingest') expect(out).toContain('--limit');
    }
  });

  it('fails in one line when the corpus has no valid article', async () => {
    const { code, err } = await cli(['who', '--corpus', mkdtempSync(join(tmpdir(), 'citebot-empty-'))]);
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^corpus: no valid articles/);
  });

  it('ingests a raw article into a corpus file that loads and answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-ingest-'));
    const url = 'http://en.people.cn/n3/2024/1016/c90000-20230054.html';
    const { code, out } = await cli([
      'ingest',
      seedRaw,
      '--url',
      url,
      '--publisher',
      "People's Daily Online",
      '--corpus',
      dir,
    ]);
    expect(code).toBe(0);
    expect(out).toContain('Foreign guests witness progress in northeast China');
    expect(out).toContain('paragraphs: 6');
    expect(readdirSync(dir)).toHaveLength(1);
    const asked = await cli(['ask', 'who', 'spoke?', '--json', '--corpus', dir]);
    expect(JSON.parse(asked.out).items[0].citations[0].url).toBe(url);
    const again = await cli(['ingest', seedRaw, '--url', url, '--corpus', dir]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^ingest: already in the corpus as .*\.md \("Foreign guests witness progress in northeast China"; use --force/,
    );
    const forced = await cli(['ingest', seedRaw, '--url', url, '--corpus', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('writes nothing when a raw article cannot be parsed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-ingest-'));
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, readFileSync(seedRaw, 'utf8').replace('CHANGCHUN, Oct. 15 (Xinhua) -- ', ''));
    const { code, err } = await cli(['ingest', bad, '--url', 'https://x.org/a', '--corpus', dir]);
    expect(code).toBe(1);
    expect(err).toMatch(/bad\.txt:5: expected a dateline/);
    expect(readdirSync(dir)).toEqual(['bad.txt']);
  });

  it('refuses a publication date or dateline day that does not exist: exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-ingest-'));
    const story = join(dir, 'story.txt');
    writeFileSync(
      story,
      'Harbor town opens new ferry\n\nThe new ferry sailed on Monday with 40 passengers aboard.\n',
    );
    for (const date of ['2025-13-45', '2025-02-30', '2025-02-30T10:00:00Z']) {
      const { code, err } = await cli([
        'ingest',
        story,
        '--url',
        'https://e.org/x',
        '--published',
        date,
        '--corpus',
        dir,
      ]);
      expect(code).toBe(2);
      expect(err).toContain(`error: option '--published <date>' argument '${date}' is invalid`);
    }
    const dateline = await cli([
      'ingest',
      story,
      '--url',
      'https://e.org/x',
      '--published',
      '2025-02-03',
      '--dateline',
      'Harbor, 2025-02-30',
      '--corpus',
      dir,
    ]);
    expect(dateline.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['story.txt']);
    const ok = await cli([
      'ingest',
      story,
      '--url',
      'https://e.org/x',
      '--published',
      '2024-02-29',
      '--corpus',
      dir,
    ]);
    expect(ok.code).toBe(0);
    expect(loadCorpus(dir).problems).toEqual([]);
  });

  it('checks what it writes with the loader’s schema: an id the loader refuses is refused, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-ingest-'));
    const story = join(dir, 'story.txt');
    writeFileSync(
      story,
      'Harbor town opens new ferry\n\nThe new ferry sailed on Monday with 40 passengers aboard.\n',
    );
    const { code, err } = await cli([
      'ingest',
      story,
      '--url',
      'https://e.org/x',
      '--published',
      '2025-02-03',
      '--id',
      'Ferry_Story',
      '--corpus',
      dir,
    ]);
    expect(code).toBe(1);
    expect(err).toBe(
      'ingest: The article read from it would not load: front matter field "id": expected lower-case letters, digits and dashes.\n',
    );
    expect(readdirSync(dir)).toEqual(['story.txt']);
  });

  it('evaluates a question set next to plain MiniSearch', async () => {
    const { code, out } = await cli([
      'eval',
      join(import.meta.dirname, 'eval', 'dev-questions.json'),
      '--corpus',
      CORPUS_DIR,
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/top-1\s+\d\.\d{3}\s+\d\.\d{3}/);
    expect(out).toMatch(/typed checks: \d+\/\d+ passed/);
    // Its gold is a piece of the answering sentence, not an answer span: no span score is printed.
    expect(out).not.toContain('answer span');
  });

  it('runs eval-typed on the example set it ships, and says what a folder lacks', async () => {
    const example = join(import.meta.dirname, 'fixtures', 'typed-example');
    const { code, out } = await cli(['eval-typed', example, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ set: 'names', articles: 2 });
    expect(report.rows.map((r: { command: string }) => r.command)).toEqual(['who', 'where']);
    const missing = await cli(['eval-typed', join(tmpdir(), 'no-such-eval-set')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      /^eval-typed: \S+no-such-eval-set is not an evaluation set: expected a folder with corpus\/ and gold\.json \(an example: tests\/fixtures\/typed-example\)\n$/,
    );
  });

  it('scores answer spans when the set’s gold is the answer’s words (the default, as in SQuAD)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-eval-'));
    const file = join(dir, 'answers.json');
    writeFileSync(
      file,
      JSON.stringify({ questions: [{ q: 'Where was the conference held?', gold: 'Changchun' }] }),
    );
    const { code, out } = await cli(['eval', file, '--corpus', CORPUS_DIR]);
    expect(code).toBe(0);
    expect(out).toMatch(/answer span: exact match \d\.\d{3}, F1 \d\.\d{3}/);
  });
});
