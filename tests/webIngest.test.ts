import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ingester, IngestFailure, readSource } from '../src/app/ingest.ts';
import type { Article } from '../src/corpus/article.ts';
import { parseCorpusFile } from '../src/corpus/corpusFile.ts';
import { parseHtmlArticle } from '../src/corpus/ingestHtml.ts';
import { splitDateline } from '../src/corpus/ingestRaw.ts';
import { fetchPage, isPublicAddress, parseAllowList } from '../src/lib/safeFetch.ts';
import { runCliCaptured } from './helpers.ts';
import { startPageServer } from './pageServer.ts';

const LOOPBACK = ['127.0.0.1'];
let site: Awaited<ReturnType<typeof startPageServer>>;
beforeAll(async () => {
  site = await startPageServer();
});
afterAll(() => site.close());

describe('fetching a page', () => {
  it('refuses private, loopback and link-local addresses unless the operator allows them', async () => {
    await expect(fetchPage(`${site.base}/2025/02/lanterns`)).rejects.toThrow(
      /127\.0\.0\.1 is a private address/,
    );
    const page = await fetchPage(`${site.base}/2025/02/lanterns`, { allowPrivate: LOOPBACK });
    expect(page.type).toBe('text/html');
    expect(page.body).toContain('Lantern festival');
    for (const address of [
      '10.1.2.3',
      '192.168.0.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '100.64.0.1',
      '0.0.0.0',
    ])
      expect(isPublicAddress(address)).toBe(false);
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])
      expect(isPublicAddress(address)).toBe(true);
  });

  it('follows at most three redirects, each checked again', async () => {
    const moved = await fetchPage(`${site.base}/moved`, { allowPrivate: LOOPBACK });
    expect(moved.url).toBe(`${site.base}/2025/04/library`);
    await expect(fetchPage(`${site.base}/to-private`, { allowPrivate: LOOPBACK })).rejects.toThrow(
      /169\.254\.169\.254 is a private address/,
    );
    await expect(fetchPage(`${site.base}/loop`, { allowPrivate: LOOPBACK })).rejects.toThrow(
      /more than 3 redirects/,
    );
    expect(site.hits.get('/loop')).toBe(4);
  });

  it('stops reading past the size cap, and gives up after the time allowed', async () => {
    await expect(fetchPage(`${site.base}/big`, { allowPrivate: LOOPBACK })).rejects.toThrow(
      /larger than 2 MB/,
    );
    await expect(fetchPage(`${site.base}/never`, { allowPrivate: LOOPBACK, timeoutMs: 300 })).rejects.toThrow(
      /no answer within 0\.3 s/,
    );
  });

  it('fetches only http and https addresses, without credentials', async () => {
    await expect(fetchPage('ftp://example.org/a')).rejects.toThrow(/only http and https/);
    await expect(fetchPage('file:///etc/passwd')).rejects.toThrow(/only http and https/);
    await expect(fetchPage('https://user:pw@example.org/')).rejects.toThrow(/user name or password/);
    await expect(fetchPage('not an address')).rejects.toThrow(/is not a web address/);
  });

  it('reads the operator allow list of addresses and ranges', () => {
    expect(parseAllowList('127.0.0.1, 10.0.0.0/8 ,::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(parseAllowList(undefined)).toEqual([]);
    expect(() => parseAllowList('localhost')).toThrow(/expected addresses or CIDR ranges/);
  });
});

describe('reading a news page', () => {
  const read = (path: string, extra = {}) =>
    readSource({ url: `${site.base}${path}`, ...extra }, { allowPrivate: LOOPBACK });

  it('takes headline, date, outlet and writers from JSON-LD, and the dateline off the first paragraph', async () => {
    const article = await read('/2025/02/lanterns');
    expect(article).toMatchObject({
      title: 'Lantern festival draws record crowds to Kunming old town',
      published: '2025-02-13T09:30:00+08:00',
      publisher: 'Example News Agency',
      authors: ['Mei Lin', 'Tom Okafor'],
      agency: 'Xinhua',
      dateline: { place: 'Kunming', date: '2025-02-12' },
      url: `${site.base}/2025/02/lanterns`,
    });
    expect(article.paragraphs[0]).toMatch(/^More than 300,000 visitors/);
    expect(article.paragraphs).toHaveLength(5);
    const everything = article.paragraphs.join(' ');
    for (const chrome of ['Sign in', 'Advertisement', 'Related stories', 'Copyright', 'By Mei Lin'])
      expect(everything).not.toContain(chrome);
  });

  it('uses OpenGraph and <meta> when there is no JSON-LD, and a plain page’s <title> and <time>', async () => {
    expect(await read('/2025/03/bridge')).toMatchObject({
      title: 'Harbour bridge closes for two weeks of repairs',
      published: '2025-03-04T07:15:00Z',
      publisher: 'Coastal Times',
      authors: ['Priya Raman'],
      dateline: { place: 'Porthaven', date: '2025-03-04' },
    });
    const plain = await read('/2025/04/library');
    expect(plain).toMatchObject({
      title: 'Village school opens new library',
      published: '2025-04-22T12:00:00Z',
    });
    expect(plain.publisher).toBe('127.0.0.1');
    expect(plain.paragraphs).toHaveLength(3);
  });

  it('never takes script, style or noscript text for the story', async () => {
    const article = await read('/2025/05/night-trains');
    expect(article.paragraphs).toHaveLength(4);
    expect(article.paragraphs.join(' ')).not.toMatch(
      /Subscribe|Injected|page state|enable JavaScript|font-size/,
    );
  });

  it('reads a text/plain article as plain text, which needs its publication date', async () => {
    await expect(read('/notes.txt')).rejects.toThrow(/--published YYYY-MM-DD/);
    const article = await read('/notes.txt', { published: '2025-06-12' });
    expect(article).toMatchObject({ title: 'Allotment gardens get a rain tank', authors: ['Jo Marsh'] });
  });

  it('refuses what is not a news page, with a message that says why', async () => {
    await expect(read('/data.json')).rejects.toThrow(IngestFailure);
    await expect(read('/data.json')).rejects.toThrow(/is not a news page \(it is application\/json\)/);
    await expect(read('/missing')).rejects.toThrow(/the server answered 404/);
  });
});

describe('adding articles to a corpus folder', () => {
  it('writes a corpus file that loads, and says "already in the corpus" for the same address or text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-web-'));
    const loaded: Article[] = [];
    const ingester = new Ingester(dir, () => loaded, { allowPrivate: LOOPBACK });
    const first = await ingester.ingest({ url: `${site.base}/2025/02/lanterns` });
    expect(first.status).toBe('added');
    expect(first.sentences).toBeGreaterThan(4);
    expect(first.names).toContain('Zhao Hong');
    expect(readdirSync(dir)).toEqual([`${first.article.id}.md`]);
    const written = parseCorpusFile(readFileSync(first.file, 'utf8'), first.file);
    expect(written.authors).toEqual(['Mei Lin', 'Tom Okafor']);
    // Written but not loaded yet: still found.
    expect((await ingester.ingest({ url: `${site.base}/2025/02/lanterns#top` })).status).toBe('duplicate');
    loaded.push(written);
    const sameText = await ingester.ingest({
      file: {
        name: 'copy.html',
        text: readFileSync(join(import.meta.dirname, 'fixtures/pages/jsonld.html'), 'utf8'),
      },
      url: 'https://mirror.example.net/lanterns',
    });
    expect(sameText).toMatchObject({ status: 'duplicate', file: first.file });
    expect(readdirSync(dir)).toHaveLength(1);
    expect(ingester.remove(first.article.id)?.title).toBe(first.article.title);
    expect(readdirSync(dir)).toEqual([]);
    expect(ingester.remove('no-such-article')).toBeNull();
  });

  it('citebot ingest takes an address, an HTML file, and --dry-run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-web-cli-'));
    const env = { INGEST_ALLOW_PRIVATE: '127.0.0.1' };
    const fromWeb = await runCliCaptured(
      ['ingest', `${site.base}/2025/03/bridge`, '--corpus', dir, '--json'],
      env,
    );
    expect(fromWeb.code).toBe(0);
    expect(JSON.parse(fromWeb.out)).toMatchObject({ publisher: 'Coastal Times', paragraphs: 4 });
    const html = join(import.meta.dirname, 'fixtures/pages/scripts.html');
    const noUrl = await runCliCaptured(['ingest', html, '--corpus', dir]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.err).toMatch(/--url <url>' is required for a file/);
    const dry = await runCliCaptured(
      ['ingest', html, '--url', 'https://valley.example.org/trains', '--corpus', dir, '--dry-run', '--json'],
      env,
    );
    expect(JSON.parse(dry.out)).toMatchObject({
      title: 'Night trains return to the mountain line',
      written: null,
    });
    expect(readdirSync(dir)).toHaveLength(1);
    const refused = await runCliCaptured(['ingest', `${site.base}/2025/03/bridge`, '--corpus', dir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^ingest: Could not fetch .*: 127\.0\.0\.1 is a private address; INGEST_ALLOW_PRIVATE=127\.0\.0\.1 allows it \(addresses or CIDR ranges, comma-separated\)\.\n$/,
    );
  });
});

describe('datelines', () => {
  it('reads the common forms, and leaves a paragraph without one alone', () => {
    expect(splitDateline('BEIJING, Dec. 30 (Xinhua) -- Text.', '2026-01-02')).toMatchObject({
      dateline: { place: 'Beijing', date: '2025-12-30' },
      agency: 'Xinhua',
      rest: 'Text.',
    });
    expect(splitDateline('NEW YORK (AP) — Text.', '2025-05-02')?.dateline).toEqual({
      place: 'New York',
      date: '2025-05-02',
    });
    expect(splitDateline('The UN said on Monday - in a statement - that...', '2025-05-02')).toBeNull();
  });

  it('never loses or changes a word of a paragraph it splits (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const opening = splitDateline(`PARIS, Jan. 5 (AFP) -- ${text}`, '2025-01-09');
        if (opening) expect(`PARIS, Jan. 5 (AFP) -- ${text}`.endsWith(opening.rest)).toBe(true);
        const none = splitDateline(text, '2025-01-09');
        if (none) expect(text.endsWith(none.rest)).toBe(true);
      }),
    );
  });

  it('an HTML page without a headline or date says what is missing', () => {
    expect(() =>
      parseHtmlArticle('<p>Just one line of words here.</p>', 'a.html', { url: 'https://x.org/a' }),
    ).toThrow(/expected an article body|expected a headline|expected a publication time/);
  });
});
