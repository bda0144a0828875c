import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/**
 * The layers, lowest first: data flows up this list (corpus -> sentences + entities/dates/themes ->
 * index -> snapshot -> answer -> rendered reply), and a module may import only from its own folder or
 * a lower layer. Folders on one line are peers: neither imports the other.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['src/lib'],
  ['src/db/migrations'],
  ['src/db'],
  ['src/text', 'src/lexicon'],
  ['src/corpus'],
  ['src/extract'],
  ['src/search'],
  ['src/snapshot'],
  ['src/answer'],
  ['src/render'],
  ['src/insights'],
  ['src/app'],
  ['src/discord', 'src/eval'],
  ['commands'],
  ['src/http', 'src/console'],
  ['src/bench'],
  ['src/cli'],
  ['src'], // the entry points: main.ts, shard.ts, startBot.ts
];

/** The layer of a file: its folder's line in LAYERS. */
function layerOf(file: string): { rank: number; folder: string } {
  const folder = dirname(file);
  const rank = LAYERS.findIndex((peers) => peers.includes(folder));
  if (rank < 0) throw new Error(`layers: ${file} is in no layer; add its folder to LAYERS`);
  return { rank, folder };
}

/** Every source file of the project (relative to the root). */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(?:ts|mjs)$/.test(name) ? [path] : [];
  });
}

/** The project files a source file imports (static, type-only and dynamic imports alike). */
function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g))
    found.push(relative(ROOT, resolve(ROOT, dirname(file), match[1] as string)));
  return found;
}

describe('layers: every import points down (or within a folder)', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('commands')];

  it('finds the imports of a file, whatever their form', () => {
    const text = [
      "import { a } from '../answer/engine.ts';",
      "import type { B } from './b.ts';",
      "const c = await import('../../commands/index.ts');",
      "import 'node:fs';",
    ].join('\n');
    expect(importsOf('src/app/x.ts', text)).toEqual([
      'src/answer/engine.ts',
      'src/app/b.ts',
      'commands/index.ts',
    ]);
  });

  it('places every source file in a layer', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expect(() => layerOf(file)).not.toThrow();
  });

  it.each(files)('%s imports nothing from a layer above it or a peer', (file) => {
    const own = layerOf(file);
    const upward = importsOf(file, readFileSync(join(ROOT, file), 'utf8')).filter((target) => {
      const layer = layerOf(target);
      return layer.folder !== own.folder && layer.rank >= own.rank;
    });
    expect(upward).toEqual([]);
  });
});
