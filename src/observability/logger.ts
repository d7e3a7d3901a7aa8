import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths pino censors wherever they appear in a logged object: credentials never reach the log. */
const redactPaths = [
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-goog-api-key"]',
  'req.headers.cookie',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { service: 'omniroute' } });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
