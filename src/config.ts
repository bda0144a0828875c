import { existsSync } from 'node:fs';
import { z } from 'zod';

/** Log levels pino knows. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A bot token: three base64url parts separated by dots. Only its shape is checked, never printed. */
const TOKEN = /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/;

const positiveInt = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .refine((n) => n > 0, 'expected a number above 0')
    .optional()
    .transform((n) => n ?? fallback);

/** The environment of the Discord bot, validated at start. */
const botSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is required' })
    .regex(TOKEN, 'is malformed (expected the bot token from the developer portal)'),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://discord.com/api' })
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  CORPUS_DIR: z.string().min(1).default('./corpus'),
  COOLDOWN_COMMANDS: positiveInt(5),
  COOLDOWN_SECONDS: positiveInt(10),
});

/** The bot's configuration, after validation. */
export interface BotConfig {
  token: string;
  apiUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  corpusDir: string;
  cooldown: { commands: number; seconds: number };
}

/** A configuration problem: one line naming the variable and what is wrong, never its value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Treats empty variables (as left by a copied .env.example) as unset. */
function present(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  );
}

/** Validates the bot's environment; throws ConfigError with one clear line for the first problem. */
export function botConfig(env: NodeJS.ProcessEnv): BotConfig {
  const parsed = botSchema.safeParse(present(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`config: ${variable} ${issue?.message ?? 'is invalid'}`);
  }
  const c = parsed.data;
  return {
    token: c.DISCORD_TOKEN,
    apiUrl: c.DISCORD_API_URL?.replace(/\/+$/, ''),
    logLevel: c.LOG_LEVEL,
    corpusDir: c.CORPUS_DIR,
    cooldown: { commands: c.COOLDOWN_COMMANDS, seconds: c.COOLDOWN_SECONDS },
  };
}

/** Loads `.env` from the working directory into process.env, if there is one (set variables win). */
export function loadDotEnv(file = '.env'): void {
  if (!existsSync(file)) return;
  const before = { ...process.env };
  process.loadEnvFile(file);
  Object.assign(process.env, before);
}
