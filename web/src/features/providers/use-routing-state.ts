import { useApi } from '../../api/use-api';

export interface Cooldown {
  connectionId: string;
  until: number;
  level: number;
  reason: string;
  retryAfter: boolean;
}

export interface Breaker {
  provider: string;
  state: 'closed' | 'open' | 'half_open';
  failures: number;
  nextProbeAt?: number;
}

export interface Lockout {
  connectionId: string;
  model: string;
  until: number;
  failures: number;
}

/** Live cooldowns, breakers and model lockouts (`GET /api/resilience`), refreshed every 10 s. */
export function useRoutingState() {
  return useApi<{ state: { cooldowns: Cooldown[]; breakers: Breaker[]; lockouts: Lockout[] } }>('/api/resilience', {
    refreshMs: 10_000,
  });
}
