import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * The operator's log: structured JSON lines (pino), pretty on a terminal. The token and authorization
 * headers are redacted wherever they appear.
 */
export function createLogger(
  level: string,
  options: { pretty?: boolean; destination?: pino.DestinationStream } = {},
): Logger {
  const pretty = options.pretty ?? (process.stdout.isTTY === true && !options.destination);
  const base: pino.LoggerOptions = {
    level,
    base: { app: 'citebot' },
    redact: {
      paths: ['token', '*.token', 'DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  };
  if (options.destination) return pino(base, options.destination);
  if (pretty)
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,app' } },
    });
  return pino(base);
}
