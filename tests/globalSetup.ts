import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
/** The run's own index cache folder (CITEBOT_CACHE_DIR of the tests and the processes they start). */
export const TEST_CACHE_DIR = join(tmpdir(), `citebot-test-cache-${process.pid}`);
/** The run's own data folder (CITEBOT_DATA_DIR: the SQLite database of the bots the tests start). */
export const TEST_DATA_DIR = join(tmpdir(), `citebot-test-data-${process.pid}`);
/**
 * The run's temporary folder (TMPDIR of the test workers and the processes they start): every
 * `mkdtemp` of a test lands in it, and it goes when the run ends, whether or not a test cleaned up.
 */
export const TEST_TMP_DIR = join(tmpdir(), `citebot-test-tmp-${process.pid}`);
/** Set in the environment of every process a test starts (and so of whatever those start). */
export const TEST_MARK = 'CITEBOT_STARTED_BY_TEST';

/** citebot processes that a test of this project started (their environment carries TEST_MARK=ROOT). */
function leftovers(): Array<{ pid: number; args: string }> {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const found: Array<{ pid: number; args: string }> = [];
  for (const line of lines) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const pid = Number(match[1]);
    const args = match[2] ?? '';
    if (pid === process.pid || !/src\/(?:main|cli\/main|shardEntry)\.(?:ts|mjs)/.test(args)) continue;
    try {
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (environment.includes(`${TEST_MARK}=${ROOT}`)) found.push({ pid, args });
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
  mkdirSync(TEST_TMP_DIR, { recursive: true });
  return () => {
    rmSync(TEST_TMP_DIR, { recursive: true, force: true });
    rmSync(TEST_CACHE_DIR, { recursive: true, force: true });
    rmSync(TEST_DATA_DIR, { recursive: true, force: true });
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
