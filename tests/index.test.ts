import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ask } from '../src/answer/ask.ts';
import { run } from '../src/answer/run.ts';
import { where, who } from '../src/answer/who.ts';
import { indexLocation } from '../src/app/indexLocation.ts';
import { LiveCorpus } from '../src/app/liveCorpus.ts';
import { openCorpus } from '../src/app/openCorpus.ts';
import { buildThreads, extractInParallel, PARALLEL_FROM } from '../src/app/parallelExtract.ts';
import { cacheLimits, DEFAULT_CACHE_LIMITS, pruneCache } from '../src/app/pruneCache.ts';
import { syntheticArticles } from '../src/bench/syntheticCorpus.ts';
import type { Article } from '../src/corpus/article.ts';
import { articleKeyOf, extractArticle } from '../src/extract/knowledge.ts';
import { INDEX_FILE } from '../src/snapshot/indexFile.ts';
import { CORPUS_DIR, EXTRA_CORPUS_DIR } from './helpers.ts';

const SEED = join(CORPUS_DIR, '20241016-foreign-guests-witness-progress-northeast.md');
const EXTRA = join(EXTRA_CORPUS_DIR, '20240312-riverside-bridge-reopens.md');

function corpusWith(...files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-index-'));
  for (const file of files) copyFileSync(file, join(dir, file.split('/').at(-1) as string));
  return dir;
}

function open(dir: string) {
  const lines: string[] = [];
  const opened = openCorpus(dir, { report: (line) => lines.push(line) });
  return { ...opened, lines };
}

describe('prebuilt index', () => {
  it('is built once, then loaded, and answers the same', () => {
    const dir = corpusWith(SEED);
    const first = open(dir);
    expect(first.from).toBe('built');
    expect(first.indexBytes).toBeGreaterThan(0);
    const second = open(dir);
    expect(second.from).toBe('index');
    expect(second.lines).toEqual([]);
    expect(ask(second.engine, 'Where was the conference held?')).toEqual(
      ask(first.engine, 'Where was the conference held?'),
    );
    expect(who(second.engine)).toEqual(who(first.engine));
  });

  it('is rebuilt when an article is added, changed or removed', () => {
    const dir = corpusWith(SEED);
    open(dir);
    copyFileSync(EXTRA, join(dir, 'extra.md'));
    const added = open(dir);
    expect(added.from).toBe('built');
    expect(added.lines[0]).toBe('index: the corpus or the code changed; rebuilding the index');
    expect(added.engine.articles).toHaveLength(2);
    rmSync(join(dir, 'extra.md'));
    expect(open(dir).engine.articles).toHaveLength(1);
  });

  it('detects a truncated or corrupt file in one line and rebuilds it', () => {
    const dir = corpusWith(SEED);
    open(dir);
    const path = indexLocation(dir);
    const size = readFileSync(path).length;
    truncateSync(path, size - 100);
    const truncated = open(dir);
    expect(truncated.from).toBe('built');
    expect(truncated.lines[0]).toMatch(/^index: .* is truncated \(\d+ of \d+ bytes\); rebuilding it$/);
    // A flipped byte in the snapshot, just after the header line.
    const bytes = readFileSync(path);
    const at = bytes.indexOf(10) + 50;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    const corrupt = open(dir);
    expect(corrupt.lines[0]).toMatch(/is corrupt \(checksum mismatch\); rebuilding it$/);
    expect(who(corrupt.engine).items[0]?.label).toBe('Liu Jianchao');
    expect(open(dir).from).toBe('index');
  });

  it('says a file under its name that is no citebot index is not one, and replaces it', () => {
    const dir = corpusWith(SEED);
    const env = { CORPUS_DIR: dir };
    writeFileSync(join(dir, INDEX_FILE), 'garbage\n');
    const lines: string[] = [];
    const opened = openCorpus(dir, { report: (line) => lines.push(line), env });
    expect(opened.from).toBe('built');
    expect(lines[0]).toBe(
      `index: ${join(dir, INDEX_FILE)} is not a citebot index file; replacing it with a new index`,
    );
    expect(openCorpus(dir, { report: () => {}, env }).from).toBe('index');
  });
});

describe('live corpus', () => {
  it('forgets a broken file once it is deleted: the next reload reports nothing skipped', async () => {
    const dir = corpusWith(SEED);
    writeFileSync(join(dir, 'broken.md'), '---\ntitle: no id\n---\n\nA body.\n');
    const lines: string[] = [];
    const opened = open(dir);
    const live = new LiveCorpus(dir, opened.engine, (line) => lines.push(line), {
      stamps: opened.stamps,
      extracts: opened.extracts,
    });
    expect(live.engine.problems.map((p) => basename(p.file))).toEqual(['broken.md']);
    rmSync(join(dir, 'broken.md'));
    lines.length = 0;
    const result = await live.reload();
    expect(result.problems).toBe(0);
    expect(live.engine.problems).toEqual([]);
    expect(lines.filter((line) => line.includes('skipped'))).toEqual([]);
    expect(who(live.engine).items[0]?.label).toBe('Liu Jianchao');
    expect((await live.reload()).problems).toBe(0);
  });

  it('picks up a new article on reload, answering from the old corpus meanwhile', async () => {
    const dir = corpusWith(SEED);
    const live = new LiveCorpus(dir, open(dir).engine, () => {});
    copyFileSync(EXTRA, join(dir, 'extra.md'));
    const reloading = live.reload();
    expect(live.reloading).toBe(true);
    expect(live.engine.articles).toHaveLength(1);
    expect(where(live.engine, 'Changchun').items.length).toBeGreaterThan(0);
    const result = await reloading;
    expect(result).toMatchObject({ ok: true, articles: 2, problems: 0 });
    expect(who(live.engine, 'Helen Brooks').items[0]?.label).toBe('Helen Brooks');
  });

  it('reports a broken new file and keeps the rest; keeps the old corpus when nothing is valid', async () => {
    const dir = corpusWith(SEED);
    const reports: string[] = [];
    const live = new LiveCorpus(dir, open(dir).engine, (line) => reports.push(line));
    writeFileSync(join(dir, 'broken.md'), '---\nid: [\n---\nno');
    const result = await live.reload();
    expect(result).toMatchObject({ ok: true, articles: 1, problems: 1 });
    expect(reports.some((r) => /skipped .*broken\.md: front matter is not valid YAML/.test(r))).toBe(true);
    rmSync(join(dir, '20241016-foreign-guests-witness-progress-northeast.md'));
    const empty = await live.reload();
    expect(empty.ok).toBe(false);
    expect(empty.error).toMatch(/no valid articles/);
    expect(live.engine.articles).toHaveLength(1);
  });

  it('reloads by itself when a file in the folder changes (debounced)', async () => {
    const dir = corpusWith(SEED);
    const reports: string[] = [];
    const live = new LiveCorpus(dir, open(dir).engine, (line) => reports.push(line));
    const stop = live.watch(100);
    try {
      copyFileSync(EXTRA, join(dir, 'extra.md'));
      const deadline = Date.now() + 30_000;
      while (live.engine.articles.length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(live.engine.articles).toHaveLength(2);
      expect(reports.some((r) => r === 'corpus: extra.md changed; reloading')).toBe(true);
    } finally {
      stop();
    }
  });
});

describe('in-place reload', () => {
  const RICE = join(EXTRA_CORPUS_DIR, '20250321-scientists-unveil-new-drought-resistant-rice.md');
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
  /** An answer with its scores rounded (BM25's average length is updated, not recomputed, in place). */
  const rounded = (answer: ReturnType<typeof run>) =>
    plain({ ...answer, items: answer.items.map((i) => ({ ...i, score: Math.round(i.score * 1e6) })) });

  it('adds, changes and removes articles in the running index, answering exactly as a fresh build', async () => {
    const dir = corpusWith(SEED, EXTRA);
    const opened = open(dir);
    const reports: string[] = [];
    const live = new LiveCorpus(dir, opened.engine, (line) => reports.push(line), {
      stamps: opened.stamps,
      extracts: opened.extracts,
    });
    copyFileSync(RICE, join(dir, 'rice.md'));
    const changed = join(dir, basename(EXTRA));
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('eight months', 'nine months'));
    const added = await live.reload();
    expect(added).toMatchObject({ ok: true, how: 'in place', articles: 3, tagged: 2, removed: 1 });
    rmSync(join(dir, basename(SEED)));
    const removed = await live.reload();
    expect(removed).toMatchObject({ ok: true, how: 'in place', articles: 2, tagged: 0, removed: 1 });
    const fresh = openCorpus(dir, { report: () => {}, force: true, reuse: false }).engine;
    expect(plain(live.engine.knowledge)).toEqual(plain(fresh.knowledge));
    expect(live.engine.sentenceIndex.size).toBe(fresh.sentenceIndex.size);
    for (const [command, text] of [
      ['ask', 'How long did the repairs take?'],
      ['ask', 'What does the new rice resist?'],
      ['ask', 'Who spoke at the conference?'],
      ['search', 'bridge'],
      ['who', ''],
      ['where', ''],
      ['when', ''],
      ['themes', ''],
    ] as const)
      expect(rounded(run(live.engine, command, text, { limit: 10 }))).toEqual(
        rounded(run(fresh, command, text, { limit: 10 })),
      );
    const cited = run(live.engine, 'ask', 'Who spoke at the conference?').items.flatMap((i) => i.citations);
    expect(cited.map((c) => c.article)).not.toContain('20241016-foreign-guests-witness-progress-northeast');
    await live.persisted();
    expect(open(dir).from).toBe('index');
  });

  it('reads only the files that changed', async () => {
    const dir = corpusWith(SEED, EXTRA);
    const opened = open(dir);
    const live = new LiveCorpus(dir, opened.engine, () => {}, {
      stamps: opened.stamps,
      extracts: opened.extracts,
      persist: false,
    });
    writeFileSync(join(dir, basename(SEED)), 'not an article any more');
    chmodSync(join(dir, basename(EXTRA)), 0o000);
    try {
      // The unreadable file did not change (same size and time): it is not read again.
      const result = await live.reload();
      expect(result).toMatchObject({ ok: true, articles: 1, problems: 1, removed: 1, tagged: 0 });
      expect(live.engine.articles.map((a) => a.id)).toEqual(['20240312-riverside-bridge-reopens']);
    } finally {
      chmodSync(join(dir, basename(EXTRA)), 0o644);
    }
  });
});

describe('incremental rebuild', () => {
  it('tags only new or changed articles, and answers exactly as a full build', () => {
    const dir = corpusWith(SEED, EXTRA);
    open(dir);
    const changed = join(dir, basename(EXTRA));
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('eight months', 'nine months'));
    copyFileSync(
      join(EXTRA_CORPUS_DIR, '20250321-scientists-unveil-new-drought-resistant-rice.md'),
      join(dir, 'rice.md'),
    );
    const again = open(dir);
    expect(again.from).toBe('built');
    expect(again.lines).toContain('index: building from 3 article(s), 1 unchanged (not tagged again)');
    const fresh = openCorpus(dir, { report: () => {}, force: true, reuse: false });
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
    expect(plain(again.engine.knowledge)).toEqual(plain(fresh.engine.knowledge));
    for (const command of ['who', 'where', 'when', 'themes'] as const)
      expect(run(again.engine, command, '', { limit: 25 })).toEqual(
        run(fresh.engine, command, '', { limit: 25 }),
      );
    expect(ask(again.engine, 'How long did the repairs take?')).toEqual(
      ask(fresh.engine, 'How long did the repairs take?'),
    );
  });
});

describe('parallel build', () => {
  it('tags articles in worker threads and gets the same extracts as one thread', () => {
    const articles = syntheticArticles(PARALLEL_FROM, 3).map((a) => ({
      ...a,
      paragraphs: a.paragraphs.slice(0, 2),
    }));
    const progress: number[] = [];
    const extracts = extractInParallel(articles, (done) => progress.push(done), 2);
    expect(extracts.size).toBe(articles.length);
    expect(progress.at(-1)).toBe(articles.length);
    for (const article of [articles[0], articles[31], articles.at(-1)] as Article[])
      expect(extracts.get(articleKeyOf(article))).toEqual(extractArticle(article));
  });

  it('takes its thread count from CITEBOT_BUILD_THREADS, else one per core', () => {
    expect(buildThreads({ CITEBOT_BUILD_THREADS: '3' })).toBe(3);
    expect(buildThreads({ CITEBOT_BUILD_THREADS: 'many' })).toBe(availableParallelism());
    expect(buildThreads({})).toBe(availableParallelism());
  });
});

describe('where the index file goes', () => {
  it('beside the configured corpus when it is writable, else in the cache folder, never in another folder', () => {
    const corpus = corpusWith(SEED);
    const cache = mkdtempSync(join(tmpdir(), 'citebot-cache-'));
    const env = { CORPUS_DIR: corpus, CITEBOT_CACHE_DIR: cache };
    expect(indexLocation(corpus, env)).toBe(join(corpus, INDEX_FILE));
    const other = corpusWith(SEED);
    const elsewhere = indexLocation(other, env);
    expect(dirname(elsewhere)).toBe(cache);
    const opened = openCorpus(other, { report: () => {}, env });
    expect(opened.indexPath).toBe(elsewhere);
    expect(existsSync(elsewhere)).toBe(true);
    expect(readdirSync(other)).toEqual([basename(SEED)]);
  });

  it('in the cache folder when the configured corpus is read-only', () => {
    const corpus = corpusWith(SEED);
    const cache = mkdtempSync(join(tmpdir(), 'citebot-cache-'));
    chmodSync(corpus, 0o555);
    try {
      const place = indexLocation(corpus, { CORPUS_DIR: corpus, CITEBOT_CACHE_DIR: cache });
      // root may write anywhere: then the folder is writable and the index stays beside it.
      expect([join(corpus, INDEX_FILE), join(cache, basename(place))]).toContain(place);
      if (process.getuid?.() !== 0) expect(dirname(place)).toBe(cache);
    } finally {
      chmodSync(corpus, 0o755);
    }
  });
});

describe('the index cache folder', () => {
  const days = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000);
  /** A cache folder with index files of other folders: name -> [size in bytes, days since last use]. */
  function cacheWith(files: Record<string, [number, number]>): string {
    const cache = mkdtempSync(join(tmpdir(), 'citebot-cache-'));
    for (const [name, [bytes, age]] of Object.entries(files)) {
      writeFileSync(join(cache, name), Buffer.alloc(bytes));
      utimesSync(join(cache, name), days(age), days(age));
    }
    return cache;
  }

  it('drops index files unused for CITEBOT_CACHE_MAX_DAYS when an index is written there', () => {
    const cache = cacheWith({
      [`old${INDEX_FILE}`]: [10, 40],
      [`recent${INDEX_FILE}`]: [10, 2],
      'notes.txt': [10, 400],
    });
    const env = { CORPUS_DIR: CORPUS_DIR, CITEBOT_CACHE_DIR: cache };
    const opened = openCorpus(corpusWith(SEED), { report: () => {}, env });
    expect(readdirSync(cache).sort()).toEqual(
      [basename(opened.indexPath), `recent${INDEX_FILE}`, 'notes.txt'].sort(),
    );
    openCorpus(corpusWith(SEED), { report: () => {}, env: { ...env, CITEBOT_CACHE_MAX_DAYS: '1' } });
    expect(readdirSync(cache)).not.toContain(`recent${INDEX_FILE}`);
  });

  it('keeps all index files within CITEBOT_CACHE_MAX_MB, dropping the least recently used first', () => {
    const mb = 1024 * 1024;
    const cache = cacheWith({
      [`a${INDEX_FILE}`]: [mb, 3],
      [`b${INDEX_FILE}`]: [mb, 2],
      [`c${INDEX_FILE}`]: [mb, 1],
    });
    expect(pruneCache(cache, join(cache, `a${INDEX_FILE}`), { maxDays: 30, maxBytes: 2 * mb })).toEqual([
      join(cache, `b${INDEX_FILE}`),
    ]);
    const env = { CORPUS_DIR: CORPUS_DIR, CITEBOT_CACHE_DIR: cache, CITEBOT_CACHE_MAX_MB: '2' };
    const opened = openCorpus(corpusWith(SEED), { report: () => {}, env });
    // The new index (well under 1 MB) and the most recently used of the others fit.
    expect(readdirSync(cache).sort()).toEqual([basename(opened.indexPath), `c${INDEX_FILE}`].sort());
  });

  it('marks an index opened from the cache as used now, so it is the last to go', () => {
    const cache = mkdtempSync(join(tmpdir(), 'citebot-cache-'));
    const env = { CORPUS_DIR: CORPUS_DIR, CITEBOT_CACHE_DIR: cache };
    const dir = corpusWith(SEED);
    const { indexPath } = openCorpus(dir, { report: () => {}, env });
    utimesSync(indexPath, days(10), days(10));
    expect(openCorpus(dir, { report: () => {}, env }).from).toBe('index');
    expect(statSync(indexPath).mtimeMs).toBeGreaterThan(days(1).getTime());
  });

  it('reads its limits from the environment, with defaults for unset or malformed values', () => {
    expect(cacheLimits({})).toEqual(DEFAULT_CACHE_LIMITS);
    expect(cacheLimits({ CITEBOT_CACHE_MAX_DAYS: '7', CITEBOT_CACHE_MAX_MB: '50' })).toEqual({
      maxDays: 7,
      maxBytes: 50 * 1024 * 1024,
    });
    expect(cacheLimits({ CITEBOT_CACHE_MAX_DAYS: 'soon', CITEBOT_CACHE_MAX_MB: '-1' })).toEqual(
      DEFAULT_CACHE_LIMITS,
    );
  });
});

describe('snapshot codec', () => {
  it('gives back the same sentences, entities, dates and themes', async () => {
    const { encodeSnapshot, decodeSnapshot } = await import('../src/snapshot/codec.ts');
    const { Engine } = await import('../src/answer/engine.ts');
    const { loadCorpus } = await import('../src/corpus/loadCorpus.ts');
    const engine = Engine.fromArticles([
      ...loadCorpus(CORPUS_DIR).articles,
      ...loadCorpus(EXTRA_CORPUS_DIR).articles,
    ]);
    const decoded = decodeSnapshot(encodeSnapshot(engine.snapshot));
    expect(decoded.knowledge.sentences).toEqual(engine.snapshot.knowledge.sentences);
    const plain = <T extends { sentenceIds: string[] }>(items: T[]) =>
      items.map((item) => ({ ...JSON.parse(JSON.stringify(item)), sentenceIds: item.sentenceIds }));
    expect(plain(decoded.knowledge.entities)).toEqual(plain(engine.snapshot.knowledge.entities));
    expect(JSON.parse(JSON.stringify(decoded.knowledge.dates))).toEqual(
      JSON.parse(JSON.stringify(engine.snapshot.knowledge.dates)),
    );
    expect(plain(decoded.knowledge.themes)).toEqual(plain(engine.snapshot.knowledge.themes));
    expect(ask(new Engine(decoded), 'Who cut the ribbon?')).toEqual(ask(engine, 'Who cut the ribbon?'));
  });
});
