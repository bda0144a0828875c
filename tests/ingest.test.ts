import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError, parseRawArticle } from '../src/corpus/ingestRaw.ts';

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
