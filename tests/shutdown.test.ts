import { describe, expect, it } from 'vitest';
import { stopWithin } from '../src/lib/shutdown.ts';

describe('a bounded shutdown', () => {
  it('runs every step in order and reports nothing when all finish', async () => {
    const done: string[] = [];
    const outcome = await stopWithin([
      { name: 'a', run: () => void done.push('a') },
      { name: 'b', run: async () => void done.push('b') },
    ]);
    expect(done).toEqual(['a', 'b']);
    expect(outcome).toEqual({ unfinished: [], failed: [] });
  });

  it('gives up at the deadline, naming the step that hangs and those after it', async () => {
    const outcome = await stopWithin(
      [
        { name: 'watcher', run: () => {} },
        { name: 'gateway', run: () => new Promise(() => {}) },
        { name: 'after', run: () => {} },
      ],
      50,
    );
    expect(outcome.unfinished).toEqual(['gateway', 'after']);
  });

  it('goes on after a step that throws, reporting it', async () => {
    const ran: string[] = [];
    const outcome = await stopWithin([
      {
        name: 'broken',
        run: () => {
          throw new Error('no');
        },
      },
      { name: 'next', run: () => void ran.push('next') },
    ]);
    expect(ran).toEqual(['next']);
    expect(outcome.unfinished).toEqual([]);
    expect(outcome.failed.map((f) => f.name)).toEqual(['broken']);
  });
});
