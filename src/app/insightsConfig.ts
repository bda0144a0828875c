import { z } from 'zod';
import { ConfigError } from './config.ts';

/** What the question log needs from the environment. */
export interface InsightsConfig {
  /** How many days questions and votes are kept; 0 keeps nothing (no record, no vote buttons). */
  retentionDays: number;
  /** The data folder (the member key file lives there unless `secret` is set). */
  dataDir: string;
  /** The key of the member-id hash, or undefined to use the data folder's key file. */
  secret: string | undefined;
}

const schema = z.object({
  CITEBOT_RETENTION_DAYS: z
    .string()
    .regex(/^\d{1,4}$/, 'expected a whole number of days (0 keeps nothing)')
    .optional()
    .transform((v) => (v === undefined ? 30 : Number(v))),
  CITEBOT_DATA_DIR: z.string().min(1).default('./data'),
  CITEBOT_SECRET: z.string().min(16, 'is too short (use at least 16 characters)').optional(),
});

/**
 * Reads CITEBOT_RETENTION_DAYS (default 30), CITEBOT_DATA_DIR (default ./data) and CITEBOT_SECRET
 * (optional) from the environment; empty variables count as unset. Throws ConfigError with one line
 * naming the variable, never its value.
 */
export function insightsConfig(env: NodeJS.ProcessEnv): InsightsConfig {
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string' && v !== ''));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `config: ${String(issue?.path[0] ?? 'environment')} ${issue?.message ?? 'is invalid'}`,
    );
  }
  return {
    retentionDays: parsed.data.CITEBOT_RETENTION_DAYS,
    dataDir: parsed.data.CITEBOT_DATA_DIR,
    secret: parsed.data.CITEBOT_SECRET,
  };
}
