import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_MARK } from './globalSetup.ts';

/** The project's root folder. */
export const ROOT = join(import.meta.dirname, '..');

/** A citebot process started by a test, with its output and its exit. */
export interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
  /** Stops the process and everything it started (its process group): SIGTERM, then SIGKILL after `graceMs`. Resolves once it has exited. */
  stop: (graceMs?: number) => Promise<number | null>;
}

/** Every process started here that has not been stopped yet: `stopAll` ends them (an afterAll safety net). */
const running = new Set<Started>();

/**
 * Starts `node --import tsx <args>` in the project root (one node process, as `npm start` runs it),
 * in its own process group so that a stop reaches the shards it forks too.
 */
export function startCitebot(args: string[], env: NodeJS.ProcessEnv, stdin = false): Started {
  return startProcess(process.execPath, ['--import', 'tsx', ...args], env, stdin);
}

/**
 * Starts a command in the project root in its own process group, marked as started by a test,
 * collecting its output (stdout and stderr together). `stop` sends SIGTERM to the process itself.
 */
export function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin = false,
): Started {
  let output = '';
  const child = spawn(command, args, {
    cwd: ROOT,
    // The run's private cache folder (vitest.config.ts), so no index lands in the user's ~/.cache.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CITEBOT_CACHE_DIR: process.env.CITEBOT_CACHE_DIR,
      // The run's private data folder (vitest.config.ts), unless the test names its own database.
      CITEBOT_DATA_DIR: process.env.CITEBOT_DATA_DIR,
      [TEST_MARK]: ROOT,
      ...env,
    },
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const group = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const started: Started = {
    child,
    output: () => output,
    exit,
    stop: async (graceMs = 5_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => group('SIGKILL'), graceMs);
      const code = await exit;
      clearTimeout(timer);
      // Whatever the process forked (shards) goes with it.
      group('SIGKILL');
      running.delete(started);
      return code;
    },
  };
  running.add(started);
  return started;
}

/** Stops every process a test file started and has not stopped (call it in afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop(2_000)));
}
