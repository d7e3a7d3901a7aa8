import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';

/** Everything the process needs to start, from flags, environment and defaults (in that order of precedence). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  configFile: string | undefined;
  initialPassword: string | undefined;
  requireApiKey: boolean;
  storageEncryptionKey: string | undefined;
  /** `postgres://…`: store everything in PostgreSQL instead of the data folder's SQLite file. */
  databaseUrl: string | undefined;
  /** `redis://…`: share runtime state (cooldowns, breakers, lockouts) with the other gateway processes. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel (`REDIS_PREFIX`): several gateways (or tests) can share one Redis. */
  redisPrefix: string;
  logLevel: string;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  upstream: UpstreamTimeouts;
  /** How long in-flight requests may run after a shutdown signal before they are cut. */
  shutdownGraceMs: number;
  auth: AuthConfig;
  /** A separate, unauthenticated Prometheus listener (`METRICS_PORT`); without it `/metrics` needs management auth. */
  metrics?: { port: number; host: string };
}

/** Dashboard login: session lifetime and brute-force protection. */
export interface AuthConfig {
  /** A session unused this long ends; one used after half of it gets the full lifetime again (sliding). */
  sessionLifetimeMs: number;
  /** No renewal keeps a session alive longer than this after its login. */
  sessionMaxAgeMs: number;
  loginThrottle: LoginThrottleConfig;
}

export interface LoginThrottleConfig {
  /** Failed logins from one IP within `windowMs` before it is locked out. */
  maxFailures: number;
  windowMs: number;
  /** The first lockout; each further failure doubles it, up to `maxLockoutMs`. */
  baseLockoutMs: number;
  maxLockoutMs: number;
  /** IPs tracked at most (least recently seen forgotten first): a flood of addresses cannot grow memory. */
  maxTrackedIps: number;
}

const hourMs = 60 * 60 * 1000;

export interface UpstreamTimeouts {
  connectTimeoutMs: number;
  /** Time allowed until the upstream's response headers arrive. */
  headersTimeoutMs: number;
  /** Longest silence allowed between two body chunks (a stalled stream fails instead of hanging). */
  streamIdleTimeoutMs: number;
}

export const defaultPort = 20128;

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).optional(),
  OMNIROUTE_CONFIG: z.string().min(1).optional(),
  INITIAL_PASSWORD: z.string().min(1).optional(),
  REQUIRE_API_KEY: booleanText.optional(),
  STORAGE_ENCRYPTION_KEY: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for the embedded SQLite database)')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'must be 1-64 letters, digits, or _ : . -')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  BODY_LIMIT_MB: z.coerce.number().positive().optional(),
  UPSTREAM_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  UPSTREAM_HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  STREAM_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).optional(),
});

/** Command-line flags; each overrides its environment variable. */
export interface ConfigFlags {
  port?: number;
  host?: string;
  dataDir?: string;
  configFile?: string;
}

export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

export function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new GatewayError('invalid_request', `Invalid environment variable ${name}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const configFile = flags.configFile ?? e.OMNIROUTE_CONFIG;
  const sessionLifetime = Math.round((e.SESSION_TTL_HOURS ?? 7 * 24) * hourMs);
  return {
    port: flags.port ?? e.PORT ?? defaultPort,
    host: flags.host ?? e.HOST ?? '127.0.0.1',
    dataDir: resolve(expandHome(flags.dataDir ?? e.DATA_DIR ?? '~/.omniroute')),
    configFile: configFile === undefined ? undefined : resolve(expandHome(configFile)),
    initialPassword: e.INITIAL_PASSWORD,
    requireApiKey: e.REQUIRE_API_KEY ?? false,
    storageEncryptionKey: e.STORAGE_ENCRYPTION_KEY,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX ?? 'omniroute:',
    logLevel: e.LOG_LEVEL ?? 'info',
    bodyLimitBytes: Math.round((e.BODY_LIMIT_MB ?? 32) * 1024 * 1024),
    upstream: {
      connectTimeoutMs: e.UPSTREAM_CONNECT_TIMEOUT_MS ?? 10_000,
      headersTimeoutMs: e.UPSTREAM_HEADERS_TIMEOUT_MS ?? 600_000,
      streamIdleTimeoutMs: e.STREAM_IDLE_TIMEOUT_MS ?? 120_000,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS ?? 10_000,
    metrics: e.METRICS_PORT === undefined ? undefined : { port: e.METRICS_PORT, host: e.METRICS_HOST ?? '127.0.0.1' },
    auth: {
      sessionLifetimeMs: sessionLifetime,
      sessionMaxAgeMs: Math.max(30 * 24 * hourMs, sessionLifetime),
      loginThrottle: {
        maxFailures: 5,
        windowMs: 15 * 60 * 1000,
        baseLockoutMs: 30_000,
        maxLockoutMs: 15 * 60 * 1000,
        maxTrackedIps: 10_000,
      },
    },
  };
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
