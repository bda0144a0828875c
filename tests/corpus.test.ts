import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCorpusFile, parseCorpusFile } from '../src/corpus/corpusFile.ts';
import { isDatelineOnly } from '../src/corpus/dateline.ts';
import { CorpusError, loadCorpus } from '../src/corpus/loadCorpus.ts';
import { article, CORPUS_DIR } from './helpers.ts';

const good = formatCorpusFile(
  article('good-one', ['First paragraph. Second sentence.', 'Second paragraph.']),
);

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-corpus-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('corpus files', () => {
  it('round-trips an article through front matter and paragraphs', () => {
    const parsed = parseCorpusFile(good);
    expect(parsed.id).toBe('good-one');
    expect(parsed.paragraphs).toEqual(['First paragraph. Second sentence.', 'Second paragraph.']);
    expect(parsed.dateline).toEqual({ place: 'Changchun', date: '2024-10-15' });
  });

  it('joins soft-wrapped lines of a paragraph', () => {
    const text = good.replace('First paragraph. Second sentence.', 'First paragraph.\nSecond sentence.');
    expect(parseCorpusFile(text).paragraphs[0]).toBe('First paragraph. Second sentence.');
  });

  it('names the field when the front matter is wrong', () => {
    expect(() =>
      parseCorpusFile(good.replace('url: https://news.example.org/good-one', 'url: not a url')),
    ).toThrow(/field "url"/);
    expect(() => parseCorpusFile(good.replace(/published: .*/, 'published: yesterday'))).toThrow(
      /field "published"/,
    );
  });

  it('names every wrong or missing field at once, in one line', () => {
    const broken = good
      .replace(/^id: .*\n/m, '')
      .replace(/^url: .*\n/m, '')
      .replace(/published: .*/, 'published: 2025-13-45');
    expect(() => parseCorpusFile(broken)).toThrow(
      'front matter field "id": is required; field "url": is required; field "published": Invalid ISO datetime',
    );
    expect(() => parseCorpusFile(good.replace(/date: .*/, 'date: 2025-02-30'))).toThrow(
      'front matter field "dateline.date": expected a date like 2024-10-15 (a day that exists)',
    );
  });

  it('rejects a file without front matter or without a body', () => {
    expect(() => parseCorpusFile('Just text.')).toThrow(/no front matter/);
    expect(() => parseCorpusFile(good.replace(/---\n\n[\s\S]*$/, '---\n'))).toThrow(/no body/);
  });

  it('holds the seed article with its original URL', () => {
    const { articles } = loadCorpus(CORPUS_DIR);
    const seed = articles.find((a) => a.url === 'http://en.people.cn/n3/2024/1016/c90000-20230054.html');
    expect(seed?.title).toBe('Foreign guests witness progress in northeast China');
    expect(seed?.publisher).toBe("People's Daily Online");
    expect(seed?.published).toBe('2024-10-16T10:42:00+08:00');
    expect(seed?.editors).toEqual(['Zhang Kaiwei', 'Zhong Wenxing']);
    expect(seed?.paragraphs).toHaveLength(6);
  });
});

describe('loadCorpus', () => {
  it('loads the good articles and names each broken file and its problem', () => {
    const dir = folder({
      'a.md': good,
      'b.md': '---\nid: [\n---\nbody',
      'c.md': good.replace(/---\n\n[\s\S]*$/, '---\n'),
      'notes.txt': 'ignored',
    });
    const { articles, problems } = loadCorpus(dir);
    expect(articles.map((a) => a.id)).toEqual(['good-one']);
    expect(problems.map((p) => p.file)).toEqual([join(dir, 'b.md'), join(dir, 'c.md')]);
    expect(problems[0]?.problem).toMatch(/YAML/);
    expect(problems[1]?.problem).toMatch(/no body/);
  });

  it('reports a duplicate id and keeps the first article', () => {
    const { articles, problems } = loadCorpus(folder({ 'a.md': good, 'b.md': good }));
    expect(articles).toHaveLength(1);
    expect(problems[0]?.problem).toMatch(/duplicate id "good-one"/);
  });

  it('fails clearly with zero valid articles or no folder', () => {
    expect(() => loadCorpus(folder({ 'b.md': 'nothing' }))).toThrow(CorpusError);
    expect(() => loadCorpus(folder({}))).toThrow(/no valid articles/);
    expect(() => loadCorpus('/nonexistent/citebot')).toThrow(/cannot read folder/);
  });
});

describe('a paragraph that is only a dateline', () => {
  it.each([
    'PORTVILLE, Northland (AP) _',
    'KESTREL BAY (AP) --',
    'ORAN CITY, June 3 (Xinhua) --',
    'GLENMOOR, N.Y. (AP)--',
    'TARNHOLM —',
  ])('is a dateline: %s', (paragraph) => {
    expect(isDatelineOnly(paragraph)).toBe(true);
  });

  it('is never a dateline followed by words (property)', () => {
    const place = fc.constantFrom('PORTVILLE', 'KESTREL BAY', 'ORAN CITY, Northland');
    const agency = fc.constantFrom(' (AP) _', ' (Xinhua) --', ' —', '');
    const words = fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(place, agency, words, (p, a, w) => {
        expect(isDatelineOnly(`${p}${a} ${w.join(' ')}`)).toBe(false);
        expect(isDatelineOnly(`${p}${a}`)).toBe(a !== '');
      }),
    );
  });

  it.each([
    'PORTVILLE, Northland (AP) _ The harbour reopened on Friday.',
    'NATO',
    'The ferry left at noon.',
    'US (AP) --',
    '(Undated)',
  ])('is not one: %s', (paragraph) => {
    expect(isDatelineOnly(paragraph)).toBe(false);
  });
});
