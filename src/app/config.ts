import { existsSync } from 'node:fs';
import { z } from 'zod';
import { type DatabaseConfig, databaseConfig } from '../db/databaseConfig.ts';
import { parseAllowList } from '../lib/safeFetch.ts';

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

/** INGEST_SERVERS: `all`, `none`, or server ids separated by commas. */
const ingestServers = z
  .string()
  .optional()
  .transform((value, context): 'all' | 'none' | string[] => {
    const text = (value ?? 'all').trim().toLowerCase();
    if (text === 'all' || text === 'none') return text;
    const ids = text.split(/[\s,]+/).filter(Boolean);
    if (!ids.length || ids.some((id) => !/^\d{15,25}$/.test(id))) {
      context.addIssue({ code: 'custom', message: 'expected all, none, or server ids separated by commas' });
      return z.NEVER;
    }
    return ids;
  });

/** Variables every mode shares. */
const commonSchema = z.object({
  INGEST_SERVERS: ingestServers,
  SERVER_MAX_ARTICLES: positiveInt(200),
  SERVER_MAX_BYTES: positiveInt(20 * 1024 * 1024),
  SERVER_DATA_DAYS: positiveInt(30),
  SERVER_SENTENCES_IN_MEMORY: positiveInt(100_000),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://discord.com/api' })
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  CORPUS_DIR: z.string().min(1).default('./corpus'),
  COOLDOWN_COMMANDS: positiveInt(5),
  COOLDOWN_SECONDS: positiveInt(10),
  WATCH_CORPUS: z
    .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
    .optional()
    .transform((v) => v === undefined || v === 'true' || v === '1'),
  CITEBOT_PICTURES: z
    .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
    .optional()
    .transform((v) => v === undefined || v === 'true' || v === '1'),
  INGEST_ALLOW_PRIVATE: z
    .string()
    .optional()
    .transform((value, context) => {
      try {
        return parseAllowList(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
});

/** The environment of the Discord bot, validated at start. */
const botSchema = commonSchema.extend({
  DISCORD_TOKEN: z
    .string({ error: 'is required' })
    .regex(TOKEN, 'is malformed (expected the bot token from the developer portal)'),
});

/** The environment of the HTTP interactions endpoint (`citebot serve`). */
const serveSchema = commonSchema.extend({
  DISCORD_PUBLIC_KEY: z
    .string({ error: 'is required (the application’s public key, from the developer portal)' })
    .regex(/^[0-9a-fA-F]{64}$/, 'is malformed (expected 64 hexadecimal characters)'),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'expected a port number')
    .transform(Number)
    .refine((n) => n > 0 && n < 65536, 'expected a port from 1 to 65535')
    .optional()
    .transform((n) => n ?? 8787),
});

/** The bot's configuration, after validation. */
export interface BotConfig {
  token: string;
  apiUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  corpusDir: string;
  cooldown: { commands: number; seconds: number };
  /** Reload when articles in the corpus folder change. */
  watchCorpus: boolean;
  /** Private addresses and ranges /ingest may fetch from (none by default: see `fetchPage`). */
  ingestAllowPrivate: string[];
  /** Whether /where and /when replies carry a picture (a locator map, a timeline); on when not given. */
  pictures?: boolean;
  /** The servers whose members may /ingest: all, none, or these ids. */
  ingestServers: 'all' | 'none' | string[];
  /** Each server's limits on its own articles. */
  serverLimits: { maxArticles: number; maxBytes: number };
  /** Days a server's data is kept after the bot is removed from it. */
  serverDataDays: number;
  /**
   * How many sentences the servers' own indexes held in memory may have together (the least recently
   * asked server's goes first, and loads again from the database when asked); the default when not given.
   */
  serverSentencesInMemory?: number;
  /** Where servers' data is kept (CITEBOT_DATA_DIR or DATABASE_URL). */
  database: DatabaseConfig;
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

/** Parses the environment with a schema; the first problem becomes one ConfigError line. */
function parse<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(present(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`config: ${variable} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}

/** The settings every mode shares, from validated variables. */
function common(c: z.infer<typeof commonSchema>, env: NodeJS.ProcessEnv): Omit<BotConfig, 'token'> {
  let database: DatabaseConfig;
  try {
    database = databaseConfig(env);
  } catch (error) {
    throw new ConfigError((error as Error).message.replace(/^database: /, 'config: '));
  }
  return {
    database,
    apiUrl: c.DISCORD_API_URL?.replace(/\/+$/, ''),
    logLevel: c.LOG_LEVEL,
    corpusDir: c.CORPUS_DIR,
    cooldown: { commands: c.COOLDOWN_COMMANDS, seconds: c.COOLDOWN_SECONDS },
    watchCorpus: c.WATCH_CORPUS,
    ingestAllowPrivate: c.INGEST_ALLOW_PRIVATE,
    pictures: c.CITEBOT_PICTURES,
    ingestServers: c.INGEST_SERVERS,
    serverLimits: { maxArticles: c.SERVER_MAX_ARTICLES, maxBytes: c.SERVER_MAX_BYTES },
    serverDataDays: c.SERVER_DATA_DAYS,
    serverSentencesInMemory: c.SERVER_SENTENCES_IN_MEMORY,
  };
}

/** Validates the bot's environment; throws ConfigError with one clear line for the first problem. */
export function botConfig(env: NodeJS.ProcessEnv): BotConfig {
  const c = parse(botSchema, env);
  return { token: c.DISCORD_TOKEN, ...common(c, env) };
}

/** The HTTP endpoint's configuration, after validation. */
export interface ServeConfig extends Omit<BotConfig, 'token'> {
  publicKey: string;
  port: number;
}

/** Validates the HTTP endpoint's environment; throws ConfigError with one clear line. */
export function serveConfig(env: NodeJS.ProcessEnv): ServeConfig {
  const c = parse(serveSchema, env);
  return { publicKey: c.DISCORD_PUBLIC_KEY, port: c.PORT, ...common(c, env) };
}

/** Loads `.env` from the working directory into process.env, if there is one (set variables win). */
export function loadDotEnv(file = '.env'): void {
  if (!existsSync(file)) return;
  const before = { ...process.env };
  process.loadEnvFile(file);
  Object.assign(process.env, before);
}
