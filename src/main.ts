import { resolve } from 'node:path';
import { Citebot } from './answer/engine.ts';
import { startConsole } from './console/console.ts';

/**
 * `npm start`: the bot's main job. Without DISCORD_TOKEN it says so in one line and opens the local
 * console, where the slash commands answer as they would in Discord.
 */
async function main(): Promise<void> {
  const corpus = resolve(process.env.CORPUS_DIR || './corpus');
  let bot: Citebot;
  try {
    bot = Citebot.load(corpus);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  for (const p of bot.problems) process.stderr.write(`corpus: skipped ${p.file}: ${p.problem}\n`);
  if (process.env.DISCORD_TOKEN) {
    process.stderr.write(
      'DISCORD_TOKEN is set, but this build has no Discord client yet: opening the local console.\n',
    );
  } else {
    process.stdout.write(
      'DISCORD_TOKEN is not set: opening the local console instead of connecting to Discord.\n',
    );
  }
  await startConsole(bot);
}

await main();
