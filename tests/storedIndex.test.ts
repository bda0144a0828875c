import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Options } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { complete } from '../src/answer/complete.ts';
import { Engine } from '../src/answer/engine.ts';
import { search } from '../src/answer/search.ts';
import { who } from '../src/answer/who.ts';
import { indexLocation } from '../src/app/indexLocation.ts';
import { openCorpus } from '../src/app/openCorpus.ts';
import { articleFiles, loadCorpus } from '../src/corpus/loadCorpus.ts';
import type { Sentence } from '../src/corpus/sentence.ts';
import { CHAMPION_DF, SENTENCE_INDEX_OPTIONS, SentenceIndex } from '../src/search/sentenceIndex.ts';
import { MINISEARCH_VERSION, StoredMiniSearch } from '../src/search/storedMiniSearch.ts';
import { decodeSnapshot, encodeSnapshot } from '../src/snapshot/codec.ts';
import { phraseFamily } from '../src/snapshot/snapshot.ts';
import { termKey, tokenize } from '../src/text/terms.ts';
import { article, CORPUS_DIR, EXTRA_CORPUS_DIR } from './helpers.ts';

interface Doc {
  id: string;
  text: string;
}

const OPTIONS: Options<Doc> = { fields: ['text'], storeFields: [] };
const DOCS: Doc[] = [
  { id: 'a', text: 'The harbour ferry sails at noon' },
  { id: 'b', text: 'A new ferry terminal opened in the harbour' },
  { id: 'c', text: 'Farmers harvest rice in the autumn' },
];

/** An index saved as the prebuilt index file saves it (v8) and restored. */
function roundTrip(index: StoredMiniSearch<Doc>): StoredMiniSearch<Doc> {
  return StoredMiniSearch.restore(deserialize(serialize(index.state())), OPTIONS);
}

describe('a restored MiniSearch index is a whole MiniSearch', () => {
  const built = () => {
    const index = new StoredMiniSearch<Doc>(OPTIONS);
    index.addAll(DOCS);
    return index;
  };

  it('searches and suggests as the index it was saved from', () => {
    const restored = roundTrip(built());
    expect(restored.search('harbour ferry')).toEqual(built().search('harbour ferry'));
    expect(restored.autoSuggest('ferr')).toEqual(built().autoSuggest('ferr'));
    expect(restored.documentCount).toBe(3);
  });

  it('knows its documents (has) and can discard, replace and add them', () => {
    const restored = roundTrip(built());
    expect(restored.has('b')).toBe(true);
    expect(restored.has('z')).toBe(false);
    restored.discard('b');
    expect(restored.has('b')).toBe(false);
    expect(restored.search('terminal')).toEqual([]);
    restored.replace({ id: 'c', text: 'Farmers plant wheat in spring' });
    expect(restored.search('rice')).toEqual([]);
    expect(restored.search('wheat').map((r) => r.id)).toEqual(['c']);
    restored.add({ id: 'd', text: 'The ferry was late' });
    expect(
      restored
        .search('ferry')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['a', 'd']);
  });

  it('counts a term’s documents without building its postings', () => {
    const restored = roundTrip(built());
    expect(restored.documentFrequency('harbour')).toBe(2);
    expect(restored.documentFrequency('absent')).toBe(0);
  });

  it('reads the installed MiniSearch version for certain', () => {
    const installed = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'node_modules', 'minisearch', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(MINISEARCH_VERSION).toBe(installed.version);
  });
});

describe('the snapshot codec gives back every structure', () => {
  const twoArticles = () =>
    Engine.fromArticles([...loadCorpus(CORPUS_DIR).articles, ...loadCorpus(EXTRA_CORPUS_DIR).articles]);
  const decode = (engine: Engine) =>
    new Engine(decodeSnapshot(deserialize(serialize(encodeSnapshot(engine.snapshot))) as never));

  it('names and their index: /who lists and finds the same people', () => {
    const engine = twoArticles();
    const restored = decode(engine);
    expect(who(restored)).toEqual(who(engine));
    expect(who(restored, 'jianchao')).toEqual(who(engine, 'jianchao'));
    const names = (e: Engine) => phraseFamily(e.snapshot.phraseIndexes.names).phrases;
    expect(names(restored)).toEqual(names(engine));
  });

  it('the sentence index, as compact as stored, and still a whole MiniSearch', () => {
    const engine = twoArticles();
    const decoded = decodeSnapshot(deserialize(serialize(encodeSnapshot(engine.snapshot))) as never);
    const index = StoredMiniSearch.restore(decoded.sentenceIndex.mini, SENTENCE_INDEX_OPTIONS);
    const first = engine.sentences[0] as Sentence;
    // The sentence index is searched by term keys (stemmed, lower case), as the engine does.
    const ids = (word: string) => index.search(termKey(word) as string).map((r) => r.id);
    expect(index.has(first.id)).toBe(true);
    expect(ids('Changchun')).toContain(first.id);
    index.discard(first.id);
    expect(index.has(first.id)).toBe(false);
    expect(ids('Changchun')).not.toContain(first.id);
    index.add({ ...first, id: 'new:1.1', text: 'A zeppelin landed in Changchun.' });
    expect(ids('zeppelin')).toEqual(['new:1.1']);
    expect(index.documentCount).toBe(engine.sentences.length);
  });

  it('the sentence index as stored removes a sentence’s postings at once, as an index built anew holds them', () => {
    const engine = twoArticles();
    const decoded = decodeSnapshot(deserialize(serialize(encodeSnapshot(engine.snapshot))) as never);
    const restored = SentenceIndex.restore(decoded.sentenceIndex);
    const gone = engine.sentences.filter((s) => s.article === engine.articles[0]?.id);
    restored.update([], gone);
    const anew = SentenceIndex.build(engine.sentences.filter((s) => !gone.includes(s)));
    expect(restored.size).toBe(anew.size);
    for (const word of ['Changchun', 'conference', 'China', 'guests', 'rice']) {
      const key = termKey(word) as string;
      expect(restored.frequency(key)).toBe(anew.frequency(key));
      // Scores agree up to rounding: MiniSearch updates the average length in place.
      const scores = new Map(restored.find([{ key, weight: 1 }]).map((h) => [h.id, h.score]));
      const wanted = anew.find([{ key, weight: 1 }]);
      expect([...scores.keys()].sort()).toEqual(wanted.map((h) => h.id).sort());
      for (const hit of wanted) expect(scores.get(hit.id)).toBeCloseTo(hit.score, 9);
    }
  });

  it('autocomplete and "did you mean" words', () => {
    const engine = twoArticles();
    const restored = decode(engine);
    for (const typed of ['', 'Li', 'Chang', 'grain', 'rev'])
      for (const command of ['who', 'where', 'themes', 'ask'] as const)
        expect(complete(restored, command, typed)).toEqual(complete(engine, command, typed));
    expect(restored.phraseIndex('words').suggest('revitalisaton')).toEqual(
      engine.phraseIndex('words').suggest('revitalisaton'),
    );
  });

  it('champion lists, on a corpus where a word is in more than CHAMPION_DF sentences', () => {
    const paragraphs = Array.from({ length: CHAMPION_DF / 2 + 100 }, (_, p) =>
      [
        `The market rose ${p} points on trade.`,
        `Shares of firm ${p} fell in the market.`,
        p % 10 === 0 ? 'A rare comet passed.' : `Bank ${p} kept its rate.`,
      ].join(' '),
    );
    const engine = Engine.fromArticles([article('market', paragraphs)]);
    const key = termKey('market') as string;
    const champions = engine.snapshot.sentenceIndex.champions;
    expect(champions.has(key)).toBe(true);
    // A champion's score is MiniSearch's own BM25 score for the word in that sentence.
    const direct = new StoredMiniSearch<{ id: string; text: string }>({
      fields: ['text'],
      storeFields: [],
      tokenize,
      processTerm: (t) => termKey(t) ?? null,
      searchOptions: { processTerm: (t) => t },
    });
    direct.addAll(engine.sentences.map((s) => ({ id: s.id, text: s.text })));
    const best = direct.search(key, { prefix: false, fuzzy: false })[0];
    expect(champions.get(key)?.scores[0]).toBeCloseTo(best?.score ?? -1, 4);

    const restored = decode(engine);
    expect(restored.snapshot.sentenceIndex.champions.get(key)?.docs).toEqual(champions.get(key)?.docs);
    expect(search(restored, 'market comet')).toEqual(search(engine, 'market comet'));
    expect(search(restored, 'market').items.length).toBeGreaterThan(0);
  });
});

describe('an index written by another MiniSearch version', () => {
  it('is rebuilt, with a line that says why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-version-'));
    const [seed] = articleFiles(CORPUS_DIR);
    writeFileSync(join(dir, 'seed.md'), readFileSync(join(CORPUS_DIR, seed as string)));
    openCorpus(dir, { report: () => {} });
    const path = indexLocation(dir);
    const file = readFileSync(path);
    const newline = file.indexOf(10);
    const header = JSON.parse(file.toString('utf8', 0, newline)) as { minisearch: string; key: string };
    expect(header.minisearch).toBe(MINISEARCH_VERSION);
    const older = { ...header, minisearch: '6.3.0', key: 'another key' };
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(`${JSON.stringify(older)}\n`), file.subarray(newline + 1)]),
    );
    const reports: string[] = [];
    const opened = openCorpus(dir, { report: (line) => reports.push(line) });
    expect(opened.from).toBe('built');
    expect(reports[0]).toBe(
      `index: written with MiniSearch 6.3.0, this is MiniSearch ${MINISEARCH_VERSION}; rebuilding the index`,
    );
  });
});
