import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './processes.ts';

/** Licences (SPDX) whose code a GPL-3.0 program may include (MPL-2.0: through its section 3.3). */
const ADMITTED = new Set([
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'MPL-2.0',
  'GPL-3.0',
  'GPL-3.0-or-later',
]);
/**
 * Packages of data, not code, read as separate files (an aggregate, not a work based on them), each
 * with its terms in the README's licence table.
 */
const DATA_PACKAGES = new Set(['node_modules/dejavu-fonts-ttf']);

/** Whether an SPDX expression allows use under one admitted licence ("(MIT OR WTFPL)" does). */
function admitted(expression: string): boolean {
  return expression
    .replace(/[()]/g, '')
    .split(/\s+OR\s+/)
    .some((licence) => ADMITTED.has(licence.trim()));
}

describe('the licence', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('is the GPL-3.0 (or later), in package.json and in full in LICENSE', () => {
    expect(pkg.license).toBe('GPL-3.0-or-later');
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toContain('GNU GENERAL PUBLIC LICENSE');
    expect(text).toContain('Version 3, 29 June 2007');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  it('admits every package the project runs with (the lock file’s non-development packages)', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { license?: string; dev?: boolean }>;
    };
    const refused = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.dev && !DATA_PACKAGES.has(path))
      .filter(([, entry]) => !admitted(entry.license ?? 'unknown'))
      .map(([path, entry]) => `${path}: ${entry.license ?? 'unknown'}`);
    expect(refused).toEqual([]);
  });
});
