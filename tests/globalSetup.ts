import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** citebot processes (not vitest's own workers) whose working directory is this project. */
function leftovers(): Array<{ pid: number; args: string }> {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const found: Array<{ pid: number; args: string }> = [];
  for (const line of lines) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const pid = Number(match[1]);
    const args = match[2] ?? '';
    if (pid === process.pid || !/src\/(?:main|cli\/main|discord\/shardEntry)\.(?:ts|mjs)/.test(args))
      continue;
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(ROOT)) found.push({ pid, args });
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/**
 * The suite's guard against leaked processes: after every test file has run, no process a test
 * started (a bot, a server, a shard) may still be running. Any that is gets killed and fails the run.
 */
export default function setup(): () => void {
  return () => {
    const left = leftovers();
    for (const { pid } of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (left.length) {
      throw new Error(`processes outlived the tests: ${left.map((p) => `${p.pid} ${p.args}`).join('; ')}`);
    }
  };
}
