export interface Breaker {
  provider: string;
  state: 'CLOSED' | 'OPEN' | 'HALF_OPEN';
  failures: number;
  openedAt?: number;
  nextProbeAt?: number;
}

export interface Cooldown {
  connectionId: string;
  until: number;
  level: number;
  reason: string;
  retryAfter: boolean;
}

export interface Lockout {
  connectionId: string;
  model: string;
  until: number;
  failures: number;
}

export interface BackendHealth {
  backend: string;
  status: 'up' | 'down' | 'connecting';
  /** Shared concerns: `local` while Redis is away (each process serves with its own state). */
  serving?: 'local' | 'redis';
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  uptimeSeconds: number;
  version: string;
  memory: { rss: number; heapUsed: number };
  database: { ok: boolean; sizeBytes: number | null; path: string; error?: string };
  /** Storage (`sqlite`/`postgres`) and each shared concern (`local`/`redis`). */
  backends: Record<string, BackendHealth>;
  catalogCount: number;
  configuredCount: number;
  activeCount: number;
  monitoredCount: number;
  breakers: Breaker[];
  cooldowns: Cooldown[];
}

export interface ResilienceView {
  state: { cooldowns: Cooldown[]; breakers: Breaker[]; lockouts: Lockout[] };
}

export interface AccountLoad {
  connectionId: string;
  provider: string;
  name: string;
  cooldown: unknown;
  active: number;
  queued: number;
  inFlight: number;
  served: number;
}
