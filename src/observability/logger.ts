import pino, { type Logger } from 'pino';
import { redacted } from './redact-secrets.js';

export type { Logger };

/**
 * Paths pino censors in a logged object, a safety net: credentials never reach the log. Pino compiles fixed paths
 * (one level of `*`), so it cannot apply the name rule of `isSecretField`; these are the names that rule matches
 * which our log calls can carry. Log an arbitrary object (a body, a config) through `redactSecrets` instead.
 */
const redactPaths = [
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers["proxy-authorization"]',
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.headers["x-goog-api-key"]',
  'req.headers.cookie',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: redacted }, base: { service: 'omniroute' } });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
