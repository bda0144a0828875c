import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE_ERROR } from '../src/cli/program.ts';
import { IngestError, parseArticle, parseRawArticle } from '../src/corpus/ingestRaw.ts';
import { runCliCaptured } from './helpers.ts';

const seedText = readFileSync(join(import.meta.dirname, 'fixtures', 'raw', 'seed-article.txt'), 'utf8');
const url = 'http://en.people.cn/n3/2024/1016/c90000-20230054.html';

describe('ingest', () => {
  it('parses the seed: headline, byline, dateline, paragraphs and editors', () => {
    const article = parseRawArticle(seedText, 'seed.txt', { url, publisher: "People's Daily Online" });
    expect(article.title).toBe('Foreign guests witness progress in northeast China');
    expect(article.agency).toBe('Xinhua');
    expect(article.published).toBe('2024-10-16T10:42:00+08:00');
    expect(article.dateline).toEqual({ place: 'Changchun', date: '2024-10-15' });
    expect(article.editors).toEqual(['Zhang Kaiwei', 'Zhong Wenxing']);
    expect(article.paragraphs).toHaveLength(6);
    expect(article.paragraphs[0]).toMatch(/^A conference on the full revitalization/);
  });

  it('keeps every word of the body but the dateline', () => {
    const article = parseRawArticle(seedText, 'seed.txt', { url });
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    const body = seedText.split('\n').slice(4, -1).join(' ').replace('CHANGCHUN, Oct. 15 (Xinhua) -- ', '');
    expect(words(article.paragraphs.join(' '))).toEqual(words(body));
  });

  it('accepts a byline with its opening parenthesis and one without', () => {
    const fixed = seedText.replace('Xinhua) 10:42', '(Xinhua) 10:42');
    expect(parseRawArticle(fixed, 'x', { url }).agency).toBe('Xinhua');
  });

  it('takes the year of a December dateline from before a January byline', () => {
    const text = 'Headline\n\n(Xinhua) 08:00, January 2, 2025\n\nBEIJING, Dec. 31 (Xinhua) -- Text.\n';
    expect(parseRawArticle(text, 'x', { url }).dateline?.date).toBe('2024-12-31');
  });

  it('names the file, the line and what was expected', () => {
    const broken = seedText.replace('Xinhua) 10:42, October 16, 2024', 'sometime in October');
    expect(() => parseRawArticle(broken, 'bad.txt', { url })).toThrow(IngestError);
    expect(() => parseRawArticle(broken, 'bad.txt', { url })).toThrow(
      /^ingest: bad\.txt:3: expected a byline/,
    );
    const noDateline = seedText.replace('CHANGCHUN, Oct. 15 (Xinhua) -- ', '');
    expect(() => parseRawArticle(noDateline, 'bad.txt', { url })).toThrow(/bad\.txt:5: expected a dateline/);
    expect(() => parseRawArticle('', 'empty.txt', { url })).toThrow(/empty\.txt:1: expected a headline/);
  });
});

const PLAIN = [
  'Harbour ferry returns after storm',
  '',
  "By Wang Xiaoming (People's Daily)",
  '',
  'The harbour ferry sailed again on Tuesday after a storm.',
  'It carried 200 passengers.',
  '',
  'Officials said repairs cost $2 million.',
].join('\n');

describe('ingest of plain text and options', () => {
  it('reads plain text: headline, paragraphs by blank lines, the author line left out, dates from options', () => {
    const article = parseArticle(PLAIN, 'ferry.txt', {
      url: 'https://example.org/ferry',
      published: '2024-05-08',
      dateline: 'Qingdao',
    });
    expect(article.title).toBe('Harbour ferry returns after storm');
    expect(article.paragraphs).toEqual([
      'The harbour ferry sailed again on Tuesday after a storm. It carried 200 passengers.',
      'Officials said repairs cost $2 million.',
    ]);
    expect(article.published).toBe('2024-05-08T12:00:00Z');
    expect(article.dateline).toEqual({ place: 'Qingdao', date: '2024-05-08' });
    expect(article.publisher).toBe('example.org');
  });

  it('moves a plain text’s dateline out of its first paragraph into the metadata, as the HTML reader does', () => {
    const text = PLAIN.replace('The harbour ferry sailed', 'PORTHAVEN, March 3 -- The harbour ferry sailed');
    const article = parseArticle(text, 'ferry.txt', {
      url: 'https://example.org/ferry',
      published: '2024-03-04',
    });
    expect(article.paragraphs[0]).toBe(
      'The harbour ferry sailed again on Tuesday after a storm. It carried 200 passengers.',
    );
    expect(article.dateline).toEqual({ place: 'Porthaven', date: '2024-03-03' });
    const withAgency = PLAIN.replace('The harbour ferry sailed', 'OSLO (Reuters) - The harbour ferry sailed');
    const read = parseArticle(withAgency, 'f.txt', { url: 'https://example.org/f', published: '2024-03-04' });
    expect(read).toMatchObject({ agency: 'Reuters', dateline: { place: 'Oslo', date: '2024-03-04' } });
    expect(read.paragraphs[0]).toMatch(/^The harbour ferry sailed/);
    // --dateline still wins; a paragraph that merely opens with capitals keeps its words.
    expect(
      parseArticle(text, 'f.txt', { url, published: '2024-03-04', dateline: 'Qingdao' }).dateline?.place,
    ).toBe('Qingdao');
    const plain = parseArticle(PLAIN.replace('The harbour', 'NATO leaders said the harbour'), 'f.txt', {
      url,
      published: '2024-03-04',
    });
    expect(plain.paragraphs[0]).toMatch(/^NATO leaders said/);
    expect(plain.dateline).toBeNull();
  });

  it('takes --title when the text has no headline line, and lets options override the People’s Daily layout', () => {
    const body = PLAIN.split('\n').slice(4).join('\n');
    expect(parseArticle(body, 'f.txt', { url, published: '2024-05-08', title: 'Ferry' }).title).toBe('Ferry');
    const seed = parseArticle(seedText, 'seed.txt', { url, published: '2024-10-17', dateline: 'Harbin' });
    expect(seed.published).toBe('2024-10-17T12:00:00Z');
    expect(seed.dateline?.place).toBe('Harbin');
    expect(seed.paragraphs).toEqual(parseRawArticle(seedText, 'seed.txt', { url }).paragraphs);
  });

  it('says what is missing, with the file and line', () => {
    expect(() => parseArticle(PLAIN, 'ferry.txt', { url })).toThrow(
      'ingest: ferry.txt:2: expected a byline like "(Xinhua) 10:42, October 16, 2024", or --published YYYY-MM-DD for plain text',
    );
    expect(() => parseArticle(PLAIN, 'ferry.txt', { url, published: 'May 8' })).toThrow(
      /--published as YYYY-MM-DD/,
    );
  });

  it('refuses a --url that is not http(s) as a bad argument (exit 2), and a missing corpus folder in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-ingest-'));
    const file = join(dir, 'ferry.txt');
    writeFileSync(file, PLAIN);
    const bad = await runCliCaptured(['ingest', file, '--url', 'notaurl', '--published', '2024-05-08']);
    expect(bad.code).toBe(USAGE_ERROR);
    expect(bad.err).toMatch(/expected an http\(s\) address, not "notaurl"/);
    const ingestPlain = (...more: string[]) =>
      runCliCaptured([
        'ingest',
        file,
        '--url',
        'https://example.org/f',
        '--published',
        '2024-05-08',
        ...more,
      ]);
    const missing = await ingestPlain('--corpus', join(dir, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`ingest: no corpus folder ${join(dir, 'nope')}\n`);
    const dry = await ingestPlain('--corpus', dir, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({
      title: 'Harbour ferry returns after storm',
      paragraphs: 2,
      written: null,
    });
    expect(readdirSync(dir)).toEqual(['ferry.txt']);
  });
});
