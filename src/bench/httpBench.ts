/**
 * `npm run bench:http`: drives the HTTP interactions endpoint with signed requests over loopback and
 * prints requests/s, p50/p99 latency and errors, for slash commands and, side by side, for PING only
 * (the cost of HTTP and the signature check alone). The server runs as its own process (`citebot
 * serve`), as in production; the load is bounded in time and count and goes to 127.0.0.1 only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../lib/freePort.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 50_000);
const CONNECTIONS = 10;

/** A mix of commands as members use them. */
const MIX: Array<{ name: string; option?: string; values?: string[] }> = [
  {
    name: 'ask',
    option: 'question',
    values: [
      'Where was the conference held?',
      'Who spoke?',
      'What did the guests commend?',
      'How many countries took part?',
    ],
  },
  { name: 'who', option: 'name', values: ['', 'Liu', 'representatives'] },
  { name: 'where', option: 'place', values: ['', 'Changchun'] },
  { name: 'when', option: 'date', values: ['', 'Monday'] },
  { name: 'themes', option: 'theme', values: ['', 'grain production'] },
  { name: 'search', option: 'words', values: ['energy transition', 'political parties'] },
  { name: 'source' },
];

function commandBodies(count: number): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = MIX[i % MIX.length] as (typeof MIX)[number];
    const value = entry.values ? entry.values[Math.floor(i / MIX.length) % entry.values.length] : '';
    const options = entry.option && value ? [{ name: entry.option, type: 3, value }] : [];
    const userId = String(1_900_000_000_000_000_000n + BigInt(i));
    bodies.push(
      JSON.stringify({
        id: String(2_000_000_000_000_000_000n + BigInt(i)),
        application_id: '1100000000000000001',
        type: 2,
        token: `bench-token-${i}`,
        version: 1,
        guild_id: '1200000000000000001',
        channel_id: '1300000000000000001',
        member: { user: { id: userId, username: 'bench' }, permissions: '0' },
        data: { id: '1', name: entry.name, type: 1, options },
      }),
    );
  }
  return bodies;
}

function signedRequests(bodies: string[], key: KeyObject): autocannon.Request[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return bodies.map((body) => ({
    method: 'POST',
    path: '/interactions',
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-timestamp': timestamp,
      'x-signature-ed25519': sign(
        null,
        Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]),
        key,
      ).toString('hex'),
    },
  }));
}

async function startServer(publicHex: string, port: number): Promise<ChildProcess> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DISCORD_TOKEN: '',
      DISCORD_PUBLIC_KEY: publicHex,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // The benchmark measures answering, not the per-user rate limit.
      COOLDOWN_COMMANDS: '1000000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('bench: the server did not start');
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

async function run(name: string, port: number, requests: autocannon.Request[]): Promise<Row> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    maxOverallRequests: MAX_REQUESTS,
    requests,
  });
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
const port = await freePort();
const server = await startServer(publicHex, port);
try {
  const ping = signedRequests(
    [JSON.stringify({ id: '1', type: 1, application_id: '1', token: 't', version: 1 })],
    privateKey,
  );
  const commands = signedRequests(commandBodies(700), privateKey);
  // Warm up (JIT, WordNet pages) before measuring.
  await autocannon({ url: `http://127.0.0.1:${port}`, connections: 2, amount: 500, requests: commands });
  const rows = [await run('slash commands (mix)', port, commands), await run('PING only', port, ping)];
  console.log(
    `\nHTTP interactions endpoint, ${CONNECTIONS} connections, up to ${DURATION_S} s or ${MAX_REQUESTS} requests each, loopback\n`,
  );
  console.log('| load | requests/s | p50 ms | p99 ms | requests | errors |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows)
    console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.requests} | ${r.errors} |`);
} finally {
  server.kill('SIGTERM');
  await once(server, 'exit');
}
