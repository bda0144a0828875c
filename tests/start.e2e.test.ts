import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/lib/freePort.ts';
import { FAKE_TOKEN, FakeDiscord } from './fakeDiscord.ts';
import { TEST_MARK } from './globalSetup.ts';
import { ROOT, type Started, startCitebot, startProcess, stopAll } from './processes.ts';

/** Runs `src/main.ts` (what `npm start` runs), or other arguments, with an environment, collecting its output. */
function start(env: NodeJS.ProcessEnv, args = ['src/main.ts']): Started {
  return startCitebot(args, { CITEBOT_HISTORY: 'off', ...env }, true);
}

/** Runs an npm script the way a user does, in its own process group; SIGTERM goes to the npm process itself. */
function npmRun(script: string[], env: NodeJS.ProcessEnv): Started {
  return startProcess('npm', ['run', ...script], { CITEBOT_HISTORY: 'off', ...env }, true);
}

/** Whether any process of a process group is still alive. */
function groupAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

afterAll(stopAll);

describe('npm start', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('with DISCORD_TOKEN logs in, logs one ready line and stops cleanly on SIGTERM', async () => {
    const run = start({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'info' });
    await fake.waitFor(() => run.output().includes('"msg":"ready"'), 30_000, 'the ready line');
    const ready = JSON.parse(
      run
        .output()
        .split('\n')
        .find((l) => l.includes('"msg":"ready"')) ?? '{}',
    );
    expect(ready).toMatchObject({ user: 'citebot', guilds: 1, articles: 1, sentences: 8 });
    expect(await run.stop()).toBe(0);
    expect(run.output()).not.toContain(FAKE_TOKEN);
  });

  it('stops on SIGTERM sent to the npm process itself, gateway and console, exit 0, nothing left', async () => {
    for (const env of [
      { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'info' },
      { DISCORD_TOKEN: '' },
    ]) {
      const run = npmRun(['start'], env);
      await waitFor(() => /"msg":"ready"|citebot console/.test(run.output()), 30_000);
      expect(run.output()).toMatch(/"msg":"ready"|citebot console/);
      const stopped = Date.now();
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);
      expect(Date.now() - stopped).toBeLessThan(5_000);
      await waitFor(() => !groupAlive(run.child.pid), 2_000);
      expect(groupAlive(run.child.pid)).toBe(false);
      await run.stop();
    }
  });

  it('exits within the shutdown deadline when the gateway goes away in the same tick as SIGTERM', async () => {
    // Its own fake, whose gateway goes silent (its host gone: no reply to the bot's close frame) and
    // then closes every socket, in the tick the signal is sent to `npm start`'s process group.
    const gone = await FakeDiscord.start();
    const run = npmRun(['start'], {
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: gone.apiUrl,
      LOG_LEVEL: 'info',
    });
    try {
      await gone.waitFor(() => run.output().includes('"msg":"ready"'), 30_000, 'the ready line');
      const pid = run.child.pid as number;
      gone.freezeConnections();
      process.kill(-pid, 'SIGTERM');
      // The deadline is 5 s; give the processes as long again to be gone.
      await waitFor(() => !groupAlive(pid), 10_000);
      expect(groupAlive(pid)).toBe(false);
      expect(run.output()).toMatch(
        /"unfinished":\["discord client[^"]*"\].*"msg":"shutdown: still waiting after 5000 ms; exiting anyway"/,
      );
      // The same with the gateway's sockets closed outright in that tick: a clean stop, exit 0.
      const closed = await FakeDiscord.start();
      const again = npmRun(['start'], { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: closed.apiUrl });
      try {
        await closed.waitFor(() => again.output().includes('"msg":"ready"'), 30_000, 'the ready line');
        const stopping = closed.stop();
        process.kill(-(again.child.pid as number), 'SIGTERM');
        await stopping;
        await waitFor(() => !groupAlive(again.child.pid), 10_000);
        expect(groupAlive(again.child.pid)).toBe(false);
      } finally {
        await again.stop(1_000);
      }
    } finally {
      await run.stop(1_000);
      await gone.stop();
    }
  });

  it('with a malformed variable prints one line and exits 1', async () => {
    const run = start({ DISCORD_TOKEN: 'not-a-token', DISCORD_API_URL: fake.apiUrl });
    expect(await run.exit).toBe(1);
    expect(run.output()).toBe(
      'config: DISCORD_TOKEN is malformed (expected the bot token from the developer portal)\n',
    );
  });

  it('without DISCORD_TOKEN says so in one line and opens the console', async () => {
    const run = start({ DISCORD_TOKEN: '' });
    run.child.stdin?.end('/where Changchun\n');
    expect(await run.exit).toBe(0);
    const lines = run.output().split('\n');
    expect(lines[0]).toBe(
      'DISCORD_TOKEN is not set: opening the local console instead of connecting to Discord.',
    );
    expect(run.output()).toContain('Changchun — the capital city of Jilin Province');
  });
});

describe("the README's command-line examples", () => {
  it('`npm run -s cli -- who --json` prints only JSON on stdout (no npm banner)', () => {
    const run = spawnSync('npm', ['run', '-s', 'cli', '--', 'who', '--json'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CITEBOT_CACHE_DIR: process.env.CITEBOT_CACHE_DIR,
        [TEST_MARK]: ROOT,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).command).toBe('who');
  });
});

describe('citebot serve', () => {
  it('listens, answers /healthz, and exits 0 on SIGTERM', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const hex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
    const port = await freePort();
    const run = start({ DISCORD_PUBLIC_KEY: hex, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' }, [
      'src/cli/main.ts',
      'serve',
    ]);
    const deadline = Date.now() + 30_000;
    while (!run.output().includes('listening for interactions') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', articles: 1, sentences: 8 });
    expect(await run.stop()).toBe(0);
  });

  it('stops on SIGTERM sent to the npm process of `npm run cli -- serve`, exit 0, nothing left', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const hex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
    const port = await freePort();
    const run = npmRun(['cli', '--', 'serve'], {
      DISCORD_PUBLIC_KEY: hex,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    await waitFor(() => run.output().includes('listening for interactions'), 30_000);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    await waitFor(() => !groupAlive(run.child.pid), 2_000);
    expect(groupAlive(run.child.pid)).toBe(false);
    await run.stop();
  });

  it('with its port taken, or a HOST not of this machine, prints one line naming it and exits 1', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const hex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const run = start(
        { DISCORD_PUBLIC_KEY: hex, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
        ['src/cli/main.ts', 'serve'],
      );
      // A bounded wait: before, the process stayed alive without listening.
      const stillRunning = new Promise((r) => setTimeout(() => r('still running'), 20_000).unref());
      expect(await Promise.race([run.exit, stillRunning])).toBe(1);
      expect(run.output()).toBe(
        `serve: port ${port} is already in use (127.0.0.1:${port}); set PORT (or --port) to a free port\n`,
      );
      const elsewhere = start(
        { DISCORD_PUBLIC_KEY: hex, PORT: String(port), HOST: '192.0.2.1', LOG_LEVEL: 'warn' },
        ['src/cli/main.ts', 'serve'],
      );
      expect(await elsewhere.exit).toBe(1);
      expect(elsewhere.output()).toMatch(/^serve: cannot listen on 192\.0\.2\.1:\d+: .*; set HOST [^\n]*\n$/);
    } finally {
      taken.close();
    }
  });

  it('without DISCORD_PUBLIC_KEY prints one line and exits 1', async () => {
    const run = start({ DISCORD_PUBLIC_KEY: '' }, ['src/cli/main.ts', 'serve']);
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/^config: DISCORD_PUBLIC_KEY is required[^\n]*\n$/);
  });
});
