import { createInterface } from 'node:readline';
import { loadDotEnv } from '../app/config.ts';
import { printAbovePrompt, startConsole } from '../console/console.ts';
import { runServe } from '../http/serve.ts';
import { createLogger } from '../lib/log.ts';
import { runCli } from './program.ts';

loadDotEnv();

/** The `citebot` executable: runs the CLI with the real terminal and exits with its code. */
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  env: process.env,
  lines: () => createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY }),
  aboveConsole: printAbovePrompt,
  startConsole: (bot) => startConsole(bot),
  serve: async (config) => {
    await runServe(config, createLogger(config.logLevel));
    await new Promise(() => {});
  },
});
process.exitCode = code;
