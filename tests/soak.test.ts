import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('memory under load', () => {
  it('keeps the heap within 10% after garbage collection across 20,000 queries of the bench mix', {
    timeout: 240_000,
  }, () => {
    const out = execFileSync('node', ['--expose-gc', '--import', 'tsx', 'src/bench/soak.ts', 'corpus'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SOAK_QUERIES: '20000' },
    });
    const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { queries: number; ratio: number };
    expect(result.queries).toBe(20_000);
    expect(result.ratio).toBeLessThanOrEqual(1.1);
  });
});
